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
