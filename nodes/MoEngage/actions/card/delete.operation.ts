import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { defineOperation } from '../operation';
import { CAMPAIGN_PICKER_SINCE_VERSION, CAMPAIGNS, campaignsField, readCampaignIds } from '../../helpers/campaignLocator';
import type { CardPlatform, CardUser } from '../../helpers/cardUser';
import { cardUserFields, cardUserKey, platformsField, readCardUser, readPlatforms, USER_VALUE } from '../../helpers/cardUser';
import { fieldError, readTextList } from '../../helpers/parameters';
import { operationOptions } from '../../helpers/requestSettings';
import { checkBodySize } from '../../helpers/requestSize';
import type { MoEngageClient } from '../../transport';
import { ENDPOINTS } from '../../transport/api';

export const CAMPAIGN_IDS = { name: 'campaignIds', label: 'Campaign IDs' };

const properties: INodeProperties[] = [
	...cardUserFields,
	{
		displayName: CAMPAIGN_IDS.label,
		name: CAMPAIGN_IDS.name,
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 64f6a59e1, 64f6a59e2',
		description:
			"IDs of the campaigns whose cards to delete, separated by commas. A periodic campaign's parent ID also deletes its child campaigns' cards.",
		// Saved workflows of versions 1 and 1.1 keep their text field; later versions pick campaigns.
		displayOptions: { show: { '@version': [1, 1.1] } },
	},
	{
		...campaignsField(
			"The campaigns whose cards to delete: pick one, or enter IDs (several separated by commas, or a list such as Get Cards' campaign_ids). A periodic campaign's parent ID also deletes its child campaigns' cards.",
		),
		displayOptions: { show: { '@version': [{ _cnd: { gte: CAMPAIGN_PICKER_SINCE_VERSION } }] } },
	},
	platformsField('Platforms to delete the cards from. Leave empty for all platforms.'),
	...operationOptions(ENDPOINTS.deleteCards, { perItem: true }),
];

export interface DeleteCardsParams extends CardUser {
	campaignIds: string[];
	/** Empty means every platform, which MoEngage assumes when `platforms` is absent. */
	platforms: CardPlatform[];
}

/** Versions 1 and 1.1: the Campaign IDs text field. */
function readCampaignIdsText(context: IExecuteFunctions, itemIndex: number): string[] {
	const campaignIds = readTextList(context, CAMPAIGN_IDS, itemIndex);
	if (campaignIds.length === 0) {
		throw fieldError(context, CAMPAIGN_IDS, itemIndex, 'is empty', 'Enter at least one campaign ID, e.g. 64f6a59e1');
	}
	return campaignIds;
}

export function readItem(this: IExecuteFunctions, itemIndex: number): DeleteCardsParams {
	const { identifyBy, user } = readCardUser(this, itemIndex);
	const picker = this.getNode().typeVersion >= CAMPAIGN_PICKER_SINCE_VERSION;
	const campaignIds = picker ? readCampaignIds(this, itemIndex) : readCampaignIdsText(this, itemIndex);
	const params: DeleteCardsParams = { identifyBy, user, campaignIds, platforms: readPlatforms(this, itemIndex) };
	checkBodySize(this, itemIndex, deleteCardsBody(params), [
		{ field: USER_VALUE, value: user },
		{ field: picker ? CAMPAIGNS : CAMPAIGN_IDS, value: campaignIds },
	]);
	return params;
}

/** The Delete Cards body for one item. */
function deleteCardsBody({ identifyBy, user, campaignIds, platforms }: DeleteCardsParams): IDataObject {
	const body: IDataObject = { [identifyBy]: user, campaign_ids: campaignIds };
	if (platforms.length > 0) body.platforms = platforms;
	return body;
}

// Delete Cards takes one user per request.
async function sendEach(this: IExecuteFunctions, client: MoEngageClient, params: DeleteCardsParams, itemIndex: number): Promise<IDataObject> {
	const { identifyBy, user, campaignIds } = params;
	const answer = await client.request(ENDPOINTS.deleteCards, deleteCardsBody(params), { itemIndex, subject: `${identifyBy} "${user}"` });
	const results = typeof answer.data === 'object' && answer.data !== null ? (answer.data as IDataObject) : {};
	const json: IDataObject = { [identifyBy]: user, campaign_ids: campaignIds, request_id: answer.request_id };
	// MoEngage may leave a platform out or send null for it.
	for (const platform of ['android', 'ios', 'web']) {
		if (results[platform]) json[platform] = results[platform];
	}
	return json;
}

export const del = defineOperation<DeleteCardsParams, 'card', 'delete'>({
	resource: 'card',
	operation: 'delete',
	picker: { name: 'Delete', description: "Delete a user's cards of some campaigns", action: 'Delete cards of a user' },
	properties,
	endpoint: ENDPOINTS.deleteCards,
	readItem,
	sendEach,
	userOf: cardUserKey,
});
