import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { defineOperation } from '../operation';
import { campaignField, readCampaignId } from '../../helpers/campaignLocator';
import { searchCampaignsPage } from '../../helpers/campaignSearch';
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

export function readItem(this: IExecuteFunctions, itemIndex: number): GetCampaignParams {
	return { campaignId: readCampaignId(this, itemIndex), simplify: readSimplify(this, itemIndex) };
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
		const search = { filters: { id: campaignId }, includeChildCampaigns: true, includeArchivedCampaigns: true };
		const subject = `campaign "${campaignId}"`;
		const [campaign] = (await searchCampaignsPage(client, search, 1, 1, 'n8n-campaign-get', { itemIndex, subject })).filter(
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
