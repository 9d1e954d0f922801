import type { Answer } from './errors';
import { requestId } from './errors';
import type { ResolvedEndpoint } from './spec';
import { typedQuery, validateIn } from './spec';
import type { ValidationError } from './validator';

/**
 * The stand-in's campaign and v5 subscription APIs (schemas/campaigns.json,
 * schemas/subscriptions.json): Search Campaigns pages through a seeded campaign list, Campaign
 * Stats answers figures derived from the campaign and the range, and the subscription
 * preferences of the workspace's users can be read and changed. Errors come in each API's
 * documented shape (errorShape).
 */

export interface StandInCampaign {
	campaign_id: string;
	name: string;
	channel: 'PUSH' | 'EMAIL' | 'SMS';
	/** As Search answers it: Active, Scheduled, Paused, Sent, Stopped, Archived. */
	status: string;
	campaign_delivery_type: string;
	created_at: string;
	tags: string[];
	/** Set for a periodic campaign's run or a flow node (shown only with include_child_campaigns). */
	parent_campaign_id?: string;
}

export interface SubscriptionCategory {
	name: string;
	display_name: string;
	description: string;
	channel: 'email' | 'sms';
	group: string;
	status: 'active';
}

/** Someone whose subscription preferences the workspace holds. */
export interface StandInSubscriber {
	uid: string;
	email?: string;
	/** The `usr_`-prefixed MoEngage ID. */
	moe_user_id: string;
	is_globally_unsubscribed: boolean;
	/** Category name → subscribed; a category not listed is subscribed. */
	categories: Record<string, boolean>;
}

interface RequestSeen {
	method: string;
	query: Record<string, string>;
	headers: Record<string, string | string[] | undefined>;
	rawBody: string;
	body: unknown;
}

const STATUSES = ['Active', 'Scheduled', 'Paused', 'Sent', 'Stopped'];
const CHANNELS: Array<StandInCampaign['channel']> = ['PUSH', 'EMAIL', 'SMS'];
const DELIVERY = ['ONE_TIME', 'PERIODIC', 'EVENT_TRIGGERED', 'BUSINESS_EVENT_TRIGGERED'];

/**
 * 40 campaigns, newest first as Search lists them, so that a full list takes three pages of 15:
 * among them c1, c2 and c9 (the campaigns of the test users' cards), two archived campaigns and
 * two runs of a periodic campaign.
 */
export function seededCampaigns(): StandInCampaign[] {
	const named: Array<[string, string]> = [
		['c1', 'Spring Sale'],
		['c2', 'Welcome Series'],
		['c9', 'Price Drop Alert'],
	];
	const campaigns: StandInCampaign[] = Array.from({ length: 40 }, (_, index) => {
		const [id, name] = named[index] ?? [`66e9330${String(index).padStart(17, '0')}`, `Campaign ${String(index + 1).padStart(2, '0')}`];
		const day = String(28 - (index % 28)).padStart(2, '0');
		return {
			campaign_id: id,
			name: index === 3 ? 'Weekly Newsletter' : name,
			channel: index === 3 ? 'EMAIL' : CHANNELS[index % 3],
			status: index >= 36 && index < 38 ? 'Archived' : index === 3 ? 'Active' : STATUSES[index % STATUSES.length],
			campaign_delivery_type: index === 3 ? 'PERIODIC' : DELIVERY[index % DELIVERY.length],
			created_at: `2024-${String(12 - Math.floor(index / 4)).padStart(2, '0')}-${day} 08:00:54.847000`,
			tags: index % 2 === 0 ? ['sale'] : ['newsletter'],
		};
	});
	// Runs of the Weekly Newsletter, a periodic campaign.
	for (const run of [1, 2]) {
		campaigns[38 + run - 1] = {
			...campaigns[38 + run - 1],
			campaign_id: `66e93302000000000000run${run}`,
			name: `Weekly Newsletter run ${run}`,
			channel: 'EMAIL',
			status: 'Sent',
			parent_campaign_id: campaigns[3].campaign_id,
		};
	}
	return campaigns;
}

export const SEEDED_CATEGORIES: SubscriptionCategory[] = [
	{ name: 'promotional', display_name: 'Promotional', description: 'Offers and promotions', channel: 'email', group: 'Marketing', status: 'active' },
	{ name: 'newsletter', display_name: 'Newsletter', description: 'Monthly newsletter', channel: 'email', group: 'Updates', status: 'active' },
	{ name: 'product_update', display_name: 'Product Update', description: 'What is new in the product', channel: 'email', group: 'Updates', status: 'active' },
	{ name: 'sms_offers', display_name: 'SMS Offers', description: 'Offers by text message', channel: 'sms', group: 'Marketing', status: 'active' },
];

const DAY_MS = 86_400_000;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

function dayMs(text: string): number | undefined {
	const match = DAY.exec(text);
	if (!match) return undefined;
	const ms = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
	return new Date(ms).toISOString().startsWith(text) ? ms : undefined;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

/** The v1 search envelope (campaigns.yaml components/responses) and the v5 one (subscription-categories-v5.yaml). */
function envelope(endpoint: ResolvedEndpoint, status: number, message: string, target?: string): Answer {
	if (endpoint.family === 'campaigns') {
		const code = { 400: '400 Bad Request', 401: '401 Authentication error', 413: '413 Payload Too Large', 415: '415 Unsupported Media Type' }[status] ?? `${status}`;
		return { status, body: { error: { code, message, target: target ?? '', details: [{ target: target ?? '', message }], request_id: requestId() } } };
	}
	const code = { 400: 'BadArgument', 401: 'Unauthorized', 404: 'NotFound', 409: 'Conflict', 413: 'PayloadTooLarge', 415: 'UnsupportedMediaType' }[status] ?? 'Error';
	return { status, body: { error: { code, message, target: target ?? null } } };
}

/** An error in the endpoint's documented shape. */
export function errorAnswer(endpoint: ResolvedEndpoint, status: number, message: string, target?: string): Answer {
	if (endpoint.errorShape === 'gateway') {
		const title = { 400: 'Invalid Field Value', 401: 'Authentication required', 413: 'Request Entity Too Large', 415: 'Unsupported media type' }[status] ?? 'Error';
		return { status, body: { title, description: message, code: 'wUcwPRZF' } };
	}
	return envelope(endpoint, status, message, target);
}

/** The shared authentication checks answer in the Data or Cards shapes: this endpoint's shape instead. */
export function reshapeRefusal(endpoint: ResolvedEndpoint, refusal: Answer): Answer {
	if (!endpoint.errorShape) return refusal;
	const body = refusal.body as { error?: { message?: string } | string; description?: string; title?: string };
	const reason = (typeof body.error === 'object' ? body.error.message : (body.description ?? body.title)) ?? 'Authentication required';
	if (refusal.status !== 401) return errorAnswer(endpoint, refusal.status, reason);
	// The documented 401s: v5 names the header; Search says "Authentication required" and names the key in details.
	if (endpoint.family === 'subscriptions') return errorAnswer(endpoint, 401, 'Invalid or missing credentials', 'Authorization');
	if (endpoint.errorShape === 'gateway') return { status: 401, body: { title: 'Authentication required', description: reason, code: 'wUcwPRZF' } };
	return {
		status: 401,
		body: {
			error: { code: '401 Authentication error', message: 'Authentication required', details: [{ code: 'InvalidValue', target: 'APP_SECRET_KEY', message: reason }], request_id: '' },
		},
	};
}

function schemaMessage(endpoint: ResolvedEndpoint, error: ValidationError): { message: string; target: string } {
	const target = error.override?.attribute ?? error.attribute ?? '';
	if (error.override) return { message: error.override.message, target };
	const name = target || 'payload';
	switch (error.keyword) {
		case 'required':
			return { message: endpoint.family === 'campaigns' ? `${name} key is mandatory field` : `${name} is required`, target };
		case 'additionalProperties':
			return { message: `${name} is not an allowed field`, target };
		case 'enum':
			return { message: `${name} must be one of: ${[error.expected].flat().join(', ')}`, target };
		case 'maxItems':
			return { message: `${name} - at most ${String(error.expected)} values are allowed`, target };
		case 'minimum':
		case 'maximum':
			return { message: `${name} - ${error.keyword} is ${String(error.expected)}`, target };
		default:
			return { message: `${name} - Invalid value passed`, target };
	}
}

export class CampaignsApi {
	campaigns: StandInCampaign[];

	subscribers: StandInSubscriber[];

	/** Updates applied, in order (the stand-in applies each at once). */
	readonly subscriptionUpdates: Array<Record<string, unknown>> = [];

	/** Idempotency-Key → the body first sent with it and the answer given. */
	private readonly idempotency = new Map<string, { rawBody: string; answer: Answer }>();

	constructor(
		private readonly initial: { campaigns?: StandInCampaign[]; subscribers?: StandInSubscriber[]; categories?: SubscriptionCategory[] },
	) {
		this.campaigns = initial.campaigns ?? seededCampaigns();
		this.subscribers = (initial.subscribers ?? []).map(copySubscriber);
	}

	get categories(): SubscriptionCategory[] {
		return this.initial.categories ?? SEEDED_CATEGORIES;
	}

	reset(): void {
		this.campaigns = this.initial.campaigns ?? seededCampaigns();
		this.subscribers = (this.initial.subscribers ?? []).map(copySubscriber);
		this.subscriptionUpdates.length = 0;
		this.idempotency.clear();
	}

	/** Payload cap, Content-Type, JSON, query and body schemas, then the endpoint's work. */
	answer(request: RequestSeen, endpoint: ResolvedEndpoint): Answer {
		if (endpoint.method === 'GET') {
			if (request.rawBody.length > 0) return errorAnswer(endpoint, 400, 'A GET request takes no body');
		} else {
			if (Buffer.byteLength(request.rawBody) > endpoint.maxBodyBytes) {
				return errorAnswer(endpoint, 413, `Request entity is too large (over ${Math.round(endpoint.maxBodyBytes / 1024)} KB)`);
			}
			if (!String(request.headers['content-type'] ?? '').startsWith('application/json')) return errorAnswer(endpoint, 415, 'Content type is not supported');
			if (typeof request.body !== 'object' || request.body === null || Array.isArray(request.body)) {
				return errorAnswer(endpoint, 400, 'Expecting value: line 1 column 1 (char 0)');
			}
		}
		const [queryError] = endpoint.query
			? validateIn(endpoint.family, endpoint.query, typedQuery(endpoint.query, request.query))
			: Object.keys(request.query).length > 0
				? [{ keyword: 'additionalProperties', path: '', attribute: Object.keys(request.query)[0], expected: false } as ValidationError]
				: [];
		const [bodyError] = endpoint.body ? validateIn(endpoint.family, endpoint.body, request.body) : [];
		const problem = queryError ?? bodyError;
		if (problem) {
			const { message, target } = schemaMessage(endpoint, problem);
			return errorAnswer(endpoint, 400, message, target);
		}
		const body = (request.body ?? {}) as Record<string, unknown>;
		switch (endpoint.api) {
			case 'searchCampaigns':
				return this.search(body);
			case 'campaignStats':
				return this.stats(endpoint, body);
			case 'subscriptionCategories':
				return { status: 200, body: { response_id: requestId(), type: 'subscription_category', data: this.categoriesFor(request.query.channel) } };
			case 'getSubscriptionPreferences':
				return this.preferences(endpoint, request.query);
			case 'updateSubscriptionPreferences':
				return this.update(endpoint, request, body);
			default:
				return errorAnswer(endpoint, 404, 'Resource not found');
		}
	}

	/** Search Campaigns: filters, then the page; a bare list (campaigns.yaml 200). */
	private search(body: Record<string, unknown>): Answer {
		const fields = (body.campaign_fields ?? {}) as Record<string, unknown>;
		const inList = (list: unknown, value: string) => !Array.isArray(list) || list.some((entry) => String(entry).toLowerCase() === value.toLowerCase());
		const found = this.campaigns.filter(
			(campaign) =>
				(body.include_child_campaigns === true || campaign.parent_campaign_id === undefined) &&
				(body.include_archive_campaigns === true || campaign.status !== 'Archived' || (Array.isArray(fields.status) && inList(fields.status, 'ARCHIVED'))) &&
				inList(fields.channels, campaign.channel) &&
				inList(fields.status, campaign.status) &&
				inList(fields.delivery_type, campaign.campaign_delivery_type) &&
				(fields.id === undefined || campaign.campaign_id === fields.id) &&
				(fields.name === undefined || campaign.name.toLowerCase().includes(String(fields.name).toLowerCase())) &&
				(!Array.isArray(fields.tags) || fields.tags.some((tag) => campaign.tags.includes(String(tag)))),
		);
		const limit = body.limit as number;
		const page = body.page as number;
		const answer = found.slice((page - 1) * limit, page * limit).map((campaign) => ({
			campaign_id: campaign.campaign_id,
			status: campaign.status,
			channel: campaign.channel,
			campaign_delivery_type: campaign.campaign_delivery_type,
			created_by: 'john.doe@example.com',
			created_at: campaign.created_at,
			...(campaign.parent_campaign_id ? { parent_campaign_id: campaign.parent_campaign_id } : {}),
			basic_details: { name: campaign.name, tags: campaign.tags },
		}));
		return { status: 200, body: answer };
	}

	/** Campaign Stats: figures derived from the campaign and the number of days, per platform of its channel. */
	private stats(endpoint: ResolvedEndpoint, body: Record<string, unknown>): Answer {
		const start = dayMs(String(body.start_date));
		const end = dayMs(String(body.end_date));
		if (start === undefined || end === undefined) return errorAnswer(endpoint, 400, 'start_date, end_date - Some of the field values are invalid');
		if (end < start) return errorAnswer(endpoint, 400, 'end_date - end_date must not be before start_date');
		if (end - start > 30 * DAY_MS) return errorAnswer(endpoint, 400, 'The days between the start and end dates should not exceed 30 days');
		const days = (end - start) / DAY_MS + 1;
		const unique = body.metric_type === 'UNIQUE';
		const data: Record<string, unknown> = {};
		for (const id of body.campaign_ids as string[]) {
			const index = this.campaigns.findIndex((campaign) => campaign.campaign_id === id);
			if (index === -1) continue;
			const platforms = { PUSH: ['android', 'ios'], EMAIL: ['web'], SMS: ['unknown'] }[this.campaigns[index].channel];
			data[id] = [{ platforms: Object.fromEntries(platforms.map((platform) => [platform, platformStats(index + 1, days, unique)])) }];
		}
		const count = Object.keys(data).length;
		return { status: 200, body: { response_id: body.request_id, total_campaigns: count, current_page: 1, total_pages: count > 0 ? 1 : 0, data } };
	}

	private categoriesFor(channel: string | undefined): SubscriptionCategory[] {
		return this.categories.filter((category) => channel === undefined || category.channel === channel);
	}

	private subscriber(type: string, value: string): StandInSubscriber | undefined {
		const matches = this.subscribers.filter((subscriber) =>
			type === 'uid' ? subscriber.uid === value : type === 'email' ? subscriber.email === value : [subscriber.moe_user_id, subscriber.moe_user_id.replace(/^usr_/, '')].includes(value),
		);
		return matches[0];
	}

	private preferences(endpoint: ResolvedEndpoint, query: Record<string, string>): Answer {
		const subscriber = this.subscriber(query.user_identifier_type, query.user_identifier_value);
		if (!subscriber) return errorAnswer(endpoint, 404, 'No user found for the given identifier', 'user_identifier_value');
		return {
			status: 200,
			body: {
				response_id: `resp_${requestId()}`,
				type: 'subscription_preference',
				data: {
					user_id: subscriber.moe_user_id,
					is_globally_unsubscribed: subscriber.is_globally_unsubscribed,
					categories: this.categoriesFor(query.channel).map(({ name, display_name, channel, group }) => ({
						name,
						display_name,
						channel,
						group,
						status: subscriber.categories[name] === false ? 'unsubscribed' : 'subscribed',
					})),
				},
			},
		};
	}

	/** PATCH: Idempotency-Key first (a repeat answers the first answer), then the user and the categories. */
	private update(endpoint: ResolvedEndpoint, request: RequestSeen, body: Record<string, unknown>): Answer {
		const key = String(request.headers['idempotency-key'] ?? '');
		if (!UUID.test(key)) return errorAnswer(endpoint, 400, 'Idempotency-Key must be a UUID v4', 'Idempotency-Key');
		const seen = this.idempotency.get(key);
		if (seen) {
			return seen.rawBody === request.rawBody ? seen.answer : errorAnswer(endpoint, 409, 'Idempotency-Key was already used with a different request body', 'Idempotency-Key');
		}
		const subscriber = this.subscriber(String(body.user_identifier_type), String(body.user_identifier_value));
		if (!subscriber) return errorAnswer(endpoint, 404, 'No user found for the given identifier', 'user_identifier_value');
		const channel = (body.channel as string | undefined) ?? 'email';
		const categories = (body.categories ?? {}) as Record<string, boolean>;
		const known = new Set(this.categoriesFor(channel).map((category) => category.name));
		if (Object.keys(categories).some((name) => !known.has(name))) return errorAnswer(endpoint, 400, 'Unknown category name(s)', 'categories');
		subscriber.is_globally_unsubscribed = body.is_globally_unsubscribed === true;
		if (!subscriber.is_globally_unsubscribed) Object.assign(subscriber.categories, categories);
		this.subscriptionUpdates.push(body);
		const answer: Answer = {
			status: 202,
			body: { response_id: `resp_${requestId()}`, type: 'subscription_preference', data: { message: 'Your request has been accepted and is being processed.' } },
		};
		this.idempotency.set(key, { rawBody: request.rawBody, answer });
		return answer;
	}
}

/** Stats of the campaign with this (1-based) number over `days` days: whole numbers, rates in percent. */
function platformStats(number: number, days: number, unique: boolean) {
	const factor = unique ? 1 : 2;
	const sent = 50 * number * days * factor;
	const impression = Math.floor(sent * 0.8);
	const click = Math.floor(impression / 10);
	const variation = {
		performance_stats: {
			attempted: sent,
			sent,
			failed: 0,
			impression,
			click,
			ctr: Math.round((click / impression) * 10000) / 100,
			delivery_rate: 100,
			sent_rate: 100,
			failure_rate: 0,
		},
		conversion_goal_stats: { 'Goal 1': { conversions: Math.floor(click / 4), cvr: 25, uplift: 0 } },
		delivery_funnel: { reachable_users_in_segment: sent, sent },
		failure_breakdown: {},
	};
	return { locales: { all_locales: { variations: { all_variations: variation } } } };
}

function copySubscriber(subscriber: StandInSubscriber): StandInSubscriber {
	return { ...subscriber, categories: { ...subscriber.categories } };
}
