import { sleep } from 'n8n-workflow';

/**
 * Time as the node sees it: pacing, retry waits and reset headers read it from here, so that
 * tests can drive time themselves instead of depending on how fast the machine is.
 */
export interface Clock {
	now(): number;
	sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = {
	now: () => Date.now(),
	sleep: async (ms) => await sleep(ms),
};

let current: Clock = systemClock;

export function getClock(): Clock {
	return current;
}

/** Replaces the clock (the package's tests use a virtual one); no argument restores the real one. */
export function useClock(clock: Clock = systemClock): void {
	current = clock;
}
