import type {
	IAdditionalCredentialOptions,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IN8nHttpFullResponse,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { MoEngageEndpoint } from './api';
import { baseUrlOf, baseUrlProblem, credentialText, CUSTOM_DATA_CENTER, keyFor, secretsOf } from './credential';
import { isObject } from './errors';

export const CREDENTIAL_NAME = 'moEngageApi';

/** What one attempt got: MoEngage's answer whatever its status (every key in it masked), or no answer. */
export type AttemptResult =
	| { kind: 'answer'; statusCode: number; headers: Record<string, unknown>; body: unknown }
	/** No HTTP answer: the system error code (ECONNRESET, ETIMEDOUT, ECONNREFUSED, …). */
	| { kind: 'noAnswer'; code: string };

/** What a request adds to the endpoint's own: X-Forwarded-For, query parameters besides `app_id`. */
export interface RequestExtras {
	headers?: Record<string, string>;
	query?: Record<string, string | number>;
	/** Values for the path's placeholders besides `{workspaceId}`. */
	pathParams?: Record<string, string>;
	/** The answer is a file (a campaign report): its bytes on success, a JSON or text error otherwise. */
	file?: boolean;
}

/** One workspace, its credential checked and read once for the execution. */
export interface Workspace {
	/** One send: no redirect followed, nothing retried, secrets masked in the answer. */
	attempt(endpoint: MoEngageEndpoint, body: IDataObject, extras: RequestExtras): Promise<AttemptResult>;
	/** The credential field whose key signs requests to this path (never the key), and a note when it is a fallback. */
	keyFor(path: string): { label: string; note?: string };
}

/**
 * Checks the credential once per execution, before any request. The credential's `authenticate`
 * adds the host, Basic auth with the key the endpoint needs and `MOE-APPKEY`; the attempt adds
 * the workspace query parameter and JSON.
 */
export async function openWorkspace(context: IExecuteFunctions | ILoadOptionsFunctions, timeoutMs: number): Promise<Workspace> {
	const credentials = await context.getCredentials(CREDENTIAL_NAME);
	const workspaceId = credentialText(credentials.workspaceId);
	if (!workspaceId) {
		throw new NodeOperationError(context.getNode(), 'The MoEngage credential has no Workspace ID', {
			description: 'Open the credential and fill in "Workspace ID" (Settings > Account > APIs).',
		});
	}
	if (credentials.dataCenter === CUSTOM_DATA_CENTER) {
		const problem = baseUrlProblem(baseUrlOf(credentials));
		if (problem) {
			throw new NodeOperationError(context.getNode(), `The MoEngage credential's Base URL ${problem}`, {
				description: 'The keys are sent to this URL: use https:// (http:// only for localhost), or choose your data center.',
			});
		}
	}
	const secrets = secretsOf(credentials);
	// Given the credential, n8n applies its `authenticate` as usual but does not read and decrypt
	// it again for every request: it is read once per execution, above.
	const stored = context.getNode().credentials?.[CREDENTIAL_NAME];
	const credentialOnce: IAdditionalCredentialOptions = {
		credentialsDecrypted: { id: stored?.id ?? '', name: stored?.name ?? '', type: CREDENTIAL_NAME, data: credentials },
	};

	const attempt: Workspace['attempt'] = async (endpoint, body, { headers, query, pathParams, file = false }) => {
		const qs = { ...query, ...(endpoint.workspaceIdInQuery ? { app_id: workspaceId } : {}) };
		const options: IHttpRequestOptions = {
			method: endpoint.method,
			url: fillPath(endpoint.path, { ...pathParams, workspaceId }),
			qs: Object.keys(qs).length > 0 ? qs : undefined,
			headers: { 'Content-Type': 'application/json', ...headers },
			// A GET carries its parameters in the query.
			// A GET carries its parameters in the query. The body goes as JSON text: n8n's HTTP client
			// (axios) deep-merges an object body and drops keys named "constructor" on the way, which
			// are attribute names like any other to MoEngage.
			body: endpoint.method === 'GET' ? undefined : JSON.stringify(body),
			json: !file,
			// A file comes as bytes (a Buffer), whatever its Content-Type.
			...(file ? { encoding: 'arraybuffer' as const } : {}),
			timeout: timeoutMs,
			returnFullResponse: true,
			// A redirect would hand the key to whichever host it names.
			disableFollowRedirect: true,
			// Status codes are judged by the verdict, where MoEngage's error bodies are read.
			ignoreHttpStatusErrors: true,
		};
		let response: IN8nHttpFullResponse;
		try {
			response = (await context.helpers.httpRequestWithAuthentication.call(context, CREDENTIAL_NAME, options, credentialOnce)) as IN8nHttpFullResponse;
		} catch (thrown) {
			return { kind: 'noAnswer', code: networkErrorCode(thrown) };
		}
		return {
			kind: 'answer',
			statusCode: response.statusCode,
			headers: response.headers ?? {},
			// Before anything (messages, output) is built from it.
			body: file ? fileAnswer(response, secrets) : redactSecrets(response.body as unknown, secrets),
		};
	};
	return {
		attempt,
		keyFor: (path) => {
			const { label, note } = keyFor(path, credentials);
			return { label, note };
		},
	};
}

/** A file MoEngage answered (a campaign report): its bytes, as n8n's HTTP client gives them, and its Content-Type. */
export class DownloadedFile {
	constructor(
		readonly data: Buffer,
		readonly mimeType: string | undefined,
	) {}
}

/**
 * A file request's answer: the file on a 2xx (its bytes untouched), else the error body MoEngage
 * sent (JSON, or text), read from the bytes and masked like any other answer.
 */
function fileAnswer(response: IN8nHttpFullResponse, secrets: string[]): unknown {
	const raw: unknown = response.body;
	const bytes = Buffer.isBuffer(raw) ? raw : raw instanceof ArrayBuffer ? Buffer.from(raw) : Buffer.from(typeof raw === 'string' ? raw : JSON.stringify(raw ?? ''));
	if (response.statusCode >= 200 && response.statusCode < 300) {
		const contentType = response.headers?.['content-type'];
		return new DownloadedFile(bytes, typeof contentType === 'string' ? contentType.split(';')[0].trim() || undefined : undefined);
	}
	const text = bytes.toString('utf8');
	let body: unknown = text;
	try {
		body = text.trim() === '' ? undefined : (JSON.parse(text) as unknown);
	} catch {
		// not JSON: the text itself (an HTML page, a plain message)
	}
	return redactSecrets(body, secrets);
}

/**
 * The system error code of a failed request. n8n's request helper wraps it in a NodeApiError
 * whose `httpCode` holds the code; axios puts it in `code`.
 */
export function networkErrorCode(error: unknown): string {
	for (let current = error, depth = 0; isObject(current) && depth < 4; depth++) {
		for (const candidate of [current.code, current.httpCode]) {
			const code = typeof candidate === 'string' ? candidate.trim() : '';
			if (/^E[A-Z_]+$/.test(code)) return code;
		}
		current = current.cause;
	}
	return 'NETWORK_ERROR';
}

// A credential, not a word: Inform's 401 says "Invalid App Key or Basic Auth", which stays readable.
const TOKEN = /\b(?:Basic|Bearer)\s+[A-Za-z0-9+/=._~-]{12,}/gi;

/** The answer with every secret masked, before anything (messages, output) is built from it. */
export function redactSecrets<T>(value: T, secrets: string[]): T {
	const redactText = (text: string) => {
		let masked = text.replace(TOKEN, '***');
		for (const secret of secrets) masked = masked.split(secret).join('***');
		return masked;
	};
	const walk = (current: unknown): unknown => {
		if (typeof current === 'string') return redactText(current);
		if (Array.isArray(current)) return current.map(walk);
		if (isObject(current)) {
			const copy: IDataObject = {};
			for (const [key, entry] of Object.entries(current)) {
				// defineProperty: a key such as "__proto__" stays an own key
				Object.defineProperty(copy, redactText(key), { value: walk(entry), enumerable: true, writable: true, configurable: true });
			}
			return copy;
		}
		return current;
	};
	return walk(value) as T;
}

/** The endpoint's path with each `{name}` placeholder replaced by its value, URL-encoded. */
export function fillPath(path: string, values: Record<string, string>): string {
	return path.replace(/\{(\w+)\}/g, (placeholder, name: string) => (Object.prototype.hasOwnProperty.call(values, name) ? encodeURIComponent(values[name]) : placeholder));
}
