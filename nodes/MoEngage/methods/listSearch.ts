import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult, INodePropertyOptions } from 'n8n-workflow';

import { campaignName, searchCampaignsPage } from '../helpers/campaignSearch';
import { listSegments } from '../helpers/segmentList';
import { searchFlowsPage } from '../helpers/flowLocator';
import { ENDPOINTS, SEARCH_CAMPAIGNS_MAX_PAGE_SIZE } from '../transport/api';
import { editorClient } from './editorClient';

/**
 * The campaign picker's list: MoEngage's campaigns, newest pages as MoEngage orders them, 15 a
 * page (its maximum); typing filters by name (`campaign_fields.name`). The next page is asked
 * for only when this one was full.
 */
async function searchCampaigns(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const page = paginationToken ? Number(paginationToken) : 1;
	const client = await editorClient(this, ENDPOINTS.searchCampaigns);
	const name = filter?.trim();
	const campaigns = await searchCampaignsPage(
		client,
		{ filters: name ? { name } : {}, includeChildCampaigns: false, includeArchivedCampaigns: false },
		page,
		SEARCH_CAMPAIGNS_MAX_PAGE_SIZE,
		'n8n-campaign-picker',
	);
	return {
		results: campaigns.map((campaign) => ({
			name: [campaignName(campaign), campaign.channel, campaign.status].filter((part) => typeof part === 'string' && part !== '').join(' · '),
			value: String(campaign.campaign_id ?? ''),
		})),
		paginationToken: campaigns.length === SEARCH_CAMPAIGNS_MAX_PAGE_SIZE ? String(page + 1) : undefined,
	};
}

/**
 * The segment picker's list: the workspace's custom segments, A to Z, in one page (MoEngage lists
 * them all at once). Typing keeps those whose name contains the text, in any case: MoEngage's own
 * `name` filter matches whole names only.
 */
async function searchSegments(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const client = await editorClient(this, ENDPOINTS.listSegments);
	const text = filter?.trim().toLowerCase() ?? '';
	const segments = await listSegments(client, undefined);
	return {
		results: segments
			.filter((segment) => text === '' || String(segment.name ?? '').toLowerCase().includes(text))
			.map((segment) => ({
				name: [segment.name, segment.type, segment.source].filter((part) => typeof part === 'string' && part !== '').join(' · ') || segment.id,
				value: segment.id,
			}))
			.sort((a, b) => a.name.localeCompare(b.name)),
	};
}

/**
 * The Send Message picker's list: the active email campaigns Search Campaigns answers, of which
 * those whose `campaign_delivery_type` is API_TRIGGERED (Messaging API shells). Search's
 * `delivery_type` filter has no API_TRIGGERED value (campaigns.yaml), so the page is filtered here;
 * the next page is offered whenever MoEngage's page was full, even if none of it was kept.
 */
async function searchApiTriggeredCampaigns(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const page = paginationToken ? Number(paginationToken) : 1;
	const client = await editorClient(this, ENDPOINTS.searchCampaigns);
	const name = filter?.trim();
	const campaigns = await searchCampaignsPage(
		client,
		{ filters: { channels: ['EMAIL'], status: ['ACTIVE'], ...(name ? { name } : {}) }, includeChildCampaigns: false, includeArchivedCampaigns: false },
		page,
		SEARCH_CAMPAIGNS_MAX_PAGE_SIZE,
		'n8n-message-campaign-picker',
	);
	return {
		results: campaigns
			.filter((campaign) => campaign.campaign_delivery_type === 'API_TRIGGERED')
			.map((campaign) => ({ name: campaignName(campaign), value: String(campaign.campaign_id ?? '') })),
		paginationToken: campaigns.length === SEARCH_CAMPAIGNS_MAX_PAGE_SIZE ? String(page + 1) : undefined,
	};
}

/** The flow picker's list: MoEngage's flows, most recently updated first, 20 a page (cursor); typing filters by name. */
async function searchFlows(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const client = await editorClient(this, ENDPOINTS.searchFlows);
	const name = filter?.trim();
	const { flows, nextCursor } = await searchFlowsPage(client, name ? { name } : {}, 20, paginationToken || undefined);
	return {
		results: flows.map((flow) => ({
			name: [flow.name ?? flow.flow_id, flow.status].filter((part) => typeof part === 'string' && part !== '').join(' · '),
			value: String(flow.flow_id ?? ''),
		})),
		paginationToken: nextCursor,
	};
}

/**
 * The workspace's subscription categories for the channel chosen in the node (all channels
 * when none), as MoEngage lists them (hourly cache on its side).
 */
async function getSubscriptionCategories(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const channel = this.getCurrentNodeParameter('channel') as string | undefined;
	const client = await editorClient(this, ENDPOINTS.subscriptionCategories);
	const answer = await client.request(ENDPOINTS.subscriptionCategories, {}, { query: channel ? { channel } : undefined });
	const categories = Array.isArray(answer.data) ? (answer.data as IDataObject[]) : [];
	return categories
		.filter((category) => typeof category.name === 'string')
		.map((category) => ({
			name: typeof category.display_name === 'string' && category.display_name !== '' ? category.display_name : String(category.name),
			value: String(category.name),
			description: [category.channel, category.group, category.description].filter((part) => typeof part === 'string' && part !== '').join(' · '),
		}))
		.sort((a, b) => a.name.localeCompare(b.name));
}

export const listSearch = { searchCampaigns, searchApiTriggeredCampaigns, searchFlows, searchSegments };
export const loadOptions = { getSubscriptionCategories };
