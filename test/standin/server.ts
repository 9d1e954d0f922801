import { randomBytes } from 'node:crypto';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { createServer, STATUS_CODES } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * A MoEngage stand-in on 127.0.0.1: checks auth, headers and bodies the way MoEngage's REST API
 * does (per ../shared/moengage-api.md and MoEngage's pages) and answers with MoEngage's success
 * and error bodies. It records every request so tests can assert on what was sent.
 */

export interface StandInWorkspace {
	workspaceId: string;
	dataApiKey: string;
	cardsApiKey: string;
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

export type Api =
	| 'exportUsers'
	| 'deleteUser'
	| 'deleteCards'
	| 'trackUser'
	| 'trackEvent'
	| 'mergeUsers'
	| 'fetchCards'
	| 'testConnection';

const CARDS_APIS: Api[] = ['deleteCards', 'fetchCards'];

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

/** A request that reached the foreign host (where the 'redirect' fault points). */
export interface ForeignRequest {
	method: string;
	path: string;
	query: Record<string, string>;
	headers: IncomingHttpHeaders;
	rawBody: string;
	receivedAt: number;
}

/** How 'echoAuth' puts the Authorization header into its answer, in MoEngage's error shapes. */
export type EchoShape = 'json' | 'cards' | 'gateway' | 'text';

/** A scripted misbehaviour: MoEngage or the network failing for some requests. */
export interface Fault {
	/** Which requests it hits (default: all). */
	api?: Api;
	/** How many requests it hits before it wears off (default: all). */
	times?: number;
	/** Of the requests it could hit, the share it does hit, decided by a seeded sequence (default 1). */
	probability?: number;
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
	 */
	kind: 'status' | 'reset' | 'malformed' | 'slow' | 'processedThenDropped' | 'redirect' | 'echoAuth' | 'html';
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
}

export interface StandInOptions {
	workspace: StandInWorkspace;
	users?: StandInUser[];
	/** Added to every answer, to stand in for network round trips. */
	latencyMs?: number;
	rateLimits?: Partial<Record<Api, RateLimit>>;
	/**
	 * Whether MoEngage has enabled Get User (export) for this workspace (default true). MoEngage
	 * enables it per workspace on request (data.yaml, Get User note); when it is not, export
	 * answers EXPORT_NOT_ENABLED.
	 */
	exportEnabled?: boolean;
}

interface Route {
	api: Api;
	method: string;
	/** The workspace ID some user APIs carry in the path (/v1/customer/{id}, /v1/event/{id}). */
	pathWorkspaceId?: string;
}

const ROUTES: Record<string, Route> = {
	'/v1/customers/export': { api: 'exportUsers', method: 'POST' },
	'/v1/customer/delete': { api: 'deleteUser', method: 'POST' },
	'/v1/customer/merge': { api: 'mergeUsers', method: 'POST' },
	'/v1/cards/delete': { api: 'deleteCards', method: 'DELETE' },
	'/v1/cards/fetch': { api: 'fetchCards', method: 'POST' },
	'/v1/integrations/authentication': { api: 'testConnection', method: 'POST' },
};

function routeOf(pathname: string): Route | undefined {
	if (ROUTES[pathname]) return ROUTES[pathname];
	const withWorkspace = /^\/v1\/(customer|event)\/([^/]+)$/.exec(pathname);
	if (!withWorkspace) return undefined;
	return {
		api: withWorkspace[1] === 'customer' ? 'trackUser' : 'trackEvent',
		method: 'POST',
		pathWorkspaceId: decodeURIComponent(withWorkspace[2]),
	};
}

const MAX_BODY_BYTES = 128 * 1024;
const EXPORT_MAX_IDENTIFIERS = 20;
const MERGE_MAX_PAIRS = 50;
const ACCEPTED = 'Your request has been accepted and will be processed soon.';
const EVENT_PLATFORMS = ['android', 'ios', 'web', 'unknown'];
const MAX_TIMEZONE_OFFSET = 54000;

interface Answer {
	status: number;
	body: unknown;
	headers?: Record<string, string>;
	/** Default application/json. */
	contentType?: string;
}

const requestId = () => randomBytes(12).toString('hex');

/** Shape 1: the user APIs. */
const userApiError = (status: number, message: string, type: string, attribute?: string): Answer => ({
	status,
	body: { status: 'fail', error: { message, type, request_id: requestId(), ...(attribute ? { attribute } : {}) } },
});

/** Shape 2: the gateway (401, 429, 5xx). */
const gatewayError = (status: number, title: string, description: string): Answer => ({
	status,
	body: { title, description, code: 'KMxkunyz' },
});

/** Shape 3: the Cards APIs. */
const cardsError = (status: number, error: string): Answer => ({
	status,
	body: { status: false, error, request_id: requestId() },
});

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

/**
 * Test Connection's 401 (data.yaml, /integrations/authentication): the user APIs' error shape,
 * with MoEngage's message for a wrong key.
 */
const authMismatch = (): Answer => ({
	status: 401,
	body: {
		status: 'fail',
		error: { message: 'App Secret key mismatch. Please login to the dashboard to verify key', type: 'Authentication required', request_id: requestId() },
	},
});

const isObject = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

export class MoEngageStandIn {
	readonly requests: RecordedRequest[] = [];

	readonly deletedUsers: Array<{ identity_type: string; identity_value: string }> = [];

	readonly trackedEvents: Array<{ customer_id: string; action: Record<string, unknown> }> = [];

	readonly mergedUsers: Array<{ merged_user: string; retained_user: string }> = [];

	/** The workspace's profiles; Track User and Merge change them, so tests reset them. */
	readonly users: StandInUser[];

	private readonly initialUsers: StandInUser[];

	private readonly faults: Fault[] = [];

	private readonly windows = new Map<Api, { start: number; count: number }>();

	private readonly sockets = new Set<Socket>();

	private faultSeed = 0x9e3779b9;

	private server = createServer((request, response) => void this.handle(request, response));

	/** Another origin on 127.0.0.1, started on the first 'redirect' fault. */
	private readonly foreign = new ForeignHost();

	baseUrl = '';

	/** Called as each request arrives, before it is answered (tests act at a known point of a run). */
	onRequest?: (request: RecordedRequest) => void;

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
		this.exportEnabled = options.exportEnabled ?? true;
		this.users = this.initialUsers.map(copyUser);
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

	async stop(): Promise<void> {
		for (const socket of this.sockets) socket.destroy();
		await Promise.all([new Promise<void>((resolve) => this.server.close(() => resolve())), this.foreign.stop()]);
	}

	addFault(fault: Fault): void {
		this.faults.push({ ...fault });
	}

	clearFaults(): void {
		this.faults.length = 0;
	}

	/** Forgets recorded requests and rate-limit windows between tests. */
	reset(): void {
		this.requests.length = 0;
		this.onRequest = undefined;
		this.deletedUsers.length = 0;
		this.trackedEvents.length = 0;
		this.mergedUsers.length = 0;
		this.foreign.requests.length = 0;
		this.windows.clear();
		this.users.splice(0, this.users.length, ...this.initialUsers.map(copyUser));
		this.clearFaults();
		this.faultSeed = 0x9e3779b9;
		this.exportEnabled = this.options.exportEnabled ?? true;
	}

	userWith(customerId: string): StandInUser | undefined {
		return this.users.find((user) => user.customer_id === customerId);
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

	/** Whether Get User (export) is enabled for the workspace; reset() restores the constructor's choice. */
	exportEnabled: boolean;

	private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
		const url = new URL(request.url ?? '/', 'http://127.0.0.1');
		const route = routeOf(url.pathname);
		const rawBody = await readBody(request);
		let body: unknown;
		try {
			body = rawBody ? JSON.parse(rawBody) : undefined;
		} catch {
			body = undefined;
		}
		const recorded: RecordedRequest = {
			api: route?.api ?? 'unknown',
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
		if (fault?.kind === 'processedThenDropped') {
			recorded.processedStatus = this.answer(recorded, route, rawBody).status;
			request.socket.destroy();
			return;
		}

		const answer = fault ? await this.faultAnswer(fault, recorded) : undefined;
		const sent = answer ?? this.answer(recorded, route, rawBody);
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
		const index = this.faults.findIndex((fault) => !fault.api || fault.api === api);
		if (index === -1) return undefined;
		const fault = this.faults[index];
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

	private answer(request: RecordedRequest, route: Route | undefined, rawBody: string): Answer {
		if (!route) return { status: 404, body: { title: 'Not Found', description: `No route ${request.path}` } };
		if (request.method !== route.method) {
			return { status: 405, body: { title: 'Method Not Allowed', description: `${request.method} ${request.path}` } };
		}
		if (route.api === 'testConnection') return this.testConnection(request);
		const auth = this.checkAuth(request, route);
		if (auth) return auth;
		const limited = this.checkRateLimit(route.api);
		if (limited) return limited;
		if (Buffer.byteLength(rawBody) > MAX_BODY_BYTES) {
			return gatewayError(413, 'Request Entity Too Large', 'The request body exceeds 128 KB');
		}
		if (!String(request.headers['content-type'] ?? '').startsWith('application/json')) {
			return gatewayError(415, 'Unsupported Media Type', 'Content-Type must be application/json');
		}
		if (!isObject(request.body)) {
			return CARDS_APIS.includes(route.api)
				? cardsError(400, 'Required field missing. Please include either \'uid\' or \'unique_id\'')
				: userApiError(400, 'Request body is not a JSON object', 'Bad Request');
		}
		switch (route.api) {
			case 'exportUsers':
				return this.exportUsers(request.body);
			case 'deleteUser':
				return this.deleteUser(request.body);
			case 'deleteCards':
				return this.deleteCards(request.body);
			case 'trackUser':
				return this.trackUser(request.body);
			case 'trackEvent':
				return this.trackEvent(request.body);
			case 'mergeUsers':
				return this.mergeUsers(request.body);
			case 'fetchCards':
				return this.fetchCards(request.body, request.query);
		}
	}

	/**
	 * Test Connection (data.yaml, /integrations/authentication): Basic auth with the Data key,
	 * MOE-APPKEY, and a body naming the workspace and Data key again; 200 with the workspace's
	 * name, 401 with MoEngage's body when the key (in the header or the body) is wrong.
	 */
	private testConnection(request: RecordedRequest): Answer {
		const { workspaceId, dataApiKey, name } = this.options.workspace;
		const expected = `Basic ${Buffer.from(`${workspaceId}:${dataApiKey}`).toString('base64')}`;
		if (request.headers.authorization !== expected) return authMismatch();
		if (request.headers['moe-appkey'] === undefined) {
			return userApiError(401, 'MOE-APPKEY is missing in Header', 'Authentication required');
		}
		if (request.headers['moe-appkey'] !== workspaceId) {
			return userApiError(401, "MOE_APPKEY doesn't match the Username (APP_KEY) used in Basic Auth authorization.", 'Authentication required');
		}
		const limited = this.checkRateLimit('testConnection');
		if (limited) return limited;
		if (!String(request.headers['content-type'] ?? '').startsWith('application/json')) {
			return userApiError(415, 'Unsupported Media Type', 'MediaTypeError');
		}
		if (!isObject(request.body)) return userApiError(400, 'A valid JSON document is required.', 'Body type is not JSON');
		for (const field of ['app_id', 'app_secret', 'source', 'region']) {
			const value = request.body[field];
			if (value === undefined) return userApiError(400, `${field} is not found in the payload`, 'MissingAttributeError', field);
			if (typeof value !== 'string') return userApiError(400, `${field} is expected to be String or Unicode String.`, 'MissingAttributeError', field);
		}
		if (request.body.app_id !== workspaceId || request.body.app_secret !== dataApiKey) return authMismatch();
		return { status: 200, body: { status: 'success', app_name: name ?? workspaceId } };
	}

	private checkAuth(request: RecordedRequest, { api, pathWorkspaceId }: Route): Answer | undefined {
		const { workspaceId, dataApiKey, cardsApiKey } = this.options.workspace;
		const isCards = CARDS_APIS.includes(api);
		const expected = `Basic ${Buffer.from(`${workspaceId}:${isCards ? cardsApiKey : dataApiKey}`).toString('base64')}`;
		if (request.headers.authorization !== expected) {
			return gatewayError(401, 'Authentication required', 'APP_ID and APP_SECRET_KEY is missing in Authorization Header.');
		}
		if (pathWorkspaceId !== undefined && pathWorkspaceId !== workspaceId) {
			return userApiError(400, 'The workspace ID in the path does not match the credentials', 'Bad Request', 'app_id');
		}
		if (isCards) {
			if (request.headers['moe-appkey'] !== workspaceId) {
				return cardsError(400, 'Required header MOE-APPKEY missing or invalid');
			}
		} else if (request.query.app_id !== workspaceId) {
			return userApiError(400, 'app_id is missing or does not match the workspace', 'Bad Request', 'app_id');
		}
		return undefined;
	}

	private checkRateLimit(api: Api): Answer | undefined {
		const rule = this.options.rateLimits?.[api];
		if (!rule) return undefined;
		const now = Date.now();
		let window = this.windows.get(api);
		if (!window || now - window.start >= rule.windowMs) {
			window = { start: now, count: 0 };
			this.windows.set(api, window);
		}
		window.count++;
		if (window.count <= rule.limit) return undefined;
		return {
			...gatewayError(429, 'Request limit reached', 'This API call has exceeded the rate limit'),
			headers: {
				'x-ratelimit-limit': String(rule.limit),
				'x-ratelimit-remaining': '0',
				// MoEngage sends epoch seconds; the fraction lets scaled-down windows work in tests.
				'x-ratelimit-reset': String((window.start + rule.windowMs) / 1000),
			},
		};
	}

	private exportUsers(body: Record<string, unknown>): Answer {
		if (!this.exportEnabled) return { status: 403, body: EXPORT_NOT_ENABLED };
		const data = body.data;
		if (!isObject(data)) return userApiError(400, "Required field 'data' is missing", 'Bad Request', 'data');
		const { identifiers, user_fields_to_export: fields } = data;
		if (!Array.isArray(identifiers) || identifiers.length === 0) {
			return userApiError(400, "'identifiers' must be a non-empty list", 'Bad Request', 'identifiers');
		}
		if (identifiers.length > EXPORT_MAX_IDENTIFIERS) {
			return userApiError(400, `At most ${EXPORT_MAX_IDENTIFIERS} identifiers are allowed per request`, 'LimitBreached', 'identifiers');
		}
		if (!Array.isArray(fields) || fields.length === 0 || !fields.every((field) => typeof field === 'string')) {
			return userApiError(400, "'user_fields_to_export' must be a non-empty list of strings", 'Bad Request', 'user_fields_to_export');
		}
		const users: unknown[] = [];
		const notFound: unknown[] = [];
		for (const entry of identifiers) {
			if (
				!isObject(entry) ||
				(entry.identifier_type !== 'customer_id' && entry.identifier_type !== 'id') ||
				typeof entry.identifier !== 'string' ||
				entry.identifier === ''
			) {
				return userApiError(400, 'Invalid identifier: identifier_type must be customer_id or id, identifier a string', 'Bad Request', 'identifiers');
			}
			const user = this.users.find((candidate) =>
				entry.identifier_type === 'customer_id' ? candidate.customer_id === entry.identifier : candidate.id === entry.identifier,
			);
			if (!user) {
				notFound.push({ identifier_type: entry.identifier_type, identifier: entry.identifier });
				continue;
			}
			const all: Record<string, unknown> = { ...user.attributes, customer_id: user.customer_id, id: user.id };
			const attributes = Object.fromEntries(fields.filter((field) => field in all).map((field) => [field, all[field]]));
			users.push({ user_attributes: attributes });
		}
		return { status: 200, body: { status: 'success', type: 'export_users', data: { users_not_found: notFound, users } } };
	}

	private deleteUser(body: Record<string, unknown>): Answer {
		const { identity_type, identity_value } = body;
		if (identity_type !== 'customer_id' && identity_type !== 'moengage_id') {
			return userApiError(400, 'identity_type must be customer_id or moengage_id', 'Bad Request', 'identity_type');
		}
		if (typeof identity_value !== 'string' || identity_value === '') {
			return userApiError(400, 'identity_value must be a non-empty string', 'Bad Request', 'identity_value');
		}
		const user = this.users.find((candidate) =>
			identity_type === 'customer_id' ? candidate.customer_id === identity_value : candidate.id === identity_value,
		);
		if (!user) return userApiError(400, 'User not found', 'UserNotFound', 'identity_value');
		this.deletedUsers.push({ identity_type, identity_value });
		return { status: 200, body: { status: 'success', message: 'Your request has been accepted and will be processed soon' } };
	}

	/** The user and platforms both Cards APIs take: exactly one of uid / unique_id, optional platforms. */
	private cardsTarget(body: Record<string, unknown>): Answer | { user: StandInUser; chosen: Platform[] } {
		const { uid, unique_id, platforms } = body;
		if ((uid === undefined) === (unique_id === undefined)) {
			return cardsError(400, "Required field missing. Please include either 'uid' or 'unique_id'");
		}
		let chosen = PLATFORMS;
		if (platforms !== undefined) {
			if (!Array.isArray(platforms) || !platforms.every((p) => typeof p === 'string' && PLATFORMS.includes(p.toLowerCase() as Platform))) {
				return cardsError(400, "Invalid 'platforms' field. Allowed values: ANDROID, IOS, WEB");
			}
			chosen = platforms.map((p: string) => p.toLowerCase() as Platform);
		}
		const user = this.users.find((candidate) => (uid !== undefined ? candidate.uid === uid : candidate.uniqueId === unique_id));
		if (!user) return cardsError(400, 'User not found for this uid/ unique_id');
		return { user, chosen };
	}

	private deleteCards(body: Record<string, unknown>): Answer {
		const { campaign_ids } = body;
		const target = this.cardsTarget(body);
		if ('status' in target) return target;
		const { user, chosen } = target;
		if (!Array.isArray(campaign_ids) || campaign_ids.length === 0 || !campaign_ids.every((id) => typeof id === 'string' && id)) {
			return cardsError(400, "Invalid or missing 'campaign_ids' field");
		}
		const data: Record<string, unknown> = {};
		for (const platform of chosen) {
			const cards = user.cards?.[platform] ?? [];
			data[platform] = {
				success: campaign_ids.filter((id) => cards.includes(id)),
				failed: [],
				invalid: campaign_ids.filter((id) => !cards.includes(id)),
			};
		}
		return { status: 200, body: { status: true, request_id: requestId(), data } };
	}

	private findOrCreate(customerId: string): StandInUser {
		let user = this.userWith(customerId);
		if (!user) {
			user = { customer_id: customerId, id: `moe-${randomBytes(6).toString('hex')}`, attributes: {} };
			this.users.push(user);
		}
		return user;
	}

	private trackUser(body: Record<string, unknown>): Answer {
		const { type, customer_id, attributes } = body;
		if (type !== 'customer') return userApiError(400, "'type' must be 'customer'", 'Bad Request', 'type');
		if (typeof customer_id !== 'string' || customer_id === '') {
			return userApiError(400, "'customer_id' must be a non-empty string", 'Bad Request', 'customer_id');
		}
		if (attributes !== undefined && !isObject(attributes)) {
			return userApiError(400, "'attributes' must be a JSON object", 'Bad Request', 'attributes');
		}
		const reserved = reservedName(attributes ?? {});
		if (reserved) return userApiError(400, `Attribute name ${reserved} uses the reserved prefix moe_`, 'Bad Request', reserved);
		const user = this.findOrCreate(customer_id);
		Object.assign(user.attributes, attributes);
		return { status: 200, body: { status: 'success', message: ACCEPTED } };
	}

	private trackEvent(body: Record<string, unknown>): Answer {
		const { type, customer_id, actions } = body;
		if (type !== 'event') return userApiError(400, "'type' must be 'event'", 'Bad Request', 'type');
		if (typeof customer_id !== 'string' || customer_id === '') {
			return userApiError(400, "'customer_id' must be a non-empty string", 'Bad Request', 'customer_id');
		}
		if (!Array.isArray(actions) || actions.length === 0) {
			return userApiError(400, "'actions' must be a non-empty list", 'Bad Request', 'actions');
		}
		for (const action of actions) {
			const problem = eventActionProblem(action);
			if (problem) return userApiError(400, problem, 'Bad Request', 'actions');
		}
		this.findOrCreate(customer_id);
		for (const action of actions as Array<Record<string, unknown>>) this.trackedEvents.push({ customer_id, action });
		return { status: 200, body: { status: 'success', message: ACCEPTED } };
	}

	private mergeUsers(body: Record<string, unknown>): Answer {
		const { merge_data } = body;
		if (!Array.isArray(merge_data) || merge_data.length === 0) {
			return userApiError(400, "'merge_data' must be a non-empty list", 'Bad Request', 'merge_data');
		}
		if (merge_data.length > MERGE_MAX_PAIRS) {
			return userApiError(400, `At most ${MERGE_MAX_PAIRS} pairs are allowed per request`, 'LimitBreached', 'merge_data');
		}
		for (const pair of merge_data) {
			if (!isObject(pair) || typeof pair.merged_user !== 'string' || typeof pair.retained_user !== 'string' || !pair.merged_user || !pair.retained_user) {
				return userApiError(400, "Each pair needs 'merged_user' and 'retained_user'", 'Bad Request', 'merge_data');
			}
			for (const id of [pair.merged_user, pair.retained_user]) {
				if (!this.userWith(id)) return userApiError(400, `User not found: ${id}`, 'UserNotFound', 'merge_data');
			}
		}
		// Valid as a whole: MoEngage processes all the pairs.
		for (const { merged_user, retained_user } of merge_data as Array<{ merged_user: string; retained_user: string }>) {
			const merged = this.userWith(merged_user);
			const retained = this.userWith(retained_user);
			if (merged && retained) {
				retained.attributes = { ...merged.attributes, ...retained.attributes };
				this.users.splice(this.users.indexOf(merged), 1);
			}
			this.mergedUsers.push({ merged_user, retained_user });
		}
		return { status: 200, body: { status: 'success', operation: 'created' } };
	}

	private fetchCards(body: Record<string, unknown>, query: Record<string, string>): Answer {
		const { card_category } = body;
		const target = this.cardsTarget(body);
		if ('status' in target) return target;
		const { user, chosen } = target;
		for (const name of ['page', 'limit']) {
			if (query[name] !== undefined && !(Number.isInteger(Number(query[name])) && Number(query[name]) >= 1)) {
				return cardsError(400, `Invalid '${name}': it must be a number greater than zero`);
			}
		}
		let cards = chosen.flatMap((platform) => (user.cards?.[platform] ?? []).map((campaignId) => card(user, campaignId, platform)));
		if (card_category !== undefined) cards = cards.filter((entry) => entry.category === card_category);
		const limit = query.limit === undefined ? cards.length : Number(query.limit);
		const page = query.page === undefined ? 1 : Number(query.page);
		cards = cards.slice((page - 1) * limit, page * limit);
		return { status: 200, body: { status: true, request_id: requestId(), data: { cards, deleted_card_ids: [] } } };
	}
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

function copyUser(user: StandInUser): StandInUser {
	return { ...user, attributes: { ...user.attributes } };
}

function reservedName(attributes: Record<string, unknown>): string | undefined {
	return Object.keys(attributes).find((name) => name.toLowerCase().startsWith('moe_'));
}

/** What MoEngage's Create Event page says of one entry of `actions`. */
function eventActionProblem(action: unknown): string | undefined {
	if (!isObject(action)) return "Each entry of 'actions' must be a JSON object";
	if (typeof action.action !== 'string' || action.action === '') return "'action' must be a non-empty string";
	if (action.attributes !== undefined && !isObject(action.attributes)) return "'attributes' must be a JSON object";
	const reserved = reservedName(isObject(action.attributes) ? action.attributes : {});
	if (reserved) return `Attribute name ${reserved} uses the reserved prefix moe_`;
	if (action.platform !== undefined && !(typeof action.platform === 'string' && EVENT_PLATFORMS.includes(action.platform.toLowerCase()))) {
		return "'platform' must be one of ANDROID, iOS, web, unknown";
	}
	for (const name of ['current_time', 'user_time']) {
		const time = action[name];
		if (time !== undefined && !(typeof time === 'number' || (typeof time === 'string' && !Number.isNaN(Date.parse(time))))) {
			return `'${name}' must be epoch seconds or an ISO 8601 string`;
		}
	}
	const offset = action.user_timezone_offset;
	if (offset !== undefined && !(typeof offset === 'number' && Math.abs(offset) <= MAX_TIMEZONE_OFFSET)) {
		return `'user_timezone_offset' must be a number from -${MAX_TIMEZONE_OFFSET} to ${MAX_TIMEZONE_OFFSET}`;
	}
	return undefined;
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
			return userApiError(status, `bad auth ${authorization}`, 'Unauthorized');
		case 'cards':
			return cardsError(status, `denied ${authorization}`);
		case 'gateway':
			return gatewayError(status, 'Authentication required', `Invalid Authorization header: ${authorization}`);
		case 'text':
			return { status, body: `denied ${authorization}`, contentType: 'text/plain' };
	}
}

/** A reverse proxy's error page (nginx's shape). */
function htmlErrorPage(status: number): string {
	const title = `${status} ${STATUS_CODES[status] ?? 'Error'}`;
	return `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
}

/**
 * A second origin on 127.0.0.1 (its own port), where the 'redirect' fault sends clients. It
 * records everything it receives, Authorization included, and answers 200 {"status":"success"}
 * to anything, so a client that follows the redirect believes it succeeded.
 */
class ForeignHost {
	readonly requests: ForeignRequest[] = [];

	baseUrl = '';

	private server?: ReturnType<typeof createServer>;

	private starting?: Promise<string>;

	private readonly sockets = new Set<Socket>();

	start(): Promise<string> {
		this.starting ??= new Promise<string>((resolve) => {
			const server = createServer((request, response) => void this.handle(request, response));
			server.on('connection', (socket) => {
				this.sockets.add(socket);
				socket.on('close', () => this.sockets.delete(socket));
			});
			this.server = server;
			server.listen(0, '127.0.0.1', () => {
				this.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
				resolve(this.baseUrl);
			});
		});
		return this.starting;
	}

	async stop(): Promise<void> {
		const { server, starting } = this;
		if (!server || !starting) return;
		await starting;
		for (const socket of this.sockets) socket.destroy();
		await new Promise<void>((resolve) => server.close(() => resolve()));
		this.server = undefined;
		this.starting = undefined;
		this.baseUrl = '';
	}

	private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
		const url = new URL(request.url ?? '/', 'http://127.0.0.1');
		const rawBody = await readBody(request);
		this.requests.push({
			method: request.method ?? '',
			path: url.pathname,
			query: Object.fromEntries(url.searchParams),
			headers: request.headers,
			rawBody,
			receivedAt: Date.now(),
		});
		response.writeHead(200, { 'Content-Type': 'application/json' });
		response.end(JSON.stringify({ status: 'success' }));
	}
}

/** MoEngage's 429 body, for fault scripts. */
export const RATE_LIMITED = { title: 'Request limit reached', description: 'This API call has exceeded the rate limit', code: 'KMxkunyz' };

function readBody(request: IncomingMessage): Promise<string> {
	return new Promise((resolve) => {
		const chunks: Buffer[] = [];
		request.on('data', (chunk: Buffer) => chunks.push(chunk));
		request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		request.on('error', () => resolve(Buffer.concat(chunks).toString('utf8')));
	});
}

function delay(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}
