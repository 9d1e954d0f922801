import type { Answer } from './errors';
import { cardsError, dataError, gatewayError } from './errors';
import type { Arrival } from './http';
import { delay, HttpHost, htmlErrorPage } from './http';
import { resetHeader } from './rateLimits';
import type { ResolvedEndpoint, SpecApi } from './spec';

/**
 * Scripted misbehaviour of MoEngage or of the network (addFault): which requests a fault hits
 * (by API, by body, a number of times, a seeded share), what it answers instead of MoEngage,
 * and the foreign host its redirects point to. The gateway (gateway.ts) asks for the fault of
 * each request after the latency and before anything else.
 */

/** How 'echoAuth' puts the Authorization header into its answer, in MoEngage's error shapes. */
export type EchoShape = 'json' | 'cards' | 'gateway' | 'text';

/** A scripted misbehaviour: MoEngage or the network failing for some requests. */
export interface Fault {
	/** Which requests it hits (default: all). */
	api?: SpecApi;
	/** Hit only requests whose raw body contains this text (e.g. one item's value in a bulk request). */
	bodyIncludes?: string;
	/** How many requests it hits before it wears off (default: all). */
	times?: number;
	/** Of the requests it could hit, the share it does hit, decided by a seeded sequence (default 1). */
	probability?: number;
	/** Lets this many of the requests it could hit through first: a blip that starts in the middle of a run. */
	skip?: number;
	/**
	 * A blip: hits every request it could hit for this long on the stand-in's clock (`now`), from
	 * the first one it hits, then wears off.
	 */
	forMs?: number;
	/** When the blip began (forMs). */
	startedAt?: number;
	/**
	 * Hit only the first request with each body: every item fails once and then succeeds, so
	 * exactly half the requests fail whatever order concurrent requests arrive in.
	 */
	oncePerBody?: boolean;
	/** Bodies already hit, for oncePerBody. */
	seenBodies?: Set<string>;
	/**
	 * - status: answers `status` with `body` and `headers`, without processing the request.
	 * - reset: destroys the connection before processing.
	 * - malformed: answers 200 with a cut-off JSON body, without processing.
	 * - slow: waits `delayMs`, then processes and answers normally.
	 * - processedThenDropped: processes the request (deletes, records, merges, updates), then
	 *   destroys the connection without answering: the client sees a reset, the work is done.
	 * - redirect: answers `status` (307 by default; 301, 302, 303, 308 work too) with a Location on
	 *   the foreign host (another port on 127.0.0.1), same path and query; nothing is processed.
	 * - echoAuth: answers `status` (401 by default) with the request's Authorization header in the
	 *   message of an error body of the given `shape`; nothing is processed.
	 * - html: answers `status` (502 by default) with an HTML error page, as a proxy would.
	 * - held: waits until the test calls openGate() (e.g. once N requests have arrived, from
	 *   onRequest), then processes and answers normally: "in flight together" without timing.
	 */
	kind: 'status' | 'reset' | 'malformed' | 'slow' | 'processedThenDropped' | 'redirect' | 'echoAuth' | 'html' | 'held';
	status?: number;
	body?: unknown;
	headers?: Record<string, string>;
	/** For 'echoAuth': the error shape (default 'json', the user APIs' `{status: "fail", error: {message}}`). */
	shape?: EchoShape;
	/** For 'slow': how long to wait before answering. */
	delayMs?: number;
	/** For 'status' 429: send x-ratelimit-reset this far in the future (omit for no rate-limit headers). */
	resetInMs?: number;
}

/** A request that reached the foreign host (where the 'redirect' fault points). */
export type ForeignRequest = Arrival;

/**
 * A second origin on 127.0.0.1 (its own port), where the 'redirect' fault sends clients. It
 * records everything it receives, Authorization included, and answers 200 {"status":"success"}
 * to anything, so a client that follows the redirect believes it succeeded.
 */
class ForeignHost {
	readonly requests: ForeignRequest[] = [];

	private readonly host = new HttpHost(async (arrival) => {
		this.requests.push(arrival);
		return { status: 200, body: { status: 'success' } };
	});

	get baseUrl(): string {
		return this.host.baseUrl;
	}

	start(): Promise<string> {
		return this.host.start();
	}

	stop(): Promise<void> {
		return this.host.stop();
	}
}

/** A promise the test settles by hand. */
class Gate {
	open!: () => void;

	readonly opened = new Promise<void>((resolve) => (this.open = resolve));
}

const SEED = 0x9e3779b9;

export class Faults {
	/** Another origin on 127.0.0.1, started on the first 'redirect' fault. */
	readonly foreign = new ForeignHost();

	private readonly faults: Fault[] = [];

	private seed = SEED;

	/** The clock a blip (forMs) lasts on: the stand-in's (a test's virtual clock, or Date.now). */
	constructor(private readonly now: () => number = Date.now) {}

	/** Holds the requests of 'held' faults until openGate(). */
	private gate = new Gate();

	add(fault: Fault): void {
		this.faults.push({ ...fault });
	}

	clear(): void {
		this.faults.length = 0;
	}

	/** Lets every request a 'held' fault holds (and any later one) be answered. */
	openGate(): void {
		this.gate.open();
	}

	/** Releases held requests, forgets faults and foreign requests, restarts the seeded sequence. */
	reset(): void {
		this.gate.open();
		this.gate = new Gate();
		this.foreign.requests.length = 0;
		this.clear();
		this.seed = SEED;
	}

	async stop(): Promise<void> {
		this.gate.open();
		await this.foreign.stop();
	}

	/** The fault that hits this request, if any, once its wait is over ('slow': delayMs; 'held': the gate). */
	async hit(api: SpecApi | 'unknown', rawBody: string): Promise<Fault | undefined> {
		const fault = this.take(api, rawBody);
		if (fault?.kind === 'slow') await delay(fault.delayMs ?? 5_000);
		if (fault?.kind === 'held') await this.gate.opened;
		return fault;
	}

	/** What a fault answers instead of MoEngage, or undefined when the request is processed normally. */
	async answer(fault: Fault, request: Pick<Arrival, 'path' | 'query' | 'headers'>, endpoint?: Pick<ResolvedEndpoint, 'rateLimitReset'>): Promise<Answer | undefined> {
		switch (fault.kind) {
			case 'status':
				return { status: fault.status ?? 500, body: fault.body ?? {}, headers: { ...fault.headers, ...resetHeaders(fault, endpoint ?? {}) } };
			case 'malformed':
				return { status: 200, body: '{"status": "success", "data": {' };
			case 'redirect': {
				const foreignUrl = await this.foreign.start();
				const query = new URLSearchParams(request.query).toString();
				const location = `${foreignUrl}${request.path}${query ? `?${query}` : ''}`;
				return { status: fault.status ?? 307, body: fault.body ?? '', contentType: 'text/plain', headers: { ...fault.headers, Location: location } };
			}
			case 'echoAuth':
				return echoAuthAnswer(fault.status ?? 401, fault.shape ?? 'json', String(request.headers.authorization ?? ''));
			case 'html': {
				const status = fault.status ?? 502;
				return { status, body: fault.body ?? htmlErrorPage(status), contentType: 'text/html', headers: fault.headers };
			}
			default:
				return undefined;
		}
	}

	private take(api: SpecApi | 'unknown', rawBody: string): Fault | undefined {
		const index = this.faults.findIndex(
			(fault) => (!fault.api || fault.api === api) && (fault.bodyIncludes === undefined || rawBody.includes(fault.bodyIncludes)),
		);
		if (index === -1) return undefined;
		const fault = this.faults[index];
		if (fault.skip !== undefined && fault.skip > 0) {
			fault.skip--;
			return undefined;
		}
		if (fault.forMs !== undefined) {
			const now = this.now();
			fault.startedAt ??= now;
			if (now - fault.startedAt >= fault.forMs) {
				this.faults.splice(index, 1);
				return this.take(api, rawBody);
			}
		}
		if (fault.oncePerBody) {
			fault.seenBodies ??= new Set();
			if (fault.seenBodies.has(rawBody)) return undefined;
			fault.seenBodies.add(rawBody);
		}
		if (fault.probability !== undefined && this.nextRandom() >= fault.probability) return undefined;
		if (fault.times !== undefined && --fault.times <= 0) this.faults.splice(index, 1);
		return fault;
	}

	/** A seeded sequence, so that fault tests are repeatable. */
	private nextRandom(): number {
		this.seed = (Math.imul(this.seed ^ (this.seed >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
		return this.seed / 2 ** 32;
	}
}

/** The x-ratelimit-* headers of a scripted 429, its reset in the endpoint's documented form. */
function resetHeaders(fault: Fault, endpoint: Pick<ResolvedEndpoint, 'rateLimitReset'>): Record<string, string> {
	if (fault.resetInMs === undefined) return {};
	const now = Date.now();
	return {
		'x-ratelimit-limit': '100',
		'x-ratelimit-remaining': '0',
		'x-ratelimit-reset': resetHeader(endpoint, now + fault.resetInMs, now),
	};
}

/** An error answer carrying the Authorization header, as a misbehaving proxy or API might send. */
function echoAuthAnswer(status: number, shape: EchoShape, authorization: string): Answer {
	switch (shape) {
		case 'json':
			return dataError(status, `bad auth ${authorization}`, 'Unauthorized');
		case 'cards':
			return cardsError(status, `denied ${authorization}`);
		case 'gateway':
			return gatewayError(status, 'Authentication required', `Invalid Authorization header: ${authorization}`);
		case 'text':
			return { status, body: `denied ${authorization}`, contentType: 'text/plain' };
	}
}
