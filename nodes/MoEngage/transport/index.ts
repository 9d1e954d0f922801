import type { IDataObject, IExecuteFunctions, ILoadOptionsFunctions, NodeApiError } from 'n8n-workflow';

import type { RunControl } from '../run/control';
import { RunStopped } from '../run/control';
import type { MoEngageEndpoint } from './api';
import type { DownloadedFile } from './attempt';
import { openWorkspace } from './attempt';
import { Breaker } from './breaker';
import { entriesOf } from './entries';
import type { RequestReport } from './errors';
import { failureError, moEngageUnreachableError } from './errors';
import { Pacers } from './pacer';
import type { RequestSettings } from './retry';
import { retryDelayMs } from './retry';
import type { AnswerShape } from './verdict';
import { aFile, aListOfObjects, anObject, anObjectOrNothing, classify } from './verdict';

export { CREDENTIAL_NAME } from './attempt';
export type { RequestSettings } from './retry';
export type { DownloadedFile } from './attempt';

/** Per-request knobs an operation may set. */
export interface RequestOptions {
	/** The item the request serves, so errors point at it. */
	itemIndex?: number;
	/** Who the request is for, e.g. `customer_id "u-9"` (one item) or `items 0–19` (a batch). */
	subject?: string;
	/** A batch names its items in `subject` itself. */
	batch?: boolean;
	headers?: Record<string, string>;
	/** Query parameters besides the workspace's `app_id`. */
	query?: Record<string, string | number>;
	/** MoEngage answers success with no body (Change Campaign Status's 200): read as `{}`. */
	answersNothing?: boolean;
	/** Values for the endpoint path's placeholders besides `{workspaceId}` (a segment's `{id}`), URL-encoded when sent. */
	pathParams?: Record<string, string>;
	/** Units of the endpoint's rate limit the request uses (users for Get User). */
	cost?: number;
	/**
	 * Reads an error answer that is an outcome, not a failure (Inform's 409 for a transaction it
	 * already has): what it returns is the request's result, undefined leaves it an error.
	 * `sentBefore`: an earlier attempt or try of this request may have been carried out.
	 */
	outcomeOf?: (statusCode: number, answer: unknown, sentBefore: boolean) => IDataObject | undefined;
}

/**
 * Talks to one MoEngage workspace for one execution: paces requests under MoEngage's limits,
 * retries what is safe to retry, waits out a blip and reports an outage to the run, never sends
 * once the run has stopped, and turns every failure into a NodeApiError that carries MoEngage's
 * own message (with every key masked).
 */
export interface MoEngageClient {
	readonly settings: RequestSettings;
	/** The run's time (its clock): when a request is made, e.g. a GDPR request's submitted_time. */
	now(): number;
	request(endpoint: MoEngageEndpoint, body: IDataObject, options?: RequestOptions): Promise<IDataObject>;
	/** For endpoints that answer a JSON array (Search Campaigns): the list of objects. */
	requestList(endpoint: MoEngageEndpoint, body: IDataObject, options?: RequestOptions): Promise<IDataObject[]>;
	/** For endpoints that answer a file (Download Campaign Report, a GET): its bytes and Content-Type. */
	requestFile(endpoint: MoEngageEndpoint, options?: RequestOptions): Promise<DownloadedFile>;
	/** Tells the user, next to the output, how many requests were retried or rate-limited. */
	reportHints(): void;
}

function subjectOf({ itemIndex, subject, batch }: RequestOptions): string {
	if (batch) return `the request for ${subject ?? 'several items'}`;
	if (itemIndex === undefined) return subject ? `the request for ${subject}` : 'the request';
	return subject ? `item ${itemIndex} (${subject})` : `item ${itemIndex}`;
}

/** A request that already had an attempt reports that attempt's failure when MoEngage is unreachable. */
function throwIfStopped(control: RunControl, lastError?: NodeApiError): void {
	const reason = control.stopReason;
	if (reason?.kind === 'unreachable' && lastError) throw lastError;
	if (reason) throw new RunStopped(reason);
}

/**
 * Checks the credential once per execution, before any request. Also serves the editor's list
 * searches (ILoadOptionsFunctions), which have no execution hints.
 */
export async function createMoEngageClient(
	this: IExecuteFunctions | ILoadOptionsFunctions,
	settings: RequestSettings,
	control: RunControl,
): Promise<MoEngageClient> {
	const workspace = await openWorkspace(this, settings.timeoutMs);
	const node = this.getNode();
	const { clock, inDoubt } = control;
	const pacers = new Pacers(settings.ratePerMinute, () => clock.now());
	const breaker = new Breaker(control, settings.maxWaitMs, (streak) => moEngageUnreachableError(node, streak));
	const stats = { retried: 0, rateLimited: 0 };

	/** attempt → verdict → done, or wait and go again: pace, breaker and stop switch before every send. */
	const exchange = async <T>(endpoint: MoEngageEndpoint, body: IDataObject, options: RequestOptions, shape: AnswerShape<T>, file = false): Promise<T> => {
		const pacer = pacers.for(endpoint);
		const entries = () => entriesOf(endpoint, body, options.query);
		const report: RequestReport = {
			subject: subjectOf(options),
			itemIndex: options.itemIndex,
			attempts: 0,
			key: workspace.keyFor(endpoint.path),
			effect: endpoint.effect,
			outcomeUnknown: !inDoubt.empty && inDoubt.includesAny(entries()),
			safeToRepeat: endpoint.safeToRepeat,
			...(endpoint.enablement === undefined ? {} : { enablement: endpoint.enablement }),
		};
		let lastError: NodeApiError | undefined;
		for (;;) {
			await control.sleep(pacer.book(options.cost ?? 1));
			const turn = await breaker.turn();
			throwIfStopped(control, lastError);
			report.attempts++;
			const result = await workspace.attempt(endpoint, body, { ...options, file });
			if (result.kind === 'noAnswer' && control.cancelled) throwIfStopped(control, lastError);
			breaker.record(turn, result);
			const verdict = classify(result, { safeToRepeat: endpoint.safeToRepeat, shape, outcomeOf: options.outcomeOf, sentBefore: report.outcomeUnknown });
			if (verdict.kind === 'done' || verdict.kind === 'outcome') return verdict.value;
			lastError = failureError(node, verdict.failure, report, settings.timeoutMs);
			if (verdict.kind === 'outcomeUnknown' || (verdict.kind === 'retry' && verdict.mayHaveActed)) {
				report.outcomeUnknown = true;
				inDoubt.add(entries());
			}
			const rateLimited = verdict.failure.kind === 'status' && verdict.failure.statusCode === 429;
			if (rateLimited) stats.rateLimited++;
			const delayMs = verdict.kind === 'retry' ? retryDelayMs(verdict.failure, report.attempts - 1, endpoint, settings, clock.now()) : undefined;
			if (delayMs === undefined) throw lastError;
			stats.retried++;
			if (rateLimited) pacer.holdUntil(clock.now() + delayMs);
			else await control.sleep(delayMs);
		}
	};

	return {
		settings,
		now: () => clock.now(),
		request: async (endpoint, body, options = {}) => await exchange(endpoint, body, options, options.answersNothing ? anObjectOrNothing : anObject),
		requestList: async (endpoint, body, options = {}) => await exchange(endpoint, body, options, aListOfObjects),
		requestFile: async (endpoint, options = {}) => await exchange(endpoint, {}, options, aFile, true),
		reportHints: () => {
			if (stats.retried === 0 || !('addExecutionHints' in this)) return;
			const limited = stats.rateLimited > 0 ? `, ${stats.rateLimited} of them rate-limited by MoEngage (429)` : '';
			this.addExecutionHints?.({
				message: `MoEngage: ${stats.retried} ${stats.retried === 1 ? 'request was' : 'requests were'} retried${limited}. If this happens often, lower the node's Rate Limit or Concurrency setting.`,
				location: 'outputPane',
			});
		},
	};
}
