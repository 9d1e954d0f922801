import type { IDataObject, IHttpRequestOptions, ILoadOptionsFunctions, IN8nHttpFullResponse } from 'n8n-workflow';

import type { MoEngageEndpoint } from './api';
import { keyFor, secretsOf } from './credential';
import { isObject, moEngageApiError, moEngageRedirectError, moEngageUnreadableAnswerError, redactSecrets, reportsFailure } from './errors';
import { CREDENTIAL_NAME } from './index';

/** How long the editor waits for one page of a list. */
const LOOKUP_TIMEOUT_MS = 30_000;

/**
 * One read-only request for the editor (a dropdown's options), outside any execution: no pacing
 * and no retries (the user opens the list again), but the same rules for keys as the node's
 * requests: the credential signs it, redirects are not followed, and every key is masked in
 * whatever is built from the answer.
 */
export async function lookup(this: ILoadOptionsFunctions, endpoint: MoEngageEndpoint, query: Record<string, string | number> = {}): Promise<IDataObject> {
	const credentials = await this.getCredentials(CREDENTIAL_NAME);
	const options: IHttpRequestOptions = {
		method: endpoint.method,
		url: endpoint.path,
		qs: Object.keys(query).length > 0 ? query : undefined,
		headers: { 'Content-Type': 'application/json' },
		json: true,
		timeout: LOOKUP_TIMEOUT_MS,
		returnFullResponse: true,
		disableFollowRedirect: true,
		ignoreHttpStatusErrors: true,
	};
	const response = (await this.helpers.httpRequestWithAuthentication.call(this, CREDENTIAL_NAME, options)) as IN8nHttpFullResponse;
	const { statusCode } = response;
	const answer = redactSecrets(response.body as unknown, secretsOf(credentials));
	const report = {
		subject: 'the list',
		attempts: 1,
		key: keyFor(endpoint.path, credentials),
		effect: endpoint.effect,
		outcomeUnknown: false,
		safeToRepeat: true,
	};
	if (statusCode >= 200 && statusCode < 300 && !reportsFailure(answer)) {
		if (isObject(answer)) return answer;
		throw moEngageUnreadableAnswerError(this.getNode(), statusCode, report);
	}
	if (statusCode >= 300 && statusCode < 400) throw moEngageRedirectError(this.getNode(), statusCode, response.headers?.location, report);
	throw moEngageApiError(this.getNode(), statusCode, answer, report);
}
