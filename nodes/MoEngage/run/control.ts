import type { NodeApiError } from 'n8n-workflow';

import type { Clock } from '../transport/clock';

/** Why no further request may leave. */
export type StopReason =
	/** An item failed and the workflow does not continue on fail. */
	| { kind: 'failed' }
	/** Transport failures in a row: MoEngage is treated as unreachable for the rest of the run. */
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
 * The one stop switch of an execution. Every wait (pacing, retry backoff, rate-limit reset) ends
 * as soon as the run stops, and every request checks it right before it is sent; requests
 * already on the wire are left to finish, so their outcome is known.
 */
export class RunControl {
	private readonly stopper = new AbortController();

	private reason?: StopReason;

	/** Aborts on a stop or on the execution's cancellation. */
	readonly signal: AbortSignal;

	/** Settles when the signal aborts: one listener for every wait of the run. */
	private readonly stopped: Promise<void>;

	constructor(
		readonly clock: Clock,
		private readonly cancelSignal?: AbortSignal,
	) {
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

	stop(reason: StopReason): void {
		this.reason ??= reason;
		this.stopper.abort();
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
}
