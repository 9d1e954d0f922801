import type { IDataObject } from 'n8n-workflow';

import type { MoEngageClient, RequestOptions } from '../transport';
import { ENDPOINTS, SEARCH_CAMPAIGNS_MAX_PAGE_SIZE } from '../transport/api';

/** Search Campaigns' filters (campaigns.yaml CampaignSearchFields), as the node sends them. */
export interface CampaignFilters {
	channels?: string[];
	delivery_type?: string[];
	name?: string;
	status?: string[];
	tags?: string[];
}

export interface CampaignSearch {
	filters: CampaignFilters;
	includeChildCampaigns: boolean;
	includeArchivedCampaigns: boolean;
}

/**
 * One page of Search Campaigns (1-based). `request_id` is required; MoEngage only uses it to
 * trace the call, so it names the page it asks for.
 */
export async function searchCampaignsPage(
	client: MoEngageClient,
	search: CampaignSearch,
	page: number,
	pageSize: number,
	requestId: string,
	options: RequestOptions = {},
): Promise<IDataObject[]> {
	const body: IDataObject = {
		request_id: `${requestId}-p${page}`,
		campaign_fields: search.filters as IDataObject,
		include_child_campaigns: search.includeChildCampaigns,
		include_archive_campaigns: search.includeArchivedCampaigns,
		limit: Math.min(pageSize, SEARCH_CAMPAIGNS_MAX_PAGE_SIZE),
		page,
	};
	return await client.requestList(ENDPOINTS.searchCampaigns, body, options);
}

/**
 * Up to `max` campaigns (all when undefined), page after page. A page shorter than asked for is
 * the last one: MoEngage's answer is a bare list, with no total.
 */
export async function searchCampaigns(
	client: MoEngageClient,
	search: CampaignSearch,
	max: number | undefined,
	requestId: string,
	options: RequestOptions = {},
): Promise<IDataObject[]> {
	const found: IDataObject[] = [];
	for (let page = 1; ; page++) {
		const wanted = max === undefined ? SEARCH_CAMPAIGNS_MAX_PAGE_SIZE : Math.min(SEARCH_CAMPAIGNS_MAX_PAGE_SIZE, max - found.length);
		// The page size stays the same from page to page, so pages do not overlap.
		const pageSize = max === undefined ? SEARCH_CAMPAIGNS_MAX_PAGE_SIZE : Math.min(SEARCH_CAMPAIGNS_MAX_PAGE_SIZE, max);
		const campaigns = await searchCampaignsPage(client, search, page, pageSize, requestId, options);
		found.push(...campaigns.slice(0, wanted));
		if (campaigns.length < pageSize || (max !== undefined && found.length >= max)) return found;
	}
}

/** A campaign's name in Search Campaigns' answer (`basic_details.name`), or its ID. */
export function campaignName(campaign: IDataObject): string {
	const details = campaign.basic_details;
	const name = typeof details === 'object' && details !== null && !Array.isArray(details) ? (details as IDataObject).name : undefined;
	return typeof name === 'string' && name !== '' ? name : String(campaign.campaign_id ?? '');
}
