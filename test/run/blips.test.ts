import type { INodeExecutionData } from 'n8n-workflow';

import { manyUsers, pairedItems, runMoEngage, useStandIn } from '../harness/fixtures';
import { deleteUser, trackEvent } from '../harness/operations';
import { setNodeClock, VirtualClock } from '../harness/clock';
import type { Fault } from '../standin/server';
import { RATE_LIMITED } from '../standin/server';

/**
 * MoEngage failing for a few seconds (a blip) or for good (an outage), with many requests in
 * flight. The stand-in's blips last a time on the node's virtual clock, so a 10 s blip costs no
 * real time; the node waits it out with one probe at a time, and only a minute of failures with
 * no answer in between is an outage (transport/breaker.ts). Requests in flight together arrive in
 * any order: assertions compare sets and counts, never timings.
 */

const users = manyUsers(1000);
let clock = new VirtualClock();
const { standIn, baseUrl } = useStandIn({ users, now: () => clock.now() });
jest.setTimeout(60_000);

beforeEach(() => {
	clock = new VirtualClock();
	setNodeClock(clock);
});

afterAll(() => setNodeClock());

const SERVICE_UNAVAILABLE = { title: 'Service Unavailable', message: 'Try later' };
const ids = (count: number) => users.slice(0, count).map((user) => ({ id: user.customer_id }));
/** 50 requests in flight (node version 1.3's default Concurrency), every other setting the node's default. */
const IN_FLIGHT = { concurrency: 50 };

const blips: Array<[string, (forMs: number) => Fault]> = [
	['503s', (forMs) => ({ kind: 'status', status: 503, body: SERVICE_UNAVAILABLE, skip: 60, forMs })],
	['dropped connections', (forMs) => ({ kind: 'reset', skip: 60, forMs })],
];

const errorsOf = (items: INodeExecutionData[]) => items.map((item) => item.json.error).filter((error) => error !== undefined);

describe('a blip loses nothing', () => {
	describe.each(blips)('%s', (_, blip) => {
		test.each([3_000, 10_000])('for %i ms, 300 deletions with 50 in flight: every user deleted, once', async (forMs) => {
			standIn.addFault({ api: 'deleteUser', ...blip(forMs) });
			const input = ids(300);
			const { items, error } = await runMoEngage(baseUrl(), deleteUser(IN_FLIGHT), input);
			expect(error).toBeUndefined();
			expect(pairedItems(items)).toEqual(input.map((_, item) => ({ item })));
			expect(items.every((item) => item.json.status === 'success')).toBe(true);
			// The blip was met: attempts failed, and were sent again.
			expect(standIn.requests.filter((request) => request.status !== 200).length).toBeGreaterThan(0);
			const deleted = standIn.observed.deletedUsers.map((user) => user.identity_value);
			expect(deleted).toHaveLength(input.length);
			expect(new Set(deleted)).toEqual(new Set(input.map((item) => item.id)));
		});

		test('for 10 s, Track Event (never repeated after a failure that may have reached MoEngage): no event twice, every item accounted for', async () => {
			standIn.addFault({ api: 'trackEvent', ...blip(10_000) });
			const input = ids(300).map(({ id }) => ({ id, event: 'Visited' }));
			const { items, error } = await runMoEngage(baseUrl(), trackEvent(IN_FLIGHT), input, { continueOnFail: true });
			expect(error).toBeUndefined();
			expect(pairedItems(items)).toEqual(input.map((_, item) => ({ item })));
			const recorded = standIn.observed.trackedEvents.map((event) => event.customer_id);
			expect(new Set(recorded).size).toBe(recorded.length);
			const failed = items.flatMap((item, index) => (item.json.error === undefined ? [] : [input[index].id]));
			// Each item was recorded, or fails saying MoEngage may have recorded it: none lost in silence, none twice.
			expect(new Set([...recorded, ...failed])).toEqual(new Set(input.map((item) => item.id)));
			expect(recorded.length + failed.length).toBe(input.length);
			expect(items.filter((item) => item.json.error !== undefined).every((item) => String(item.json.description).includes('MoEngage may have recorded this event'))).toBe(true);
			// Only requests the blip answered failed: the others waited for the probe instead of meeting it.
			expect(failed.length).toBe(standIn.requestsTo('trackEvent').filter((request) => request.status !== 200).length);
			expect(errorsOf(items).some((message) => String(message).startsWith('MoEngage unreachable'))).toBe(false);
		});
	});

	test('answers lost after MoEngage recorded the events (a blip of dropped answers): every event recorded once, never sent again', async () => {
		standIn.addFault({ api: 'trackEvent', kind: 'processedThenDropped', skip: 60, forMs: 5_000 });
		const input = ids(300).map(({ id }) => ({ id, event: 'Visited' }));
		const { items } = await runMoEngage(baseUrl(), trackEvent(IN_FLIGHT), input, { continueOnFail: true });
		const recorded = standIn.observed.trackedEvents.map((event) => event.customer_id);
		expect(recorded).toHaveLength(input.length);
		expect(new Set(recorded)).toEqual(new Set(input.map((item) => item.id)));
		expect(items.filter((item) => item.json.error !== undefined).every((item) => String(item.json.description).includes('MoEngage may have recorded this event'))).toBe(true);
	});
});

describe('an outage', () => {
	test('MoEngage down for good: a 1,000-item run ends within 2 minutes, with one clear error per item', async () => {
		standIn.addFault({ api: 'deleteUser', kind: 'status', status: 503, body: SERVICE_UNAVAILABLE });
		const input = ids(1000);
		const { items, error } = await runMoEngage(baseUrl(), deleteUser(IN_FLIGHT), input, { continueOnFail: true });
		expect(error).toBeUndefined();
		expect(pairedItems(items)).toEqual(input.map((_, item) => ({ item })));
		items.forEach((item, index) =>
			expect(String(item.json.error)).toMatch(
				new RegExp(`^(MoEngage failed on its side for item ${index} \\(customer_id "${input[index].id}"\\): Service Unavailable: Try later|MoEngage unreachable; item ${index} was not sent)$`),
			),
		);
		expect(items.filter((item) => String(item.json.error).startsWith('MoEngage unreachable')).length).toBeGreaterThan(900);
		expect(clock.elapsed).toBeLessThan(120_000);
		// Probes, not retries of every request: far fewer attempts than items.
		expect(standIn.requests.length).toBeLessThan(200);
	});
});

describe('what the breaker must not take for an outage', () => {
	test('failures mixed with answers for three minutes: no outage, every item goes through', async () => {
		// One attempt in two fails, at a pace of 60 a minute, one at a time (the seeded faults then hit the
		// same attempts in every run): failures for far longer than a minute, never without an answer in between.
		standIn.addFault({ api: 'deleteUser', kind: 'status', status: 503, body: SERVICE_UNAVAILABLE, probability: 0.5 });
		const input = ids(180);
		const { items, error } = await runMoEngage(baseUrl(), deleteUser({ concurrency: 1, ratePerMinute: 60, maxRetries: 10 }), input);
		expect(error).toBeUndefined();
		expect(items.every((item) => item.json.status === 'success')).toBe(true);
		expect(clock.elapsed).toBeGreaterThan(120_000);
		expect(standIn.requests.filter((request) => request.status === 503).length).toBeGreaterThan(60);
	});

	test('a rate limit that holds the run for 90 s: 429 is an answer, not an outage', async () => {
		standIn.addFault({ api: 'deleteUser', kind: 'status', status: 429, body: RATE_LIMITED, resetInMs: 90_000, times: 10 });
		const input = ids(10);
		const { items, error } = await runMoEngage(baseUrl(), deleteUser({ concurrency: 10, maxWaitSeconds: 120 }), input);
		expect(error).toBeUndefined();
		expect(items.every((item) => item.json.status === 'success')).toBe(true);
		expect(clock.elapsed).toBeGreaterThanOrEqual(60_000);
	});

	test('every item refused by MoEngage (400): each fails on its own, none "unreachable"', async () => {
		const input = Array.from({ length: 100 }, (_, index) => ({ id: `ghost-${index}` }));
		const { items } = await runMoEngage(baseUrl(), deleteUser(IN_FLIGHT), input, { continueOnFail: true });
		expect(items.map((item) => String(item.json.error))).toEqual(input.map((item, index) => expect.stringMatching(new RegExp(`^MoEngage rejected item ${index} \\(customer_id "${item.id}"\\): `))));
		expect(standIn.requests).toHaveLength(100);
	});
});
