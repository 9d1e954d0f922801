/**
 * Requests reach MoEngage a few ms earlier or later than they were sent; pacing exactly at the
 * limit would let that jitter push one request over a window's edge. So the pace runs at 97 %.
 */
const JITTER_MARGIN = 0.97;

/**
 * Spaces requests so that one execution stays under MoEngage's per-minute limit: each request
 * books `cost` units (requests, or users for Get User) on a timeline with 60 000 / rate ms per
 * unit (a little more, see JITTER_MARGIN). Any minute-long window then holds at most `rate` units
 * when requests cost the same (Get User: full batches of 20). When MoEngage says its window is
 * used up (429), every request of the execution waits for the reset together.
 * Lives for one execution only: workers and executions do not share it (429 retries cover that).
 */
export class Pacer {
	private nextSlotMs = 0;

	private holdUntilMs = 0;

	private readonly msPerUnit: number;

	constructor(
		ratePerMinute: number,
		private readonly now: () => number,
	) {
		this.msPerUnit = ratePerMinute > 0 ? 60_000 / (ratePerMinute * JITTER_MARGIN) : 0;
	}

	/** Books the next free slot for a request of `cost` units; returns how long to wait for it. */
	book(cost = 1): number {
		const now = this.now();
		const slot = Math.max(now, this.nextSlotMs, this.holdUntilMs);
		if (this.msPerUnit > 0) this.nextSlotMs = slot + cost * this.msPerUnit;
		return slot - now;
	}

	/** No request starts before `untilMs` (MoEngage's rate-limit window resets then). */
	holdUntil(untilMs: number): void {
		this.holdUntilMs = Math.max(this.holdUntilMs, untilMs);
	}
}
