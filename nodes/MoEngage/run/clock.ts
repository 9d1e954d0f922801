import { sleep } from 'n8n-workflow';

/**
 * Time as the node sees it: pacing, retry waits, the outage breaker and reset headers read it
 * from here, so that tests can drive time themselves instead of depending on how fast the
 * machine is. A run gets its clock once, through its RunControl.
 */
export interface Clock {
	now(): number;
	sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = {
	now: () => Date.now(),
	sleep: async (ms) => await sleep(ms),
};

let replacedByTests: Clock | undefined;

/**
 * The clock of a run that starts now (its RunControl keeps it, and its readers and client read
 * it from there), or of a webhook call to the Trigger: the system's, unless the package's tests
 * replaced it.
 */
export function getClock(): Clock {
	return replacedByTests ?? systemClock;
}

/**
 * Test seam, never called by the node: the package's tests run it on a virtual clock (through
 * the built module n8n-core loads); no argument restores the system's clock.
 */
export function replaceClockForTests(clock?: Clock): void {
	replacedByTests = clock;
}
