import type { MoEngageEndpoint, RequestWindow } from './api';

/** MoEngage counts its limits per minute. */
const MINUTE_MS = 60_000;

/**
 * Requests reach MoEngage a few ms earlier or later than they were sent; pacing exactly at the
 * limit would let that jitter push one request over a window's edge. So the pace runs at 97 %:
 * units spent come back 60 s / 0.97 (about 61.9 s) after they were spent, not 60 s. The margin is
 * on time, not on the budget: a window of MoEngage's then never sees more than the limit as long
 * as requests arrive within 0.9 s of when they were sent, and a whole minute's budget can still
 * go out at once.
 */
const JITTER_MARGIN = 0.97;

/**
 * A few endpoints also count requests per second (api/rate-limits.mdx: Search Campaigns, 10 a
 * second). A second is too short for a margin in percent: a request's unit comes back 1.25 s
 * after it was spent (the second plus 250 ms). The node's Rate Limit setting does not change it.
 */
const SECOND_WINDOW_MS = 1000 + 250;

/** Units still counted against the budget: `cost` spent, back at `backAtMs`. */
interface Spend {
	backAtMs: number;
	cost: number;
}

/**
 * A bucket of `capacity` units that starts full, where every unit spent comes back `windowMs`
 * after it was spent: no window of that length ever holds more than `capacity` units.
 */
class Bucket {
	/** Spends still counted, oldest first (each comes back no earlier than the one before it). */
	private spends: Spend[] = [];

	/** Index of the oldest spend still counted in `spends`. */
	private oldest = 0;

	/** Units spent and not back yet. */
	private used = 0;

	constructor(
		private readonly capacity: number,
		private readonly windowMs: number,
	) {}

	/** The first moment from `fromMs` on when `cost` units fit (a cost above the capacity: when the bucket is full). */
	earliest(fromMs: number, cost: number): number {
		const needed = Math.min(cost, this.capacity);
		let startMs = fromMs;
		for (;;) {
			this.giveBack(startMs);
			if (this.used + needed <= this.capacity) return startMs;
			startMs = this.spends[this.oldest].backAtMs;
		}
	}

	/** Spends `cost` units at `startMs`; a cost above the capacity keeps the bucket empty for as many windows. */
	spend(startMs: number, cost: number): void {
		this.spends.push({ backAtMs: startMs + this.windowMs * Math.max(1, cost / this.capacity), cost });
		this.used += cost;
	}

	/** Returns the units of every spend that is back by `atMs`. */
	private giveBack(atMs: number): void {
		while (this.oldest < this.spends.length && this.spends[this.oldest].backAtMs <= atMs) {
			this.used -= this.spends[this.oldest].cost;
			this.oldest++;
		}
		if (this.oldest === this.spends.length) {
			this.spends = [];
			this.oldest = 0;
			this.used = 0;
		} else if (this.oldest > 1024 && this.oldest * 2 > this.spends.length) {
			this.spends = this.spends.slice(this.oldest);
			this.oldest = 0;
		}
	}
}

/**
 * Keeps one execution under MoEngage's per-minute limit of one endpoint (its per-second limit and its longer quotas, e.g. 10 per 5 minutes,
 * where it has one) while spending the minute's budget as early as it may: a bucket of
 * `ratePerMinute` units (requests, or users for Get User) that starts full, where every unit
 * spent comes back one window (a minute plus the jitter margin) after it was spent. So:
 * - the first minute's budget goes out without waiting (up to the per-second limit a second);
 * - no window of a minute ever holds more than `ratePerMinute` units (a request larger than the
 *   whole budget goes alone, when the bucket is full, and keeps it empty for as many windows as
 *   it is larger);
 * - afterwards the bucket refills as fast as it was spent: a steady run sends the limit (less
 *   the margin) every minute.
 * Requests start in the order they were booked. When MoEngage says its window is used up (429),
 * every request of the execution waits for the reset together.
 * Lives for one execution only: workers and executions do not share it (429 retries cover that).
 */
export class Pacer {
	/** Empty when pacing is off (Rate Limit 0). */
	private readonly buckets: Bucket[] = [];

	/** When the last booked request starts: later ones do not start before it. */
	private lastStartMs = Number.NEGATIVE_INFINITY;

	private holdUntilMs = 0;

	constructor(
		ratePerMinute: number,
		private readonly now: () => number,
		requestsPerSecond?: number,
		windows: readonly RequestWindow[] = [],
	) {
		if (ratePerMinute > 0) {
			this.buckets.push(new Bucket(ratePerMinute, MINUTE_MS / JITTER_MARGIN));
			if (requestsPerSecond !== undefined) this.buckets.push(new Bucket(requestsPerSecond, SECOND_WINDOW_MS));
			// Quotas over longer windows (business events: 10 per 5 minutes…), in requests, with the same margin.
			for (const { limit, windowMs } of windows) this.buckets.push(new Bucket(limit, windowMs / JITTER_MARGIN));
		}
	}

	/** Books the first moment a request of `cost` units may start; returns how long to wait for it. */
	book(cost = 1): number {
		const now = this.now();
		let startMs = Math.max(now, this.holdUntilMs);
		// Cost 0: a request whose units an earlier booking already spent (a read that books the
		// write following it) leaves at once, not behind what was booked in between.
		if (cost === 0) return startMs - now;
		if (this.buckets.length > 0) {
			startMs = Math.max(startMs, this.lastStartMs);
			// The other buckets (per second, quotas) count requests, whatever the minute's unit.
			const costIn = (index: number) => (index === 0 ? cost : 1);
			// Later and later until every bucket has room at the same moment.
			for (let moved = true; moved; ) {
				moved = false;
				this.buckets.forEach((bucket, index) => {
					const fits = bucket.earliest(startMs, costIn(index));
					if (fits > startMs) {
						startMs = fits;
						moved = true;
					}
				});
			}
			this.buckets.forEach((bucket, index) => bucket.spend(startMs, costIn(index)));
			this.lastStartMs = startMs;
		}
		return startMs - now;
	}

	/** No request starts before `untilMs` (MoEngage's rate-limit window resets then). */
	holdUntil(untilMs: number): void {
		this.holdUntilMs = Math.max(this.holdUntilMs, untilMs);
	}
}

/** The pacers of one execution, one per budget: Bulk Import's users and events share a path but not a budget. */
export class Pacers {
	private readonly byBudget = new Map<string, Pacer>();

	constructor(
		private readonly ratePerMinute: number,
		private readonly now: () => number,
	) {}

	for(endpoint: MoEngageEndpoint): Pacer {
		const budget = `${endpoint.path} ${endpoint.rateLimit.unit}`;
		let pacer = this.byBudget.get(budget);
		if (!pacer) {
			pacer = new Pacer(this.ratePerMinute, this.now, endpoint.rateLimit.requestsPerSecond, endpoint.rateLimit.windows);
			this.byBudget.set(budget, pacer);
		}
		return pacer;
	}
}
