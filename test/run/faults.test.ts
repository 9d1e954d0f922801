import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { ANN, manyUsers, runMoEngage, useStandIn } from '../harness/fixtures';
import * as operations from '../harness/operations';
import { setNodeClock, VirtualClock } from '../harness/clock';
import { RATE_LIMITED } from '../standin/server';

/**
 * MoEngage and the network misbehaving. For each fault: every item either succeeds or carries a
 * clear error, none is lost or duplicated, and pairedItem stays intact. (Time is bounded by the
 * test timeout; speed is measured by `npm run bench`, not asserted here.)
 */

const users = manyUsers(30);
const { standIn, baseUrl } = useStandIn({ users: [ANN, ...users] });
jest.setTimeout(30_000);

// Fast retries so faults resolve quickly; pacing off unless a test is about pacing.
const fastRetries = { maxRetries: 8, maxWaitSeconds: 0.2, ratePerMinute: 0, timeoutSeconds: 2 };
const deleteUser = (options: IDataObject = {}) => operations.deleteUser({ ...fastRetries, concurrency: 5, ...options });
const getUser = (options: IDataObject = {}) => operations.getUser({ ...fastRetries, ...options });
const deleteCards = (options: IDataObject = {}) => ({
	resource: 'card',
	operation: 'delete',
	identifyBy: 'uid',
	userValue: '={{ $json.id }}',
	campaignIds: 'c1',
	options: { ...fastRetries, concurrency: 5, ...options },
});

const input = users.map((user) => ({ id: user.customer_id }));

/** One output item per input item, each paired with its own input, none twice. */
function expectLineage(items: INodeExecutionData[], count: number): void {
	expect(items).toHaveLength(count);
	expect(items.map((item) => item.pairedItem)).toEqual(Array.from({ length: count }, (_, item) => ({ item })));
}

describe('429s', () => {
	test('half the requests answered 429 with reset headers: every deletion still goes through, once', async () => {
		standIn.addFault({ kind: 'status', status: 429, body: RATE_LIMITED, oncePerBody: true, resetInMs: 30 });
		const { items, error } = await runMoEngage(baseUrl(), deleteUser(), input);
		expect(error).toBeUndefined();
		expectLineage(items, 30);
		expect(items.every((item) => item.json.status === 'success')).toBe(true);
		expect(standIn.requests.filter((request) => request.status === 429)).toHaveLength(30);
		expect(standIn.requests).toHaveLength(60);
		// Each user was deleted exactly once: a 429 is never processed.
		expect(new Set(standIn.observed.deletedUsers.map((user) => user.identity_value)).size).toBe(30);
		expect(standIn.observed.deletedUsers).toHaveLength(30);
	});

	test('Get User batches survive 429s without reset headers (backoff), outputs aligned', async () => {
		standIn.addFault({ kind: 'status', status: 429, body: RATE_LIMITED, oncePerBody: true });
		const { items, error } = await runMoEngage(baseUrl(), getUser(), input);
		expect(error).toBeUndefined();
		expectLineage(items, 30);
		items.forEach((item, index) => expect(item.json.customer_id).toBe(users[index].customer_id));
	});

	test('retries run out: the items carry the rate-limit error, the others succeed', async () => {
		standIn.addFault({ kind: 'status', status: 429, body: RATE_LIMITED, times: 3 });
		const { items } = await runMoEngage(baseUrl(), deleteUser({ maxRetries: 0, concurrency: 1 }), input.slice(0, 5), { continueOnFail: true });
		expectLineage(items, 5);
		expect(items.map((item) => item.json.error ?? item.json.status)).toEqual([
			"MoEngage's rate limit was still reached for item 0 (customer_id \"u-100\") after 1 attempt: Request limit reached: This API call has exceeded the rate limit",
			"MoEngage's rate limit was still reached for item 1 (customer_id \"u-101\") after 1 attempt: Request limit reached: This API call has exceeded the rate limit",
			"MoEngage's rate limit was still reached for item 2 (customer_id \"u-102\") after 1 attempt: Request limit reached: This API call has exceeded the rate limit",
			'success',
			'success',
		]);
	});
});

describe('server errors and broken connections', () => {
	test('a burst of 5xx is retried away', async () => {
		standIn.addFault({ kind: 'status', status: 503, body: { title: 'Service Unavailable', message: 'Try later' }, times: 6 });
		const { items, error } = await runMoEngage(baseUrl(), deleteCards(), input.map(() => ({ id: 'ann@example.com' })));
		expect(error).toBeUndefined();
		expectLineage(items, 30);
		expect(items.every((item) => item.json.uid === 'ann@example.com')).toBe(true);
	});

	test('connections reset mid-request are retried (deleting is idempotent)', async () => {
		standIn.addFault({ kind: 'reset', oncePerBody: true });
		const { items, error } = await runMoEngage(baseUrl(), deleteUser(), input);
		expect(error).toBeUndefined();
		expectLineage(items, 30);
		expect(items.every((item) => item.json.status === 'success')).toBe(true);
		expect(standIn.requests.filter((request) => request.status === 0)).toHaveLength(30);
	});

	test('a malformed 200 body is an item error, not retried, not an empty success', async () => {
		standIn.addFault({ kind: 'malformed', times: 2 });
		const { items } = await runMoEngage(baseUrl(), deleteUser({ concurrency: 1 }), input.slice(0, 4), { continueOnFail: true });
		expectLineage(items, 4);
		expect(items.slice(0, 2).map((item) => item.json.error)).toEqual([0, 1].map((i) => `MoEngage answered item ${i} (customer_id "u-10${i}") with a body that is not a JSON object`));
		expect(items.slice(2).every((item) => item.json.status === 'success')).toBe(true);
		expect(standIn.requests).toHaveLength(4);
	});

	test('a response slower than the timeout is abandoned and retried', async () => {
		standIn.addFault({ kind: 'slow', delayMs: 1500, times: 1 });
		const { items, error } = await runMoEngage(baseUrl(), deleteUser({ timeoutSeconds: 0.3, concurrency: 1 }), input.slice(0, 2));
		expect(error).toBeUndefined();
		expectLineage(items, 2);
		expect(items.every((item) => item.json.status === 'success')).toBe(true);
	});

	test('with no retries left, a timeout is reported as MoEngage being slow, for that item only', async () => {
		standIn.addFault({ kind: 'slow', delayMs: 1500, times: 1 });
		const { items } = await runMoEngage(baseUrl(), deleteUser({ timeoutSeconds: 0.3, maxRetries: 0, concurrency: 1 }), input.slice(0, 2), {
			continueOnFail: true,
		});
		expectLineage(items, 2);
		expect(items[0].json.error).toBe('MoEngage did not answer item 0 (customer_id "u-100") within 0.3 s');
		expect(items[0].json.description).toBe("ECONNABORTED · 1 attempt · MoEngage is slow: raise the node's Timeout setting, or try again later");
		expect(items[1].json.status).toBe('success');
	});

	test('4xx other than 429 is sent once, never retried', async () => {
		await runMoEngage(baseUrl(), deleteUser(), [{ id: 'ghost' }], { continueOnFail: true });
		expect(standIn.requests).toHaveLength(1);
	});
});

describe('pacing', () => {
	test('at a Rate Limit of 1,200 a minute, 30 deletions go at once: the first minute\'s budget is spent without waiting', async () => {
		const clock = new VirtualClock();
		setNodeClock(clock);
		try {
			const { items, error } = await runMoEngage(baseUrl(), deleteUser({ ratePerMinute: 1200, concurrency: 10, maxRetries: 0 }), input);
			expect(error).toBeUndefined();
			expectLineage(items, 30);
			expect(standIn.requests.filter((request) => request.status === 429)).toHaveLength(0);
			expect(clock.elapsed).toBe(0);
		} finally {
			setNodeClock();
		}
	});

	test('at a Rate Limit of 20 a minute, 30 deletions: 20 at once, the other 10 when the first minute\'s units come back (a minute plus the 3 % margin)', async () => {
		const clock = new VirtualClock();
		setNodeClock(clock);
		try {
			const { items, error } = await runMoEngage(baseUrl(), deleteUser({ ratePerMinute: 20, concurrency: 10, maxRetries: 0 }), input);
			expect(error).toBeUndefined();
			expectLineage(items, 30);
			expect(standIn.requests.filter((request) => request.status === 429)).toHaveLength(0);
			// The node's own clock: the last request waited one window, no more.
			expect(clock.elapsed).toBeCloseTo(60_000 / 0.97, 0);
		} finally {
			setNodeClock();
		}
	});
});
