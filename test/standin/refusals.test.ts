/* eslint-disable @n8n/community-nodes/no-restricted-imports -- runs on a developer's machine or in CI, never inside n8n */
import { randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';

import { ANN, BUSINESS_EVENTS, WORKSPACE } from '../harness/fixtures';
import { ERROR_SHAPES } from './refusals';
import { MoEngageStandIn } from './server';
import type { SpecApi } from './spec';
import { SPEC } from './spec';

/**
 * Every endpoint of the stand-in names the error body its page documents, and refusals come in
 * it: the cases where the pages say more than one shape's defaults (cohort-audience.yaml's 415,
 * subscription-categories-v5.yaml's 413, business-events.yaml's v5 401 and 400 details).
 */

const standIn = new MoEngageStandIn({ workspace: WORKSPACE, users: [ANN], businessEvents: BUSINESS_EVENTS });
beforeAll(() => standIn.start());
afterAll(() => standIn.stop());
beforeEach(() => standIn.reset());

const basic = (key: string) => `Basic ${Buffer.from(`${WORKSPACE.workspaceId}:${key}`).toString('base64')}`;
const KEYS = { data: WORKSPACE.dataApiKey, campaign: WORKSPACE.cardsApiKey, inform: WORKSPACE.informApiKey, push: WORKSPACE.pushApiKey };

/** A raw request (node's http, so that a GET may carry a body and a POST may go without Content-Type). */
function call(api: SpecApi, { body, query = '', headers = {} }: { body?: string; query?: string; headers?: Record<string, string | undefined> } = {}) {
	const spec = SPEC[api];
	const all: Record<string, string | undefined> = {
		'Content-Type': 'application/json',
		Authorization: basic(KEYS[spec.key]),
		'MOE-APPKEY': WORKSPACE.workspaceId,
		...(body === undefined ? {} : { 'Content-Length': String(Buffer.byteLength(body)) }),
		...headers,
	};
	return new Promise<{ status: number; body: unknown }>((resolve, reject) => {
		const request = httpRequest(
			`${standIn.baseUrl}${spec.path}${query ? `?${query}` : ''}`,
			{ method: spec.method, headers: Object.fromEntries(Object.entries(all).filter((entry): entry is [string, string] => entry[1] !== undefined)) },
			(response) => {
				const chunks: Buffer[] = [];
				response.on('data', (chunk: Buffer) => chunks.push(chunk));
				response.on('end', () => resolve({ status: response.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) }));
			},
		);
		request.on('error', reject);
		request.end(body);
	});
}

test('every endpoint names one of the documented error bodies', () => {
	for (const endpoint of Object.values(SPEC)) expect(ERROR_SHAPES).toContain(endpoint.errors);
});

test('Cohort Sync without a Content-Type: 415, as cohort-audience.yaml documents ("not provided/is not supported")', async () => {
	const body = JSON.stringify({ action: 'add_members', partner: 'p', parameters: { cohort_name: 'c', cohort_id: 'c', members: [{ uid: 'u-1' }] } });
	expect(await call('cohortSync', { body, headers: { 'Content-Type': undefined } })).toEqual({
		status: 415,
		body: { status: 'fail', error: { message: 'Content type is not supported', type: 'Unsupported media type', request_id: expect.any(String) } },
	});
});

test("the v5 subscription preferences over their cap: subscription-categories-v5.yaml's 413", async () => {
	const body = JSON.stringify({ user_identifier_type: 'uid', user_identifier_value: 'x'.repeat(SPEC.updateSubscriptionPreferences.maxBodyBytes), is_globally_unsubscribed: false });
	expect(await call('updateSubscriptionPreferences', { body, headers: { 'Idempotency-Key': randomUUID() } })).toEqual({
		status: 413,
		body: { error: { code: 'PayloadTooLarge', message: 'Request entity is too large', target: null } },
	});
});

test("the v5 business events list: business-events.yaml's 401 and 400 details", async () => {
	expect(await call('listBusinessEvents', { headers: { Authorization: undefined } })).toEqual({
		status: 401,
		body: {
			error: {
				code: 'UNAUTHORIZED',
				message: 'Authentication required.',
				target: 'Authorization',
				details: [{ code: 'MISSING_VALUE', target: 'Authorization', message: 'APP_ID and APP_SECRET_KEY is missing in Authorization Header.' }],
			},
			response_id: expect.any(String),
		},
	});
	expect(await call('listBusinessEvents', { query: 'name=a&id=b' })).toEqual({
		status: 400,
		body: {
			error: { code: 'INVALID_REQUEST', message: 'Use either name or id, not both.', target: 'name', details: [{ code: 'INVALID_VALUE', target: 'name', message: 'Only one of name or id may be supplied.' }] },
			response_id: expect.any(String),
		},
	});
});

test('a GET with a body is refused in the endpoint\'s own error body, by every GET endpoint', async () => {
	expect(await call('listBusinessEvents', { body: '{}' })).toMatchObject({ status: 400, body: { error: { code: 'INVALID_REQUEST', message: 'A GET request takes no body' } } });
	expect(await call('subscriptionCategories', { body: '{}' })).toEqual({ status: 400, body: { error: { code: 'BadArgument', message: 'A GET request takes no body', target: null } } });
	expect(standIn.requests.every((request) => request.status === 400)).toBe(true);
});
