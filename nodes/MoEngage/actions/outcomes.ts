import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

type ItemError = NodeApiError | NodeOperationError;

type ItemOutcome = { json: IDataObject } | { error: ItemError };

/**
 * Collects what each input item produced, so that batched and per-item operations share one
 * rule set: without "Continue On Fail" the first failure stops the execution and names its item;
 * with it, a failure becomes that item's error output and no other item is lost.
 */
export class ItemOutcomes {
	private readonly byItem = new Map<number, ItemOutcome>();

	private readonly continueOnFail: boolean;

	constructor(private readonly context: IExecuteFunctions) {
		this.continueOnFail = context.continueOnFail();
	}

	succeed(itemIndex: number, json: IDataObject): void {
		this.byItem.set(itemIndex, { json });
	}

	/** Records the item's error, or throws it when the workflow does not continue on fail. */
	fail(itemIndex: number, error: unknown): void {
		const itemError = this.toItemError(error, itemIndex);
		if (!this.continueOnFail) throw itemError;
		this.byItem.set(itemIndex, { error: itemError });
	}

	/** Fails every item that has no outcome yet (e.g. when the credential is unusable). */
	failRemaining(itemCount: number, error: unknown): void {
		for (let itemIndex = 0; itemIndex < itemCount; itemIndex++) {
			if (!this.byItem.has(itemIndex)) this.fail(itemIndex, error);
		}
	}

	/** One output item per input item, in input order, each paired with the item it came from. */
	toOutput(itemCount: number): INodeExecutionData[] {
		const output: INodeExecutionData[] = [];
		for (let itemIndex = 0; itemIndex < itemCount; itemIndex++) {
			const outcome = this.byItem.get(itemIndex);
			if (outcome === undefined) {
				throw new NodeOperationError(this.context.getNode(), `Item ${itemIndex} produced no result`, {
					itemIndex,
				});
			}
			const json = 'error' in outcome ? errorJson(outcome.error) : outcome.json;
			output.push({ json, pairedItem: { item: itemIndex } });
		}
		return output;
	}

	private toItemError(error: unknown, itemIndex: number): ItemError {
		const itemError =
			error instanceof NodeApiError || error instanceof NodeOperationError
				? error
				: new NodeOperationError(this.context.getNode(), error as Error, { itemIndex });
		itemError.context.itemIndex = itemIndex;
		return itemError;
	}
}

function errorJson(error: ItemError): IDataObject {
	const json: IDataObject = { error: error.message };
	if (error.description) json.description = error.description;
	if (error instanceof NodeApiError && error.httpCode) json.httpCode = error.httpCode;
	return json;
}
