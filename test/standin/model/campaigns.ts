import type { Answer } from '../errors';
import { requestId } from '../errors';
import type { Rejection } from '../refusals';
import { rejected } from '../refusals';
import type { Handlers } from './family';
import { Later } from './later';
import { seededShells } from './messaging';

/**
 * The stand-in's campaign and v5 subscription APIs (schemas/campaigns.json,
 * schemas/subscriptions.json): Search Campaigns pages through a seeded campaign list, Campaign
 * Stats answers figures derived from the campaign and the range, and the subscription
 * preferences of the workspace's users can be read and changed. The gateway checks the request
 * first; refusals here are only the endpoints' own (refusals.ts words them).
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
	headers: Record<string, string | string[] | undefined>;
	rawBody: string;
}

const STATUSES = ['Active', 'Scheduled', 'Paused', 'Sent', 'Stopped'];
const CHANNELS: Array<StandInCampaign['channel']> = ['PUSH', 'EMAIL', 'SMS'];
const DELIVERY = ['ONE_TIME', 'PERIODIC', 'EVENT_TRIGGERED', 'BUSINESS_EVENT_TRIGGERED'];

/**
 * 42 campaigns, newest first as Search lists them, so that a full list takes three pages of 15:
 * among them c1, c2 and c9 (the campaigns of the test users' cards), two archived campaigns, two
 * runs of a periodic campaign, and two API-triggered email campaigns (Messaging API shells).
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
	campaigns.push(...seededShells());
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

/**
 * How long after its 202 an Update Subscription Preferences is applied. MoEngage answers 202
 * and processes the update asynchronously ("poll Get to confirm", subscription-categories-v5
 * overview) without saying how long that takes.
 */
// stand-in's own choice: the delay; 5 s on the stand-in's clock (tests call settle() to read the result).
export const SUBSCRIPTION_UPDATE_DELAY_MS = 5_000;

export class CampaignsApi {
	campaigns: StandInCampaign[];

	subscribers: StandInSubscriber[];

	/** Updates accepted, in order: the v5 ones (202) are applied SUBSCRIPTION_UPDATE_DELAY_MS later, the v1 bulk ones (200) at once. */
	readonly subscriptionUpdates: Array<Record<string, unknown>> = [];

	/** v5 updates accepted and not applied yet. */
	private readonly later: Later;

	/**
	 * Whether the workspace has email-based unsubscribe on (default off): off, an email several
	 * profiles share is answered 409 by the v5 Get and Update (subscription-categories-v5.yaml).
	 */
	emailBasedUnsubscribe = false;

	/** Idempotency-Key → the body first sent with it and the answer given. */
	private readonly idempotency = new Map<string, { rawBody: string; answer: Answer }>();

	readonly handlers: Handlers<'searchCampaigns' | 'campaignStats' | 'subscriptionCategories' | 'getSubscriptionPreferences' | 'updateSubscriptionPreferences' | 'bulkUpdateSubscriptionPreferences'> = {
		searchCampaigns: ({ body }) => this.search(body),
		campaignStats: ({ body }) => this.stats(body),
		subscriptionCategories: ({ query }) => this.listCategories(query),
		getSubscriptionPreferences: ({ query }) => this.preferences(query),
		updateSubscriptionPreferences: (call) => this.update(call, call.body),
		bulkUpdateSubscriptionPreferences: ({ body }) => this.bulkUpdate(body),
	};

	constructor(
		private readonly initial: { campaigns?: StandInCampaign[]; subscribers?: StandInSubscriber[]; categories?: SubscriptionCategory[]; now?: () => number },
	) {
		this.later = new Later(initial.now ?? Date.now, SUBSCRIPTION_UPDATE_DELAY_MS);
		this.campaigns = (initial.campaigns ?? seededCampaigns()).map((campaign) => ({ ...campaign }));
		this.subscribers = (initial.subscribers ?? []).map(copySubscriber);
	}

	get categories(): SubscriptionCategory[] {
		return this.initial.categories ?? SEEDED_CATEGORIES;
	}

	reset(): void {
		this.campaigns = (this.initial.campaigns ?? seededCampaigns()).map((campaign) => ({ ...campaign }));
		this.subscribers = (this.initial.subscribers ?? []).map(copySubscriber);
		this.subscriptionUpdates.length = 0;
		this.idempotency.clear();
		this.later.clear();
		this.emailBasedUnsubscribe = false;
	}

	/** Applies every v5 update still waiting, as MoEngage has done some time after its 202s. */
	settle(): void {
		this.later.settle();
	}

	/** v5 updates accepted (202) and not applied yet. */
	get pendingUpdates(): number {
		return this.later.pending;
	}

	/** Subscription categories, all or one channel's (subscription-categories-v5.yaml GET /v5/subscription-categories). */
	listCategories(query: Record<string, string>): Answer {
		return { status: 200, body: { response_id: requestId(), type: 'subscription_category', data: this.categoriesFor(query.channel) } };
	}

	/** Search Campaigns: filters, then the page; a bare list (campaigns.yaml 200). */
	search(body: Record<string, unknown>): Answer {
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
	stats(body: Record<string, unknown>): Answer | Rejection {
		const start = dayMs(String(body.start_date));
		const end = dayMs(String(body.end_date));
		// stand-in's own choice: stats-report.yaml documents the 30-day rule, not these answers: a bad date or a reversed range is a 400 of its own wording.
		if (start === undefined || end === undefined) return rejected(400, 'start_date, end_date - Some of the field values are invalid');
		if (end < start) return rejected(400, 'end_date - end_date must not be before start_date');
		if (end - start > 30 * DAY_MS) return rejected(400, 'The days between the start and end dates should not exceed 30 days');
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

	private subscribersMatching(type: string, value: string): StandInSubscriber[] {
		return this.subscribers.filter((subscriber) =>
			type === 'uid' ? subscriber.uid === value : type === 'email' ? subscriber.email === value : [subscriber.moe_user_id, subscriber.moe_user_id.replace(/^usr_/, '')].includes(value),
		);
	}

	/**
	 * The one user an identifier names: 404 for none; 409 for an email several profiles share in a
	 * workspace without email-based unsubscribe (subscription-categories-v5.yaml, GET and PATCH).
	 */
	private subscriber(type: string, value: string, doing: 'resolve' | 'update'): StandInSubscriber[] | Rejection {
		const matches = this.subscribersMatching(type, value);
		if (matches.length === 0) return rejected(404, 'No user found for the given identifier', { target: 'user_identifier_value' });
		if (matches.length > 1 && !this.emailBasedUnsubscribe) {
			return rejected(409, `Multiple user profiles match this email; cannot ${doing} unambiguously`, { target: 'user_identifier_value' });
		}
		// stand-in's own choice: with email-based unsubscribe on, MoEngage does not say which profiles a shared email reads or changes; Get reads the first, Update changes all.
		return matches;
	}

	preferences(query: Record<string, string>): Answer | Rejection {
		this.later.due();
		const matches = this.subscriber(query.user_identifier_type, query.user_identifier_value, 'resolve');
		if (!Array.isArray(matches)) return matches;
		const [subscriber] = matches;
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
	update(request: RequestSeen, body: Record<string, unknown>): Answer | Rejection {
		const key = String(request.headers['idempotency-key'] ?? '');
		// stand-in's own choice: a missing or malformed Idempotency-Key is undocumented; 400 BadArgument with target Idempotency-Key.
		if (!UUID.test(key)) return rejected(400, 'Idempotency-Key must be a UUID v4', { target: 'Idempotency-Key' });
		const seen = this.idempotency.get(key);
		if (seen) {
			return seen.rawBody === request.rawBody ? seen.answer : rejected(409, 'Idempotency-Key was already used with a different request body', { target: 'Idempotency-Key' });
		}
		const subscribers = this.subscriber(String(body.user_identifier_type), String(body.user_identifier_value), 'update');
		if (!Array.isArray(subscribers)) return subscribers;
		const channel = (body.channel as string | undefined) ?? 'email';
		const categories = (body.categories ?? {}) as Record<string, boolean>;
		const known = new Set(this.categoriesFor(channel).map((category) => category.name));
		if (Object.keys(categories).some((name) => !known.has(name))) return rejected(400, 'Unknown category name(s)', { target: 'categories' });
		// 202: accepted now, applied later (the overview: asynchronous, poll Get to confirm).
		const unsubscribeAll = body.is_globally_unsubscribed === true;
		this.later.add(() => {
			for (const subscriber of subscribers) {
				subscriber.is_globally_unsubscribed = unsubscribeAll;
				if (!unsubscribeAll) Object.assign(subscriber.categories, categories);
			}
		});
		this.subscriptionUpdates.push(body);
		const answer: Answer = {
			status: 202,
			body: { response_id: `resp_${requestId()}`, type: 'subscription_preference', data: { message: 'Your request has been accepted and is being processed.' } },
		};
		this.idempotency.set(key, { rawBody: request.rawBody, answer });
		return answer;
	}

	/**
	 * v1 Bulk Update (subscription-categories.yaml POST): each entry sets its user's email
	 * categories and unsubscribe-all flag, in order; the answer is always the documented 200.
	 * MoEngage documents no per-user outcome: a customer ID the workspace does not have, and a
	 * category it does not know, are skipped, and only the categories named change.
	 */
	bulkUpdate(body: Record<string, unknown>): Answer {
		// v5 updates accepted before this one come first.
		this.later.due();
		const known = new Set(this.categoriesFor('email').map((category) => category.name));
		for (const entry of body.user_preferences as Array<{ customer_id: string; categories: Record<string, boolean>; unsubscribe_all: boolean }>) {
			const [subscriber] = this.subscribersMatching('uid', entry.customer_id);
			// stand-in's own choice: MoEngage documents no per-user outcome of the v1 bulk update: an unknown customer ID or category is skipped.
			if (!subscriber) continue;
			subscriber.is_globally_unsubscribed = entry.unsubscribe_all;
			if (!entry.unsubscribe_all) for (const [name, subscribed] of Object.entries(entry.categories)) if (known.has(name)) subscriber.categories[name] = subscribed;
			this.subscriptionUpdates.push({ user_identifier_type: 'uid', user_identifier_value: entry.customer_id, channel: 'email', is_globally_unsubscribed: entry.unsubscribe_all, categories: entry.categories });
		}
		return { status: 200, body: { message: 'Your request has been processed' } };
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
