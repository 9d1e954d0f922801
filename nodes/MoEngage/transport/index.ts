import type {
	IAdditionalCredentialOptions,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IN8nHttpFullResponse,
	NodeApiError,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { RunControl } from '../run/control';
import { RunStopped } from '../run/control';
import type { MoEngageEndpoint } from './api';
import { baseUrlOf, baseUrlProblem, credentialText, CUSTOM_DATA_CENTER, keyFor, secretsOf } from './credential';
import type { RequestReport } from './errors';
import {
	mayHaveReached,
	moEngageApiError,
	moEngageNetworkError,
	moEngageRedirectError,
	moEngageUnreadableAnswerError,
	moEngageUnreachableError,
	networkErrorCode,
	redactSecrets,
	reportsFailure,
} from './errors';
import { Pacer } from './pacer';
import type { AttemptFailure, RequestSettings } from './retry';
import { outcomeUnknown, retryDelayMs } from './retry';

export type { RequestSettings } from './retry';

export const CREDENTIAL_NAME = 'moEngageApi';

/**
 * Transport failures (no answer, 5xx) in a row after which MoEngage is treated as unreachable
 * and the run's remaining requests are not sent: enough that one bad moment of every request in
 * flight does not trip it, few enough that an outage costs seconds, not hours.
 */
export const UNREACHABLE_AFTER_FAILURES = 20;

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
	/** Units of the endpoint's rate limit the request uses (users for Get User). */
	cost?: number;
	/**
	 * Reads an error answer that is an outcome, not a failure (Inform's 409 for a transaction it
	 * already has): what it returns is the request's result, undefined leaves it an error.
	 */
	outcomeOf?: (statusCode: number, answer: unknown) => IDataObject | undefined;
}

/**
 * Talks to one MoEngage workspace for one execution. The credential's `authenticate` adds the
 * host, Basic auth with the key the endpoint needs and `MOE-APPKEY`; this client adds the
 * workspace query parameter and JSON, paces requests under MoEngage's limits, retries what is
 * safe to retry, never sends once the run has stopped, and turns every failure into a
 * NodeApiError that carries MoEngage's own message (with every key masked).
 */
export interface MoEngageClient {
	readonly settings: RequestSettings;
	request(endpoint: MoEngageEndpoint, body: IDataObject, options?: RequestOptions): Promise<IDataObject>;
	/** For endpoints that answer a JSON array (Search Campaigns): the list of objects. */
	requestList(endpoint: MoEngageEndpoint, body: IDataObject, options?: RequestOptions): Promise<IDataObject[]>;
	/** Tells the user, next to the output, how many requests were retried or rate-limited. */
	reportHints(): void;
}

function subjectOf({ itemIndex, subject, batch }: RequestOptions): string {
	if (batch) return `the request for ${subject ?? 'several items'}`;
	if (itemIndex === undefined) return subject ? `the request for ${subject}` : 'the request';
	return subject ? `item ${itemIndex} (${subject})` : `item ${itemIndex}`;
}

/** What the answer to a 2xx must be: the parsed value, or undefined when it is not that shape. */
type AnswerShape<T> = (answer: unknown) => T | undefined;

const anObject: AnswerShape<IDataObject> = (answer) =>
	typeof answer === 'object' && answer !== null && !Array.isArray(answer) ? (answer as IDataObject) : undefined;

const aListOfObjects: AnswerShape<IDataObject[]> = (answer) =>
	Array.isArray(answer) && answer.every((entry) => anObject(entry) !== undefined) ? (answer as IDataObject[]) : undefined;

/**
 * Checks the credential once per execution, before any request. Also serves the editor's list
 * searches (ILoadOptionsFunctions), which have no execution hints.
 */
export async function createMoEngageClient(
	this: IExecuteFunctions | ILoadOptionsFunctions,
	settings: RequestSettings,
	control: RunControl,
): Promise<MoEngageClient> {
	const credentials = await this.getCredentials(CREDENTIAL_NAME);
	const workspaceId = credentialText(credentials.workspaceId);
	if (!workspaceId) {
		throw new NodeOperationError(this.getNode(), 'The MoEngage credential has no Workspace ID', {
			description: 'Open the credential and fill in "Workspace ID" (Settings > Account > APIs).',
		});
	}
	if (credentials.dataCenter === CUSTOM_DATA_CENTER) {
		const problem = baseUrlProblem(baseUrlOf(credentials));
		if (problem) {
			throw new NodeOperationError(this.getNode(), `The MoEngage credential's Base URL ${problem}`, {
				description: 'The keys are sent to this URL: use https:// (http:// only for localhost), or choose your data center.',
			});
		}
	}
	const secrets = secretsOf(credentials);
	// Given the credential, n8n applies its `authenticate` as usual but does not read and decrypt
	// it again for every request: it is read once per execution, above.
	const stored = this.getNode().credentials?.[CREDENTIAL_NAME];
	const credentialOnce: IAdditionalCredentialOptions = {
		credentialsDecrypted: { id: stored?.id ?? '', name: stored?.name ?? '', type: CREDENTIAL_NAME, data: credentials },
	};
	const { clock } = control;
	const pacers = new Map<string, Pacer>();
	const pacerFor = (endpoint: MoEngageEndpoint) => {
		// Bulk Import's users and events share a path but not a budget.
		const key = `${endpoint.path} ${endpoint.rateLimit.unit}`;
		let pacer = pacers.get(key);
		if (!pacer) {
			pacer = new Pacer(settings.ratePerMinute, () => clock.now(), endpoint.rateLimit.requestsPerSecond);
			pacers.set(key, pacer);
		}
		return pacer;
	};
	const stats = { retried: 0, rateLimited: 0 };
	let failuresInARow = 0;

	/** One attempt: MoEngage's answer, whatever its status, or a network failure. */
	const send = async (endpoint: MoEngageEndpoint, body: IDataObject, { headers, query }: RequestOptions) => {
		const qs = {
			...query,
			...(endpoint.workspaceIdInQuery ? { app_id: workspaceId } : {}),
		};
		const options: IHttpRequestOptions = {
			method: endpoint.method,
			url: endpoint.path.replace('{workspaceId}', encodeURIComponent(workspaceId)),
			qs: Object.keys(qs).length > 0 ? qs : undefined,
			headers: { 'Content-Type': 'application/json', ...headers },
			// A GET carries its parameters in the query. The body goes as JSON text: n8n's HTTP client
			// (axios) deep-merges an object body and drops keys named "constructor" on the way, which
			// are attribute names like any other to MoEngage.
			body: endpoint.method === 'GET' ? undefined : JSON.stringify(body),
			json: true,
			timeout: settings.timeoutMs,
			returnFullResponse: true,
			// A redirect would hand the key to whichever host it names.
			disableFollowRedirect: true,
			// Status codes are judged here, where MoEngage's error bodies are read.
			ignoreHttpStatusErrors: true,
		};
		return (await this.helpers.httpRequestWithAuthentication.call(this, CREDENTIAL_NAME, options, credentialOnce)) as IN8nHttpFullResponse;
	};

	/** Counts transport failures in a row across the run; too many stop it. */
	const transportFailed = (problem: string) => {
		failuresInARow++;
		if (failuresInARow >= UNREACHABLE_AFTER_FAILURES) {
			control.stop({
				kind: 'unreachable',
				error: moEngageUnreachableError(this.getNode(), failuresInARow, problem),
			});
		}
	};

	const exchange = async <T>(endpoint: MoEngageEndpoint, body: IDataObject, options: RequestOptions, shape: AnswerShape<T>): Promise<T> => {
		const { cost = 1 } = options;
		const pacer = pacerFor(endpoint);
		const report: RequestReport = {
			subject: subjectOf(options),
			itemIndex: options.itemIndex,
			attempts: 0,
			key: keyFor(endpoint.path, credentials),
			effect: endpoint.effect,
			outcomeUnknown: false,
			safeToRepeat: endpoint.safeToRepeat,
		};
		/** The error to report if the run stops while this request waits to be retried. */
		let lastError: NodeApiError | undefined;
		/** Right before every send: a stopped run sends nothing more. */
		const stopIfNeeded = () => {
			const reason = control.stopReason;
			if (!reason) return;
			// A request that already had an attempt reports that attempt's failure.
			if (reason.kind === 'unreachable' && lastError) throw lastError;
			throw new RunStopped(reason);
		};
		const retryAfter = async (failure: AttemptFailure, error: () => NodeApiError) => {
			const delayMs = retryDelayMs(failure, report.attempts - 1, endpoint, settings, clock.now());
			if (delayMs === undefined) throw error();
			lastError = error();
			stats.retried++;
			if (failure.kind === 'status' && failure.statusCode === 429) pacer.holdUntil(clock.now() + delayMs);
			else await control.sleep(delayMs);
		};
		for (;;) {
			await control.sleep(pacer.book(cost));
			stopIfNeeded();
			report.attempts++;
			let response: IN8nHttpFullResponse;
			try {
				response = await send(endpoint, body, options);
			} catch (thrown) {
				if (control.cancelled) stopIfNeeded();
				const code = networkErrorCode(thrown);
				const failure: AttemptFailure = {
					kind: 'network',
					reached: mayHaveReached(code),
				};
				transportFailed(code);
				const error = () => moEngageNetworkError(this.getNode(), code, settings.timeoutMs, report);
				await retryAfter(failure, error);
				report.outcomeUnknown ||= outcomeUnknown(failure);
				continue;
			}
			const { statusCode, headers: responseHeaders = {} } = response;
			const answer = redactSecrets(response.body as unknown, secrets);
			if (statusCode < 500) failuresInARow = 0;
			if (statusCode >= 200 && statusCode < 300 && !reportsFailure(answer)) {
				const parsed = shape(answer);
				if (parsed !== undefined) return parsed;
				// Not retried: MoEngage may have acted on the request.
				throw moEngageUnreadableAnswerError(this.getNode(), statusCode, report);
			}
			// An answer the operation reads as its outcome, e.g. Inform's 409 for an alert already sent.
			const outcome = statusCode >= 400 ? options.outcomeOf?.(statusCode, answer) : undefined;
			const parsedOutcome = outcome === undefined ? undefined : shape(outcome);
			if (parsedOutcome !== undefined) return parsedOutcome;
			if (statusCode >= 300 && statusCode < 400) {
				throw moEngageRedirectError(this.getNode(), statusCode, responseHeaders.location, report);
			}
			const failure: AttemptFailure = {
				kind: 'status',
				statusCode,
				headers: responseHeaders,
			};
			if (statusCode === 429) stats.rateLimited++;
			if (statusCode >= 500) transportFailed(`HTTP ${statusCode}`);
			await retryAfter(failure, () => moEngageApiError(this.getNode(), statusCode, answer, report));
			report.outcomeUnknown ||= outcomeUnknown(failure);
		}
	};

	return {
		settings,
		request: async (endpoint, body, options = {}) => await exchange(endpoint, body, options, anObject),
		requestList: async (endpoint, body, options = {}) => await exchange(endpoint, body, options, aListOfObjects),
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
