import fc from 'fast-check';

import { Pacer } from '../nodes/MoEngage/transport/pacer';

/**
 * The pace of one endpoint: a minute's budget spent at once, never more than the limit in any
 * minute, and the limit every minute after that. Time is a number the test sets: nothing here
 * depends on how fast the machine is.
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
