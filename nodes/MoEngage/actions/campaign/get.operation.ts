import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { defineOperation } from '../operation';
import { CAMPAIGN, campaignField, readCampaignId } from '../../helpers/campaignLocator';
import type { CampaignSearch } from '../../helpers/campaignSearch';
import { searchCampaignsBody, searchCampaignsPage } from '../../helpers/campaignSearch';
import { checkBodySize } from '../../helpers/requestSize';
import { operationOptions } from '../../helpers/requestSettings';
import { readSimplify, simplifyCampaign, simplifyFields } from '../../helpers/simplify';
import { ENDPOINTS } from '../../transport/api';

const properties: INodeProperties[] = [
	campaignField('The campaign to get: picked from your campaigns, or its ID (e.g. from an alert or Campaign → Search)'),
	...simplifyFields('Simplified: the same ten fields as Campaign → Search (ID, name, channel, status, delivery type, tags, creator, creation time, parent campaign and flow name).'),
	...operationOptions(ENDPOINTS.searchCampaigns, { perItem: true }),
];

export interface GetCampaignParams {
	campaignId: string;
	simplify: boolean;
}

/** The search for one campaign by its ID, child and archived campaigns included. */
const searchFor = (campaignId: string): CampaignSearch => ({ filters: { id: campaignId }, includeChildCampaigns: true, includeArchivedCampaigns: true });

const REQUEST_ID = 'n8n-campaign-get';

export function readItem(this: IExecuteFunctions, itemIndex: number): GetCampaignParams {
	const campaignId = readCampaignId(this, itemIndex);
	checkBodySize(this, itemIndex, searchCampaignsBody(searchFor(campaignId), 1, 1, REQUEST_ID), [{ field: CAMPAIGN, value: campaignId }]);
	return { campaignId, simplify: readSimplify(this, itemIndex) };
}

/**
 * One campaign's details: Search Campaigns filtered by its ID (`campaign_fields.id`), with child
 * and archived campaigns included so that any campaign is found. MoEngage's V5 has a GET by ID;
 * the V1 search is what the rest of the node uses, with one pace for both.
 */
export const get = defineOperation<GetCampaignParams, 'campaign', 'get'>({
	resource: 'campaign',
	operation: 'get',
	picker: { name: 'Get', description: "Get one campaign's details (status, channel, delivery type, name, tags) by ID", action: 'Get a campaign' },
	properties,
	endpoint: ENDPOINTS.searchCampaigns,
	readItem,
	async sendEach(client, { campaignId, simplify }, itemIndex) {
		const subject = `campaign "${campaignId}"`;
		const [campaign] = (await searchCampaignsPage(client, searchFor(campaignId), 1, 1, REQUEST_ID, { itemIndex, subject })).filter(
			(found) => String(found.campaign_id) === campaignId,
		);
		if (!campaign) {
			throw new NodeOperationError(this.getNode(), `MoEngage has no campaign with ID "${campaignId}" (item ${itemIndex})`, {
				itemIndex,
				description: 'Check the ID, or pick the campaign from the list.',
			});
		}
		return simplify ? simplifyCampaign(campaign) : campaign;
	},
	userOf: ({ campaignId }) => campaignId,
});
