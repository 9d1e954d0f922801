import type { IDataObject, INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { markMustNotRepeat } from '../run/mayHaveHappened';
import { KEY_LABELS } from './credential';

/** What MoEngage said about a failed request, whichever of its error bodies it used. */
export interface MoEngageErrorDetails {
	message: string;
	type?: string;
	attribute?: string;
	requestId?: string;
	code?: string;
}

/** Who a request was for and how it went, for messages a marketer can act on. */
export interface RequestReport {
	/** e.g. `item 4 (customer_id "u-9")`, or `the request for items 0–19`. */
	subject: string;
	itemIndex?: number;
	attempts: number;
	/** The credential field whose key signed the request, and a note when it was a fallback. */
	key: { label: string; note?: string };
	/** What the request does ("deleted this user"), for outcomes that are unknown. */
	effect: string;
	/** An earlier attempt (this request's, or one that carried the same entries) may have reached MoEngage without an answer coming back. */
	outcomeUnknown: boolean;
	/** Whether this endpoint may be repeated (read-only or idempotent). */
	safeToRepeat: boolean;
	/** For an API MoEngage enables per workspace: what to do when it refuses a correct key (401/403). */
	enablement?: string;
}

/** How an attempt failed: what the messages below are built from. */
export type Failure =
	| { kind: 'status'; statusCode: number; headers: Record<string, unknown>; body: unknown }
	/** No HTTP answer. `reached`: whether the request may have reached MoEngage (false for refused connections, unknown hosts). */
	| { kind: 'network'; code: string; reached: boolean }
	/** A 2xx whose body is not what the endpoint answers. */
	| { kind: 'unreadable'; statusCode: number }
	| { kind: 'redirect'; statusCode: number; location: unknown };

/** The error that tells the user about a failed attempt (one the run may still retry). */
export function failureError(node: INode, failure: Failure, report: RequestReport, timeoutMs: number): NodeApiError {
	switch (failure.kind) {
		case 'status':
			return moEngageApiError(node, failure.statusCode, failure.body, report);
		case 'network':
			return moEngageNetworkError(node, failure.code, timeoutMs, report);
		case 'unreadable':
			return moEngageUnreadableAnswerError(node, failure.statusCode, report);
		case 'redirect':
			return moEngageRedirectError(node, failure.statusCode, failure.location, report);
	}
}

function flag(error: NodeApiError, carriedOutMaybe: boolean): NodeApiError {
	return carriedOutMaybe ? markMustNotRepeat(error) : error;
}

function asText(value: unknown): string | undefined {
	return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

export function isObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An HTML error page (a gateway's or a proxy's) becomes its title, never markup. */
function textBodyMessage(body: string, httpCode: number): string {
	if (/<\s*(html|!doctype|head|body)\b/i.test(body)) {
		const title = /<title[^>]*>([^<]*)<\/title>/i.exec(body)?.[1]?.trim();
		return title ? `HTTP ${httpCode} (${title})` : `HTTP ${httpCode}`;
	}
	return body.length <= 200 ? body : `HTTP ${httpCode}`;
}

/**
 * Reads MoEngage's error bodies:
 * 1. user APIs: `{status: "fail", error: {message, type, request_id, attribute}}`
 * 2. gateway (401/429/5xx): `{title, description | message, code}`
 * 3. Cards: `{status: false, error: "…", request_id}`
 * Also the v5 envelope, Business Events' `{error: {code, message, details, request_id}}` and their
 * 429 `{status: "error", data: {code, title, description}}`, and Inform's `{message, err_code}`.
 */
export function readMoEngageError(body: unknown, httpCode: number): MoEngageErrorDetails {
	if (isObject(body)) {
		if (isObject(body.error)) {
			const error = body.error;
			// Also MoEngage's v5 envelope: {response_id, error: {code, message, target, details}}.
			return {
				message: asText(error.message) ?? asText(error.type) ?? `HTTP ${httpCode}`,
				type: asText(error.type),
				attribute: asText(error.attribute) ?? asText(error.target) ?? detailTarget(error.details),
				code: asText(error.code),
				requestId: asText(error.request_id) ?? asText(body.request_id) ?? asText(body.response_id),
			};
		}
		const errorText = asText(body.error);
		if (errorText) {
			return { message: errorText, requestId: asText(body.request_id) };
		}
		// Business Events' 429: {status: "error", data: {code, title, description}}.
		if (isObject(body.data) && (asText(body.data.title) || asText(body.data.description))) {
			const { title, description, code } = body.data;
			return {
				message: [asText(title), asText(description)].filter(Boolean).join(': '),
				code: asText(code) ?? (typeof code === 'number' ? String(code) : undefined),
			};
		}
		const title = asText(body.title);
		// Push answers {status: "Fail", Error_Message}; Inform {message, err_code, status_code}.
		const detail = asText(body.description) ?? asText(body.message) ?? asText(body.Error_Message);
		if (title || detail) {
			return {
				message: [title, detail].filter(Boolean).join(': '),
				code: asText(body.code) ?? asText(body.err_code),
				requestId: asText(body.request_id),
			};
		}
	}
	const bodyText = asText(body);
	return { message: bodyText ? textBodyMessage(bodyText, httpCode) : `HTTP ${httpCode}` };
}

/** The field Business Events name in `details[0].target` (a name, or a list of names). */
function detailTarget(details: unknown): string | undefined {
	const first: unknown = Array.isArray(details) ? details[0] : undefined;
	if (!isObject(first)) return undefined;
	const { target } = first;
	if (Array.isArray(target)) return target.filter((entry): entry is string => typeof entry === 'string').join(', ') || undefined;
	return asText(target);
}

/** True when a 2xx body still reports failure (`status: "fail"`, Push's "Fail", Cards' `status: false`). */
export function reportsFailure(body: unknown): boolean {
	if (!isObject(body)) return false;
	const { status } = body;
	return status === false || (typeof status === 'string' && ['fail', 'failure', 'error'].includes(status.toLowerCase()));
}

const attemptsText = (attempts: number) => `${attempts} ${attempts === 1 ? 'attempt' : 'attempts'}`;

function keyText({ key }: RequestReport): string {
	return key.note ? `sent with the ${key.label} (${key.note})` : `sent with the ${key.label}`;
}

/**
 * A NodeApiError for an answer MoEngage gave, built only from the status and MoEngage's answer
 * (already cleared of secrets), never from the request, whose headers carry the workspace key.
 */
export function moEngageApiError(node: INode, httpCode: number, body: unknown, report: RequestReport): NodeApiError {
	const details = readMoEngageError(body, httpCode);
	const facts = [
		`HTTP ${httpCode}`,
		details.type && `type ${details.type}`,
		details.attribute && `attribute ${details.attribute}`,
		details.code && `code ${details.code}`,
		details.requestId && `request_id ${details.requestId}`,
		attemptsText(report.attempts),
		keyText(report),
	].filter(Boolean);

	let message: string;
	if (httpCode === 429) {
		message = `MoEngage's rate limit was still reached for ${report.subject} after ${attemptsText(report.attempts)}: ${details.message}`;
		facts.push("Lower the node's Rate Limit or Concurrency setting; other workflows and apps using this workspace share MoEngage's quota");
	} else if (httpCode >= 500) {
		message = `MoEngage failed on its side for ${report.subject}: ${details.message}`;
		if (!report.safeToRepeat) facts.push(`MoEngage may have ${report.effect} anyway: check before running it again`);
	} else if (report.outcomeUnknown) {
		// e.g. a merge done, its answer lost, and the retry told "user not found"
		message = `MoEngage may already have ${report.effect} (${report.subject}): an earlier attempt got no answer, and the retry was refused: ${details.message}`;
	} else {
		message = `MoEngage rejected ${report.subject}: ${details.message}`;
	}
	// The Push API answers a wrong signature or workspace with HTTP 200 and status "Fail".
	const pushAuth = report.key.label === KEY_LABELS.pushApiKey && /signature|appid/i.test(details.message);
	if (httpCode === 401 || httpCode === 403 || pushAuth) facts.push(`Check the credential's Workspace ID and ${report.key.label}`);
	if ((httpCode === 401 || httpCode === 403) && report.enablement) facts.push(report.enablement);

	const errorResponse: JsonObject = { httpCode: String(httpCode), ...details };
	const error = new NodeApiError(node, errorResponse, {
		message,
		description: facts.join(' · '),
		httpCode: String(httpCode),
		itemIndex: report.itemIndex,
	});
	return flag(error, httpCode >= 500 && !report.safeToRepeat);
}

/** A 2xx whose body cannot be read: MoEngage may still have acted on the request. */
export function moEngageUnreadableAnswerError(node: INode, httpCode: number, report: RequestReport): NodeApiError {
	const facts = [`HTTP ${httpCode}`, attemptsText(report.attempts), keyText(report)];
	if (!report.safeToRepeat) facts.push(`MoEngage may have ${report.effect}: check before running it again`);
	const error = new NodeApiError(node, { httpCode: String(httpCode) }, {
		message: `MoEngage answered ${report.subject} with a body that is not a JSON object`,
		description: facts.join(' · '),
		httpCode: String(httpCode),
		itemIndex: report.itemIndex,
	});
	return flag(error, !report.safeToRepeat);
}

/** A 3xx: never followed, since the next host would receive the key. */
export function moEngageRedirectError(node: INode, httpCode: number, location: unknown, report: RequestReport): NodeApiError {
	let target = 'another address';
	try {
		target = new URL(String(Array.isArray(location) ? location[0] : location)).host || target;
	} catch {
		// a relative or missing Location: keep the generic wording
	}
	return new NodeApiError(
		node,
		{ httpCode: String(httpCode) },
		{
			message: `MoEngage's address answered ${report.subject} with a redirect to ${target}, which was not followed`,
			description: `HTTP ${httpCode} · the keys are only sent to the credential's host. Check the data center or Base URL in the credential.`,
			httpCode: String(httpCode),
			itemIndex: report.itemIndex,
		},
	);
}

/** System error codes (ECONNRESET, ETIMEDOUT, …) of requests that got no HTTP answer. */
const TIMEOUT_CODES = new Set(['ECONNABORTED', 'ETIMEDOUT', 'ESOCKETTIMEDOUT']);
const NOT_CONNECTED_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'EADDRNOTAVAIL']);

/** False when the request certainly never reached MoEngage (no connection was made). */
export function mayHaveReached(code: string): boolean {
	return !NOT_CONNECTED_CODES.has(code);
}

/** A request that got no HTTP answer (connection refused or reset, timeout). */
export function moEngageNetworkError(node: INode, code: string, timeoutMs: number, report: RequestReport): NodeApiError {
	const mayHaveActed = (mayHaveReached(code) || report.outcomeUnknown) && !report.safeToRepeat;
	const facts = [code, attemptsText(report.attempts)];
	let message: string;
	// The code stays out of the message: n8n replaces messages that contain one with generic text.
	if (TIMEOUT_CODES.has(code)) {
		message = `MoEngage did not answer ${report.subject} within ${timeoutMs / 1000} s`;
		facts.push("MoEngage is slow: raise the node's Timeout setting, or try again later");
	} else if (!mayHaveReached(code)) {
		message = `MoEngage could not be reached for ${report.subject}`;
		facts.push('Check the data center or Base URL in the credential, and that this n8n instance can reach it');
	} else {
		message = `The connection to MoEngage dropped before it answered ${report.subject}`;
	}
	if (mayHaveActed) facts.push(`MoEngage may have ${report.effect}: running it again could do it twice`);
	return flag(new NodeApiError(node, { networkError: code }, { message, description: facts.join(' · '), itemIndex: report.itemIndex }), mayHaveActed);
}

/** An outage the transport reports to the run: after it, the run's remaining requests are not sent. */
export function moEngageUnreachableError(node: INode, { failures, seconds, lastProblem }: { failures: number; seconds: number; lastProblem: string }): NodeApiError {
	return new NodeApiError(
		node,
		{ unreachable: true },
		{
			message: 'MoEngage unreachable',
			description: `Every attempt failed for ${seconds} s, with no answer from MoEngage in between (${failures} attempts, last: ${lastProblem}), so the remaining requests were not sent. Try again later; items already answered keep their results.`,
		},
	);
}
