import type { INodeProperties } from 'n8n-workflow';

import { updateDisplayOptions } from '../../../helpers/displayOptions';
import { operationOptions } from '../../../helpers/requestSettings';
import { ENDPOINTS } from '../../../transport/api';

export const MERGED_USER = { name: 'mergedUser', label: 'Merged User (Old) ID' };
export const RETAINED_USER = { name: 'retainedUser', label: 'Retained User (New) ID' };

const properties: INodeProperties[] = [
	{
		displayName:
			'A merge cannot be undone: the merged user\'s attributes and devices move to the retained user. Merge User must be enabled for the workspace, and does not work with Identity Resolution.',
		name: 'mergeNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: MERGED_USER.label,
		name: MERGED_USER.name,
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. u-1001-old',
		description: 'Customer ID (the ID field, not the MoEngage ID) of the duplicate profile that merges into the other',
	},
	{
		displayName: RETAINED_USER.label,
		name: RETAINED_USER.name,
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. u-1001',
		description: 'Customer ID of the profile that stays. The node sends up to 50 pairs per request.',
	},
	operationOptions(ENDPOINTS.mergeUsers, { perItem: false }),
];

export const description = updateDisplayOptions({ show: { resource: ['user'], operation: ['merge'] } }, properties);
