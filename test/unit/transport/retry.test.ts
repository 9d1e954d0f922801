import { ENDPOINTS } from '../../../nodes/MoEngage/transport/api';
import { backoffMs, retryDelayMs, waitForResetMs } from '../../../nodes/MoEngage/transport/retry';

const settings = { maxRetries: 3, maxWaitMs: 10_000 };
const now = 1_800_000_000_000;
const half = () => 0.5;
const status = (statusCode: number, headers: Record<string, unknown> = {}) => ({ kind: 'status' as const, statusCode, headers });
const unsafe = { ...ENDPOINTS.deleteUser, safeToRepeat: false };

describe('when to retry, and how long to wait', () => {
	test('429 waits until x-ratelimit-reset (epoch seconds), plus jitter, capped', () => {
		expect(retryDelayMs(status(429, { 'x-ratelimit-reset': String(now / 1000 + 2) }), 0, ENDPOINTS.deleteUser, settings, now, () => 0)).toBe(2000);
		expect(retryDelayMs(status(429, { 'x-ratelimit-reset': String(now / 1000 + 3600) }), 0, ENDPOINTS.deleteUser, settings, now, () => 0)).toBe(10_000);
	});

	test('429 without a reset header backs off exponentially', () => {
		expect([0, 1, 2].map((attempt) => retryDelayMs(status(429), attempt, ENDPOINTS.deleteUser, settings, now, half))).toEqual([375, 750, 1500]);
	});

	test('429 is retried even where repeating is unsafe: MoEngage did not process it', () => {
		expect(retryDelayMs(status(429), 0, unsafe, settings, now, half)).toBe(375);
	});

	test('5xx and network failures are retried only where repeating is safe', () => {
		expect(retryDelayMs(status(503), 0, ENDPOINTS.exportUsers, settings, now, half)).toBe(375);
		expect(retryDelayMs({ kind: 'network', reached: true }, 1, ENDPOINTS.deleteCards, settings, now, half)).toBe(750);
		expect(retryDelayMs(status(503), 0, unsafe, settings, now, half)).toBeUndefined();
		expect(retryDelayMs({ kind: 'network', reached: true }, 0, unsafe, settings, now, half)).toBeUndefined();
	});

	test('a request that never reached MoEngage (refused, unknown host) is retried for every endpoint', () => {
		expect(retryDelayMs({ kind: 'network', reached: false }, 0, unsafe, settings, now, half)).toBe(375);
		expect(retryDelayMs({ kind: 'network', reached: false }, 0, ENDPOINTS.trackEvent, settings, now, half)).toBe(375);
		expect(retryDelayMs({ kind: 'network', reached: false }, 3, ENDPOINTS.trackEvent, settings, now, half)).toBeUndefined();
	});

	test.each([400, 401, 403, 404, 413, 415])('%i is never retried', (code) => {
		expect(retryDelayMs(status(code), 0, ENDPOINTS.deleteUser, settings, now, half)).toBeUndefined();
	});

	test('no retry past maxRetries', () => {
		expect(retryDelayMs(status(503), 3, ENDPOINTS.deleteUser, settings, now, half)).toBeUndefined();
	});

	test('backoff stays within [50 %, 100 %] of min(max wait, 0.5 s × 2^attempt)', () => {
		for (let attempt = 0; attempt < 12; attempt++) {
			const ceiling = Math.min(10_000, 500 * 2 ** attempt);
			expect(backoffMs(attempt, 10_000, () => 0)).toBe(ceiling / 2);
			expect(backoffMs(attempt, 10_000, () => 0.999999)).toBeLessThanOrEqual(ceiling);
		}
	});

	test('reset header: epoch seconds, a delta, or garbage', () => {
		expect(waitForResetMs(String(now / 1000 + 1.5), now)).toBe(1500);
		expect(waitForResetMs('5', now)).toBe(5000);
		expect(waitForResetMs(String(now / 1000 - 10), now)).toBe(0);
		expect(waitForResetMs('soon', now)).toBeUndefined();
		expect(waitForResetMs(undefined, now)).toBeUndefined();
	});
});

// How requests are paced: test/speed.test.ts.
