/* eslint-disable @n8n/community-nodes/no-restricted-imports -- runs on a developer's machine or in CI, never inside n8n */
import { randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';

import { ANN, BOB, WORKSPACE } from '../harness/fixtures';
import type { Reply } from './overHttp';
import { basic, callerFor, dataFail } from './overHttp';
import { MoEngageStandIn } from './server';

/**
 * What the gateway does before any endpoint (gateway.ts, rateLimits.ts): keys, headers and the
 * workspace in the path (data.yaml 401, data-overview.mdx), and the rate limits (api/rate-limits.mdx).
 */

const standIn = new MoEngageStandIn({ workspace: WORKSPACE, users: [ANN, BOB] });
beforeAll(() => standIn.start());
afterAll(() => standIn.stop());
beforeEach(() => standIn.reset());

const call = callerFor(standIn);

describe('authentication and headers of the Data APIs (data.yaml 401, data-overview.mdx)', () => {
	test('a wrong key, another workspace, no Authorization, the Cards key', async () => {
		const body = { identity_type: 'customer_id', identity_value: 'u-1' };
		expect(await call('deleteUser', body, { headers: { Authorization: basic('wrong') } })).toEqual(
			dataFail(401, { message: 'App Secret key mismatch. Please login to the dashboard to verify key', type: 'Authentication required' }),
		);
		expect(await call('deleteUser', body, { headers: { Authorization: basic(WORKSPACE.cardsApiKey) } })).toEqual(
			dataFail(401, { message: 'App Secret key mismatch. Please login to the dashboard to verify key', type: 'Authentication required' }),
		);
		expect(await call('deleteUser', body, { headers: { Authorization: `Basic ${Buffer.from(`OTHER:${WORKSPACE.dataApiKey}`).toString('base64')}` } })).toEqual(
			dataFail(401, { message: 'Invalid APP_ID used in Authentication Header', type: 'Authentication required' }),
		);
		expect(await call('deleteUser', body, { headers: { Authorization: undefined } })).toEqual(dataFail(401, { message: 'Authentication Header Required', type: 'Authentication required' }));
		expect(standIn.observed.deletedUsers).toEqual([]);
	});

	test('a workspace without a Data key answers 409 (data-overview.mdx)', async () => {
		standIn.setWorkspace({ ...WORKSPACE, dataApiKey: '' });
		try {
			const reply = await call('deleteUser', { identity_type: 'customer_id', identity_value: 'u-1' }, { headers: { Authorization: basic('') } });
			expect(reply).toEqual(dataFail(409, { message: 'App Secret key is not set. Please login to the dashboard to set a key', type: 'Authentication required' }));
		} finally {
			standIn.setWorkspace(WORKSPACE);
		}
	});

	test('Content-Type missing is 400, another type 415; the workspace in the path must match (409)', async () => {
		const body = { type: 'customer', customer_id: 'u-1' };
		expect(await call('trackUser', body, { headers: { 'Content-Type': 'text/plain' } })).toEqual(dataFail(415, { message: 'Unsupported Media Type', type: 'MediaTypeError' }));
		const withoutType = await new Promise<Reply>((resolve, reject) => {
			const payload = JSON.stringify(body);
			const req = httpRequest(
				`${standIn.baseUrl}/v1/customer/${WORKSPACE.workspaceId}`,
				{ method: 'POST', headers: { Authorization: basic(WORKSPACE.dataApiKey), 'Content-Length': Buffer.byteLength(payload) } },
				(res) => {
					const chunks: Buffer[] = [];
					res.on('data', (chunk: Buffer) => chunks.push(chunk));
					res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) }));
				},
			);
			req.on('error', reject);
			req.end(payload);
		});
		expect(withoutType).toEqual(dataFail(400, { message: 'The Content-Type Header is required', type: 'Missing header value' }));
		const response = await fetch(`${standIn.baseUrl}/v1/customer/OTHER?app_id=${WORKSPACE.workspaceId}`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json', Authorization: basic(WORKSPACE.dataApiKey) },
			body: JSON.stringify(body),
		});
		expect({ status: response.status, body: await response.json() }).toEqual(dataFail(409, { message: 'App key mismatch in params and authentication', type: 'Authentication Mismatch' }));
	});

	test('rate limits answer each endpoint\'s documented 429 body', async () => {
		const limited = new MoEngageStandIn({ workspace: WORKSPACE, users: [ANN], rateLimits: { deleteUser: { limit: 0, windowMs: 60_000 }, trackEvent: { limit: 0, windowMs: 60_000 } } });
		await limited.start();
		try {
			const post = (path: string, body: unknown) =>
				fetch(`${limited.baseUrl}${path}?app_id=${WORKSPACE.workspaceId}`, {
					method: 'POST',
					headers: { 'Content-Type': 'application/json', Authorization: basic(WORKSPACE.dataApiKey) },
					body: JSON.stringify(body),
				});
			const deleted = await post('/v1/customer/delete', { identity_type: 'customer_id', identity_value: 'u-1' });
			expect(deleted.status).toBe(429);
			expect(await deleted.json()).toEqual({ status: 'fail', title: 'Rate limit exceeded', description: 'Exceeded rate limit for this url' });
			const event = await post(`/v1/event/${WORKSPACE.workspaceId}`, { type: 'event', customer_id: 'u-1', actions: [{ action: 'x' }] });
			expect(await event.json()).toEqual({ status: 'fail', error: { message: 'Rate limits for customers exceeded. Please Try After Some Time', type: 'Rate Limits Exceeded', request_id: expect.any(String) } });
			expect(event.headers.get('x-ratelimit-remaining')).toBe('0');
		} finally {
			await limited.stop();
		}
	});

	test("x-ratelimit-reset in each page's form: seconds left for the Data APIs and Messaging, the epoch second elsewhere", async () => {
		let now = 1_800_000_000_000;
		const limits = { limit: 0, windowMs: 60_000 };
		const limited = new MoEngageStandIn({ workspace: WORKSPACE, users: [ANN], now: () => now, rateLimits: { trackUser: limits, exportUsers: limits, sendMessage: limits, searchCampaigns: limits, fetchCards: limits } });
		await limited.start();
		try {
			const call = callerFor(limited);
			const resetOf = async (api: Parameters<typeof call>[0], body: unknown, pathParams?: Record<string, string>, headers?: Record<string, string>) => {
				const response = await call(api, body, { pathParams, headers, withHeaders: true });
				expect(response.status).toBe(429);
				return [response.headers?.['x-ratelimit-reset'], response.headers?.['retry-after']];
			};
			// Each window opens with its request; 20 s later 40 s of it are left.
			expect(await resetOf('trackUser', { type: 'customer', customer_id: 'u-1', attributes: {} })).toEqual(['60', undefined]);
			now += 20_000;
			// data-overview.mdx: "the number of seconds remaining until the current window resets", under 60.
			expect(await resetOf('trackUser', { type: 'customer', customer_id: 'u-1', attributes: {} })).toEqual(['40', undefined]);
			expect(await resetOf('exportUsers', { data: { identifiers: [{ identifier_type: 'customer_id', identifier: 'u-1' }] } })).toEqual(['60', undefined]);
			// messaging/trigger.yaml: "the seconds until the current rate-limit window resets", and Retry-After.
			expect(await resetOf('sendMessage', { identifier_type: 'ID', recipients: ['u-1'] }, { campaign_id: 'c-1' }, { 'Idempotency-Key': randomUUID() })).toEqual(['60', '60']);
			// rate-limits.mdx: "Time at which the current window resets, in UTC epoch seconds".
			expect(await resetOf('searchCampaigns', { request_id: 'r', campaign_fields: {} })).toEqual([String(now / 1000 + 60), undefined]);
			expect(await resetOf('fetchCards', { uid: 'u-1' })).toEqual([String(now / 1000 + 60), undefined]);
		} finally {
			await limited.stop();
		}
	});

	test('a limit in users counts Get User\'s identifiers, not its requests', async () => {
		const limited = new MoEngageStandIn({ workspace: WORKSPACE, users: [ANN, BOB], rateLimits: { exportUsers: { limit: 3, windowMs: 60_000, unit: 'users' } } });
		await limited.start();
		try {
			const exportUsers = (ids: string[]) =>
				fetch(`${limited.baseUrl}/v1/customers/export?app_id=${WORKSPACE.workspaceId}`, {
					method: 'POST',
					headers: { 'Content-Type': 'application/json', Authorization: basic(WORKSPACE.dataApiKey) },
					body: JSON.stringify({ data: { identifiers: ids.map((identifier) => ({ identifier_type: 'customer_id', identifier })) } }),
				});
			expect((await exportUsers(['u-1', 'u-2'])).status).toBe(200);
			// 2 of 3 users spent: a request for 2 more is over the limit, one for 1 more is not.
			expect((await exportUsers(['u-1', 'u-2'])).status).toBe(429);
			expect((await exportUsers(['u-1'])).status).toBe(200);
			expect((await exportUsers(['u-2'])).status).toBe(429);
		} finally {
			await limited.stop();
		}
	});
});

describe('Bulk Import limits (api/rate-limits.mdx: 60,000 users and 60,000 events a minute, across all requests)', () => {
	test('users and events are two budgets: customers count as users, event actions as events', async () => {
		const limited = new MoEngageStandIn({
			workspace: WORKSPACE,
			users: [ANN],
			rateLimits: { bulkImport: [{ limit: 3, windowMs: 60_000, unit: 'users' }, { limit: 2, windowMs: 60_000, unit: 'events' }] },
		});
		await limited.start();
		try {
			const customer = (id: string) => ({ type: 'customer', customer_id: id, attributes: { plan: 'gold' } });
			const event = (id: string, actions: number) => ({ type: 'event', customer_id: id, actions: Array.from({ length: actions }, () => ({ action: 'Bench', attributes: {} })) });
			const bulk = (elements: unknown[]) =>
				fetch(`${limited.baseUrl}/v1/transition/${WORKSPACE.workspaceId}?app_id=${WORKSPACE.workspaceId}`, {
					method: 'POST',
					headers: { 'Content-Type': 'application/json', Authorization: basic(WORKSPACE.dataApiKey) },
					body: JSON.stringify({ type: 'transition', elements }),
				});
			expect((await bulk([customer('u-1'), customer('u-2')])).status).toBe(200);
			// 2 of 3 users and no event spent: 2 more users are over, 2 events are not.
			expect((await bulk([customer('u-3'), customer('u-4')])).status).toBe(429);
			expect((await bulk([event('u-1', 2)])).status).toBe(200);
			expect((await bulk([event('u-1', 1)])).status).toBe(429);
			// A request over one budget spends neither.
			expect((await bulk([customer('u-3'), event('u-1', 1)])).status).toBe(429);
			expect((await bulk([customer('u-3')])).status).toBe(200);
		} finally {
			await limited.stop();
		}
	});
});
