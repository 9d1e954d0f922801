import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { fieldError, readChoice, readRequiredText, readTextList } from '../../../helpers/parameters';
import { ENDPOINTS } from '../../../transport/api';
import { sendEachItem } from '../../operation';
import { CAMPAIGN_IDS, IDENTIFY_BY, PLATFORMS, USER_VALUE } from './description';

const IDENTIFY_BY_CHOICES = ['uid', 'unique_id'] as const;
const PLATFORM_CHOICES = ['ANDROID', 'IOS', 'WEB'] as const;
type Platform = (typeof PLATFORM_CHOICES)[number];

export interface DeleteCardsParams {
	identifyBy: (typeof IDENTIFY_BY_CHOICES)[number];
	user: string;
	campaignIds: string[];
	/** Empty means every platform, which MoEngage assumes when `platforms` is absent. */
	platforms: Platform[];
}

export function readItem(this: IExecuteFunctions, itemIndex: number): DeleteCardsParams {
	const identifyBy = readChoice(this, IDENTIFY_BY, itemIndex, IDENTIFY_BY_CHOICES);
	const user = readRequiredText(this, USER_VALUE, itemIndex);
	const campaignIds = readTextList(this, CAMPAIGN_IDS, itemIndex);
	if (campaignIds.length === 0) {
		throw fieldError(this, CAMPAIGN_IDS, itemIndex, 'is empty', 'Enter at least one campaign ID, e.g. 64f6a59e1');
	}
	const platforms = readTextList(this, PLATFORMS, itemIndex, this.getNodeParameter(PLATFORMS.name, itemIndex, [])).map(
		(platform) => platform.toUpperCase(),
	);
	const unknown = platforms.find((platform) => !(PLATFORM_CHOICES as readonly string[]).includes(platform));
	if (unknown !== undefined) {
		throw fieldError(this, PLATFORMS, itemIndex, `has an unknown platform "${unknown}"`, `Allowed: ${PLATFORM_CHOICES.join(', ')}`);
	}
	return { identifyBy, user, campaignIds, platforms: [...new Set(platforms)] as Platform[] };
}

// Delete Cards takes one user per request.
export const execute = sendEachItem<DeleteCardsParams>(async function (client, params, itemIndex) {
	const { identifyBy, user, campaignIds, platforms } = params;
	const body: IDataObject = { [identifyBy]: user, campaign_ids: campaignIds };
	if (platforms.length > 0) body.platforms = platforms;
	const answer = await client.request(ENDPOINTS.deleteCards, body, { itemIndex });
	const results = typeof answer.data === 'object' && answer.data !== null ? (answer.data as IDataObject) : {};
	const json: IDataObject = { [identifyBy]: user, campaign_ids: campaignIds, request_id: answer.request_id };
	// MoEngage may leave a platform out or send null for it.
	for (const platform of ['android', 'ios', 'web']) {
		if (results[platform]) json[platform] = results[platform];
	}
	return json;
});
