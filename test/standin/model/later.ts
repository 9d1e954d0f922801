/**
 * Changes MoEngage accepts with a 202 and carries out afterwards: each is applied once the
 * stand-in's clock reaches its time, in the order they were accepted, so that a read right after
 * the change can still see the state before it.
 */
export class Later {
	private readonly queue: Array<{ at: number; apply: () => void }> = [];

	constructor(
		private readonly now: () => number,
		readonly delayMs: number,
	) {}

	/** Queues a change, to be applied delayMs from now. */
	add(apply: () => void): void {
		this.queue.push({ at: this.now() + this.delayMs, apply });
	}

	/** Applies the changes whose time has come (the delay is the same for all, so the queue is in time order). */
	due(): void {
		while (this.queue.length > 0 && this.queue[0].at <= this.now()) this.queue.shift()?.apply();
	}

	/** Applies every change still waiting, as if MoEngage had caught up. */
	settle(): void {
		while (this.queue.length > 0) this.queue.shift()?.apply();
	}

	/** Changes accepted and not applied yet. */
	get pending(): number {
		return this.queue.length;
	}

	clear(): void {
		this.queue.length = 0;
	}
}
