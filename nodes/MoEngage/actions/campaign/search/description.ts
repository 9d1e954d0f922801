import type { INodeProperties } from 'n8n-workflow';

import { updateDisplayOptions } from '../../../helpers/displayOptions';
import { operationOptions } from '../../../helpers/requestSettings';
import { ENDPOINTS } from '../../../transport/api';

export const RETURN_ALL = { name: 'returnAll', label: 'Return All' };
export const LIMIT = { name: 'limit', label: 'Limit' };
export const FILTERS = { name: 'filters', label: 'Filters' };
export const NAME = { name: 'name', label: 'Name' };
export const TAGS = { name: 'tags', label: 'Tags' };

const properties: INodeProperties[] = [
	{
		displayName: RETURN_ALL.label,
		name: RETURN_ALL.name,
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: LIMIT.label,
		name: LIMIT.name,
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { returnAll: [false] } },
	},
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
	...operationOptions(ENDPOINTS.searchCampaigns, { perItem: true }),
];

export const description = updateDisplayOptions({ show: { resource: ['campaign'], operation: ['search'] } }, properties);
