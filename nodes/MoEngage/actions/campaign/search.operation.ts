import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ItemRequest } from '../operation';
import { defineOperation } from '../operation';
import type { CampaignFilters, CampaignSearch } from '../../helpers/campaignSearch';
import { SEARCH_CAMPAIGNS_MAX_PAGES, searchCampaigns, searchCampaignsBody } from '../../helpers/campaignSearch';
import type { Field } from '../../helpers/parameters';
import { fieldError, readOptionalText, readTextList } from '../../helpers/parameters';
import { operationOptions } from '../../helpers/requestSettings';
import { readSimplify, simplifyCampaign, simplifyFields } from '../../helpers/simplify';
import { checkBodySize } from '../../helpers/requestSize';
import type { ItemRun } from '../../run/itemRun';
import type { MoEngageClient } from '../../transport';
import { ENDPOINTS, SEARCH_CAMPAIGNS_MAX_PAGE_SIZE } from '../../transport/api';
import { inParallel } from '../../run/schedule';
import { LIMIT, readLimit, RETURN_ALL, returnAllFields } from '../../helpers/returnAll';

export const FILTERS = { name: 'filters', label: 'Filters' };
export const NAME = { name: 'name', label: 'Name' };
export const TAGS = { name: 'tags', label: 'Tags' };

const properties: INodeProperties[] = [
	...returnAllFields,
	{
		displayName: FILTERS.label,
		name: FILTERS.name,
		type: 'collection',
		placeholder: 'Add filter',
		default: {},
		options: [
			{
				displayName: 'Channels',
				name: 'channels',
				type: 'multiOptions',
				default: [],
				options: [
					{ name: 'Email', value: 'EMAIL' },
					{ name: 'Push', value: 'PUSH' },
					{ name: 'SMS', value: 'SMS' },
				],
				description: 'Only campaigns of these channels',
			},
			{
				displayName: 'Delivery Types',
				name: 'deliveryTypes',
				type: 'multiOptions',
				default: [],
				options: [
					{ name: 'Broadcast Live Activity', value: 'BROADCAST_LIVE_ACTIVITY' },
					{ name: 'Business Event Triggered', value: 'BUSINESS_EVENT_TRIGGERED' },
					{ name: 'Device Triggered', value: 'DEVICE_TRIGGERED' },
					{ name: 'Event Triggered', value: 'EVENT_TRIGGERED' },
					{ name: 'Location Triggered', value: 'LOCATION_TRIGGERED' },
					{ name: 'One Time', value: 'ONE_TIME' },
					{ name: 'Periodic', value: 'PERIODIC' },
				],
				description: 'Only campaigns of these delivery types',
			},
			{
				displayName: 'Include Archived Campaigns',
				name: 'includeArchivedCampaigns',
				type: 'boolean',
				default: false,
				description: 'Whether to include archived campaigns',
			},
			{
				displayName: 'Include Child Campaigns',
				name: 'includeChildCampaigns',
				type: 'boolean',
				default: false,
				description: "Whether to include periodic campaigns' runs and flow nodes (these carry flow_id and flow_name)",
			},
			{
				displayName: NAME.label,
				name: NAME.name,
				type: 'string',
				default: '',
				placeholder: 'e.g. Weekly Newsletter',
				description: 'Only campaigns with this name',
			},
			{
				displayName: 'Status',
				name: 'status',
				type: 'multiOptions',
				default: [],
				options: [
					{ name: 'Active', value: 'ACTIVE' },
					{ name: 'Archived', value: 'ARCHIVED' },
					{ name: 'Paused', value: 'PAUSED' },
					{ name: 'Scheduled', value: 'SCHEDULED' },
					{ name: 'Sent', value: 'SENT' },
					{ name: 'Stopped', value: 'STOPPED' },
				],
				description: 'Only campaigns in these states',
			},
			{
				displayName: TAGS.label,
				name: TAGS.name,
				type: 'string',
				default: '',
				placeholder: 'e.g. newsletter, sale',
				description: 'Only campaigns with these tags, separated by commas',
			},
		],
	},
	...simplifyFields(
		'Simplified: ten fields per campaign (ID, name, channel, status, delivery type, tags, creator, creation time, parent campaign and flow name, the last two only where MoEngage gives them).',
	),
	...operationOptions(ENDPOINTS.searchCampaigns, { perItem: true }),
];

export interface SearchCampaignsParams extends CampaignSearch {
	/** Undefined: every campaign found. */
	limit?: number;
	simplify: boolean;
}

const CHANNELS = ['EMAIL', 'PUSH', 'SMS'];
const DELIVERY_TYPES = ['ONE_TIME', 'PERIODIC', 'EVENT_TRIGGERED', 'BUSINESS_EVENT_TRIGGERED', 'DEVICE_TRIGGERED', 'LOCATION_TRIGGERED', 'BROADCAST_LIVE_ACTIVITY'];
const STATUSES = ['ACTIVE', 'SCHEDULED', 'PAUSED', 'SENT', 'STOPPED', 'ARCHIVED'];

/** A multi-choice filter (from the panel, or a list or comma-separated text from an expression). */
function readChoices(context: IExecuteFunctions, field: Field, itemIndex: number, value: unknown, allowed: string[]): string[] | undefined {
	const chosen = readTextList(context, field, itemIndex, value).map((entry) => entry.toUpperCase());
	const unknown = chosen.find((entry) => !allowed.includes(entry));
	if (unknown !== undefined) {
		throw fieldError(context, field, itemIndex, `has an unknown value "${unknown}"`, `Allowed values: ${allowed.join(', ')}`);
	}
	return chosen.length > 0 ? chosen : undefined;
}

export function readItem(this: IExecuteFunctions, itemIndex: number): SearchCampaignsParams {
	const raw = this.getNodeParameter(FILTERS.name, itemIndex, {}) as IDataObject;
	const filters: CampaignFilters = {
		channels: readChoices(this, { name: 'channels', label: 'Channels' }, itemIndex, raw.channels, CHANNELS),
		delivery_type: readChoices(this, { name: 'deliveryTypes', label: 'Delivery Types' }, itemIndex, raw.deliveryTypes, DELIVERY_TYPES),
		name: readOptionalText(this, NAME, itemIndex, raw.name),
		status: readChoices(this, { name: 'status', label: 'Status' }, itemIndex, raw.status, STATUSES),
		tags: readTextList(this, TAGS, itemIndex, raw.tags),
	};
	if (filters.tags?.length === 0) delete filters.tags;
	for (const key of Object.keys(filters) as Array<keyof CampaignFilters>) if (filters[key] === undefined) delete filters[key];
	const params: SearchCampaignsParams = {
		filters,
		includeChildCampaigns: raw.includeChildCampaigns === true,
		includeArchivedCampaigns: raw.includeArchivedCampaigns === true,
		limit: readLimit(this, itemIndex, 'campaigns'),
		simplify: readSimplify(this, itemIndex),
	};
	// The largest page body the search can send: its last page's request ID is the longest.
	const lastPage = searchCampaignsBody(params, SEARCH_CAMPAIGNS_MAX_PAGES, SEARCH_CAMPAIGNS_MAX_PAGE_SIZE, requestIdOf(this, itemIndex));
	checkBodySize(this, itemIndex, lastPage, [
		{ field: NAME, value: filters.name },
		{ field: TAGS, value: filters.tags },
	]);
	return params;
}

/** What each page's request ID starts with: the execution and the item. */
const requestIdOf = (context: IExecuteFunctions, itemIndex: number) => `n8n-${context.getExecutionId?.() ?? 'manual'}-${itemIndex}`;

/** A search that reached the page cap: its campaigns are not all there is, so none are output as if they were. */
function tooManyPages(context: IExecuteFunctions, itemIndex: number, found: number): NodeOperationError {
	return new NodeOperationError(
		context.getNode(),
		`The campaign search of item ${itemIndex} stopped after ${SEARCH_CAMPAIGNS_MAX_PAGES} pages (${found.toLocaleString('en-US')} campaigns), and MoEngage still had more`,
		{
			itemIndex,
			description: `Narrow the search with Filters (channels, delivery types, status, name or tags), or turn off ${RETURN_ALL.label} and set a ${LIMIT.label}. One search asks for at most ${SEARCH_CAMPAIGNS_MAX_PAGES} pages: MoEngage allows 100 search requests a minute and 6,000 an hour, shared with the workspace's other integrations.`,
		},
	);
}

/** Each item's search pages through MoEngage's answers; its campaigns are its output items. */
async function sendAll(this: IExecuteFunctions, client: MoEngageClient, requests: Array<ItemRequest<SearchCampaignsParams>>, run: ItemRun): Promise<void> {
	await inParallel(requests.length, client.settings.concurrency, async (job) => {
		const { itemIndex, params } = requests[job];
		try {
			const { campaigns, stoppedAtMaxPages } = await searchCampaigns(client, params, params.limit, requestIdOf(this, itemIndex), { itemIndex, subject: 'campaign search' });
			if (stoppedAtMaxPages) throw tooManyPages(this, itemIndex, campaigns.length);
			run.succeedMany(itemIndex, params.simplify ? campaigns.map(simplifyCampaign) : campaigns);
		} catch (error) {
			run.fail(itemIndex, error);
		}
	});
}

export const search = defineOperation<SearchCampaignsParams, 'campaign', 'search'>({
	resource: 'campaign',
	operation: 'search',
	picker: { name: 'Search', description: 'Get many campaigns, filtered by channel, status, name or tags', action: 'Search campaigns' },
	properties,
	endpoint: ENDPOINTS.searchCampaigns,
	readItem,
	sendAll,
});
