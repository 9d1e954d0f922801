import type { MoEngageEndpoint } from './api';

/** How the node retries and paces; one set per execution. */
export interface RequestSettings {
	/** Retries after the first attempt. */
	maxRetries: number;
	/** Longest wait before one retry, whatever MoEngage's reset header says. */
	maxWaitMs: number;
	/** Client-side pace in the endpoint's unit (requests or users) per minute; 0 = unpaced. */
	ratePerMinute: number;
	/** Per-item operations: requests in flight at once. */
	concurrency: number;
	/** How long to wait for an answer before giving up on one attempt. */
	timeoutMs: number;
}

/** What went wrong with one attempt. */
export type AttemptFailure =
	| { kind: 'status'; statusCode: number; headers: Record<string, unknown> }
	/** No HTTP answer. `reached`: whether the request may have reached MoEngage (false for refused connections, unknown hosts). */
	| { kind: 'network'; reached: boolean };

const BACKOFF_BASE_MS = 500;

/** Exponential backoff (0.5 s, 1 s, 2 s, …) with jitter in [50 %, 100 %], capped at maxWaitMs. */
export function backoffMs(attempt: number, maxWaitMs: number, random: () => number = Math.random): number {
	const ceiling = Math.min(maxWaitMs, BACKOFF_BASE_MS * 2 ** attempt);
	return Math.round(ceiling * (0.5 + random() / 2));
}

/**
 * Above this, an `x-ratelimit-reset` is an epoch second; at or below it, seconds left. MoEngage
 * documents both forms: rate-limits.mdx gives the UTC epoch second the window resets (e.g.
 * 1699574400); data-overview.mdx (the Data APIs) and messaging/trigger.yaml give the seconds left
 * until it resets (less than 60 for the Data APIs' minute windows). No seconds-left value comes
 * near 1e9 s (31 years), and no epoch second since 2001 is below it.
 */
export const RESET_EPOCH_ABOVE_SECONDS = 1e9;

/** The wait until MoEngage's `x-ratelimit-reset`, in either of its documented forms. */
export function waitForResetMs(resetHeader: unknown, now: number): number | undefined {
	const reset = Number(Array.isArray(resetHeader) ? resetHeader[0] : resetHeader);
	if (!Number.isFinite(reset) || reset <= 0) return undefined;
	const resetAtMs = reset > RESET_EPOCH_ABOVE_SECONDS ? reset * 1000 : now + reset * 1000;
	return Math.max(0, Math.ceil(resetAtMs - now));
}

/**
 * `Retry-After`, which the 429s of MoEngage's v5 business events API carry: seconds, or an
 * HTTP date.
 */
export function waitForRetryAfterMs(retryAfter: unknown, now: number): number | undefined {
	const value = String(Array.isArray(retryAfter) ? retryAfter[0] : (retryAfter ?? '')).trim();
	if (value === '') return undefined;
	const atMs = /^\d+(\.\d+)?$/.test(value) ? now + Number(value) * 1000 : Date.parse(value);
	return Number.isFinite(atMs) ? Math.max(0, Math.ceil(atMs - now)) : undefined;
}

/** Whether MoEngage may have acted on the request although the attempt failed. */
export function outcomeUnknown(failure: AttemptFailure): boolean {
	return failure.kind === 'network' ? failure.reached : failure.statusCode >= 500;
}

/**
 * How long to wait before retrying, or undefined when the failure must not be retried:
 * 4xx other than 429 never; a request that never reached MoEngage always; 5xx, resets and
 * timeouts only where repeating is safe.
 */
export function retryDelayMs(
	failure: AttemptFailure,
	attempt: number,
	endpoint: MoEngageEndpoint,
	settings: Pick<RequestSettings, 'maxRetries' | 'maxWaitMs'>,
	now: number,
	random: () => number = Math.random,
): number | undefined {
	if (attempt >= settings.maxRetries) return undefined;
	if (failure.kind === 'status' && failure.statusCode === 429) {
		const untilReset = waitForResetMs(failure.headers['x-ratelimit-reset'], now) ?? waitForRetryAfterMs(failure.headers['retry-after'], now);
		// A little jitter spreads the workers that all waited for the same reset.
		return untilReset === undefined
			? backoffMs(attempt, settings.maxWaitMs, random)
			: Math.min(settings.maxWaitMs, untilReset + Math.round(random() * 250));
	}
	if (failure.kind === 'network' && !failure.reached) return backoffMs(attempt, settings.maxWaitMs, random);
	return outcomeUnknown(failure) && endpoint.safeToRepeat ? backoffMs(attempt, settings.maxWaitMs, random) : undefined;
}
