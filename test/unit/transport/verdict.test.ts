import type { IDataObject } from 'n8n-workflow';

import { ENDPOINTS, INFORM_DUPLICATE_CODE } from '../../../nodes/MoEngage/transport/api';
import type { AttemptResult } from '../../../nodes/MoEngage/transport/attempt';
import { retryDelayMs } from '../../../nodes/MoEngage/transport/retry';
import type { AnswerRules, Verdict } from '../../../nodes/MoEngage/transport/verdict';
import { DownloadedFile } from '../../../nodes/MoEngage/transport/attempt';
import { aFile, anObject, classify } from '../../../nodes/MoEngage/transport/verdict';

/**
 * One row per answer MoEngage documents (shapes from moengage-documentation's api/*.yaml, as
 * docs/ and the stand-in's refusals.ts cite them), and per way of getting none: what the node
 * makes of it, with no HTTP. `safe` is an endpoint whose requests may be repeated (Delete User),
 * `unsafe` one whose may not (Track Event).
 */

const answer = (statusCode: number, body: unknown, headers: Record<string, unknown> = {}): AttemptResult => ({ kind: 'answer', statusCode, headers, body });
const noAnswer = (code: string): AttemptResult => ({ kind: 'noAnswer', code });

/** Inform reads its 409 for a transaction it already has as the outcome "already sent". */
const informOutcome = (statusCode: number, body: unknown): IDataObject | undefined =>
	statusCode === 409 && typeof body === 'object' && body !== null && (body as IDataObject).err_code === INFORM_DUPLICATE_CODE ? { status: 'already sent' } : undefined;

const safe: AnswerRules<IDataObject> = { safeToRepeat: true, shape: anObject };
const unsafe: AnswerRules<IDataObject> = { safeToRepeat: false, shape: anObject };
const inform: AnswerRules<IDataObject> = { safeToRepeat: false, shape: anObject, outcomeOf: informOutcome };

/** The verdict's kind, and for a retry whether MoEngage may have acted all the same. */
function summary(verdict: Verdict<IDataObject>): string {
	return verdict.kind === 'retry' ? `retry${verdict.mayHaveActed ? ' (may have acted)' : ''}` : verdict.kind;
}

const rows: Array<[string, string, AttemptResult, AnswerRules<IDataObject>]> = [
	// 2xx
	['200 {status: "success"} (user APIs)', 'done', answer(200, { status: 'success', message: 'Your request has been accepted' }), unsafe],
	['200 {status: true, data} (Cards)', 'done', answer(200, { status: true, request_id: 'r1', data: { cards: [] } }), safe],
	['202 {} (v5 subscription preferences)', 'done', answer(202, {}), safe],
	['200 that says fail: {status: "fail", error: {message, type, request_id, attribute}} (user APIs)', 'fail', answer(200, { status: 'fail', error: { message: 'Invalid attribute', type: 'Bad Request', request_id: 'r1' } }), safe],
	['200 that says fail: {status: false, error, request_id} (Cards)', 'fail', answer(200, { status: false, error: 'User not found for this uid/ unique_id', request_id: 'r1' }), safe],
	['200 that says fail: {status: "Fail", Error_Message} (Push)', 'fail', answer(200, { status: 'Fail', Error_Message: 'Invalid signature' }), unsafe],
	['200 whose body is not JSON: outcome unknown', 'outcomeUnknown', answer(200, '<html>ok</html>'), safe],
	['200 with an array where an object is answered: outcome unknown', 'outcomeUnknown', answer(200, [{ id: 1 }]), unsafe],
	// 4xx: MoEngage's error bodies
	['400 {status: "fail", error: {message, type, request_id, attribute}} (user APIs)', 'fail', answer(400, { status: 'fail', error: { message: 'User not found', type: 'Not Found', request_id: 'r2' } }), safe],
	['401 {title, description, code} (gateway)', 'fail', answer(401, { title: 'Unauthorized', description: 'Authentication required', code: 'K1' }), safe],
	['400 {status: false, error, request_id} (Cards)', 'fail', answer(400, { status: false, error: 'campaign_ids is required', request_id: 'r3' }), safe],
	['400 {response_id, error: {code, message, target, details}} (v5 envelope)', 'fail', answer(400, { response_id: 'r4', error: { code: '400', message: 'Invalid', target: 'user_id', details: [] } }), safe],
	['400 {error: {code, message, details, request_id}} (business events)', 'fail', answer(400, { error: { code: 'INVALID', message: 'Unknown event', details: [{ target: 'event_name' }], request_id: 'r5' } }), unsafe],
	['401 {message, err_code, status_code} (Inform)', 'fail', answer(401, { message: 'Invalid App Key or Basic Auth', err_code: 'UNAUTHORIZED', status_code: 401 }), inform],
	['409 {status: "fail", error} (user APIs): refused', 'fail', answer(409, { status: 'fail', error: { message: 'Data API key not generated' } }), safe],
	[`409 Inform ${INFORM_DUPLICATE_CODE}: the operation's outcome`, 'outcome', answer(409, { message: 'Duplicate request', err_code: INFORM_DUPLICATE_CODE, status_code: 409 }), inform],
	['409 Inform with another code: refused', 'fail', answer(409, { message: 'Conflict', err_code: 'OTHER', status_code: 409 }), inform],
	['413 (body over 128 KB)', 'fail', answer(413, { title: 'Payload Too Large', message: 'Request body too large' }), safe],
	// 3xx
	['301 to another host: refused, never followed', 'redirectRefused', answer(301, '', { location: 'https://elsewhere.example/v1/customer/delete' }), safe],
	['307 to another host: refused, never followed', 'redirectRefused', answer(307, '', { location: 'https://elsewhere.example/v1/event' }), unsafe],
	// 429: MoEngage rejected it unprocessed, whatever the endpoint
	['429 {title, description, code} with x-ratelimit-reset (gateway)', 'retry', answer(429, { title: 'Request limit reached', description: 'Exceeded', code: 'K2' }, { 'x-ratelimit-reset': '1800000060' }), unsafe],
	['429 {status: "fail", error} with x-ratelimit-reset in seconds left (Data APIs, data-overview.mdx)', 'retry', answer(429, { status: 'fail', error: { type: 'Rate Limit Exceeded', message: 'Rate Limits for User / Event exceeded' } }, { 'x-ratelimit-reset': '30' }), unsafe],
	['429 {error: {code: RATE_LIMITED}} with seconds-left reset and Retry-After (Messaging, trigger.yaml)', 'retry', answer(429, { error: { code: 'RATE_LIMITED', message: 'Rate limit exceeded for this workspace' }, response_id: 'r6' }, { 'x-ratelimit-reset': '12', 'retry-after': '12' }), unsafe],
	['429 {title, description, code} without rate-limit headers', 'retry', answer(429, { title: 'Request limit reached', description: 'Exceeded' }), unsafe],
	['429 {status: "error", data: {code, title, description}} with Retry-After (business events)', 'retry', answer(429, { status: 'error', data: { code: 429, title: 'Too many requests', description: 'Retry later' } }, { 'retry-after': '30' }), unsafe],
	// 5xx: MoEngage may have acted
	['500 {title, message} where repeating is safe', 'retry (may have acted)', answer(500, { title: 'Internal Server Error', message: 'Please contact MoEngage Team' }), safe],
	['503 where repeating is unsafe: outcome unknown', 'outcomeUnknown', answer(503, { title: 'Service Unavailable', message: 'Try later' }), unsafe],
	['502 HTML page of a proxy, safe', 'retry (may have acted)', answer(502, '<html><head><title>502 Bad Gateway</title></head></html>'), safe],
	['504 HTML page of a proxy, unsafe', 'outcomeUnknown', answer(504, '<html><head><title>504 Gateway Time-out</title></head></html>'), unsafe],
	// no answer
	['ECONNRESET (the request may have arrived), safe', 'retry (may have acted)', noAnswer('ECONNRESET'), safe],
	['ECONNRESET, unsafe: outcome unknown', 'outcomeUnknown', noAnswer('ECONNRESET'), unsafe],
	['ECONNABORTED (timeout), unsafe: outcome unknown', 'outcomeUnknown', noAnswer('ECONNABORTED'), unsafe],
	['ETIMEDOUT, safe', 'retry (may have acted)', noAnswer('ETIMEDOUT'), safe],
	['ECONNREFUSED (never reached MoEngage), unsafe', 'retry', noAnswer('ECONNREFUSED'), unsafe],
	['ENOTFOUND (never reached MoEngage), unsafe', 'retry', noAnswer('ENOTFOUND'), unsafe],
	['EAI_AGAIN (never reached MoEngage), safe', 'retry', noAnswer('EAI_AGAIN'), safe],
	['an error without a system code, unsafe: outcome unknown', 'outcomeUnknown', noAnswer('NETWORK_ERROR'), unsafe],
];

describe('classify: each answer MoEngage documents, and each way of getting none', () => {
	test.each(rows)('%s → %s', (_, expected, result, rules) => {
		expect(summary(classify(result, rules))).toBe(expected);
	});

	test('done and outcome carry the value the operation gets', () => {
		expect(classify(answer(200, { status: 'success', n: 1 }), safe)).toEqual({ kind: 'done', value: { status: 'success', n: 1 } });
		expect(classify(answer(409, { message: 'Duplicate', err_code: INFORM_DUPLICATE_CODE }), inform)).toEqual({ kind: 'outcome', value: { status: 'already sent' } });
	});

	test('a file answer (campaign report): the file on a 2xx; a JSON 2xx is not one; a 400 or 401 refuses', () => {
		const file = new DownloadedFile(Buffer.from('gz'), 'application/gzip');
		const download = { safeToRepeat: true, shape: aFile };
		expect(classify(answer(200, file), download)).toEqual({ kind: 'done', value: file });
		expect(classify(answer(200, { status: 'success' }), download).kind).toBe('outcomeUnknown');
		expect(classify(answer(400, { error: { attribute: 'FILENAME', message: 'expired', type: 'BAD REQUEST', request_id: 'r1' } }), download).kind).toBe('fail');
		expect(classify(answer(401, {}), download).kind).toBe('fail');
	});

	test("a refused redirect names where it pointed, for the error (which names only the host)", () => {
		expect(classify(answer(302, '', { location: 'https://elsewhere.example/x' }), safe)).toEqual({
			kind: 'redirectRefused',
			failure: { kind: 'redirect', statusCode: 302, location: 'https://elsewhere.example/x' },
		});
	});
});

describe("how long a 429 waits: MoEngage's reset header, else Retry-After, else backoff", () => {
	const now = 1_800_000_000_000;
	const settings = { maxRetries: 3, maxWaitMs: 120_000 };
	const waitFor = (headers: Record<string, unknown>) => {
		const verdict = classify(answer(429, {}, headers), unsafe);
		if (verdict.kind !== 'retry') throw new Error(`expected a retry, got ${verdict.kind}`);
		return retryDelayMs(verdict.failure, 0, ENDPOINTS.trackEvent, settings, now, () => 0);
	};

	test('x-ratelimit-reset (epoch seconds)', () => expect(waitFor({ 'x-ratelimit-reset': String(now / 1000 + 20) })).toBe(20_000));
	// The two forms MoEngage documents: epoch seconds (rate-limits.mdx), seconds left (data-overview.mdx, messaging/trigger.yaml).
	test.each([
		['epoch seconds (rate-limits.mdx: 1699574400)', String(now / 1000 + 42), 42_000],
		['epoch seconds with a fraction', String(now / 1000 + 1.5), 1500],
		['epoch seconds already past: no wait beyond the jitter', String(now / 1000 - 5), 0],
		['seconds left (data-overview.mdx: 30, always under 60)', '30', 30_000],
		['seconds left, 59', '59', 59_000],
		['seconds left, a fraction', '0.25', 250],
		['seconds left (messaging/trigger.yaml: an integer), with Retry-After beside it', '7', 7000],
	])('x-ratelimit-reset as %s', (_, reset, expected) => expect(waitFor({ 'x-ratelimit-reset': reset, 'retry-after': '7' })).toBe(expected));
	test('x-ratelimit-reset of 0 seconds left: Retry-After, else backoff', () => {
		expect(waitFor({ 'x-ratelimit-reset': '0', 'retry-after': '3' })).toBe(3000);
		expect(waitFor({ 'x-ratelimit-reset': '0' })).toBe(250);
	});
	test('Retry-After in seconds', () => expect(waitFor({ 'retry-after': '30' })).toBe(30_000));
	test('Retry-After as an HTTP date', () => expect(waitFor({ 'retry-after': new Date(now + 45_000).toUTCString() })).toBe(45_000));
	test('x-ratelimit-reset wins over Retry-After', () => expect(waitFor({ 'x-ratelimit-reset': String(now / 1000 + 20), 'retry-after': '30' })).toBe(20_000));
	test('neither: backoff from 0.5 s', () => expect(waitFor({})).toBe(250));
});
