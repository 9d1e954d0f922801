import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { defineOperation } from '../operation';
import type { CardUser } from '../../helpers/cardUser';
import { cardUserFields, cardUserKey, platformsField, readCardUser, readPlatforms, USER_VALUE } from '../../helpers/cardUser';
import { fieldError, readOptionalText } from '../../helpers/parameters';
import { operationOptions } from '../../helpers/requestSettings';
import { checkBodySize } from '../../helpers/requestSize';
import { readSimplify, simplifyCard, simplifyFields } from '../../helpers/simplify';
import type { MoEngageClient } from '../../transport';
import { ENDPOINTS } from '../../transport/api';

export const CATEGORY = { name: 'category', label: 'Category' };
export const LIMIT = { name: 'limit', label: 'Limit' };

const properties: INodeProperties[] = [
	...cardUserFields,
	platformsField('Platforms to get the cards of. Leave empty for all platforms.'),
	...simplifyFields(
		'Simplified: ten fields per card (ID, platform, category, campaign ID and name, delivery type, creation and update times, whether it was clicked, expiry) instead of its template, activity and display controls.',
	),
	...operationOptions(ENDPOINTS.fetchCards, { perItem: true }, [
		{
			displayName: CATEGORY.label,
			name: CATEGORY.name,
			type: 'string',
			default: '',
			placeholder: 'e.g. Announcements',
			description: 'Only cards of this category',
		},
		{
			displayName: LIMIT.label,
			name: LIMIT.name,
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 50,
			description: 'Max number of results to return',
		},
	]),
];

export interface GetCardsParams extends CardUser {
	body: IDataObject;
	/** MoEngage returns every card when `limit` is absent. */
	limit?: number;
	simplify: boolean;
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
	checkBodySize(this, itemIndex, body, [
		{ field: USER_VALUE, value: user },
		{ field: CATEGORY, value: category },
	]);
	return { identifyBy, user, body, limit: readLimit(this, options, itemIndex), simplify: readSimplify(this, itemIndex) };
}

const listOf = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** The campaigns the cards come from, each once, in card order: what Card → Delete's Campaigns takes. */
function campaignIdsOf(cards: IDataObject[]): string[] {
	const ids = cards.map((card) => {
		const meta = typeof card.meta_data === 'object' && card.meta_data !== null ? (card.meta_data as IDataObject) : {};
		// `cid` is the card's own identifier (cards.yaml), not its campaign's.
		return meta.moe_campaign_id;
	});
	return [...new Set(ids.filter((id): id is string => typeof id === 'string' && id !== ''))];
}

// Fetch Cards takes one user per request; the item keeps all of that user's cards together.
async function sendEach(this: IExecuteFunctions, client: MoEngageClient, params: GetCardsParams, itemIndex: number): Promise<IDataObject> {
	const { identifyBy, user, body, limit, simplify } = params;
	const answer = await client.request(ENDPOINTS.fetchCards, body, {
		itemIndex,
		subject: `${identifyBy} "${user}"`,
		query: limit === undefined ? undefined : { page: 1, limit },
	});
	const data = typeof answer.data === 'object' && answer.data !== null ? (answer.data as IDataObject) : {};
	const cards = listOf(data.cards) as IDataObject[];
	return {
		[identifyBy]: user,
		cards: simplify ? cards.map(simplifyCard) : cards,
		campaign_ids: campaignIdsOf(cards),
		deleted_card_ids: listOf(data.deleted_card_ids) as string[],
		request_id: answer.request_id,
	};
}

export const get = defineOperation<GetCardsParams, 'card', 'get'>({
	resource: 'card',
	operation: 'get',
	picker: { name: 'Get', description: "Get a user's active cards", action: 'Get cards of a user' },
	properties,
	endpoint: ENDPOINTS.fetchCards,
	readItem,
	sendEach,
	userOf: cardUserKey,
});
