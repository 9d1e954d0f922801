import type { Answer } from '../errors';
import { requestId } from '../errors';
import type { Rejection } from '../refusals';
import { rejected } from '../refusals';
import type { Handlers } from './family';
import type { Platform, Profiles, StandInUser } from './users';

/**
 * The Cards APIs (schemas/cards.json, from cards.yaml): Fetch Cards and Delete Cards name a user
 * by uid or unique_id and answer per platform; the cards are the users' (users.ts, `cards`).
 */

const PLATFORMS: Platform[] = ['android', 'ios', 'web'];

export class CardsApi {
	readonly handlers: Handlers<'fetchCards' | 'deleteCards'> = {
		fetchCards: ({ body, query }) => this.fetchCards(body, query),
		deleteCards: ({ body }) => this.deleteCards(body),
	};

	constructor(private readonly users: Profiles) {}

	/** The user both Cards APIs name (uid or unique_id, schema-checked) and the platforms chosen (all when absent). */
	private target(body: Record<string, unknown>): Rejection | { user: StandInUser; chosen: Platform[] } {
		const { uid, unique_id, platforms } = body;
		const chosen = Array.isArray(platforms) ? [...new Set(platforms.map((p: string) => p.toLowerCase() as Platform))] : PLATFORMS;
		const user = this.users.find((candidate) => (uid !== undefined ? candidate.uid === uid : candidate.uniqueId === unique_id));
		if (!user) return rejected(400, 'User not found for this uid/ unique_id');
		return { user, chosen };
	}

	/** Delete Cards (cards.yaml /cards/delete): per platform, the campaigns deleted and those the user has no card of. */
	private deleteCards(body: Record<string, unknown>): Answer | Rejection {
		const campaignIds = body.campaign_ids as string[];
		const target = this.target(body);
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

	/** Fetch Cards (cards.yaml /cards/fetch): the user's cards of the chosen platforms and category, a page at a time. */
	private fetchCards(body: Record<string, unknown>, query: Record<string, string>): Answer | Rejection {
		const { card_category } = body;
		const target = this.target(body);
		if ('kind' in target) return target;
		const { user, chosen } = target;
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
		meta_data: { cid: `${campaignId}_card`, moe_card_id: `${campaignId}_card`, moe_campaign_name: `Campaign ${campaignId}`, moe_delivery_type: 'One Time', moe_campaign_id: campaignId },
		template_data: { type: 'basic', containers: [{ id: 1, type: 'basic', style: { bgColor: '#ffffff' }, widgets: [{ id: 1, type: 'text', content: `Hello from ${campaignId}` }], actions: [] }] },
		user_activity: { is_clicked: false, first_seen: 0, first_delivered: 0, show_count: {} },
		display_controls: { max_times_to_show: 5, expire_at: 0, expire_after_delivered: 0, is_pin: false },
		category: user.cardCategories?.[campaignId] ?? 'General',
	};
}
