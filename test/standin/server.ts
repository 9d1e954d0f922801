import type { Answer } from './errors';
import type { Fault, ForeignRequest } from './faults';
import type { GatewayOptions, RecordedRequest, StandInWorkspace } from './gateway';
import { Gateway } from './gateway';
import type { Arrival, Reply } from './http';
import { HttpHost } from './http';
import type { BusinessEventsObserved, StandInBusinessEvent } from './model/businessEvents';
import { BusinessEventsApi } from './model/businessEvents';
import type { StandInCampaign, StandInSubscriber, SubscriptionCategory } from './model/campaigns';
import { CampaignsApi } from './model/campaigns';
import { CardsApi } from './model/cards';
import type { ObservedCohort } from './model/cohorts';
import { CohortsApi } from './model/cohorts';
import type { DataObserved } from './model/data';
import { DataApi } from './model/data';
import type { Handlers } from './model/family';
import type { InformObserved, StandInAlert } from './model/inform';
import { InformApi } from './model/inform';
import type { CampaignStatusObserved } from './model/campaignStatus';
import { CampaignStatusApi } from './model/campaignStatus';
import { FlowsApi } from './model/flows';
import type { MessagingObserved } from './model/messaging';
import { MessagingApi } from './model/messaging';
import type { PushObserved } from './model/push';
import { PushApi } from './model/push';
import type { StandInUser } from './model/users';
import { Profiles } from './model/users';
import type { StandInReport } from './model/reports';
import { ReportsApi } from './model/reports';
import type { StandInSegment } from './model/segments';
import { SegmentsApi } from './model/segments';
import type { RateLimits } from './rateLimits';
import { refuse } from './refusals';
import type { SpecApi } from './spec';
import { endpointFor } from './spec';

export type { EchoShape, Fault, ForeignRequest } from './faults';
export type { RecordedRequest, StandInWorkspace } from './gateway';
export { EXPORT_NOT_ENABLED } from './gateway';
export type { StandInBusinessEvent } from './model/businessEvents';
export type { BulkElement } from './model/data';
export type { StandInAlert } from './model/inform';
export type { SentPush } from './model/push';
export { INFORM_DUPLICATE_WINDOW_MS } from './model/inform';
export type { StandInUser } from './model/users';
export type { StandInSegment } from './model/segments';
export type { StandInReport } from './model/reports';
export type { RateLimit } from './rateLimits';
export { RATE_LIMITED } from './rateLimits';

/**
 * A MoEngage stand-in on 127.0.0.1. It follows MoEngage's documentation source
 * (moengage/moengage-documentation: api/data/data.yaml, api/data/data-overview.mdx,
 * api/cards/cards.yaml, api/rate-limits.mdx, api/introduction.mdx …): routes, keys, headers and
 * request schemas come from schemas/*.json (spec.ts), checked by validator.ts; every refusal is
 * answered in the error body its endpoint's page documents (refusals.ts). It records every
 * request so tests can assert on what was sent, and scripts faults (addFault) for MoEngage or
 * the network misbehaving.
 *
 * This class only composes: http.ts (node:http), gateway.ts (latency and faults, keys, the Get
 * User switch, rate limits, body and schemas), and one module per API family in model/ (data,
 * cards, cohorts, businessEvents, inform, messaging, campaigns), each with its handlers and state.
 */

/** The endpoints the stand-in serves (the node's operations, Bulk Import and Test Connection). */
export type Api = SpecApi;

export interface StandInOptions extends GatewayOptions {
	users?: StandInUser[];
	/** The workspace's business events (GET /v5/business-events lists them; only these can be triggered). */
	businessEvents?: StandInBusinessEvent[];
	/** The workspace's Inform alerts. */
	alerts?: StandInAlert[];
	/** The campaigns Search Campaigns and Campaign Stats know (default: seededCampaigns(), 40 of them). */
	campaigns?: StandInCampaign[];
	/** The workspace's subscription categories (default: SEEDED_CATEGORIES). */
	subscriptionCategories?: SubscriptionCategory[];
	/** The workspace's custom segments (default: seededSegments()). */
	segments?: StandInSegment[];
	/** Subscription preferences (default: every user subscribed to every category, `usr_<id>` as MoEngage ID). */
	subscribers?: StandInSubscriber[];
	/** Generated campaign report files (default: seededReports(), one fresh and one expired). */
	reports?: StandInReport[];
}

/** What MoEngage carried out (and what reached the foreign host) since the last reset, read-only. */
export type Observed = DataObserved &
	BusinessEventsObserved &
	InformObserved &
	MessagingObserved &
	PushObserved &
	CampaignStatusObserved & {
		/** Every request that reached the foreign host of the 'redirect' fault. */
		readonly foreignRequests: readonly ForeignRequest[];
	};

export class MoEngageStandIn {
	/** Every request, in the order it arrived, with the status answered. */
	readonly requests: RecordedRequest[] = [];

	/** Called as each request arrives, before it is answered (tests act at a known point of a run). */
	onRequest?: (request: RecordedRequest) => void;

	/** The workspace's flows (model/flows.ts); reset() restores them. */
	get flows(): ReadonlyArray<Readonly<{ flow_id: string; name: string; status: string }>> {
		return this.families.flows.flows;
	}

	/** The bodies of the file segments created since the last reset (model/segments.ts). */
	get fileSegmentRequests(): ReadonlyArray<Readonly<Record<string, unknown>>> {
		return this.families.segments.fileSegmentRequests;
	}

	/** Campaigns and subscription preferences (model/campaigns.ts); reset() restores them. */
	readonly campaignsApi: CampaignsApi;

	readonly observed: Readonly<Observed>;

	private readonly gateway: Gateway;

	private readonly users: Profiles;

	private readonly families: { data: DataApi; cohorts: CohortsApi; businessEvents: BusinessEventsApi; inform: InformApi; segments: SegmentsApi; messaging: MessagingApi; campaignStatus: CampaignStatusApi; flows: FlowsApi; push: PushApi; reports: ReportsApi };

	private readonly handlers: Handlers<SpecApi>;

	private readonly http = new HttpHost((arrival) => this.serve(arrival));

	private url = '';

	/** Counts reset()s: a request still held (a 'held' fault) when its test ends is dropped, not carried out on the next test's state. */
	private generation = 0;

	constructor(options: StandInOptions) {
		const initialUsers = options.users ?? [];
		this.gateway = new Gateway(options);
		this.users = new Profiles(initialUsers);
		this.campaignsApi = new CampaignsApi({
			campaigns: options.campaigns,
			categories: options.subscriptionCategories,
			now: options.now,
			subscribers:
				options.subscribers ??
				initialUsers.map((user) => ({
					uid: user.customer_id,
					email: typeof user.attributes.email === 'string' ? user.attributes.email : undefined,
					moe_user_id: `usr_${user.id}`,
					is_globally_unsubscribed: false,
					categories: {},
				})),
		});
		const families = {
			data: new DataApi(this.users, () => this.gateway.workspace),
			cohorts: new CohortsApi(this.users),
			businessEvents: new BusinessEventsApi(options.businessEvents ?? []),
			inform: new InformApi(options.alerts ?? []),
			segments: new SegmentsApi(options.segments),
			messaging: new MessagingApi(() => this.campaignsApi.campaigns, this.users),
			campaignStatus: new CampaignStatusApi(() => this.campaignsApi.campaigns),
			flows: new FlowsApi(),
			push: new PushApi(),
			reports: new ReportsApi(options.now ?? Date.now, options.reports),
		};
		this.families = families;
		this.handlers = {
			...families.data.handlers,
			...new CardsApi(this.users).handlers,
			...families.cohorts.handlers,
			...families.businessEvents.handlers,
			...families.inform.handlers,
			...families.segments.handlers,
			...families.messaging.handlers,
			...families.campaignStatus.handlers,
			...families.flows.handlers,
			...families.push.handlers,
			...families.reports.handlers,
			...this.campaignsApi.handlers,
		};
		this.observed = Object.freeze({
			...families.data.observed,
			...families.businessEvents.observed,
			...families.inform.observed,
			...families.messaging.observed,
			...families.push.observed,
			...families.campaignStatus.observed,
			foreignRequests: this.gateway.faults.foreign.requests,
		});
	}

	get baseUrl(): string {
		return this.url;
	}

	/** The foreign host's base URL ('' until a 'redirect' fault has started it, and after stop()). */
	get foreignBaseUrl(): string {
		return this.gateway.faults.foreign.baseUrl;
	}

	/** Custom segments made by Cohort Sync: name, description and the customer IDs in it, by cohort_id. */
	get cohorts(): ReadonlyMap<string, ObservedCohort> {
		return this.families.cohorts.observed;
	}

	/** Whether Get User (export) is enabled for the workspace; reset() restores the constructor's choice. */
	get exportEnabled(): boolean {
		return this.gateway.exportEnabled;
	}

	set exportEnabled(value: boolean) {
		this.gateway.exportEnabled = value;
	}

	/** Swaps the workspace (and so the keys) the stand-in accepts; reset() keeps it. */
	setWorkspace(workspace: StandInWorkspace): void {
		this.gateway.workspace = workspace;
	}

	set latencyMs(value: number) {
		this.gateway.latencyMs = value;
	}

	/** Swaps the limits enforced from the next request on (their windows start afresh). */
	set rateLimits(value: RateLimits) {
		this.gateway.rateLimits = value;
	}

	async start(): Promise<string> {
		this.url = await this.http.start();
		return this.url;
	}

	async stop(): Promise<void> {
		await Promise.all([this.http.stop(), this.gateway.faults.stop()]);
	}

	addFault(fault: Fault): void {
		this.gateway.faults.add(fault);
	}

	clearFaults(): void {
		this.gateway.faults.clear();
	}

	/** Lets every request a 'held' fault holds (and any later one) be answered. */
	openGate(): void {
		this.gateway.faults.openGate();
	}

	/** Forgets recorded requests, rate-limit windows and faults, and restores users and options, between tests. */
	reset(): void {
		this.generation++;
		this.requests.length = 0;
		this.onRequest = undefined;
		this.gateway.reset();
		this.users.reset();
		for (const family of Object.values(this.families)) family.reset();
		this.campaignsApi.reset();
	}

	userWith(customerId: string): StandInUser | undefined {
		return this.users.userWith(customerId);
	}

	requestsTo(api: Api): RecordedRequest[] {
		return this.requests.filter((request) => request.api === api);
	}

	/** Records the request, lets the gateway delay it or script a fault, then answers (or cuts the connection). */
	private async serve(arrival: Arrival): Promise<Reply> {
		const route = endpointFor(arrival.path, arrival.method);
		const { method, path, query, headers, rawBody, receivedAt } = arrival;
		const recorded: RecordedRequest = { api: route?.endpoint.api ?? 'unknown', method, path, query, headers, rawBody, body: parseJson(rawBody), status: 0, receivedAt };
		this.requests.push(recorded);
		this.onRequest?.(recorded);
		const generation = this.generation;
		const fault = await this.gateway.pass(recorded);
		if (fault?.kind === 'reset' || generation !== this.generation) return 'cut';
		if (fault?.kind === 'processedThenDropped') {
			recorded.processedStatus = this.answer(recorded, route).status;
			return 'cut';
		}
		const faulty = fault ? await this.gateway.faults.answer(fault, recorded, route?.endpoint) : undefined;
		const sent = faulty ?? this.answer(recorded, route);
		recorded.status = sent.status;
		return sent;
	}

	/**
	 * MoEngage's answer: route and method, then the gateway's checks (gateway.ts), then the
	 * endpoint's handler; every refusal is worded in the endpoint's documented error body.
	 */
	private answer(request: RecordedRequest, route: ReturnType<typeof endpointFor>): Answer {
		if (!route) return { status: 404, body: { status: 'fail', message: 'Resource not found' } };
		const { endpoint, pathWorkspaceId, pathParams } = route;
		if (request.method !== endpoint.method) return { status: 405, body: { status: 'fail', message: 'Method not allowed' } };
		const body = isObject(request.body) ? request.body : {};
		const outcome =
			this.gateway.admit(request, endpoint, pathWorkspaceId) ??
			this.handlers[endpoint.api]({ endpoint, body, query: request.query, pathParams, headers: request.headers, rawBody: request.rawBody });
		return 'kind' in outcome ? refuse(endpoint, outcome) : outcome;
	}
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function parseJson(rawBody: string): unknown {
	try {
		return rawBody ? JSON.parse(rawBody) : undefined;
	} catch {
		return undefined;
	}
}
