import { createHash } from 'node:crypto';

import type { Answer } from './errors';
import type { Fault } from './faults';
import { Faults } from './faults';
import type { Arrival } from './http';
import { delay } from './http';
import type { RateLimits } from './rateLimits';
import { RateWindows } from './rateLimits';
import type { AuthProblem, Refusal } from './refusals';
import { rejected } from './refusals';
import type { ResolvedEndpoint, SpecApi } from './spec';
import { typedQuery, validateIn } from './spec';

/**
 * What stands between a client and MoEngage's APIs: the network's latency and the faults a test
 * scripts (faults.ts), then the checks every endpoint shares, in MoEngage's order: the key of the
 * endpoint's family (api/introduction.mdx, data-overview.mdx), the workspace's Get User switch,
 * the rate limits (rateLimits.ts), the body (none with a GET; else the payload cap, Content-Type,
 * JSON), and the endpoint's query and body schemas (spec.ts). Only a request that passes them all
 * reaches its family's handler (model/).
 */

export interface StandInWorkspace {
	workspaceId: string;
	/** '' models a workspace whose Data key was never generated (the Data APIs answer 409). */
	dataApiKey: string;
	cardsApiKey: string;
	/** The Inform key (Inform's own tile); absent: every Inform request is refused. */
	informApiKey?: string;
	/** The Push key (the Push tile), which signs Push API requests; absent: no signature verifies. */
	pushApiKey?: string;
	/** MoEngage's database name of the workspace (db_name), which the file-segment APIs require as MOE-DBNAME. */
	databaseName?: string;
	/** The workspace's name, which Test Connection answers as `app_name` (default: the workspace ID). */
	name?: string;
	/**
	 * A Portfolio workspace: its projects' codes (Settings > Account > Portfolio > Project ID).
	 * The v5 subscription APIs then require `MOE-PROJECT-CODE` (subscription-categories-v5
	 * overview); Track User, Track Event and Bulk Import take `?project_code=`, and without it the
	 * data goes to the portfolio level (portfolio-data-ingestion-and-management.mdx), so it is
	 * accepted. A code that names no project is refused with a 400 of the stand-in's own wording:
	 * MoEngage documents no answer for it.
	 */
	portfolioProjects?: string[];
	/**
	 * Identity Resolution: the attributes the workspace activated as identifiers (e.g. moe_mobile,
	 * u_em). Absent: not enabled, and every Track User, Track Event and Bulk Import element needs a
	 * customer_id (data.json note 4).
	 */
	identityResolution?: string[];
}

/** The endpoints that carry the Portfolio project: as a query parameter, or as a header. */
const PROJECT_CODE_QUERY: ReadonlySet<string> = new Set(['trackUser', 'trackEvent', 'bulkImport']);
const PROJECT_CODE_HEADER_FAMILY = 'subscriptions';

export interface RecordedRequest extends Arrival {
	api: SpecApi | 'unknown';
	body: unknown;
	/** Status code the stand-in answered (or 0 when it cut the connection). */
	status: number;
	/** For 'processedThenDropped': the status it would have answered (the request was carried out). */
	processedStatus?: number;
}

export interface GatewayOptions {
	workspace: StandInWorkspace;
	/** Added to every answer, to stand in for network round trips. */
	latencyMs?: number;
	rateLimits?: RateLimits;
	/**
	 * Whether MoEngage has enabled Get User (export) for this workspace (default true). MoEngage
	 * enables it per workspace on request (data.yaml, Get User note); when it is not, export
	 * answers EXPORT_NOT_ENABLED.
	 */
	exportEnabled?: boolean;
	/**
	 * The clock of the rate-limit windows and of their x-ratelimit-reset (default Date.now): a test
	 * gives it the node's virtual clock, so that waiting for a reset costs no real time.
	 */
	now?: () => number;
}

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

/** data-overview.mdx 409: the workspace in app_id or in the path is not the one authenticated. */
const APP_KEY_MISMATCH = rejected(409, 'App key mismatch in params and authentication', { type: 'Authentication Mismatch' });

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

export class Gateway {
	/** The workspace whose keys are accepted (setWorkspace swaps it; reset() keeps it). */
	workspace: StandInWorkspace;

	latencyMs: number | undefined;

	/** Whether Get User (export) is enabled for the workspace; reset() restores the constructor's choice. */
	exportEnabled: boolean;

	readonly faults: Faults;

	private limits: RateLimits | undefined;

	private readonly windows: RateWindows;

	constructor(private readonly options: GatewayOptions) {
		this.workspace = options.workspace;
		this.latencyMs = options.latencyMs;
		this.limits = options.rateLimits;
		this.exportEnabled = options.exportEnabled ?? true;
		this.windows = new RateWindows(options.now ?? Date.now);
		this.faults = new Faults(options.now ?? Date.now);
	}

	/** Swaps the limits enforced from the next request on (their windows start afresh). */
	set rateLimits(value: RateLimits) {
		this.limits = value;
		this.windows.clear();
	}

	/** Forgets rate-limit windows and faults, and enables Get User as the constructor said. */
	reset(): void {
		this.faults.reset();
		this.windows.clear();
		this.exportEnabled = this.options.exportEnabled ?? true;
	}

	/** The way to MoEngage: the latency, then the fault that hits the request, if any, once its wait is over. */
	async pass(request: RecordedRequest): Promise<Fault | undefined> {
		if (this.latencyMs) await delay(this.latencyMs);
		return this.faults.hit(request.api, request.rawBody);
	}

	/**
	 * Why a routed request does not reach its handler (an answer already worded, or a refusal to
	 * word in the endpoint's error body), or undefined when it does.
	 */
	admit(request: RecordedRequest, endpoint: ResolvedEndpoint, pathWorkspaceId: string | undefined): Answer | Refusal | undefined {
		const refused = this.checkAuth(request, endpoint, pathWorkspaceId);
		if (refused) return refused;
		// stand-in's own choice: MoEngage documents that Get User must be enabled, not the answer when it is not; 403 in the gateway's shape (EXPORT_NOT_ENABLED).
		if (endpoint.api === 'exportUsers' && !this.exportEnabled) return { status: 403, body: EXPORT_NOT_ENABLED };
		const limited = this.windows.check(this.limits, endpoint, request.body);
		if (limited) return limited;
		const unreadable = bodyRefusal(request, endpoint);
		if (unreadable) return unreadable;
		const [queryError] = endpoint.query ? validateIn(endpoint.family, endpoint.query, typedQuery(endpoint.query, request.query)) : [];
		// stand-in's own choice: unknown fields are refused (the OpenAPI schemas do not say additionalProperties: false), so that misspelt fields are caught.
		const [bodyError] = endpoint.body ? validateIn(endpoint.family, endpoint.body, request.body) : [];
		const invalid = queryError ?? bodyError;
		return invalid ? { kind: 'invalid', error: invalid } : undefined;
	}

	/**
	 * Basic auth with the endpoint's key, MOE-APPKEY where required, and the workspace ID in the
	 * query or path (data.yaml 401/409, data-overview.mdx).
	 */
	private checkAuth(request: RecordedRequest, endpoint: ResolvedEndpoint, pathWorkspaceId: string | undefined): Refusal | undefined {
		if (endpoint.key === 'push') return checkPushSignature(request, this.workspace);
		if (endpoint.auth === 'signature') return this.checkSignature(request, pathWorkspaceId);
		const { workspaceId, dataApiKey, cardsApiKey, informApiKey } = this.workspace;
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
		// custom-segments.yaml: the file-segment APIs require MOE-DBNAME, the workspace's db_name. Its
		// answer when missing or wrong is undocumented for v2: the v3 pages' 400 "MoEngage Client not
		// found" (400_FilterSegmentListError), in the v2 body.
		if (endpoint.headers.includes('MOE-DBNAME')) {
			const databaseName = request.headers['moe-dbname'];
			if (typeof databaseName !== 'string' || databaseName === '' || databaseName !== this.workspace.databaseName) {
				return rejected(400, 'MoEngage Client not found. Please check values for headers - MOE-APPKEY or MOE-DBNAME', { type: 'Request Error' });
			}
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
		return this.checkProject(request, endpoint);
	}

	/**
	 * The campaign report download (stats-report.yaml): no Basic auth, but `Signature` =
	 * SHA256(APP_ID|FILENAME|SECRET_KEY) in hex, the secret being the Campaign key (the tile
	 * "Campaign report / …"; old dashboard: APP SECRET). 401 without it or when it does not match;
	 * 400 for an App ID that is not the workspace's ("incorrect App Id"). Which comes first is
	 * undocumented: the stand-in checks the signature first (with the path's App ID).
	 */
	private checkSignature(request: RecordedRequest, pathWorkspaceId: string | undefined): Refusal | undefined {
		const { workspaceId, cardsApiKey } = this.workspace;
		const fileName = decodeURIComponent(request.path.split('/').pop() ?? '');
		const expected = createHash('sha256').update(`${pathWorkspaceId ?? ''}|${fileName}|${cardsApiKey}`, 'utf8').digest('hex');
		const signature = request.headers.signature;
		if (signature === undefined) return { kind: 'auth', problem: 'missing' };
		if (signature !== expected) return { kind: 'auth', problem: 'key' };
		if (pathWorkspaceId !== workspaceId) return rejected(400, 'Invalid App Id', { target: 'APP_ID' });
		return undefined;
	}

	/** The Portfolio project, where a Portfolio workspace needs or takes it. */
	private checkProject(request: RecordedRequest, endpoint: ResolvedEndpoint): Refusal | undefined {
		const projects = this.workspace.portfolioProjects;
		if (!projects) return undefined;
		if (endpoint.family === PROJECT_CODE_HEADER_FAMILY) {
			const code = request.headers['moe-project-code'];
			// stand-in's own choice: the v5 pages make MOE-PROJECT-CODE mandatory in Portfolio workspaces without documenting the answer; a missing or unknown code is a 400 of its own wording.
			if (typeof code !== 'string' || code === '') return rejected(400, 'MOE-PROJECT-CODE header is required for a Portfolio workspace', { target: 'MOE-PROJECT-CODE' });
			if (!projects.includes(code)) return rejected(400, `MOE-PROJECT-CODE ${code} is not a project of this workspace`, { target: 'MOE-PROJECT-CODE' });
			return undefined;
		}
		const code = request.query.project_code;
		// stand-in's own choice: a project_code that names no project has no documented answer; a 400 of its own wording.
		if (PROJECT_CODE_QUERY.has(endpoint.api) && code !== undefined && !projects.includes(code)) {
			return rejected(400, `project_code ${code} is not a project of this workspace`, { type: 'InvalidValueError', target: 'project_code' });
		}
		return undefined;
	}
}

/**
 * The Push API's signature (push-v2-1.yaml): `X-MOE-APPKEY` the workspace ID, and
 * `X-MOE-PushAPI-Signature` the hex SHA-256 of `appId|campaignName|Push key`; `appId` and
 * `signature` in the body, when there, equal to the headers ("the two must match"); and
 * `X-MOE-Query-Type` the `targetAudience` in lower case. Every failure is a 200 with status "Fail".
 */
function checkPushSignature(request: RecordedRequest, workspace: StandInWorkspace): Refusal | undefined {
	const header = (name: string) => {
		const value = request.headers[name];
		return typeof value === 'string' ? value : undefined;
	};
	const body = isObject(request.body) ? request.body : {};
	const appKey = header('x-moe-appkey');
	if (!appKey) return rejected(200, 'appId not present');
	if (appKey !== workspace.workspaceId || (body.appId !== undefined && body.appId !== appKey)) return rejected(200, 'Invalid appId');
	const signature = header('x-moe-pushapi-signature');
	if (!signature) return rejected(200, 'Signature missing');
	const campaignName = typeof body.campaignName === 'string' ? body.campaignName : '';
	const expected = workspace.pushApiKey ? createHash('sha256').update(`${appKey}|${campaignName}|${workspace.pushApiKey}`, 'utf8').digest('hex') : undefined;
	if (signature !== expected || (body.signature !== undefined && body.signature !== signature)) return rejected(200, 'Signature is not verified');
	const queryType = header('x-moe-query-type');
	const audience = body.bulkUserRequest === true ? 'bulk users' : typeof body.targetAudience === 'string' ? body.targetAudience.toLowerCase() : undefined;
	// MoEngage documents no wording for a wrong or missing query type; the stand-in's own.
	if (queryType === undefined || queryType.toLowerCase() !== audience) return rejected(200, 'X-MOE-Query-Type does not match targetAudience');
	return undefined;
}

/** A body MoEngage does not take: one sent with a GET, over the endpoint's cap, not declared JSON, or not a JSON object. */
function bodyRefusal(request: RecordedRequest, endpoint: ResolvedEndpoint): Refusal | undefined {
	// stand-in's own choice: a body sent with a GET is refused; MoEngage's GET pages describe none.
	if (endpoint.method === 'GET') return request.rawBody.length > 0 ? { kind: 'body', problem: 'onGet' } : undefined;
	if (Buffer.byteLength(request.rawBody) > endpoint.maxBodyBytes) return { kind: 'tooLarge' };
	const contentType = String(request.headers['content-type'] ?? '');
	if (!contentType.startsWith('application/json')) return { kind: 'contentType', missing: !contentType };
	if (!request.rawBody.trim()) return { kind: 'body', problem: 'empty' };
	if (request.body === undefined) return { kind: 'body', problem: 'malformed' };
	if (!isObject(request.body)) return { kind: 'body', problem: 'notObject' };
	return undefined;
}
