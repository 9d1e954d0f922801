import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { MoEngageEndpoint } from './api';
import { moEngageApiError, moEngageNetworkError, reportsFailure } from './errors';

export const CREDENTIAL_NAME = 'moEngageApi';

/** Per-request knobs an operation may set. */
export interface RequestOptions {
	/** The item the request serves, so errors point at it. */
	itemIndex?: number;
	headers?: Record<string, string>;
}

/**
 * Talks to one MoEngage workspace for one execution. The credential's `authenticate` adds the
 * host, Basic auth with the key the endpoint needs and `MOE-APPKEY`; this client adds the
 * workspace query parameter, JSON, and turns every failure into a NodeApiError that carries
 * MoEngage's own message.
 */
export interface MoEngageClient {
	request(endpoint: MoEngageEndpoint, body: IDataObject, options?: RequestOptions): Promise<IDataObject>;
}

function credentialText(value: unknown): string {
	return typeof value === 'string' ? value.trim() : '';
}

/** Checks the credential once per execution, before any request. */
export async function createMoEngageClient(this: IExecuteFunctions): Promise<MoEngageClient> {
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

	const context = this;
	return {
		async request(endpoint, body, { itemIndex, headers } = {}) {
			const options: IHttpRequestOptions = {
				method: endpoint.method,
				url: endpoint.path,
				qs: endpoint.workspaceIdInQuery ? { app_id: workspaceId } : undefined,
				headers: { 'Content-Type': 'application/json', ...headers },
				body,
				json: true,
				returnFullResponse: true,
				// Status codes are judged below, where MoEngage's error bodies are read.
				ignoreHttpStatusErrors: true,
			};
			let response: IN8nHttpFullResponse;
			try {
				response = (await context.helpers.httpRequestWithAuthentication.call(
					context,
					CREDENTIAL_NAME,
					options,
				)) as IN8nHttpFullResponse;
			} catch (error) {
				throw moEngageNetworkError(context.getNode(), error, itemIndex);
			}
			const { statusCode, body: responseBody } = response;
			if (statusCode < 200 || statusCode >= 300 || reportsFailure(responseBody)) {
				throw moEngageApiError(context.getNode(), statusCode, responseBody, itemIndex);
			}
			if (typeof responseBody !== 'object' || responseBody === null || Array.isArray(responseBody)) {
				throw moEngageApiError(context.getNode(), statusCode, 'MoEngage answered with a body that is not a JSON object', itemIndex);
			}
			return responseBody as IDataObject;
		},
	};
}
