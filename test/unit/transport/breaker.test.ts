import { NodeApiError } from 'n8n-workflow';
import type { INode } from 'n8n-workflow';

import type { Clock } from '../../../nodes/MoEngage/run/clock';
import { RunControl } from '../../../nodes/MoEngage/run/control';
import type { AttemptResult } from '../../../nodes/MoEngage/transport/attempt';
import type { Turn } from '../../../nodes/MoEngage/transport/breaker';
import { Breaker, OUTAGE_AFTER_MS } from '../../../nodes/MoEngage/transport/breaker';

/**
 * The outage breaker on its own: a clock the test moves by hand, and attempts' results handed in
 * directly. Which attempts may go, and when the run is told MoEngage is down.
 */

/** Time moves only when the test says; a sleep ends once the clock has reached its end. */
class HandClock implements Clock {
	private current = 0;

	private sleepers: Array<{ until: number; wake: () => void }> = [];

	now(): number {
		return this.current;
	}

	async sleep(ms: number): Promise<void> {
		await new Promise<void>((wake) => this.sleepers.push({ until: this.current + ms, wake }));
	}

	async advance(ms: number): Promise<void> {
		this.current += ms;
		const due = this.sleepers.filter((sleeper) => sleeper.until <= this.current);
		this.sleepers = this.sleepers.filter((sleeper) => sleeper.until > this.current);
		due.forEach((sleeper) => sleeper.wake());
		await settle();
	}
}

/** Lets every promise chain that can move, move. */
const settle = async () => {
	for (let i = 0; i < 20; i++) await Promise.resolve();
};

const node = { name: 'MoEngage', type: 'n8n-nodes-moengage.moEngage', typeVersion: 1, position: [0, 0], parameters: {} } as INode;
const unavailable: AttemptResult = { kind: 'answer', statusCode: 503, headers: {}, body: {} };
const reset: AttemptResult = { kind: 'noAnswer', code: 'ECONNRESET' };
const ok: AttemptResult = { kind: 'answer', statusCode: 200, headers: {}, body: { status: 'success' } };
const refused: AttemptResult = { kind: 'answer', statusCode: 400, headers: {}, body: { status: 'fail' } };
const rateLimited: AttemptResult = { kind: 'answer', statusCode: 429, headers: {}, body: {} };
const NOT_A_PROBE: Turn = { probe: false };

function setUp(maxWaitMs = 60_000) {
	const clock = new HandClock();
	const control = new RunControl(undefined, { clock });
	const breaker = new Breaker(control, maxWaitMs, (streak) => new NodeApiError(node, {}, { message: 'MoEngage unreachable', description: JSON.stringify(streak) }));
	/** Asks for a turn; `taken` says whether it was given yet. */
	const ask = () => {
		const asked = { taken: undefined as Turn | undefined };
		void breaker.turn().then((turn) => (asked.taken = turn));
		return asked;
	};
	return { clock, control, breaker, ask };
}

describe('while MoEngage answers', () => {
	test('every attempt goes at once, none as a probe', async () => {
		const { breaker, ask } = setUp();
		breaker.record(NOT_A_PROBE, ok);
		const turns = [ask(), ask(), ask()];
		await settle();
		expect(turns.map((turn) => turn.taken)).toEqual([NOT_A_PROBE, NOT_A_PROBE, NOT_A_PROBE]);
	});
});

describe('while attempts fail', () => {
	test('one probe at a time: the others wait for its answer, and go once it is an answer', async () => {
		const { breaker, ask } = setUp();
		breaker.record(NOT_A_PROBE, unavailable);
		const [first, second, third] = [ask(), ask(), ask()];
		await settle();
		expect([first.taken, second.taken, third.taken]).toEqual([{ probe: true }, undefined, undefined]);
		breaker.record({ probe: true }, ok);
		await settle();
		expect([second.taken, third.taken]).toEqual([NOT_A_PROBE, NOT_A_PROBE]);
	});

	test('after a failed probe the next goes 0.5 s later, then 1 s, 2 s, 4 s, then every 5 s', async () => {
		const { clock, breaker, ask } = setUp();
		breaker.record(NOT_A_PROBE, reset);
		const gaps: number[] = [];
		for (let probe = 0; probe < 7; probe++) {
			const waiting = ask();
			const askedAt = clock.now();
			await settle();
			while (!waiting.taken) await clock.advance(100);
			gaps.push(clock.now() - askedAt);
			breaker.record({ probe: true }, reset);
		}
		expect(gaps).toEqual([0, 500, 1000, 2000, 4000, 5000, 5000]);
	});

	test("no probe waits longer than the node's Max Wait per Retry", async () => {
		const { clock, breaker, ask } = setUp(200);
		breaker.record(NOT_A_PROBE, unavailable);
		breaker.record({ probe: true }, unavailable);
		const waiting = ask();
		await settle();
		while (!waiting.taken) await clock.advance(100);
		expect(clock.now()).toBe(200);
	});

	test('failures for a minute with no answer in between: the outage is reported to the run, which stops; waiters go on to find it stopped', async () => {
		const { clock, control, breaker, ask } = setUp();
		breaker.record(NOT_A_PROBE, unavailable);
		await clock.advance(OUTAGE_AFTER_MS - 1);
		breaker.record({ probe: true }, unavailable);
		expect(control.stopReason).toBeUndefined();
		const waiting = ask();
		await clock.advance(1);
		breaker.record(NOT_A_PROBE, reset);
		expect(control.stopReason?.kind).toBe('unreachable');
		const stop = control.stopReason;
		expect(stop?.kind === 'unreachable' && stop.error.description).toBe(JSON.stringify({ failures: 3, seconds: 60, lastProblem: 'ECONNRESET' }));
		await settle();
		expect(waiting.taken).toEqual(NOT_A_PROBE);
	});
});

describe('what must not report an outage', () => {
	test.each([
		['a 2xx', ok],
		['a refusal (4xx)', refused],
		['a rate limit (429)', rateLimited],
	])('failures for 59 s, then %s, then failures again for 59 s', async (_, answer) => {
		const { clock, control, breaker } = setUp();
		breaker.record(NOT_A_PROBE, unavailable);
		await clock.advance(59_000);
		breaker.record(NOT_A_PROBE, answer);
		breaker.record(NOT_A_PROBE, unavailable);
		await clock.advance(59_000);
		breaker.record(NOT_A_PROBE, unavailable);
		expect(control.stopReason).toBeUndefined();
	});

	test('50 requests in flight failing at once (a blip meeting all of them): no outage', () => {
		const { control, breaker } = setUp();
		for (let k = 0; k < 50; k++) breaker.record(NOT_A_PROBE, unavailable);
		expect(control.stopReason).toBeUndefined();
	});
});
