import type { Answer } from './errors';
import { refuse } from './refusals';
import type { ResolvedEndpoint, SpecApi } from './spec';

/**
 * MoEngage's per-workspace rate limits (api/rate-limits.mdx), scaled by the test: a window of
 * windowMs instead of a minute, counted in requests, users or events. A request over a budget is
 * answered 429 in its endpoint's documented body, with x-ratelimit-* headers.
 */

/** MoEngage's per-workspace limits, scaled by the test (a window of windowMs instead of a minute). */
export interface RateLimit {
	limit: number;
	windowMs: number;
	/**
	 * What the limit counts (default requests). MoEngage counts users for Get User (identifiers
	 * asked for) and Merge Users (pairs), and users and events for Bulk Import, each in its own
	 * budget (api/rate-limits.mdx: 60,000 users and 60,000 events a minute, across all requests).
	 */
	unit?: 'requests' | 'users' | 'events';
}

/** Per API, one limit or several (Bulk Import: users and events, each its own budget). */
export type RateLimits = Partial<Record<SpecApi, RateLimit | RateLimit[]>>;

/** MoEngage's 429 body of the gateway (cards.yaml), for fault scripts. */
export const RATE_LIMITED = { title: 'Request limit reached', description: 'This API call has exceeded the rate limit', code: 'KMxkunyz' };

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A Bulk Import body's elements of one type. */
function bulkElements(body: unknown, type: 'customer' | 'event'): unknown[] {
	const elements = isObject(body) && Array.isArray(body.elements) ? body.elements : [];
	return elements.filter((element) => isObject(element) && element.type === type);
}

/** Users a request counts against a limit in users: Get User's identifiers, Merge Users' pairs, Bulk Import's customers; 1 otherwise. */
function usersIn(api: SpecApi, body: unknown): number {
	if (api === 'bulkImport') return bulkElements(body, 'customer').length;
	if (!isObject(body)) return 1;
	const list = api === 'exportUsers' && isObject(body.data) ? body.data.identifiers : api === 'mergeUsers' ? body.merge_data : undefined;
	return Array.isArray(list) ? Math.max(1, list.length) : 1;
}

/** Events a request counts against a limit in events: the actions of Bulk Import's event elements; 1 otherwise. */
function eventsIn(api: SpecApi, body: unknown): number {
	if (api !== 'bulkImport') return 1;
	return bulkElements(body, 'event').reduce<number>((sum, element) => sum + (isObject(element) && Array.isArray(element.actions) ? element.actions.length : 0), 0);
}

function costIn(rule: RateLimit, api: SpecApi, body: unknown): number {
	if (rule.unit === 'users') return usersIn(api, body);
	if (rule.unit === 'events') return eventsIn(api, body);
	return 1;
}

/** The windows of every budget: each opens with its first request and lasts windowMs. */
export class RateWindows {
	private readonly windows = new Map<string, { start: number; count: number }>();

	/** `now` is the clock of the windows and of x-ratelimit-reset (a test gives it the node's virtual clock). */
	constructor(private readonly now: () => number) {}

	clear(): void {
		this.windows.clear();
	}

	/** Spends the request's cost from every budget of its API, or answers 429 and spends none of them. */
	check(limits: RateLimits | undefined, endpoint: ResolvedEndpoint, body: unknown): Answer | undefined {
		const configured = limits?.[endpoint.api];
		if (!configured) return undefined;
		const now = this.now();
		const rules = Array.isArray(configured) ? configured : [configured];
		const spends = rules.map((rule) => {
			const key = `${endpoint.api} ${rule.unit ?? 'requests'} ${rule.windowMs}`;
			let window = this.windows.get(key);
			if (!window || now - window.start >= rule.windowMs) {
				window = { start: now, count: 0 };
				this.windows.set(key, window);
			}
			return { rule, window, cost: costIn(rule, endpoint.api, body) };
		});
		// A request over any of its budgets is refused, and spends none of them.
		const over = spends.find(({ rule, window, cost }) => cost > 0 && window.count + cost > rule.limit);
		if (over) return rateLimited(endpoint, over.rule, over.window.start, now);
		for (const spend of spends) spend.window.count += spend.cost;
		return undefined;
	}
}

/**
 * `x-ratelimit-reset` in the endpoint's documented form: the epoch second the window resets
 * (rate-limits.mdx), or the seconds left until then (data-overview.mdx, trigger.yaml). Both keep
 * their fraction, so that the scaled-down windows of tests work.
 */
export function resetHeader(endpoint: Pick<ResolvedEndpoint, 'rateLimitReset'>, resetAt: number, now: number): string {
	return endpoint.rateLimitReset === 'secondsLeft' ? String(Math.max(0, resetAt - now) / 1000) : String(resetAt / 1000);
}

function rateLimited(endpoint: ResolvedEndpoint, rule: RateLimit, windowStart: number, now: number): Answer {
	const resetAt = windowStart + rule.windowMs;
	return {
		...refuse(endpoint, { kind: 'rateLimited' }),
		headers: {
			'x-ratelimit-limit': String(rule.limit),
			'x-ratelimit-remaining': '0',
			'x-ratelimit-reset': resetHeader(endpoint, resetAt, now),
			// The Push API's gateway (push-v2-1.yaml 429).
			...(endpoint.family === 'push' ? { 'x-envoy-ratelimited': 'true' } : {}),
			// Seconds to wait (trigger.yaml); a fraction for the scaled-down windows of tests.
			...(endpoint.retryAfter ? { 'retry-after': String(Math.max(0, resetAt - now) / 1000) } : {}),
		},
	};
}
