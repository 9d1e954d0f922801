import type { INodeProperties } from 'n8n-workflow';

import { updateDisplayOptions } from '../../../helpers/displayOptions';
import { operationOptions } from '../../../helpers/requestSettings';
import { ENDPOINTS } from '../../../transport/api';

export const IDENTIFY_BY = { name: 'identifyBy', label: 'Identify User By' };
export const USER_VALUE = { name: 'userValue', label: 'User' };
export const CAMPAIGN_IDS = { name: 'campaignIds', label: 'Campaign IDs' };
export const PLATFORMS = { name: 'platforms', label: 'Platforms' };

const properties: INodeProperties[] = [
	{
		displayName: IDENTIFY_BY.label,
		name: IDENTIFY_BY.name,
		type: 'options',
		default: 'uid',
		options: [
			{
				name: 'Standard ID (UID)',
				value: 'uid',
				description: 'Email, mobile number or another unique identifier mapped to a MoEngage standard attribute',
			},
			{ name: 'Device ID (Unique ID)', value: 'unique_id', description: 'The platform-specific device identifier' },
		],
	},
	{
		displayName: USER_VALUE.label,
		name: USER_VALUE.name,
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. user@example.com',
		description: "The user's UID or device ID, as chosen above",
	},
	{
		displayName: CAMPAIGN_IDS.label,
		name: CAMPAIGN_IDS.name,
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 64f6a59e1, 64f6a59e2',
		description:
			"IDs of the campaigns whose cards to delete, separated by commas. A periodic campaign's parent ID also deletes its child campaigns' cards.",
	},
	{
		displayName: PLATFORMS.label,
		name: PLATFORMS.name,
		type: 'multiOptions',
		default: [],
		description: 'Platforms to delete the cards from. Leave empty for all platforms.',
		options: [
			{ name: 'Android', value: 'ANDROID' },
			{ name: 'iOS', value: 'IOS' },
			{ name: 'Web', value: 'WEB' },
		],
	},
	operationOptions(ENDPOINTS.deleteCards, { perItem: true }),
];

export const description = updateDisplayOptions({ show: { resource: ['card'], operation: ['delete'] } }, properties);
