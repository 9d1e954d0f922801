import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { CAMPAIGN_PICKER_SINCE_VERSION, readCampaignIds } from '../../../helpers/campaignLocator';
import type { CardPlatform, CardUser } from '../../../helpers/cardUser';
import { cardUserKey, readCardUser, readPlatforms } from '../../../helpers/cardUser';
import { fieldError, readTextList } from '../../../helpers/parameters';
import { ENDPOINTS } from '../../../transport/api';
import { sendEachItem } from '../../operation';
import { CAMPAIGN_IDS } from './description';

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
	const campaignIds = this.getNode().typeVersion >= CAMPAIGN_PICKER_SINCE_VERSION ? readCampaignIds(this, itemIndex) : readCampaignIdsText(this, itemIndex);
	return { identifyBy, user, campaignIds, platforms: readPlatforms(this, itemIndex) };
}

// Delete Cards takes one user per request.
export const execute = sendEachItem<DeleteCardsParams>(async function (client, params, itemIndex) {
	const { identifyBy, user, campaignIds, platforms } = params;
	const body: IDataObject = { [identifyBy]: user, campaign_ids: campaignIds };
	if (platforms.length > 0) body.platforms = platforms;
	const answer = await client.request(ENDPOINTS.deleteCards, body, { itemIndex, subject: `${identifyBy} "${user}"` });
	const results = typeof answer.data === 'object' && answer.data !== null ? (answer.data as IDataObject) : {};
	const json: IDataObject = { [identifyBy]: user, campaign_ids: campaignIds, request_id: answer.request_id };
	// MoEngage may leave a platform out or send null for it.
	for (const platform of ['android', 'ios', 'web']) {
		if (results[platform]) json[platform] = results[platform];
	}
	return json;
}, cardUserKey);
