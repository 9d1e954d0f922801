import fc from 'fast-check';

import { Pacer } from '../../nodes/MoEngage/transport/pacer';
import { TestCredentialsHelper } from '../harness/runWorkflow';
import { FrozenClock, setNodeClock, VirtualClock } from '../harness/clock';
import { manyUsers, pairedItems, runMoEngage, useStandIn, WORKSPACE } from '../harness/fixtures';
import { atVersion, deleteUser, getUser, mergeUsers } from '../harness/operations';
import type { RecordedRequest } from '../standin/server';

/**
 * Speed without giving up safety:
 * - the pace of one endpoint: a minute's budget spent at once, never more than the limit in any
 *   minute, and the limit every minute after that (time is a number the test sets);
 * - Get and Merge send up to Concurrency batch requests at once. Requests in flight are counted
 *   by the stand-in as they arrive (how many earlier requests it has not answered yet), never by
 *   how long anything took, and concurrent requests are compared as sets.
 */

const MINUTE = 60_000;
/** A spent unit comes back after a minute plus the 3 % jitter margin. */
const WINDOW = MINUTE / 0.97;

/** The most units any window of `windowMs` holds, for requests starting at `starts` with `costs`. */
function busiestWindow(starts: number[], costs: number[], windowMs: number): number {
	const order = starts.map((_, i) => i).sort((a, b) => starts[a] - starts[b]);
	let most = 0;
	for (let i = 0; i < order.length; i++) {
		let units = 0;
		for (let j = i; j < order.length && starts[order[j]] < starts[order[i]] + windowMs; j++) units += costs[order[j]];
		most = Math.max(most, units);
	}
	return most;
}

/** Books `costs` in order, the clock moving on by `gaps[i]` before the i-th; returns each request's start. */
function bookAll(rate: number, costs: number[], gaps: number[] = []): number[] {
	let clock = 1_800_000_000_000;
	const pacer = new Pacer(rate, () => clock);
	return costs.map((cost, i) => {
		clock += gaps[i] ?? 0;
		return clock + pacer.book(cost);
	});
}

describe('the first minute: its whole budget at once', () => {
	test('Get User, 1,000 users in batches of 20 at 1,000 users a minute: all 50 requests start at once', () => {
		const pacer = new Pacer(1000, () => 0);
		expect(Array.from({ length: 50 }, () => pacer.book(20))).toEqual(Array(50).fill(0));
		// The next batch waits for the first units to come back.
		expect(pacer.book(20)).toBeCloseTo(WINDOW);
	});

	test('any costs that fit the budget go without waiting', () => {
		fc.assert(
			fc.property(fc.integer({ min: 1, max: 5000 }), fc.array(fc.integer({ min: 1, max: 50 }), { maxLength: 300 }), (rate, costs) => {
				const pacer = new Pacer(rate, () => 0);
				let spent = 0;
				for (const cost of costs) {
					if (spent + cost > rate) break;
					spent += cost;
					expect(pacer.book(cost)).toBe(0);
				}
			}),
		);
	});

	test('a request waits until its whole cost is back', () => {
		let clock = 0;
		const pacer = new Pacer(100, () => clock);
		expect(pacer.book(90)).toBe(0);
		clock = 1_000;
		expect(pacer.book(5)).toBe(0);
		// 5 units left, 20 needed: the 90 spent at 0 come back after a window.
		expect(pacer.book(20)).toBeCloseTo(WINDOW - 1_000);
		// Requests start in the order they were booked, even one that would fit sooner.
		expect(pacer.book(1)).toBeCloseTo(WINDOW - 1_000);
	});
});

describe('no minute ever holds more than the limit', () => {
	test('for any costs, any rate, any gaps between requests: every minute-long window holds at most the limit (a request larger than the limit, alone)', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 1, max: 3000 }),
				fc.array(fc.tuple(fc.integer({ min: 1, max: 60 }), fc.integer({ min: 0, max: 20_000 })), { minLength: 1, maxLength: 400 }),
				(rate, requests) => {
					const costs = requests.map(([cost]) => cost);
					const starts = bookAll(
						rate,
						costs,
						requests.map(([, gap]) => gap),
					);
					expect(busiestWindow(starts, costs, MINUTE)).toBeLessThanOrEqual(Math.max(rate, ...costs));
				},
			),
		);
	});

	test('requests start in the order they were booked, never before they were booked', () => {
		fc.assert(
			fc.property(fc.integer({ min: 1, max: 500 }), fc.array(fc.integer({ min: 1, max: 30 }), { maxLength: 200 }), fc.array(fc.nat(5_000), { maxLength: 200 }), (rate, costs, gaps) => {
				let clock = 0;
				const pacer = new Pacer(rate, () => clock);
				let previous = -Infinity;
				costs.forEach((cost, i) => {
					clock += gaps[i] ?? 0;
					const wait = pacer.book(cost);
					expect(wait).toBeGreaterThanOrEqual(0);
					expect(clock + wait).toBeGreaterThanOrEqual(previous);
					previous = clock + wait;
				});
			}),
		);
	});

	test('a request larger than the whole budget does not wait forever: it goes alone, and keeps the bucket empty as long as it is larger', () => {
		let clock = 0;
		const pacer = new Pacer(10, () => clock);
		expect(pacer.book(25)).toBe(0);
		expect(pacer.book(1)).toBeCloseTo(2.5 * WINDOW);
		clock = 2.5 * WINDOW;
		expect(pacer.book(25)).toBeCloseTo(WINDOW);
		expect(pacer.book(25)).toBeCloseTo(WINDOW + 2.5 * WINDOW);
	});
});

describe('afterwards: the limit every minute', () => {
	test.each([
		{ rate: 1000, cost: 20 },
		{ rate: 5000, cost: 1 },
		{ rate: 60, cost: 1 },
		{ rate: 1000, cost: 7 },
	])('$rate a minute in requests of $cost: a long run sends the limit (less the 3 % margin) every minute', ({ rate, cost }) => {
		const pacer = new Pacer(rate, () => 0);
		const minutes = 30;
		let units = 0;
		for (;;) {
			if (pacer.book(cost) >= minutes * MINUTE) break;
			units += cost;
		}
		const perMinute = units / minutes;
		// Bursts of the budget one window apart: at most one burst more than the margin's pace…
		expect(perMinute).toBeLessThanOrEqual(rate * 0.97 + rate / minutes);
		// …and no less than that pace, short of one request per window.
		expect(perMinute).toBeGreaterThanOrEqual((rate - cost) * 0.97 - cost);
	});

	test('a steady stream below the limit never waits', () => {
		let clock = 0;
		const pacer = new Pacer(600, () => clock);
		for (let i = 0; i < 5_000; i++) {
			clock = i * 110; // 545 a minute
			expect(pacer.book(1)).toBe(0);
		}
	});

	test('a stream above the limit settles at the limit', () => {
		let clock = 0;
		const pacer = new Pacer(600, () => clock);
		const starts: number[] = [];
		for (let i = 0; i < 6_000; i++) {
			clock = i * 50; // asks for 1,200 a minute
			starts.push(clock + pacer.book(1));
		}
		expect(busiestWindow(starts, Array(starts.length).fill(1), MINUTE)).toBeLessThanOrEqual(600);
		const lastMinute = starts.filter((start) => start >= starts[starts.length - 1] - 10 * MINUTE).length / 10;
		expect(lastMinute).toBeGreaterThanOrEqual(600 * 0.97 - 60);
		expect(lastMinute).toBeLessThanOrEqual(600);
	});
});

describe('a per-second limit too (Search Campaigns: 10 a second, 100 a minute)', () => {
	/** Books one request each, the clock moving on by `gaps[i]` before the i-th; returns each request's start. */
	function bookRequests(rate: number, perSecond: number, gaps: number[]): number[] {
		let clock = 1_800_000_000_000;
		const pacer = new Pacer(rate, () => clock, perSecond);
		return gaps.map((gap) => {
			clock += gap;
			return clock + pacer.book(1);
		});
	}

	test('for any gaps: no second holds more than the per-second limit, no minute more than the per-minute one', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 1, max: 20 }),
				fc.integer({ min: 20, max: 300 }),
				fc.array(fc.integer({ min: 0, max: 3000 }), { minLength: 1, maxLength: 400 }),
				(perSecond, rate, gaps) => {
					const starts = bookRequests(rate, perSecond, gaps);
					const ones = starts.map(() => 1);
					expect(busiestWindow(starts, ones, 1000)).toBeLessThanOrEqual(perSecond);
					expect(busiestWindow(starts, ones, MINUTE)).toBeLessThanOrEqual(rate);
				},
			),
		);
	});

	test("the minute's budget still goes out early: 100 requests at 10 a second within 10 windows of a second", () => {
		const starts = bookRequests(100, 10, new Array<number>(100).fill(0));
		const first = starts[0];
		expect(starts.slice(0, 10).every((start) => start === first)).toBe(true);
		expect(starts[10] - first).toBe(1250);
		expect(Math.max(...starts) - first).toBe(9 * 1250);
	});

	test('Rate Limit 0 turns the per-second pace off too', () => {
		expect(new Set(bookRequests(0, 10, new Array<number>(50).fill(0))).size).toBe(1);
	});
});

describe('rate 0 and rate-limit resets', () => {
	test('rate 0 does not pace', () => {
		const pacer = new Pacer(0, () => 5);
		expect([1000, 1000, 1].map((cost) => pacer.book(cost))).toEqual([0, 0, 0]);
	});

	test('a rate-limit reset holds every later request, paced or not', () => {
		let clock = 0;
		for (const rate of [0, 600]) {
			clock = 0;
			const pacer = new Pacer(rate, () => clock);
			pacer.holdUntil(5_000);
			pacer.holdUntil(3_000); // an earlier reset does not shorten the hold
			expect(pacer.book(1)).toBe(5_000);
			expect(pacer.book(1)).toBe(5_000);
			clock = 6_000;
			expect(pacer.book(1)).toBe(0);
		}
	});

	test('after a reset, the budget still counts what was spent before it', () => {
		let clock = 0;
		const pacer = new Pacer(100, () => clock);
		expect(pacer.book(100)).toBe(0);
		pacer.holdUntil(10_000);
		clock = 1_000;
		expect(pacer.book(1)).toBeCloseTo(WINDOW - 1_000);
	});
});

const users = manyUsers(100);
const { standIn, baseUrl } = useStandIn({ users });

/** For each request as it arrives: its body, and the bodies of the earlier requests not answered yet. */
function countInFlight(openGateAt = Infinity): Array<{ request: RecordedRequest; unanswered: RecordedRequest[] }> {
	const arrivals: Array<{ request: RecordedRequest; unanswered: RecordedRequest[] }> = [];
	standIn.onRequest = (request) => {
		// `status` stays 0 until the stand-in answers.
		arrivals.push({ request, unanswered: standIn.requests.filter((earlier) => earlier !== request && earlier.status === 0) });
		// Requests held by a 'held' fault are answered once this many have arrived.
		if (arrivals.length === openGateAt) standIn.openGate();
	};
	return arrivals;
}


describe('one-item requests in parallel: the default Concurrency by node version', () => {
	beforeEach(() => setNodeClock(new VirtualClock()));
	afterEach(() => setNodeClock());

	const deletes = users.slice(0, 60).map((user) => ({ id: user.customer_id }));

	test('version 1.3: 50 deletes in flight at once', async () => {
		// Every delete is held until fifty have arrived: with fewer in flight the run would not end.
		standIn.addFault({ api: 'deleteUser', kind: 'held', times: 50 });
		const arrivals = countInFlight(50);
		const { items, error } = await runMoEngage(baseUrl(), deleteUser(), deletes, { typeVersion: 1.3 });
		expect(error).toBeUndefined();
		expect(arrivals).toHaveLength(60);
		expect(Math.max(...arrivals.map(({ unanswered }) => unanswered.length + 1))).toBe(50);
		expect(pairedItems(items)).toEqual(deletes.map((_, item) => ({ item })));
	});

	test('version 1.2 (saved workflows): never more than 10 in flight', async () => {
		standIn.addFault({ api: 'deleteUser', kind: 'slow', delayMs: 20, times: 60 });
		const arrivals = countInFlight();
		const { items, error } = await runMoEngage(baseUrl(), atVersion(deleteUser(), 1.2), deletes, { typeVersion: 1.2 });
		expect(error).toBeUndefined();
		expect(arrivals).toHaveLength(60);
		expect(Math.max(...arrivals.map(({ unanswered }) => unanswered.length + 1))).toBeLessThanOrEqual(10);
		expect(pairedItems(items)).toEqual(deletes.map((_, item) => ({ item })));
	});
});

describe('batches in parallel', () => {
	beforeEach(() => setNodeClock(new VirtualClock()));
	afterEach(() => setNodeClock());

	// Get and Merge have no Concurrency field of their own: they send up to 10 batches at once.

	test('Get, 100 users in 5 batches: all 5 requests are in flight at once, and each item gets its own user', async () => {
		// Every lookup is held until all five have arrived: sent one after the other, the second
		// could never arrive and the run would not end.
		standIn.addFault({ api: 'exportUsers', kind: 'held', times: 5 });
		const arrivals = countInFlight(5);
		const input = users.map((user) => ({ id: user.customer_id }));
		const { items, error } = await runMoEngage(baseUrl(), getUser(), input);
		expect(error).toBeUndefined();
		expect(standIn.requests).toHaveLength(5);
		expect(Math.max(...arrivals.map(({ unanswered }) => unanswered.length + 1))).toBe(5);
		// The five batches together asked for each user once.
		const asked = standIn.requests.flatMap((request) => (request.body as { data: { identifiers: Array<{ identifier: string }> } }).data.identifiers.map(({ identifier }) => identifier));
		expect(new Set(asked)).toEqual(new Set(input.map(({ id }) => id)));
		expect(asked).toHaveLength(100);
		expect(pairedItems(items)).toEqual(input.map((_, item) => ({ item })));
		expect(items.map((item) => item.json.customer_id)).toEqual(input.map(({ id }) => id));
	});

	/** 300 lookups (15 batches): the 100 users, and 200 that MoEngage does not know. */
	const manyLookups = [...users.map((user) => ({ id: user.customer_id })), ...Array.from({ length: 200 }, (_, i) => ({ id: `ghost-${i}` }))];

	test('Get, 15 batches: never more than 10 lookups in flight, and every item answered', async () => {
		standIn.addFault({ api: 'exportUsers', kind: 'slow', delayMs: 100, times: 15 });
		const arrivals = countInFlight();
		const { items, error } = await runMoEngage(baseUrl(), getUser({ ifNotFound: 'returnItem' }), manyLookups);
		expect(error).toBeUndefined();
		expect(arrivals).toHaveLength(15);
		expect(arrivals.every(({ unanswered }) => unanswered.length + 1 <= 10)).toBe(true);
		expect(pairedItems(items)).toEqual(manyLookups.map((_, item) => ({ item })));
		expect(items.map((item) => item.json.customer_id ?? item.json.identifier)).toEqual(manyLookups.map(({ id }) => id));
		expect(items.filter((item) => item.json.found === false)).toHaveLength(200);
	});

	test('Get, stopping on a failure: the lookups in flight finish, none is sent after the failure', async () => {
		// A Rate Limit of 200 users on a clock that never moves: the first 10 batches (of 20) leave
		// at once, the 11th waits for budget that only the stop can end, whatever order answers come in.
		setNodeClock(new FrozenClock());
		// The first lookup to arrive is rejected at once; the 9 others sent with it are held until all 10 have arrived.
		standIn.addFault({ api: 'exportUsers', kind: 'status', status: 400, times: 1, body: { status: 'fail', error: { message: 'bad', type: 'Bad Request' } } });
		standIn.addFault({ api: 'exportUsers', kind: 'held', times: 9 });
		const arrivals = countInFlight(10);
		const { error } = await runMoEngage(baseUrl(), getUser({ ratePerMinute: 200 }), manyLookups);
		expect(error?.message).toMatch(/^MoEngage rejected the request for items \d+–\d+: bad$/);
		expect(error?.description).toMatch(/; not sent: items 200–299$/);
		// The first 10 batches, in flight together, each answered; nothing after them.
		expect(standIn.requests).toHaveLength(10);
		// When the 10th arrived, the 8 others held before it were still unanswered (the rejected one may be too).
		expect(arrivals[9].unanswered.length).toBeGreaterThanOrEqual(8);
		expect(standIn.requests.map((request) => request.status).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 200, 400]);
		const asked = standIn.requests.flatMap((request) => (request.body as { data: { identifiers: Array<{ identifier: string }> } }).data.identifiers.map(({ identifier }) => identifier));
		expect(new Set(asked)).toEqual(new Set(manyLookups.slice(0, 200).map(({ id }) => id)));
	});

	test('Merge: batches without a user in common go at once; a batch that shares a user with an earlier one waits for its answer', async () => {
		// 150 pairs, 3 batches of 50. The second batch merges the first pair's retained user onward.
		const input = Array.from({ length: 150 }, (_, i) => ({ old: `m-${i}`, keep: `k-${i}` }));
		input[60] = { old: 'k-0', keep: 'k-60' };
		// The first two batches to leave are held until both have arrived (the second batch cannot be one of them).
		standIn.addFault({ api: 'mergeUsers', kind: 'held', times: 2 });
		const arrivals = countInFlight(2);
		const { items, error } = await runMoEngage(baseUrl(), mergeUsers(), input);
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json.status)).toEqual(Array(150).fill('accepted'));
		expect(pairedItems(items)).toEqual(input.map((_, item) => ({ item })));
		const firstPair = (request: RecordedRequest) => (request.body as { merge_data: Array<{ merged_user: string }> }).merge_data[0].merged_user;
		const arrivalOf = (merged: string) => arrivals.find(({ request }) => firstPair(request) === merged);
		const unansweredAt = (merged: string) => arrivalOf(merged)?.unanswered.map(firstPair) ?? [];
		expect(new Set(arrivals.map(({ request }) => firstPair(request)))).toEqual(new Set(['m-0', 'm-50', 'm-100']));
		// The second batch left only once the first one was answered…
		expect(unansweredAt('m-50')).not.toContain('m-0');
		expect(arrivalOf('m-0')?.request.status).toBe(200);
		// …while the first and the third were in flight together (whichever arrived first).
		expect(unansweredAt('m-100').includes('m-0') || unansweredAt('m-0').includes('m-100')).toBe(true);
	});

	test('Merge: a batch MoEngage rejects (400) is sent again pair by pair, while the other batches go on', async () => {
		const input = Array.from({ length: 100 }, (_, i) => ({ old: `m-${i}`, keep: `k-${i}` }));
		standIn.addFault({ api: 'mergeUsers', kind: 'status', status: 400, times: 1, body: { status: 'fail', error: { message: 'bad pair', type: 'Bad Request' } } });
		const { items, error } = await runMoEngage(baseUrl(), mergeUsers(), input);
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json.status)).toEqual(Array(100).fill('accepted'));
		// One rejected batch of 50, the other batch, and the 50 pairs of the rejected one.
		expect(standIn.requests).toHaveLength(52);
		expect(standIn.requests.filter((request) => request.status === 400)).toHaveLength(1);
	});
});

describe('CPU per request', () => {
	test('the credential is read (and, in n8n, decrypted) once per execution, not once per request', async () => {
		const read = jest.spyOn(TestCredentialsHelper.prototype, 'getDecrypted');
		try {
			const input = users.slice(0, 30).map((user) => ({ id: user.customer_id }));
			const deleteUser = { resource: 'user', operation: 'delete', identityType: 'customer_id', identityValue: '={{ $json.id }}', options: { ratePerMinute: 0 } };
			const { items, error } = await runMoEngage(baseUrl(), deleteUser, input);
			expect(error).toBeUndefined();
			expect(items.map((item) => item.json.status)).toEqual(Array(30).fill('success'));
			expect(standIn.requests).toHaveLength(30);
			// Every request still carries the key the credential's authenticate adds.
			expect(new Set(standIn.requests.map((request) => request.headers.authorization))).toEqual(
				new Set([`Basic ${Buffer.from(`${WORKSPACE.workspaceId}:${WORKSPACE.dataApiKey}`).toString('base64')}`]),
			);
			expect(read).toHaveBeenCalledTimes(1);
		} finally {
			read.mockRestore();
		}
	});
});
