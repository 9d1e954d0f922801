import { sleep } from 'n8n-workflow';

/**
 * Requests reach MoEngage a few ms earlier or later than they were sent; pacing exactly at the
 * limit would let that jitter push one request over a window's edge. So the pace runs at 97 %.
 */
const JITTER_MARGIN = 0.97;

/**
 * Spaces requests so that one execution stays under MoEngage's per-minute limit: each request
 * books `cost` units (requests, or users for Get User) on a timeline with 60 000 / rate ms per
 * unit (a little more, see JITTER_MARGIN), and waits for its slot. Any minute-long window then
 * holds at most `rate` units when requests cost the same (Get User: full batches of 20).
 * Lives for one execution only: workers and executions do not share it (429 retries cover that).
 */
export class Pacer {
	private nextSlotMs = 0;

	private readonly msPerUnit: number;

	constructor(ratePerMinute: number, private readonly now: () => number = Date.now) {
		this.msPerUnit = ratePerMinute > 0 ? 60_000 / (ratePerMinute * JITTER_MARGIN) : 0;
	}

	async acquire(cost = 1): Promise<void> {
		if (this.msPerUnit === 0) return;
		const now = this.now();
		const slot = Math.max(now, this.nextSlotMs);
		this.nextSlotMs = slot + cost * this.msPerUnit;
		if (slot > now) await sleep(slot - now);
	}
}
