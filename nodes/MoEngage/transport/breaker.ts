import type { NodeApiError } from 'n8n-workflow';

import type { RunControl } from '../run/control';
import type { AttemptResult } from './attempt';

/**
 * How long attempts must keep failing (no answer, or a 5xx), with no answer from MoEngage in
 * between, before the run treats MoEngage as down. A blip (a deploy, a gateway restart, a network
 * hiccup) lasts seconds and meets every request in flight at once: counting failures, 10 to 50
 * requests in flight reach any count within a second. A minute of nothing but failures is an
 * outage; the items still waiting then fail at once instead of each spending its own retries, and
 * a long run still ends within a couple of minutes.
 */
export const OUTAGE_AFTER_MS = 60_000;

/**
 * While attempts fail, one request at a time goes as a probe; the others wait for its answer. The
 * first probe goes at once, the next ones 0.5 s, 1 s, 2 s and 4 s after the failure of the one
 * before, then every 5 s (never more than the node's Max Wait per Retry): a blip's end is seen
 * within seconds, and an outage costs one attempt every few seconds instead of one per request.
 */
const FIRST_PROBE_GAP_MS = 500;
const LONGEST_PROBE_GAP_MS = 5_000;

/** Whether an attempt goes as the probe (its answer decides whether the others may go). */
export interface Turn {
	probe: boolean;
}

/** A run of failures with no answer in between. */
interface Failing {
	sinceMs: number;
	failures: number;
	failedProbes: number;
	nextProbeAtMs: number;
	probing: boolean;
}

/** What the breaker reports to the run when failures have lasted OUTAGE_AFTER_MS. */
export type OutageError = (streak: { failures: number; seconds: number; lastProblem: string }) => NodeApiError;

/**
 * The outage breaker of one execution. It never stops the run itself: it reports the outage to the
 * run control, which stops it.
 */
export class Breaker {
	private failing?: Failing;

	private wake = (): void => {};

	/** Settles when the failures end or a probe fails; waiters then look again. */
	private changed = new Promise<void>((resolve) => (this.wake = resolve));

	constructor(
		private readonly control: RunControl,
		/** The node's Max Wait per Retry: no probe waits longer. */
		private readonly maxWaitMs: number,
		private readonly outageError: OutageError,
	) {}

	/** Waits until an attempt may go: at once while MoEngage answers, else for its turn to probe. */
	async turn(): Promise<Turn> {
		for (;;) {
			const failing = this.failing;
			if (!failing || this.control.stopReason) return { probe: false };
			const waitMs = failing.nextProbeAtMs - this.control.clock.now();
			if (!failing.probing && waitMs <= 0) {
				failing.probing = true;
				return { probe: true };
			}
			const changed = this.changed;
			await this.control.waitFor(failing.probing ? changed : Promise.race([changed, this.control.clock.sleep(waitMs)]));
		}
	}

	/** Takes in what an attempt got: any answer but a 5xx ends the failures; a failure may report an outage. */
	record(turn: Turn, result: AttemptResult): void {
		if (result.kind === 'answer' && result.statusCode < 500) {
			if (this.failing) {
				this.failing = undefined;
				this.announce();
			}
			return;
		}
		const nowMs = this.control.clock.now();
		const failing = (this.failing ??= { sinceMs: nowMs, failures: 0, failedProbes: 0, nextProbeAtMs: nowMs, probing: false });
		failing.failures++;
		if (turn.probe) {
			failing.probing = false;
			failing.nextProbeAtMs = nowMs + Math.min(this.maxWaitMs, LONGEST_PROBE_GAP_MS, FIRST_PROBE_GAP_MS * 2 ** failing.failedProbes++);
			this.announce();
		}
		// Waiters see the run stop (RunControl ends every wait).
		if (nowMs - failing.sinceMs >= OUTAGE_AFTER_MS) {
			const lastProblem = result.kind === 'answer' ? `HTTP ${result.statusCode}` : result.code;
			this.control.reportOutage(this.outageError({ failures: failing.failures, seconds: Math.round((nowMs - failing.sinceMs) / 1000), lastProblem }));
		}
	}

	private announce(): void {
		const wakeWaiters = this.wake;
		this.changed = new Promise((resolve) => (this.wake = resolve));
		wakeWaiters();
	}
}
