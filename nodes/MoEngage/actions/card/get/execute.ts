import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { CardUser } from '../../../helpers/cardUser';
import { cardUserKey, readCardUser, readPlatforms } from '../../../helpers/cardUser';
import { fieldError, readOptionalText } from '../../../helpers/parameters';
import { ENDPOINTS } from '../../../transport/api';
import { sendEachItem } from '../../operation';
import { CATEGORY, LIMIT } from './description';

export interface GetCardsParams extends CardUser {
	body: IDataObject;
	/** MoEngage returns every card when `limit` is absent. */
	limit?: number;
}

function readLimit(context: IExecuteFunctions, options: IDataObject, itemIndex: number): number | undefined {
	const value = options[LIMIT.name];
	if (value === undefined) return undefined;
	if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
		throw fieldError(context, LIMIT, itemIndex, 'must be a whole number of 1 or more');
	}
	return value;
}

export function readItem(this: IExecuteFunctions, itemIndex: number): GetCardsParams {
	const { identifyBy, user } = readCardUser(this, itemIndex);
	const platforms = readPlatforms(this, itemIndex);
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const category = readOptionalText(this, CATEGORY, itemIndex, options[CATEGORY.name]);
	const body: IDataObject = { [identifyBy]: user };
	if (platforms.length > 0) body.platforms = platforms;
	if (category !== undefined) body.card_category = category;
	return { identifyBy, user, body, limit: readLimit(this, options, itemIndex) };
}

const listOf = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** The campaigns the cards come from, each once, in card order: what Card → Delete's Campaigns takes. */
function campaignIdsOf(cards: IDataObject[]): string[] {
	const ids = cards.map((card) => {
		const meta = typeof card.meta_data === 'object' && card.meta_data !== null ? (card.meta_data as IDataObject) : {};
		return meta.moe_campaign_id ?? meta.cid;
	});
	return [...new Set(ids.filter((id): id is string => typeof id === 'string' && id !== ''))];
}

// Fetch Cards takes one user per request; the item keeps all of that user's cards together.
export const execute = sendEachItem<GetCardsParams>(async function (client, params, itemIndex) {
	const { identifyBy, user, body, limit } = params;
	const answer = await client.request(ENDPOINTS.fetchCards, body, {
		itemIndex,
		subject: `${identifyBy} "${user}"`,
		query: limit === undefined ? undefined : { page: 1, limit },
	});
	const data = typeof answer.data === 'object' && answer.data !== null ? (answer.data as IDataObject) : {};
	const cards = listOf(data.cards) as IDataObject[];
	return {
		[identifyBy]: user,
		cards,
		campaign_ids: campaignIdsOf(cards),
		deleted_card_ids: listOf(data.deleted_card_ids) as string[],
		request_id: answer.request_id,
	};
}, cardUserKey);
