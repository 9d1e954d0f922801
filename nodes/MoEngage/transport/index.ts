import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
} from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';

import type { MoEngageEndpoint } from './api';
import { moEngageApiError, moEngageNetworkError, reportsFailure } from './errors';
import { Pacer } from './pacer';
import type { AttemptFailure, RequestSettings } from './retry';
import { retryDelayMs } from './retry';

export type { RequestSettings } from './retry';

export const CREDENTIAL_NAME = 'moEngageApi';

/** Per-request knobs an operation may set. */
export interface RequestOptions {
	/** The item the request serves, so errors point at it. */
	itemIndex?: number;
	headers?: Record<string, string>;
	/** Query parameters besides the workspace's `app_id`. */
	query?: Record<string, string | number>;
	/** Units of the endpoint's rate limit the request uses (users for Get User). */
	cost?: number;
}

/**
 * Talks to one MoEngage workspace for one execution. The credential's `authenticate` adds the
 * host, Basic auth with the key the endpoint needs and `MOE-APPKEY`; this client adds the
 * workspace query parameter and JSON, paces requests under MoEngage's limits, retries what is
 * safe to retry, and turns every failure into a NodeApiError that carries MoEngage's own message.
 */
export interface MoEngageClient {
	readonly settings: RequestSettings;
	request(endpoint: MoEngageEndpoint, body: IDataObject, options?: RequestOptions): Promise<IDataObject>;
}

function credentialText(value: unknown): string {
	return typeof value === 'string' ? value.trim() : '';
}

/** Checks the credential once per execution, before any request. */
export async function createMoEngageClient(
	this: IExecuteFunctions,
	settings: RequestSettings,
): Promise<MoEngageClient> {
	const credentials = await this.getCredentials(CREDENTIAL_NAME);
	const workspaceId = credentialText(credentials.workspaceId);
	if (!workspaceId) {
		throw new NodeOperationError(this.getNode(), 'The MoEngage credential has no Workspace ID', {
			description: 'Open the credential and fill in "Workspace ID" (Settings > Account > APIs).',
		});
	}
	if (credentials.dataCenter === 'custom' && !/^https?:\/\/\S+$/.test(credentialText(credentials.baseUrl))) {
		throw new NodeOperationError(this.getNode(), 'The MoEngage credential has no valid Base URL', {
			description: 'With "Custom URL" as data center, "Base URL" must be an http(s) URL.',
		});
	}

	const pacers = new Map<string, Pacer>();
	const pacerFor = (endpoint: MoEngageEndpoint) => {
		let pacer = pacers.get(endpoint.path);
		if (!pacer) {
			pacer = new Pacer(settings.ratePerMinute);
			pacers.set(endpoint.path, pacer);
		}
		return pacer;
	};

	/** One attempt: MoEngage's answer, whatever its status, or a network failure. */
	const send = async (endpoint: MoEngageEndpoint, body: IDataObject, { headers, query }: RequestOptions) => {
		const qs = { ...query, ...(endpoint.workspaceIdInQuery ? { app_id: workspaceId } : {}) };
		const options: IHttpRequestOptions = {
			method: endpoint.method,
			url: endpoint.path.replace('{workspaceId}', encodeURIComponent(workspaceId)),
			qs: Object.keys(qs).length > 0 ? qs : undefined,
			headers: { 'Content-Type': 'application/json', ...headers },
			body,
			json: true,
			timeout: settings.timeoutMs,
			returnFullResponse: true,
			// Status codes are judged here, where MoEngage's error bodies are read.
			ignoreHttpStatusErrors: true,
		};
		return (await this.helpers.httpRequestWithAuthentication.call(this, CREDENTIAL_NAME, options)) as IN8nHttpFullResponse;
	};

	return {
		settings,
		request: async (endpoint, body, options = {}) => {
			const { itemIndex, cost = 1 } = options;
			for (let attempt = 0; ; attempt++) {
				await pacerFor(endpoint).acquire(cost);
				let response: IN8nHttpFullResponse;
				try {
					response = await send(endpoint, body, options);
				} catch (thrown) {
					const delayMs = retryDelayMs({ kind: 'network' }, attempt, endpoint, settings, Date.now());
					if (delayMs === undefined) throw moEngageNetworkError(this.getNode(), thrown, itemIndex);
					await sleep(delayMs);
					continue;
				}
				const { statusCode, body: answer, headers: responseHeaders } = response;
				if (statusCode >= 200 && statusCode < 300 && !reportsFailure(answer)) {
					if (typeof answer === 'object' && answer !== null && !Array.isArray(answer)) return answer as IDataObject;
					// Not retried: MoEngage may have acted on the request.
					throw moEngageApiError(this.getNode(), statusCode, 'MoEngage answered with a body that is not a JSON object', itemIndex);
				}
				const failure: AttemptFailure = { kind: 'status', statusCode, headers: responseHeaders ?? {} };
				const delayMs = retryDelayMs(failure, attempt, endpoint, settings, Date.now());
				if (delayMs === undefined) throw moEngageApiError(this.getNode(), statusCode, answer, itemIndex);
				await sleep(delayMs);
			}
		},
	};
}
