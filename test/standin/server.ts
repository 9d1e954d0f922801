/* eslint-disable @n8n/community-nodes/no-restricted-imports -- runs on a developer's machine or in CI, never inside n8n */
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { randomBytes } from 'node:crypto';

import type { StandInCampaign, StandInSubscriber, SubscriptionCategory } from './campaigns';
import { CampaignsApi } from './campaigns';
import type { Answer } from './errors';
import { cardsError, dataError, gatewayError, requestId } from './errors';
import type { ForeignRequest } from './http';
import { delay, ForeignHost, htmlErrorPage, readBody } from './http';
import type { AuthProblem, Refusal, Rejection } from './refusals';
import { refuse, rejected } from './refusals';
import type { ResolvedEndpoint, SpecApi } from './spec';
import { endpointFor, typedQuery, validateIn } from './spec';

export type { ForeignRequest } from './http';

/**
 * A MoEngage stand-in on 127.0.0.1. It follows MoEngage's documentation source
 * (moengage/moengage-documentation: api/data/data.yaml, api/data/data-overview.mdx,
 * api/cards/cards.yaml, api/rate-limits.mdx, api/introduction.mdx): routes, keys, headers and
 * request schemas come from test/standin/schemas/*.json (see spec.ts), checked by validator.ts;
 * every refusal is answered in the error body its endpoint's page documents (refusals.ts). It
 * records every request so tests can assert on what was sent, and scripts faults (addFault) for
 * MoEngage or the network misbehaving.
 */

export interface StandInWorkspace {
	workspaceId: string;
	/** '' models a workspace whose Data key was never generated (the Data APIs answer 409). */
	dataApiKey: string;
	cardsApiKey: string;
	/** The Inform key (Inform's own tile); absent: every Inform request is refused. */
	informApiKey?: string;
	/** The workspace's name, which Test Connection answers as `app_name` (default: the workspace ID). */
	name?: string;
}

export interface StandInUser {
	customer_id: string;
	/** The MoEngage ID. */
	id: string;
	attributes: Record<string, unknown>;
	/** Campaign IDs with cards for this user, by lower-case platform. */
	cards?: Partial<Record<Platform, string[]>>;
	/** Device ID used by Delete Cards' unique_id. */
	uniqueId?: string;
	/** Standard ID (email/mobile) used by Delete Cards' uid. */
	uid?: string;
	/** Card category by campaign ID (Fetch Cards' card_category); 'General' when absent. */
	cardCategories?: Record<string, string>;
}

type Platform = 'android' | 'ios' | 'web';
const PLATFORMS: Platform[] = ['android', 'ios', 'web'];

/** A business event the workspace has (created in the dashboard or by API), with its attributes. */
export interface StandInBusinessEvent {
	id: string;
	name: string;
	attributes: Array<{ name: string; data_type: string }>;
}

/** An Inform alert: its ID (live), its reference name, and the channels it is set up for. */
export interface StandInAlert {
	id: string;
	referenceName?: string;
	channels: Array<'SMS' | 'EMAIL' | 'PUSH'>;
}

/** How long Inform refuses a transaction_id it accepted (inform.yaml: 5 minutes). */
export const INFORM_DUPLICATE_WINDOW_MS = 5 * 60_000;

/** The endpoints the stand-in serves (the node's operations, Bulk Import and Test Connection). */
export type Api = SpecApi;

export interface RecordedRequest {
	api: Api | 'unknown';
	method: string;
	path: string;
	query: Record<string, string>;
	headers: IncomingHttpHeaders;
	rawBody: string;
	body: unknown;
	/** Status code the stand-in answered (or 0 when it cut the connection). */
	status: number;
	/** For 'processedThenDropped': the status it would have answered (the request was carried out). */
	processedStatus?: number;
	receivedAt: number;
}

/** How 'echoAuth' puts the Authorization header into its answer, in MoEngage's error shapes. */
export type EchoShape = 'json' | 'cards' | 'gateway' | 'text';

/** A scripted misbehaviour: MoEngage or the network failing for some requests. */
export interface Fault {
	/** Which requests it hits (default: all). */
	api?: Api;
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

export interface StandInOptions {
	workspace: StandInWorkspace;
	users?: StandInUser[];
	/** Added to every answer, to stand in for network round trips. */
	latencyMs?: number;
	/** Per API, one limit or several (Bulk Import: users and events, each its own budget). */
	rateLimits?: Partial<Record<Api, RateLimit | RateLimit[]>>;
	/**
	 * Whether MoEngage has enabled Get User (export) for this workspace (default true). MoEngage
	 * enables it per workspace on request (data.yaml, Get User note); when it is not, export
	 * answers EXPORT_NOT_ENABLED.
	 */
	exportEnabled?: boolean;
	/** The workspace's business events (GET /v5/business-events lists them; only these can be triggered). */
	businessEvents?: StandInBusinessEvent[];
	/** The workspace's Inform alerts. */
	alerts?: StandInAlert[];
	/**
	 * The clock of the rate-limit windows and of their x-ratelimit-reset (default Date.now): a test
	 * gives it the node's virtual clock, so that waiting for a reset costs no real time.
	 */
	now?: () => number;
	/** The campaigns Search Campaigns and Campaign Stats know (default: seededCampaigns(), 40 of them). */
	campaigns?: StandInCampaign[];
	/** The workspace's subscription categories (default: SEEDED_CATEGORIES). */
	subscriptionCategories?: SubscriptionCategory[];
	/** Subscription preferences (default: every user subscribed to every category, `usr_<id>` as MoEngage ID). */
	subscribers?: StandInSubscriber[];
}

const ACCEPTED = 'Your request has been accepted and will be processed soon.';

/** How far ahead of the stand-in's clock an event's current_time may be (clock skew); see data.json note 5. */
const FUTURE_TOLERANCE_MS = 60_000;

/**
 * What Get User answers in a workspace where MoEngage has not enabled it. MoEngage documents that
 * it must be enabled (data.yaml, Get User note) but not the answer when it is not; the stand-in
 * chooses 403 (introduction.mdx: a key that does not cover an API fails with 401 or 403) in the
 * gateway's shape.
 */
export const EXPORT_NOT_ENABLED = {
	title: 'Forbidden',
	description: 'Get User API is not enabled for this workspace. Contact your CSM or MoEngage support to enable it.',
	code: 'ExportNotEnabled',
};

/** MoEngage's 429 body of the gateway (cards.yaml), for fault scripts. */
export const RATE_LIMITED = { title: 'Request limit reached', description: 'This API call has exceeded the rate limit', code: 'KMxkunyz' };

const isObject = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/** A Bulk Import body's elements of one type. */
function bulkElements(body: unknown, type: BulkElement['type']): unknown[] {
	const elements = isObject(body) && Array.isArray(body.elements) ? body.elements : [];
	return elements.filter((element) => isObject(element) && element.type === type);
}

/** Users a request counts against a limit in users: Get User's identifiers, Merge Users' pairs, Bulk Import's customers; 1 otherwise. */
function usersIn(api: Api, body: unknown): number {
	if (api === 'bulkImport') return bulkElements(body, 'customer').length;
	if (!isObject(body)) return 1;
	const list = api === 'exportUsers' && isObject(body.data) ? body.data.identifiers : api === 'mergeUsers' ? body.merge_data : undefined;
	return Array.isArray(list) ? Math.max(1, list.length) : 1;
}

/** Events a request counts against a limit in events: the actions of Bulk Import's event elements; 1 otherwise. */
function eventsIn(api: Api, body: unknown): number {
	if (api !== 'bulkImport') return 1;
	return bulkElements(body, 'event').reduce<number>((sum, element) => sum + (isObject(element) && Array.isArray(element.actions) ? element.actions.length : 0), 0);
}

function costIn(rule: RateLimit, api: Api, body: unknown): number {
	if (rule.unit === 'users') return usersIn(api, body);
	if (rule.unit === 'events') return eventsIn(api, body);
	return 1;
}

/** An element of a Bulk Import call, as the stand-in took it. */
export interface BulkElement {
	type: 'customer' | 'event' | 'device';
	element: Record<string, unknown>;
}

/** A promise the test settles by hand. */
class Gate {
	open!: () => void;

	readonly opened = new Promise<void>((resolve) => (this.open = resolve));
}

export class MoEngageStandIn {
	readonly requests: RecordedRequest[] = [];

	readonly deletedUsers: Array<{ identity_type: string; identity_value: string }> = [];

	readonly trackedEvents: Array<{ customer_id: string; action: Record<string, unknown> }> = [];

	/** Pairs MoEngage merged. */
	readonly mergedUsers: Array<{ merged_user: string; retained_user: string }> = [];

	/** Pairs MoEngage skipped (a user missing, or both the same): the answer is still 200 (data.yaml, MergeUserRequest). */
	readonly skippedMerges: Array<{ merged_user: string; retained_user: string }> = [];

	/** Custom segments made by Cohort Sync: name, description and the customer IDs in it, by cohort_id. */
	readonly cohorts = new Map<string, { name: string; description?: string; partner: string; members: Set<string> }>();

	/** Business events MoEngage triggered. */
	readonly triggeredBusinessEvents: Array<{ event_name: string; event_attributes: Record<string, unknown>; triggered_by?: string }> = [];

	/** Alerts Inform sent (once per transaction_id within 5 minutes). */
	readonly sentAlerts: Array<Record<string, unknown>> = [];

	/** When each transaction_id was accepted. */
	private readonly transactions = new Map<string, number>();

	/** Bulk Import elements that were processed. */
	readonly bulkElements: BulkElement[] = [];

	/** Bulk Import elements that were skipped, with the reason (the call itself still answered 200). */
	readonly bulkRejected: Array<{ element: unknown; reason: string }> = [];

	/** The workspace's profiles; Track User, Merge and Bulk Import change them, so tests reset them. */
	readonly users: StandInUser[];

	/** `users` by customer ID (the first with it), kept in step with every change to `users` below: lookups by customer ID stay O(1) for 100,000 users. */
	private readonly byCustomerId = new Map<string, StandInUser>();

	/** Whether Get User (export) is enabled for the workspace; reset() restores the constructor's choice. */
	exportEnabled: boolean;

	/** Campaigns and subscription preferences (campaigns.ts); reset() restores them. */
	readonly campaignsApi: CampaignsApi;

	/** Called as each request arrives, before it is answered (tests act at a known point of a run). */
	onRequest?: (request: RecordedRequest) => void;

	baseUrl = '';

	/** Holds the requests of 'held' faults until openGate(). */
	private gate = new Gate();

	private readonly initialUsers: StandInUser[];

	private readonly faults: Fault[] = [];

	private readonly windows = new Map<string, { start: number; count: number }>();

	private readonly sockets = new Set<Socket>();

	private faultSeed = 0x9e3779b9;

	private server = createServer((request, response) => void this.handle(request, response));

	/** Another origin on 127.0.0.1, started on the first 'redirect' fault. */
	private readonly foreign = new ForeignHost();

	/** Every request that reached the foreign host since the last reset. */
	get foreignRequests(): ForeignRequest[] {
		return this.foreign.requests;
	}

	/** The foreign host's base URL ('' until a 'redirect' fault has started it). */
	get foreignBaseUrl(): string {
		return this.foreign.baseUrl;
	}

	constructor(private readonly options: StandInOptions) {
		this.initialUsers = options.users ?? [];
		this.users = this.initialUsers.map(copyUser);
		this.indexUsers();
		this.exportEnabled = options.exportEnabled ?? true;
		this.campaignsApi = new CampaignsApi({
			campaigns: options.campaigns,
			categories: options.subscriptionCategories,
			subscribers:
				options.subscribers ??
				this.initialUsers.map((user) => ({
					uid: user.customer_id,
					email: typeof user.attributes.email === 'string' ? user.attributes.email : undefined,
					moe_user_id: `usr_${user.id}`,
					is_globally_unsubscribed: false,
					categories: {},
				})),
		});
		this.server.on('connection', (socket) => {
			this.sockets.add(socket);
			socket.on('close', () => this.sockets.delete(socket));
		});
	}

	async start(): Promise<string> {
		await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
		const { port } = this.server.address() as AddressInfo;
		this.baseUrl = `http://127.0.0.1:${port}`;
		return this.baseUrl;
	}

	/** Lets every request a 'held' fault holds (and any later one) be answered. */
	openGate(): void {
		this.gate.open();
	}

	async stop(): Promise<void> {
		this.gate.open();
		for (const socket of this.sockets) socket.destroy();
		await Promise.all([new Promise<void>((resolve) => this.server.close(() => resolve())), this.foreign.stop()]);
	}

	addFault(fault: Fault): void {
		this.faults.push({ ...fault });
	}

	clearFaults(): void {
		this.faults.length = 0;
	}

	/** Forgets recorded requests, rate-limit windows and faults, and restores users and options, between tests. */
	reset(): void {
		this.gate.open();
		this.gate = new Gate();
		this.requests.length = 0;
		this.onRequest = undefined;
		this.deletedUsers.length = 0;
		this.trackedEvents.length = 0;
		this.mergedUsers.length = 0;
		this.skippedMerges.length = 0;
		this.bulkElements.length = 0;
		this.bulkRejected.length = 0;
		this.cohorts.clear();
		this.triggeredBusinessEvents.length = 0;
		this.sentAlerts.length = 0;
		this.transactions.clear();
		this.foreign.requests.length = 0;
		this.windows.clear();
		// Not splice(0, n, ...users): a spread of 100,000 users overflows the call stack.
		this.users.length = 0;
		for (const user of this.initialUsers) this.users.push(copyUser(user));
		this.indexUsers();
		this.clearFaults();
		this.faultSeed = 0x9e3779b9;
		this.exportEnabled = this.options.exportEnabled ?? true;
		this.campaignsApi.reset();
	}

	private indexUsers(): void {
		this.byCustomerId.clear();
		for (const user of this.users) if (!this.byCustomerId.has(user.customer_id)) this.byCustomerId.set(user.customer_id, user);
	}

	userWith(customerId: string): StandInUser | undefined {
		return this.byCustomerId.get(customerId);
	}

	requestsTo(api: Api): RecordedRequest[] {
		return this.requests.filter((request) => request.api === api);
	}

	/** Swaps the workspace (and so the keys) the stand-in accepts. */
	setWorkspace(workspace: StandInWorkspace): void {
		this.options.workspace = workspace;
	}

	set latencyMs(value: number) {
		this.options.latencyMs = value;
	}

	/** Swaps the limits enforced from the next request on (their windows start afresh). */
	set rateLimits(value: Partial<Record<Api, RateLimit | RateLimit[]>>) {
		this.options.rateLimits = value;
		this.windows.clear();
	}

	private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
		const url = new URL(request.url ?? '/', 'http://127.0.0.1');
		const route = endpointFor(url.pathname, request.method);
		const rawBody = await readBody(request);
		let body: unknown;
		try {
			body = rawBody ? JSON.parse(rawBody) : undefined;
		} catch {
			body = undefined;
		}
		const recorded: RecordedRequest = {
			api: route?.endpoint.api ?? 'unknown',
			method: request.method ?? '',
			path: url.pathname,
			query: Object.fromEntries(url.searchParams),
			headers: request.headers,
			rawBody,
			body,
			status: 0,
			receivedAt: Date.now(),
		};
		this.requests.push(recorded);
		this.onRequest?.(recorded);

		if (this.options.latencyMs) await delay(this.options.latencyMs);

		const fault = this.takeFault(recorded.api, rawBody);
		if (fault?.kind === 'reset') {
			request.socket.destroy();
			return;
		}
		if (fault?.kind === 'slow') await delay(fault.delayMs ?? 5_000);
		if (fault?.kind === 'held') await this.gate.opened;
		if (fault?.kind === 'processedThenDropped') {
			recorded.processedStatus = this.answer(recorded, route).status;
			request.socket.destroy();
			return;
		}

		const answer = fault ? await this.faultAnswer(fault, recorded) : undefined;
		const sent = answer ?? this.answer(recorded, route);
		recorded.status = sent.status;
		if (response.destroyed) return;
		response.writeHead(sent.status, { 'Content-Type': sent.contentType ?? 'application/json', ...sent.headers });
		response.end(typeof sent.body === 'string' ? sent.body : JSON.stringify(sent.body));
	}

	/** What a fault answers instead of MoEngage, or undefined when the request is processed normally. */
	private async faultAnswer(fault: Fault, request: RecordedRequest): Promise<Answer | undefined> {
		switch (fault.kind) {
			case 'status':
				return { status: fault.status ?? 500, body: fault.body ?? {}, headers: { ...fault.headers, ...resetHeaders(fault) } };
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

	private takeFault(api: RecordedRequest['api'], rawBody: string): Fault | undefined {
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
			const now = (this.options.now ?? Date.now)();
			fault.startedAt ??= now;
			if (now - fault.startedAt >= fault.forMs) {
				this.faults.splice(index, 1);
				return this.takeFault(api, rawBody);
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
		this.faultSeed = (Math.imul(this.faultSeed ^ (this.faultSeed >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
		return this.faultSeed / 2 ** 32;
	}

	/**
	 * MoEngage's answer, checked in this order: route and method, authentication (key, MOE-APPKEY,
	 * app_id), the workspace's Get User switch, rate limit, the body (none with a GET; else the
	 * payload cap, Content-Type, JSON), then the endpoint's query and body schemas; only a valid
	 * request is carried out. Every refusal is answered in the endpoint's documented error body.
	 */
	private answer(request: RecordedRequest, route: ReturnType<typeof endpointFor>): Answer {
		if (!route) return { status: 404, body: { status: 'fail', message: 'Resource not found' } };
		const { endpoint, pathWorkspaceId } = route;
		if (request.method !== endpoint.method) return { status: 405, body: { status: 'fail', message: 'Method not allowed' } };
		const outcome = this.outcome(request, endpoint, pathWorkspaceId);
		return 'kind' in outcome ? refuse(endpoint, outcome) : outcome;
	}

	/** The answer to a routed request, or why it is refused (not yet worded). */
	private outcome(request: RecordedRequest, endpoint: ResolvedEndpoint, pathWorkspaceId: string | undefined): Answer | Refusal {
		const refused = this.checkAuth(request, endpoint, pathWorkspaceId);
		if (refused) return refused;
		if (endpoint.api === 'exportUsers' && !this.exportEnabled) return { status: 403, body: EXPORT_NOT_ENABLED };
		const limited = this.checkRateLimit(endpoint, request.body);
		if (limited) return limited;
		const unreadable = bodyRefusal(request, endpoint);
		if (unreadable) return unreadable;
		const [queryError] = endpoint.query ? validateIn(endpoint.family, endpoint.query, typedQuery(endpoint.query, request.query)) : [];
		const [bodyError] = endpoint.body ? validateIn(endpoint.family, endpoint.body, request.body) : [];
		const invalid = queryError ?? bodyError;
		if (invalid) return { kind: 'invalid', error: invalid };
		return this.carryOut(endpoint, request);
	}

	/** The work of a valid request. */
	private carryOut(endpoint: ResolvedEndpoint, request: RecordedRequest): Answer | Refusal {
		const body = (request.body ?? {}) as Record<string, unknown>;
		switch (endpoint.api) {
			case 'exportUsers':
				return this.exportUsers(body);
			case 'deleteUser':
				return this.deleteUser(body);
			case 'deleteCards':
				return this.deleteCards(body);
			case 'trackUser':
				return this.trackUser(body);
			case 'trackEvent':
				return this.trackEvent(body);
			case 'mergeUsers':
				return this.mergeUsers(body);
			case 'fetchCards':
				return this.fetchCards(body, request.query);
			case 'bulkImport':
				return this.bulkImport(body, endpoint);
			case 'testConnection':
				return this.testConnection(body);
			case 'cohortSync':
				return this.cohortSync(body);
			case 'triggerBusinessEvent':
				return this.triggerBusinessEvent(body);
			case 'listBusinessEvents':
				return this.listBusinessEvents(request.query);
			case 'sendAlert':
				return this.sendAlert(body);
			case 'searchCampaigns':
				return this.campaignsApi.search(body);
			case 'campaignStats':
				return this.campaignsApi.stats(body);
			case 'subscriptionCategories':
				return this.campaignsApi.listCategories(request.query);
			case 'getSubscriptionPreferences':
				return this.campaignsApi.preferences(request.query);
			case 'updateSubscriptionPreferences':
				return this.campaignsApi.update(request, body);
		}
	}

	/**
	 * Basic auth with the endpoint's key, MOE-APPKEY where required, and the workspace ID in the
	 * query or path (data.yaml 401/409, data-overview.mdx).
	 */
	private checkAuth(request: RecordedRequest, endpoint: ResolvedEndpoint, pathWorkspaceId: string | undefined): Refusal | undefined {
		const { workspaceId, dataApiKey, cardsApiKey, informApiKey } = this.options.workspace;
		const isData = endpoint.family === 'data';
		const key = { data: dataApiKey, campaign: cardsApiKey, inform: informApiKey ?? '' }[endpoint.key];
		const refuse = (problem: AuthProblem): Refusal => ({ kind: 'auth', problem });
		const authorization = request.headers.authorization;
		const credentials = /^Basic (.+)$/.exec(authorization ?? '')?.[1];
		const [username, ...rest] = credentials ? Buffer.from(credentials, 'base64').toString('utf8').split(':') : [];
		const password = rest.join(':');
		if (!authorization) return refuse('missing');
		if (username !== workspaceId) return refuse('workspace');
		// data-overview.mdx and Merge's 409: a workspace whose Data key was never generated.
		if (isData && !key) return rejected(409, 'App Secret key is not set. Please login to the dashboard to set a key', { type: 'Authentication required' });
		if (!key || password !== key) return refuse('key');
		if (endpoint.headers.includes('MOE-APPKEY')) {
			const appKey = request.headers['moe-appkey'];
			if (appKey === undefined) return refuse('appKeyMissing');
			if (appKey !== workspaceId) return refuse('appKeyMismatch');
		}
		// data-overview.mdx: 400 ParamsRequired without app_id, 409 when it differs from the credentials.
		const appId = request.query.app_id;
		if (endpoint.appIdQuery === 'required' && appId === undefined) {
			return rejected(400, 'app_id is required in path/query params.', { type: 'ParamsRequired' });
		}
		if (endpoint.appIdQuery !== 'none' && appId !== undefined && appId !== workspaceId) {
			return APP_KEY_MISMATCH;
		}
		if (pathWorkspaceId !== undefined && pathWorkspaceId !== workspaceId) {
			return APP_KEY_MISMATCH;
		}
		return undefined;
	}

	private checkRateLimit(endpoint: ResolvedEndpoint, body: unknown): Answer | undefined {
		const configured = this.options.rateLimits?.[endpoint.api];
		if (!configured) return undefined;
		const now = (this.options.now ?? Date.now)();
		const rules = Array.isArray(configured) ? configured : [configured];
		const spends = rules.map((rule) => {
			const key = `${endpoint.api} ${rule.unit ?? 'requests'}`;
			let window = this.windows.get(key);
			if (!window || now - window.start >= rule.windowMs) {
				window = { start: now, count: 0 };
				this.windows.set(key, window);
			}
			return { rule, window, cost: costIn(rule, endpoint.api, body) };
		});
		// A request over any of its budgets is refused, and spends none of them.
		const over = spends.find(({ rule, window, cost }) => cost > 0 && window.count + cost > rule.limit);
		if (over) return this.rateLimited(endpoint, over.rule, over.window.start);
		for (const spend of spends) spend.window.count += spend.cost;
		return undefined;
	}

	private rateLimited(endpoint: ResolvedEndpoint, rule: RateLimit, windowStart: number): Answer {
		return {
			...refuse(endpoint, { kind: 'rateLimited' }),
			headers: {
				'x-ratelimit-limit': String(rule.limit),
				'x-ratelimit-remaining': '0',
				// MoEngage sends epoch seconds; the fraction lets scaled-down windows work in tests.
				'x-ratelimit-reset': String((windowStart + rule.windowMs) / 1000),
			},
		};
	}

	/** Test Connection (data.yaml /integrations/authentication): the body names the workspace and Data key again. */
	private testConnection(body: Record<string, unknown>): Answer | Refusal {
		const { workspaceId, dataApiKey, name } = this.options.workspace;
		if (body.app_id !== workspaceId || body.app_secret !== dataApiKey) return { kind: 'auth', problem: 'key' };
		return { status: 200, body: { status: 'success', app_name: name ?? workspaceId } };
	}

	/**
	 * Cohort Sync (cohort-audience.yaml): adds or removes the members MoEngage has (matched on the
	 * ID field); others are left out, and the answer is 200 either way. The segment is made on first use.
	 */
	private cohortSync(body: Record<string, unknown>): Answer {
		const parameters = body.parameters as { cohort_id: string; cohort_name: string; cohort_description?: string; members: Array<{ uid: string }> };
		let cohort = this.cohorts.get(parameters.cohort_id);
		if (!cohort) {
			cohort = { name: parameters.cohort_name, partner: body.partner as string, members: new Set() };
			this.cohorts.set(parameters.cohort_id, cohort);
		}
		cohort.name = parameters.cohort_name;
		if (parameters.cohort_description !== undefined) cohort.description = parameters.cohort_description;
		for (const { uid } of parameters.members) {
			if (body.action === 'remove_members') cohort.members.delete(uid);
			else if (this.userWith(uid)) cohort.members.add(uid);
		}
		return { status: 200, body: { status: 'success', message: ACCEPTED } };
	}

	/**
	 * Trigger Business Event (business-events.yaml /business_event/trigger): the event must exist,
	 * and its attributes be ones it was created with (the documented 400s).
	 */
	private triggerBusinessEvent(body: Record<string, unknown>): Answer | Rejection {
		const event = (this.options.businessEvents ?? []).find((candidate) => candidate.name === body.event_name);
		if (!event) return rejected(400, 'Business event does not exists', { target: 'event_name', detail: 'Business event does not exist' });
		const attributes = body.event_attributes as Record<string, unknown>;
		const wrong = Object.keys(attributes).find((name) => !event.attributes.some((attribute) => attribute.name === name));
		if (wrong) return rejected(400, 'Wrong business event attribute passed in api request', { target: wrong });
		this.triggeredBusinessEvents.push({
			event_name: event.name,
			event_attributes: attributes,
			...(typeof body.triggered_by === 'string' ? { triggered_by: body.triggered_by } : {}),
		});
		return { status: 200, body: { message: 'The business event has been triggered' } };
	}

	/** GET /v5/business-events: every business event, 20 a page (or `limit`), the next page by an opaque cursor; or one, by `name` or `id`. */
	private listBusinessEvents(query: Record<string, string>): Answer | Rejection {
		if (query.name !== undefined && query.id !== undefined) {
			return rejected(400, 'Use either name or id, not both.', { target: 'name', detail: 'Only one of name or id may be supplied.' });
		}
		const all = (this.options.businessEvents ?? []).filter(
			(event) => (query.name === undefined || event.name === query.name) && (query.id === undefined || event.id === query.id),
		);
		const limit = query.limit === undefined ? 20 : Number(query.limit);
		let start = 0;
		if (query.cursor !== undefined) {
			start = Number(Buffer.from(query.cursor, 'base64url').toString('utf8').replace(/^after:/, ''));
			if (!Number.isInteger(start) || start < 0) return rejected(400, 'Invalid cursor.', { target: 'cursor' });
		}
		const page = all.slice(start, start + limit);
		const hasMore = start + limit < all.length;
		return {
			status: 200,
			body: {
				response_id: `resp_${requestId()}`,
				type: 'business-events',
				data: page.map((event) => ({ id: event.id, name: event.name, attributes: event.attributes, campaign_count: 0, trigger_count: 0, created_at: '2026-05-01T09:12:00Z' })),
				pagination: { has_more: hasMore, next_cursor: hasMore ? Buffer.from(`after:${start + limit}`).toString('base64url') : null },
			},
		};
	}

	/**
	 * Send Alert (inform.yaml /alerts/send): the alert must exist (by ID or reference name) and be set
	 * up for the channels sent; a transaction_id accepted less than 5 minutes ago answers 409.
	 */
	private sendAlert(body: Record<string, unknown>): Answer | Rejection {
		const alert = (this.options.alerts ?? []).find((candidate) =>
			body.alert_id !== undefined ? candidate.id === body.alert_id : candidate.referenceName === body.alert_reference_name,
		);
		if (!alert) return rejected(400, 'Invalid Alert ID');
		const channels = Object.keys(body.payloads as Record<string, unknown>);
		const unset = channels.find((channel) => !(alert.channels as string[]).includes(channel));
		if (unset) return rejected(400, `Channel ${unset} is not configured for this alert`);
		const transactionId = body.transaction_id as string;
		const acceptedAt = this.transactions.get(transactionId);
		if (acceptedAt !== undefined && Date.now() - acceptedAt < INFORM_DUPLICATE_WINDOW_MS) {
			return rejected(409, 'Duplicate Transaction ID');
		}
		this.transactions.set(transactionId, Date.now());
		this.sentAlerts.push(body);
		return { status: 200, body: { message: 'Successfully Received', request_id: requestId() } };
	}

	/**
	 * Get User (data.yaml /customers/export): users found and identifiers not found; without
	 * user_fields_to_export (or with an empty list, undocumented) every attribute is returned.
	 */
	private exportUsers(body: Record<string, unknown>): Answer {
		const data = body.data as { identifiers: Array<{ identifier_type: string; identifier: string }>; user_fields_to_export?: string[] };
		const fields = data.user_fields_to_export ?? [];
		const users: unknown[] = [];
		const notFound: unknown[] = [];
		for (const { identifier_type, identifier } of data.identifiers) {
			const user = identifier_type === 'customer_id' ? this.userWith(identifier) : this.users.find((candidate) => candidate.id === identifier);
			if (!user) {
				notFound.push({ identifier_type, identifier });
				continue;
			}
			const all: Record<string, unknown> = { ...user.attributes, customer_id: user.customer_id, id: user.id };
			const attributes = fields.length === 0 ? all : Object.fromEntries(fields.filter((field) => field in all).map((field) => [field, all[field]]));
			users.push({ user_attributes: attributes });
		}
		return { status: 200, body: { status: 'success', type: 'export_users', data: { users_not_found: notFound, users } } };
	}

	/** Delete User (data.yaml /customer/delete): 400 "User doesn't exists …" for an unknown user. */
	private deleteUser(body: Record<string, unknown>): Answer | Rejection {
		const identity_type = body.identity_type as 'customer_id' | 'moengage_id';
		const identity_value = body.identity_value as string;
		const user = identity_type === 'customer_id' ? this.userWith(identity_value) : this.users.find((candidate) => candidate.id === identity_value);
		if (!user) {
			const kind = identity_type === 'customer_id' ? 'customer id' : 'moengage id';
			return rejected(400, `User doesn't exists with ${kind} ${identity_value}`, { type: 'Not Found' });
		}
		this.deletedUsers.push({ identity_type, identity_value });
		return { status: 200, body: { status: 'success', message: ACCEPTED } };
	}

	/** The user both Cards APIs name (uid or unique_id, schema-checked) and the platforms chosen (all when absent). */
	private cardsTarget(body: Record<string, unknown>): Rejection | { user: StandInUser; chosen: Platform[] } {
		const { uid, unique_id, platforms } = body;
		const chosen = Array.isArray(platforms) ? [...new Set(platforms.map((p: string) => p.toLowerCase() as Platform))] : PLATFORMS;
		const user = this.users.find((candidate) => (uid !== undefined ? candidate.uid === uid : candidate.uniqueId === unique_id));
		if (!user) return rejected(400, 'User not found for this uid/ unique_id');
		return { user, chosen };
	}

	private deleteCards(body: Record<string, unknown>): Answer | Rejection {
		const campaignIds = body.campaign_ids as string[];
		const target = this.cardsTarget(body);
		if ('kind' in target) return target;
		const { user, chosen } = target;
		const data: Record<string, unknown> = {};
		for (const platform of chosen) {
			const cards = user.cards?.[platform] ?? [];
			data[platform] = {
				success: campaignIds.filter((id) => cards.includes(id)),
				failed: [],
				invalid: campaignIds.filter((id) => !cards.includes(id)),
			};
		}
		return { status: 200, body: { status: true, request_id: requestId(), data } };
	}

	private fetchCards(body: Record<string, unknown>, query: Record<string, string>): Answer | Rejection {
		const { card_category } = body;
		const target = this.cardsTarget(body);
		if ('kind' in target) return target;
		const { user, chosen } = target;
		let cards = chosen.flatMap((platform) => (user.cards?.[platform] ?? []).map((campaignId) => card(user, campaignId, platform)));
		if (card_category !== undefined) cards = cards.filter((entry) => entry.category === card_category);
		const limit = query.limit === undefined ? cards.length : Number(query.limit);
		const page = query.page === undefined ? 1 : Number(query.page);
		cards = cards.slice((page - 1) * limit, page * limit);
		return { status: 200, body: { status: true, request_id: requestId(), data: { cards, deleted_card_ids: [] } } };
	}

	/**
	 * Track User (data.yaml /customer/{app_id}, CreateUserRequest): with update_existing_only a
	 * missing user is not created; unset_attributes removes the attributes its rules match (applied
	 * before `attributes`, an order MoEngage does not document); addValueToArrayField and
	 * removeValueFromArrayField change array attributes, and one attribute in both is a 400
	 * ArrayFieldError (data.yaml's example).
	 */
	private trackUser(body: Record<string, unknown>): Answer | Rejection {
		const attributes = (body.attributes ?? {}) as Record<string, unknown>;
		const { addValueToArrayField: add = {}, removeValueFromArrayField: remove = {}, ...plain } = attributes as Record<string, Record<string, unknown[]>>;
		const both = Object.keys(add).find((name) => name in remove);
		if (both) return rejected(400, `Cannot add and remove '${both}' at the same time`, { type: 'ArrayFieldError', target: 'addValueToArrayField' });
		this.applyUser(body.customer_id as string, body.update_existing_only === true, plain, add, remove, body.unset_attributes as UnsetRule[] | undefined);
		return { status: 200, body: { status: 'success', message: ACCEPTED } };
	}

	private applyUser(
		customerId: string,
		existingOnly: boolean,
		attributes: Record<string, unknown>,
		add: Record<string, unknown[]> = {},
		remove: Record<string, unknown[]> = {},
		unset: UnsetRule[] = [],
	): void {
		const user = existingOnly ? this.userWith(customerId) : this.findOrCreate(customerId);
		if (!user) return;
		for (const name of Object.keys(user.attributes)) {
			if (unset.some((rule) => unsetMatches(rule, name))) delete user.attributes[name];
		}
		Object.assign(user.attributes, attributes);
		for (const [name, values] of Object.entries(add)) {
			const current = Array.isArray(user.attributes[name]) ? (user.attributes[name] as unknown[]) : [];
			user.attributes[name] = [...current, ...values.filter((value) => !current.includes(value))];
		}
		for (const [name, values] of Object.entries(remove)) {
			if (Array.isArray(user.attributes[name])) user.attributes[name] = (user.attributes[name] as unknown[]).filter((value) => !values.includes(value));
		}
	}

	/** Track Event (data.yaml /event/{Workspace_ID}): future-dated events are refused (see data.json note 5). */
	private trackEvent(body: Record<string, unknown>): Answer | Rejection {
		const actions = body.actions as Array<Record<string, unknown>>;
		const future = actions.find((action) => isFuture(action.current_time));
		if (future) return rejected(400, 'current_time can not be a future time', { type: 'ValueError', target: 'current_time' });
		const customerId = body.customer_id as string;
		this.findOrCreate(customerId);
		for (const action of actions) this.trackedEvents.push({ customer_id: customerId, action });
		return { status: 200, body: { status: 'success', message: ACCEPTED } };
	}

	/**
	 * Merge Users (data.yaml /customer/merge): a pair that fails (a user missing, or merged into
	 * itself) is skipped and the others go on; the answer is 200 either way and does not say which.
	 */
	private mergeUsers(body: Record<string, unknown>): Answer {
		for (const pair of body.merge_data as Array<{ merged_user: string; retained_user: string }>) {
			const merged = this.userWith(pair.merged_user);
			const retained = this.userWith(pair.retained_user);
			if (!merged || !retained || merged === retained) {
				this.skippedMerges.push({ merged_user: pair.merged_user, retained_user: pair.retained_user });
				continue;
			}
			retained.attributes = { ...merged.attributes, ...retained.attributes };
			this.users.splice(this.users.indexOf(merged), 1);
			// Another user with the same customer ID, if any, is found from now on.
			if (this.byCustomerId.get(merged.customer_id) === merged) {
				this.byCustomerId.delete(merged.customer_id);
				const next = this.users.find((user) => user.customer_id === merged.customer_id);
				if (next) this.byCustomerId.set(next.customer_id, next);
			}
			this.mergedUsers.push({ merged_user: pair.merged_user, retained_user: pair.retained_user });
		}
		return { status: 200, body: { status: 'success', operation: 'created' } };
	}

	/**
	 * Bulk Import (data.yaml /transition/{Workspace_ID}): the call's own schema decides the 400s;
	 * each element is then checked against its type's schema and skipped (recorded in
	 * bulkRejected) when it fails, with 200 for the call (data.json note 6). Customers update
	 * users as Track User does, events are recorded with trackedEvents, devices only in bulkElements.
	 */
	private bulkImport(body: Record<string, unknown>, endpoint: ResolvedEndpoint): Answer {
		for (const element of body.elements as Array<Record<string, unknown>>) {
			const type = element.type as BulkElement['type'];
			const schema = endpoint.elementSchemas?.[type];
			const [problem] = schema ? validateIn('data', schema, element) : [];
			const actions = type === 'event' ? (element.actions as Array<Record<string, unknown>>) : [];
			const reason = problem ? `${problem.keyword} at ${problem.path || '/'}` : actions.some((action) => isFuture(action.current_time)) ? 'future current_time' : undefined;
			if (reason) {
				this.bulkRejected.push({ element, reason });
				continue;
			}
			this.bulkElements.push({ type, element });
			const customerId = element.customer_id as string;
			if (type === 'customer') {
				const { addValueToArrayField, removeValueFromArrayField, ...plain } = (element.attributes ?? {}) as Record<string, unknown>;
				this.applyUser(
					customerId,
					element.update_existing_only === true,
					plain,
					addValueToArrayField as Record<string, unknown[]>,
					removeValueFromArrayField as Record<string, unknown[]>,
					element.unset_attributes as UnsetRule[] | undefined,
				);
			} else if (type === 'event') {
				this.findOrCreate(customerId);
				for (const action of actions) this.trackedEvents.push({ customer_id: customerId, action });
			}
		}
		return { status: 200, body: { status: 'success', message: ACCEPTED } };
	}

	private findOrCreate(customerId: string): StandInUser {
		let user = this.userWith(customerId);
		if (!user) {
			user = { customer_id: customerId, id: `moe-${randomBytes(6).toString('hex')}`, attributes: {} };
			this.users.push(user);
			this.byCustomerId.set(customerId, user);
		}
		return user;
	}
}

interface UnsetRule {
	type: 'equals' | 'prefix' | 'suffix' | 'contains';
	attr: string;
	case_sensitive?: boolean;
}

/** Whether an unset_attributes rule (data.yaml UnsetAttributeRule; case-sensitive by default) matches an attribute name. */
function unsetMatches(rule: UnsetRule, name: string): boolean {
	const sensitive = rule.case_sensitive !== false;
	const subject = sensitive ? name : name.toLowerCase();
	const pattern = sensitive ? rule.attr : rule.attr.toLowerCase();
	switch (rule.type) {
		case 'equals':
			return subject === pattern;
		case 'prefix':
			return subject.startsWith(pattern);
		case 'suffix':
			return subject.endsWith(pattern);
		case 'contains':
			return subject.includes(pattern);
	}
}

/**
 * Whether an event time lies in the future: epoch seconds (milliseconds above 1e11, as MoEngage's
 * own examples send them), as a number or a numeric string, or an ISO 8601 string.
 */
function isFuture(time: unknown): boolean {
	let ms: number | undefined;
	if (typeof time === 'number' || (typeof time === 'string' && /^\d+(\.\d+)?$/.test(time))) {
		const value = Number(time);
		ms = value > 1e11 ? value : value * 1000;
	} else if (typeof time === 'string') {
		const parsed = Date.parse(time);
		ms = Number.isNaN(parsed) ? undefined : parsed;
	}
	return ms !== undefined && ms > Date.now() + FUTURE_TOLERANCE_MS;
}

/** A card in Fetch Cards' shape. */
function card(user: StandInUser, campaignId: string, platform: Platform) {
	return {
		id: `${campaignId}_F_T_CA_AB_0_P_0_L_0_${platform}`,
		platform,
		created_at: 1695987441,
		updated_at: 1695987441,
		meta_data: { cid: campaignId, moe_card_id: `${campaignId}_card`, moe_campaign_name: `Campaign ${campaignId}`, moe_delivery_type: 'One Time', moe_campaign_id: campaignId },
		template_data: { type: 'basic', containers: [{ id: 1, type: 'basic', style: { bgColor: '#ffffff' }, widgets: [{ id: 1, type: 'text', content: `Hello from ${campaignId}` }], actions: [] }] },
		user_activity: { is_clicked: false, first_seen: 0, first_delivered: 0, show_count: {} },
		display_controls: { max_times_to_show: 5, expire_at: 0, expire_after_delivered: 0, is_pin: false },
		category: user.cardCategories?.[campaignId] ?? 'General',
	};
}

/** data-overview.mdx 409: the workspace in app_id or in the path is not the one authenticated. */
const APP_KEY_MISMATCH = rejected(409, 'App key mismatch in params and authentication', { type: 'Authentication Mismatch' });

/** A body MoEngage does not take: one sent with a GET, over the endpoint's cap, not declared JSON, or not a JSON object. */
function bodyRefusal(request: RecordedRequest, endpoint: ResolvedEndpoint): Refusal | undefined {
	if (endpoint.method === 'GET') return request.rawBody.length > 0 ? { kind: 'body', problem: 'onGet' } : undefined;
	if (Buffer.byteLength(request.rawBody) > endpoint.maxBodyBytes) return { kind: 'tooLarge' };
	const contentType = String(request.headers['content-type'] ?? '');
	if (!contentType.startsWith('application/json')) return { kind: 'contentType', missing: !contentType };
	if (!request.rawBody.trim()) return { kind: 'body', problem: 'empty' };
	if (request.body === undefined) return { kind: 'body', problem: 'malformed' };
	if (!isObject(request.body)) return { kind: 'body', problem: 'notObject' };
	return undefined;
}

function copyUser(user: StandInUser): StandInUser {
	return { ...user, attributes: { ...user.attributes } };
}

function resetHeaders(fault: Fault): Record<string, string> {
	if (fault.resetInMs === undefined) return {};
	return {
		'x-ratelimit-limit': '100',
		'x-ratelimit-remaining': '0',
		'x-ratelimit-reset': String((Date.now() + fault.resetInMs) / 1000),
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
