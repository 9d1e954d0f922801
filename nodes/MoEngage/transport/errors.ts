import type { IDataObject, INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

/** What MoEngage said about a failed request, whichever of its three error bodies it used. */
export interface MoEngageErrorDetails {
	message: string;
	type?: string;
	attribute?: string;
	requestId?: string;
	code?: string;
}

function asText(value: unknown): string | undefined {
	return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function isObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Reads MoEngage's error bodies:
 * 1. user APIs: `{status: "fail", error: {message, type, request_id, attribute}}`
 * 2. gateway (401/429/5xx): `{title, description | message, code}`
 * 3. Cards: `{status: false, error: "…", request_id}`
 */
export function readMoEngageError(body: unknown, httpCode: number): MoEngageErrorDetails {
	if (isObject(body)) {
		if (isObject(body.error)) {
			const error = body.error;
			return {
				message: asText(error.message) ?? asText(error.type) ?? `HTTP ${httpCode}`,
				type: asText(error.type),
				attribute: asText(error.attribute),
				requestId: asText(error.request_id) ?? asText(body.request_id),
			};
		}
		const errorText = asText(body.error);
		if (errorText) {
			return { message: errorText, requestId: asText(body.request_id) };
		}
		const title = asText(body.title);
		const detail = asText(body.description) ?? asText(body.message);
		if (title || detail) {
			return {
				message: [title, detail].filter(Boolean).join(': '),
				code: asText(body.code),
				requestId: asText(body.request_id),
			};
		}
	}
	const bodyText = asText(body);
	return {
		message: bodyText && bodyText.length <= 200 ? bodyText : `MoEngage answered HTTP ${httpCode}`,
	};
}

/** True when a 2xx body still reports failure (`status: "fail"` or Cards' `status: false`). */
export function reportsFailure(body: unknown): boolean {
	return isObject(body) && (body.status === false || body.status === 'fail' || body.status === 'failure');
}

/**
 * A NodeApiError built only from the status and MoEngage's answer: never from the request,
 * whose headers carry the workspace key.
 */
export function moEngageApiError(
	node: INode,
	httpCode: number,
	body: unknown,
	itemIndex?: number,
): NodeApiError {
	const details = readMoEngageError(body, httpCode);
	const facts = [
		`HTTP ${httpCode}`,
		details.type && `type ${details.type}`,
		details.attribute && `attribute ${details.attribute}`,
		details.code && `code ${details.code}`,
		details.requestId && `request_id ${details.requestId}`,
	].filter(Boolean);
	const errorResponse: JsonObject = { httpCode: String(httpCode), ...details };
	return new NodeApiError(node, errorResponse, {
		message: `MoEngage: ${details.message}`,
		description: facts.join(' · '),
		httpCode: String(httpCode),
		itemIndex,
	});
}

/** A request that got no HTTP answer (connection refused or reset, timeout). */
export function moEngageNetworkError(node: INode, cause: unknown, itemIndex?: number): NodeApiError {
	const code = networkErrorCode(cause);
	// The code stays out of the message: n8n replaces messages that contain one with generic text.
	return new NodeApiError(
		node,
		{ networkError: code },
		{
			message: 'MoEngage could not be reached',
			description: `${code}: no answer from MoEngage. Check the data center or base URL in the credential, and that this n8n instance can reach it.`,
			itemIndex,
		},
	);
}

/**
 * The system error code (ECONNRESET, ETIMEDOUT, …) of a failed request. n8n's request helper
 * wraps it in a NodeApiError whose `httpCode` holds the code; axios puts it in `code`.
 */
export function networkErrorCode(error: unknown): string {
	for (let current = error, depth = 0; isObject(current) && depth < 4; depth++) {
		for (const candidate of [current.code, current.httpCode]) {
			const code = asText(candidate);
			if (code && /^E[A-Z_]+$/.test(code)) return code;
		}
		current = (current as { cause?: unknown }).cause;
	}
	return 'NETWORK_ERROR';
}
