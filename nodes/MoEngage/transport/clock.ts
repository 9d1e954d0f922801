import { sleepWithAbort } from 'n8n-workflow';

/**
 * Time as the node sees it: pacing, retry waits and reset headers read it from here, so that
 * tests can drive time themselves instead of depending on how fast the machine is.
 */
export interface Clock {
	now(): number;
	/** Resolves after `ms`, or rejects as soon as `signal` aborts. */
	sleep(ms: number, signal: AbortSignal): Promise<void>;
}

export const systemClock: Clock = {
	now: () => Date.now(),
	sleep: async (ms, signal) => await sleepWithAbort(ms, signal),
};

let current: Clock = systemClock;

export function getClock(): Clock {
	return current;
}

/** Replaces the clock (the package's tests use a virtual one); no argument restores the real one. */
export function useClock(clock: Clock = systemClock): void {
	current = clock;
}
