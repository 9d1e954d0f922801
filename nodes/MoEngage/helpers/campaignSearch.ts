import type { IDataObject } from 'n8n-workflow';

import type { MoEngageClient, RequestOptions } from '../transport';
import { ENDPOINTS, SEARCH_CAMPAIGNS_MAX_PAGE_SIZE } from '../transport/api';

/** Search Campaigns' filters (campaigns.yaml CampaignSearchFields), as the node sends them. */
export interface CampaignFilters {
	channels?: string[];
	delivery_type?: string[];
	/** One campaign, by ID (Campaign → Get). */
	id?: string;
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
 * The body asking for one page of Search Campaigns (1-based). `request_id` is required; MoEngage
 * only uses it to trace the call, so it names the page it asks for.
 */
export function searchCampaignsBody(search: CampaignSearch, page: number, pageSize: number, requestId: string): IDataObject {
	return {
		request_id: `${requestId}-p${page}`,
		campaign_fields: search.filters as IDataObject,
		include_child_campaigns: search.includeChildCampaigns,
		include_archive_campaigns: search.includeArchivedCampaigns,
		limit: Math.min(pageSize, SEARCH_CAMPAIGNS_MAX_PAGE_SIZE),
		page,
	};
}

/** One page of Search Campaigns (1-based). */
export async function searchCampaignsPage(
	client: MoEngageClient,
	search: CampaignSearch,
	page: number,
	pageSize: number,
	requestId: string,
	options: RequestOptions = {},
): Promise<IDataObject[]> {
	return await client.requestList(ENDPOINTS.searchCampaigns, searchCampaignsBody(search, page, pageSize, requestId), options);
}

/**
 * The most pages one search asks for: 6,000 campaigns at 15 a page. Paging through them takes 4
 * minutes at MoEngage's 100 search requests a minute and a fifteenth of its 6,000 an hour per
 * client, which the workspace's other integrations share.
 */
export const SEARCH_CAMPAIGNS_MAX_PAGES = 400;

export interface SearchResult {
	campaigns: IDataObject[];
	/** Whether the search stopped at SEARCH_CAMPAIGNS_MAX_PAGES with MoEngage still answering full pages. */
	stoppedAtMaxPages: boolean;
}

/** What tells campaigns apart: the ID, or the whole entry when it has none. */
const campaignKey = (campaign: IDataObject) =>
	typeof campaign.campaign_id === 'string' || typeof campaign.campaign_id === 'number' ? String(campaign.campaign_id) : JSON.stringify(campaign);

/**
 * Up to `max` campaigns (all when undefined), page after page, each campaign once. A page shorter
 * than asked for is the last one: MoEngage's answer is a bare list, with no total. A page that
 * brings no campaign not seen before ends the search too (a server that answers a page past the
 * end with the last page again, or ignores `page`, would otherwise be paged for ever), and so does
 * the page cap.
 */
export async function searchCampaigns(
	client: MoEngageClient,
	search: CampaignSearch,
	max: number | undefined,
	requestId: string,
	options: RequestOptions = {},
): Promise<SearchResult> {
	const found: IDataObject[] = [];
	const seen = new Set<string>();
	// The page size stays the same from page to page, so pages do not overlap.
	const pageSize = max === undefined ? SEARCH_CAMPAIGNS_MAX_PAGE_SIZE : Math.min(SEARCH_CAMPAIGNS_MAX_PAGE_SIZE, max);
	for (let page = 1; page <= SEARCH_CAMPAIGNS_MAX_PAGES; page++) {
		const campaigns = await searchCampaignsPage(client, search, page, pageSize, requestId, options);
		const fresh = campaigns.filter((campaign) => {
			const key = campaignKey(campaign);
			if (seen.has(key)) return false;
			seen.add(key);
			return true;
		});
		found.push(...fresh.slice(0, max === undefined ? undefined : max - found.length));
		const done = campaigns.length < pageSize || fresh.length === 0 || (max !== undefined && found.length >= max);
		if (done) return { campaigns: found, stoppedAtMaxPages: false };
	}
	return { campaigns: found, stoppedAtMaxPages: true };
}

/** A campaign's name in Search Campaigns' answer (`basic_details.name`), or its ID. */
export function campaignName(campaign: IDataObject): string {
	const details = campaign.basic_details;
	const name = typeof details === 'object' && details !== null && !Array.isArray(details) ? (details as IDataObject).name : undefined;
	return typeof name === 'string' && name !== '' ? name : String(campaign.campaign_id ?? '');
}
