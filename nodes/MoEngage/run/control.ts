import type { NodeApiError } from 'n8n-workflow';

import type { Clock } from './clock';
import { getClock } from './clock';
import { InDoubt } from './mayHaveHappened';

/** Why no further request may leave. */
export type StopReason =
	/** An item failed and the workflow does not continue on fail. */
	| { kind: 'failed' }
	/** The transport reported an outage: MoEngage is treated as unreachable for the rest of the run. */
	| { kind: 'unreachable'; error: NodeApiError }
	/** The execution was cancelled (n8n's stop button, a timeout). */
	| { kind: 'cancelled' };

/** Thrown instead of sending a request once the run has stopped; the request was not sent. */
export class RunStopped extends Error {
	constructor(readonly reason: StopReason) {
		super(`The run stopped (${reason.kind}) before this request was sent`);
		this.name = 'RunStopped';
	}
}

/**
 * The one stop switch of an execution, and what every layer below shares for it: its clock and
 * what MoEngage may already have done (InDoubt). Only the run layer flips the switch: an item's
 * failure (ItemRun), an outage the transport reports, or n8n's cancellation. Every wait (pacing,
 * retry backoff, rate-limit reset, the breaker's probe) ends as soon as the run stops, and every
 * request checks it right before it is sent; requests already on the wire are left to finish,
 * so their outcome is known.
 */
export class RunControl {
	private readonly stopper = new AbortController();

	private reason?: StopReason;

	/** Aborts on a stop or on the execution's cancellation. */
	readonly signal: AbortSignal;

	/** Settles when the signal aborts: one listener for every wait of the run. */
	private readonly stopped: Promise<void>;

	/** The run's time: every wait and every "now" of the run reads it. */
	readonly clock: Clock;

	/** What MoEngage may already have carried out in this node run (shared by n8n's Retry On Fail tries). */
	readonly inDoubt: InDoubt;

	constructor(
		private readonly cancelSignal?: AbortSignal,
		{ clock = getClock(), inDoubt = new InDoubt() }: { clock?: Clock; inDoubt?: InDoubt } = {},
	) {
		this.clock = clock;
		this.inDoubt = inDoubt;
		this.signal = cancelSignal ? AbortSignal.any([cancelSignal, this.stopper.signal]) : this.stopper.signal;
		this.stopped = new Promise((resolve) => {
			if (this.signal.aborted) resolve();
			else this.signal.addEventListener('abort', () => resolve(), { once: true });
		});
	}

	/** The first reason given wins; cancellation overrides everything. */
	get stopReason(): StopReason | undefined {
		if (this.cancelSignal?.aborted) return { kind: 'cancelled' };
		return this.reason;
	}

	get cancelled(): boolean {
		return this.cancelSignal?.aborted === true;
	}

	/** An item failed and the run does not continue on fail: nothing more is sent. */
	stopOnFailure(): void {
		this.stop({ kind: 'failed' });
	}

	/** The transport's report that MoEngage is down: the run's remaining requests are not sent. */
	reportOutage(error: NodeApiError): void {
		this.stop({ kind: 'unreachable', error });
	}

	/** Called right before every send. */
	throwIfStopped(): void {
		const reason = this.stopReason;
		if (reason) throw new RunStopped(reason);
	}

	/** Waits `ms`, or less when the run stops first (callers check `stopReason` after). */
	async sleep(ms: number): Promise<void> {
		if (ms <= 0 || this.signal.aborted) return;
		await Promise.race([this.clock.sleep(ms), this.stopped]);
	}

	/** Waits for `event`, or less when the run stops first. */
	async waitFor(event: Promise<unknown>): Promise<void> {
		if (this.signal.aborted) return;
		await Promise.race([event, this.stopped]);
	}

	private stop(reason: StopReason): void {
		this.reason ??= reason;
		this.stopper.abort();
	}
}
