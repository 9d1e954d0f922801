import type { IBinaryKeyData, IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { RunControl, RunStopped } from './control';
import type { EarlierOutcome } from './earlierTries';
import { earlierTries } from './earlierTries';
import { mustNotRepeat } from './mayHaveHappened';

type ItemError = NodeApiError | NodeOperationError;

/** What an item produced: its output items (none for a search that found nothing; a file beside one), or its failure. */
type ItemOutcome = { json: IDataObject[]; binary?: IBinaryKeyData } | { error: ItemError };

/** What an item sent on its own yields when its output carries a file: the JSON and the file beside it. */
export class WithBinary {
	constructor(
		readonly json: IDataObject,
		readonly binary: IBinaryKeyData,
	) {}
}

/** "item 3", "items 0–2, 5, 7–9". */
export function describeItems(itemIndexes: number[]): string {
	const sorted = [...itemIndexes].sort((a, b) => a - b);
	const ranges: string[] = [];
	for (let start = 0; start < sorted.length; ) {
		let end = start;
		while (end + 1 < sorted.length && sorted[end + 1] === sorted[end] + 1) end++;
		ranges.push(end === start ? `${sorted[start]}` : `${sorted[start]}–${sorted[end]}`);
		start = end + 1;
	}
	return `${sorted.length === 1 ? 'item' : 'items'} ${ranges.join(', ')}`;
}

/**
 * The run semantics of one execution, in one place: what each input item produced, and what
 * n8n's "On Error" setting makes of a failure.
 * - Stop (no "Continue On Fail"): the first failure stops the run (no request leaves after it,
 *   see RunControl); once the requests on the wire have finished, that failure is thrown, saying
 *   which items MoEngage had already accepted and which were not sent.
 * - Continue (regular or error output): every item gets exactly one output item, in input order
 *   and paired with it; a failure is an error item (see errorItemJson), which n8n routes to the
 *   error output when the node has one.
 * - Cancel: nothing more is sent, waits end at once, and the run ends.
 */
export class ItemRun {
	private readonly byItem = new Map<number, ItemOutcome>();

	private firstFailure?: ItemError;

	readonly continueOnFail: boolean;

	readonly control: RunControl;

	private readonly errorOutput: boolean;

	/** Shared by the tries of this node run (n8n's Retry On Fail): see earlierTries.ts. */
	private readonly earlier: Map<number, EarlierOutcome>;

	constructor(private readonly context: IExecuteFunctions) {
		this.continueOnFail = context.continueOnFail();
		const tries = earlierTries(context);
		this.earlier = tries.outcomes;
		this.errorOutput = context.getNode().onError === 'continueErrorOutput';
		this.control = new RunControl(context.getExecutionCancelSignal?.(), { inDoubt: tries.inDoubt });
	}

	succeed(itemIndex: number, json: IDataObject): void {
		this.succeedMany(itemIndex, [json]);
	}

	/** Records the output items of an item that yields a list (e.g. one per campaign found), each paired with it. */
	succeedMany(itemIndex: number, jsons: IDataObject[]): void {
		this.byItem.set(itemIndex, { json: jsons });
		this.earlier.set(itemIndex, { kind: 'accepted', jsons });
	}

	/** Records what an item sent on its own yields: one output item, with its file when it has one. */
	succeedWith(itemIndex: number, output: IDataObject | WithBinary): void {
		if (output instanceof WithBinary) this.succeedWithBinary(itemIndex, output.json, output.binary);
		else this.succeed(itemIndex, output);
	}

	/** Records an item's output item that carries a file (n8n binary data, already stored by n8n) beside its JSON. */
	private succeedWithBinary(itemIndex: number, json: IDataObject, binary: IBinaryKeyData): void {
		this.byItem.set(itemIndex, { json: [json], binary });
		this.earlier.set(itemIndex, { kind: 'accepted', jsons: [json], binary });
	}

	/**
	 * Takes the item's outcome from an earlier try of this node run (n8n's Retry On Fail), when
	 * MoEngage accepted it then, or may have carried it out and it must not be repeated: the item
	 * is not sent again. Returns which, or undefined for an item to send.
	 */
	reuseEarlierTry(itemIndex: number): EarlierOutcome['kind'] | undefined {
		const earlier = this.earlier.get(itemIndex);
		if (earlier?.kind === 'accepted') this.byItem.set(itemIndex, { json: earlier.jsons, ...(earlier.binary ? { binary: earlier.binary } : {}) });
		if (earlier?.kind === 'mustNotRepeat') {
			const { message, description, httpCode } = earlier;
			const facts = [description, "not sent again by n8n's Retry On Fail"].filter(Boolean).join(' · ');
			this.fail(itemIndex, new NodeApiError(this.context.getNode(), { httpCode }, { message, description: facts, httpCode: httpCode ?? undefined, itemIndex }));
		}
		return earlier?.kind;
	}

	/** Records the item's failure; without "Continue On Fail" the run stops. A request that the stop kept from being sent is no failure. */
	fail(itemIndex: number, error: unknown): void {
		if (error instanceof RunStopped) {
			if (error.reason.kind !== 'unreachable') return;
			error = notSent(error.reason.error, itemIndex);
		}
		const itemError = this.toItemError(error, itemIndex);
		this.byItem.set(itemIndex, { error: itemError });
		if (mustNotRepeat(error)) {
			const { message, description, httpCode } = itemError as NodeApiError;
			this.earlier.set(itemIndex, { kind: 'mustNotRepeat', message, description, httpCode });
		}
		if (!this.continueOnFail) {
			this.firstFailure ??= itemError;
			this.control.stopOnFailure();
		}
	}

	/** Fails every item that has no outcome yet (e.g. when the credential is unusable). */
	failRemaining(itemCount: number, error: unknown): void {
		for (let itemIndex = 0; itemIndex < itemCount; itemIndex++) {
			if (!this.byItem.has(itemIndex)) this.fail(itemIndex, error);
		}
	}

	/** True once the run must not send anything more. */
	get stopped(): boolean {
		return this.control.stopReason !== undefined;
	}

	/**
	 * The node's output: the items of each input item (one, or a list for searches), in input order, each paired with its input item.
	 * Throws instead when the run was cancelled, or stopped on a failure.
	 */
	finish(itemCount: number): INodeExecutionData[] {
		if (this.control.cancelled) {
			throw new NodeOperationError(this.context.getNode(), 'The execution was cancelled', {
				description: this.progress(itemCount),
			});
		}
		if (this.firstFailure) {
			const progress = this.progress(itemCount);
			if (progress) this.firstFailure.description = [this.firstFailure.description, progress].filter(Boolean).join(' · ');
			throw this.firstFailure;
		}
		const output: INodeExecutionData[] = [];
		for (let itemIndex = 0; itemIndex < itemCount; itemIndex++) {
			const outcome = this.byItem.get(itemIndex);
			if (outcome === undefined) {
				throw new NodeOperationError(this.context.getNode(), `Item ${itemIndex} produced no result`, { itemIndex });
			}
			const pairedItem = { item: itemIndex };
			if ('error' in outcome) output.push({ json: errorItemJson(outcome.error, this.errorOutput), pairedItem });
			else for (const json of outcome.json) output.push({ json, ...(outcome.binary ? { binary: outcome.binary } : {}), pairedItem });
		}
		return output;
	}

	/** What MoEngage had accepted, and what was never sent, when the run ended early. */
	private progress(itemCount: number): string {
		const accepted: number[] = [];
		const notSent: number[] = [];
		for (let itemIndex = 0; itemIndex < itemCount; itemIndex++) {
			const outcome = this.byItem.get(itemIndex);
			if (outcome === undefined) notSent.push(itemIndex);
			else if ('json' in outcome) accepted.push(itemIndex);
		}
		const parts: string[] = [];
		if (accepted.length > 0) {
			parts.push(`MoEngage had already accepted ${describeItems(accepted)} (running the node again sends them again)`);
		}
		if (notSent.length > 0) parts.push(`not sent: ${describeItems(notSent)}`);
		return parts.join('; ');
	}

	private toItemError(error: unknown, itemIndex: number): ItemError {
		const itemError =
			error instanceof NodeApiError || error instanceof NodeOperationError
				? error
				: new NodeOperationError(this.context.getNode(), error instanceof Error ? error : String(error), { itemIndex });
		// One request's error is shared by its items: it keeps the item it was made for (the first).
		itemError.context.itemIndex ??= itemIndex;
		return itemError;
	}
}

/** The item's copy of the "MoEngage unreachable" error, for an item that was never sent. */
function notSent(unreachable: NodeApiError, itemIndex: number): NodeApiError {
	return new NodeApiError(
		unreachable.node,
		{ unreachable: true },
		{
			message: `${unreachable.message}; item ${itemIndex} was not sent`,
			description: unreachable.description ?? undefined,
			itemIndex,
		},
	);
}

/**
 * A failed item's JSON. n8n sends an item to the error output when its JSON is exactly
 * `{error}` or `{error, message}` (or when it carries `item.error`, but then n8n-core replaces
 * its JSON with the bare message and drops the input's fields). So for the error output the
 * details go in `message`; on the regular output they keep their own fields.
 */
function errorItemJson(error: ItemError, forErrorOutput: boolean): IDataObject {
	const httpCode = error instanceof NodeApiError ? error.httpCode : null;
	if (forErrorOutput) {
		const details = error.description ?? (httpCode ? `HTTP ${httpCode}` : undefined);
		return details ? { error: error.message, message: details } : { error: error.message };
	}
	const json: IDataObject = { error: error.message };
	if (error.description) json.description = error.description;
	if (httpCode) json.httpCode = httpCode;
	return json;
}
