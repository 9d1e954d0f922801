import { Pacer } from '../../../nodes/MoEngage/transport/pacer';

/** The pacer on a hand-moved clock: when each booked request may start. */
function pacerAt(ratePerMinute: number): { pacer: Pacer; at: (ms: number) => void } {
	let now = 0;
	return { pacer: new Pacer(ratePerMinute, () => now), at: (ms) => (now = ms) };
}

test('a booking of cost 0 (units an earlier booking spent) leaves at once, not behind the bookings made in between', () => {
	const { pacer } = pacerAt(10);
	// a read that books its write: 2 units, five times, fills the minute
	const reads = Array.from({ length: 5 }, () => pacer.book(2));
	expect(reads).toEqual([0, 0, 0, 0, 0]);
	// the sixth read waits for the next window
	expect(pacer.book(2)).toBeGreaterThan(60_000);
	// a write whose units its read booked leaves now, though the last booking starts a minute later
	expect(pacer.book(0)).toBe(0);
	// a plain request still queues behind what was booked
	expect(pacer.book(1)).toBeGreaterThan(60_000);
});

test('a booking of cost 0 still waits for MoEngage\'s reset after a 429', () => {
	const { pacer, at } = pacerAt(10);
	pacer.holdUntil(5_000);
	expect(pacer.book(0)).toBe(5_000);
	at(6_000);
	expect(pacer.book(0)).toBe(0);
});

test('quotas over longer windows: 10 per 5 minutes send 10 at once, the 11th once the first is 5 minutes old (plus the margin)', () => {
	let now = 0;
	const pacer = new Pacer(50, () => now, undefined, [
		{ limit: 10, windowMs: 300_000, label: '10 per 5 minutes' },
		{ limit: 50, windowMs: 3_600_000, label: '50 an hour' },
	]);
	const waits = Array.from({ length: 20 }, () => pacer.book(1));
	expect(waits.slice(0, 10)).toEqual(Array.from({ length: 10 }, () => 0));
	const second = waits.slice(10);
	expect(second.every((wait) => wait === second[0])).toBe(true);
	expect(second[0]).toBeGreaterThan(300_000);
	expect(second[0]).toBeLessThan(310_000);
	// no window of 5 minutes ever holds an 11th start
	const starts = waits;
	for (const start of starts) expect(starts.filter((other) => other >= start && other < start + 300_000).length).toBeLessThanOrEqual(10);
	// the hour: the 51st waits for the first hour's units
	now = 0;
	const more = Array.from({ length: 31 }, () => pacer.book(1));
	expect(more[30]).toBeGreaterThan(3_600_000);
});

test('quotas are off with the pacing (Rate Limit 0)', () => {
	const pacer = new Pacer(0, () => 0, undefined, [{ limit: 1, windowMs: 300_000, label: '1 per 5 minutes' }]);
	expect([pacer.book(1), pacer.book(1)]).toEqual([0, 0]);
});
