/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- runs on a developer's machine or in CI, never inside n8n */
import { join } from 'node:path';

import type { Clock } from '../../nodes/MoEngage/run/clock';

/**
 * Clocks for the node under test. The engine runs the built package, so the clock is swapped in
 * the built module (the one n8n-core loaded), not in the TypeScript source, through the run
 * layer's test seam.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const builtClock = require(join(__dirname, '..', '..', 'dist', 'nodes', 'MoEngage', 'run', 'clock.js')) as {
	replaceClockForTests(clock?: Clock): void;
};

/**
 * Time that passes only when the node waits: a wait returns at once and moves the clock to its
 * end. Pacing and backoff then cost no real time, and what the node waited is recorded.
 */
export class VirtualClock implements Clock {
	private current = Date.now();

	readonly start = this.current;

	/** Every wait the node asked for, in ms. */
	readonly waits: number[] = [];

	now(): number {
		return this.current;
	}

	async sleep(ms: number): Promise<void> {
		this.waits.push(ms);
		const until = this.current + ms;
		await Promise.resolve();
		this.current = Math.max(this.current, until);
	}

	/** Virtual ms since the clock was made. */
	get elapsed(): number {
		return this.current - this.start;
	}
}

/**
 * Time that never passes: a wait never ends by itself, only the run's stop or cancel can end it.
 * A run that still settles, and sends nothing more, proves that waits end on the stop signal.
 */
export class FrozenClock implements Clock {
	readonly start = 1_800_000_000_000;

	pending = 0;

	now(): number {
		return this.start;
	}

	async sleep(ms: number): Promise<void> {
		if (ms <= 0) return;
		this.pending++;
		await new Promise<void>(() => {});
	}
}

/** Runs the node with `clock` for the tests of the calling file. */
export function useNodeClock(clock: () => Clock): void {
	beforeEach(() => builtClock.replaceClockForTests(clock()));
	afterEach(() => builtClock.replaceClockForTests());
}

export function setNodeClock(clock?: Clock): void {
	builtClock.replaceClockForTests(clock);
}

/** Time that stands still until the test moves it: for checks of an age or a window, not for waits. */
export class ManualClock implements Clock {
	constructor(private current: number) {}

	now(): number {
		return this.current;
	}

	async sleep(ms: number): Promise<void> {
		this.current += Math.max(0, ms);
	}

	/** Moves the clock forward by `ms`. */
	advance(ms: number): void {
		this.current += ms;
	}
}

/**
 * Time that moves only when the test steps it: every wait ends at its own moment, the earliest
 * first. Unlike VirtualClock, one worker's wait does not move time under requests others still
 * have in flight, so concurrent work keeps its true order in time. The test steps when it knows
 * every worker that matters is waiting (see `waiting`).
 */
export class SteppedClock implements Clock {
	private current = Date.now();

	private readonly sleepers: Array<{ until: number; wake: () => void }> = [];

	now(): number {
		return this.current;
	}

	/** How many waits have not ended. */
	get waiting(): number {
		return this.sleepers.length;
	}

	async sleep(ms: number): Promise<void> {
		if (ms <= 0) return;
		await new Promise<void>((wake) => this.sleepers.push({ until: this.current + ms, wake }));
	}

	/** Moves to the end of the earliest wait and ends every wait that ends then. */
	step(): void {
		if (this.sleepers.length === 0) return;
		this.current = Math.max(this.current, Math.min(...this.sleepers.map(({ until }) => until)));
		for (let index = this.sleepers.length - 1; index >= 0; index--) {
			if (this.sleepers[index].until <= this.current) this.sleepers.splice(index, 1)[0].wake();
		}
	}
}
