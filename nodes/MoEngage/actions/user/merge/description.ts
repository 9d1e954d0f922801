import type { INodeProperties } from 'n8n-workflow';

import { updateDisplayOptions } from '../../../helpers/displayOptions';
import { operationOptions } from '../../../helpers/requestSettings';
import { ENDPOINTS } from '../../../transport/api';

export const MERGED_USER = { name: 'mergedUser', label: 'Customer ID to Merge (Old)' };
export const RETAINED_USER = { name: 'retainedUser', label: 'Customer ID to Keep' };

const properties: INodeProperties[] = [
	{
		displayName:
			'A merge cannot be undone: the old user\'s attributes and devices move to the user to keep. Merge User must be enabled for the workspace, and does not work with Identity Resolution.',
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
		description: 'Customer ID (the ID field, not the MoEngage ID) of the duplicate user, who is merged into the user to keep and then gone',
	},
	{
		displayName: RETAINED_USER.label,
		name: RETAINED_USER.name,
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. u-1001',
		description: 'Customer ID of the user who stays and receives the old user\'s data. The node sends up to 50 pairs per request.',
	},
	...operationOptions(ENDPOINTS.mergeUsers, { perItem: false }),
];

export const description = updateDisplayOptions({ show: { resource: ['user'], operation: ['merge'] } }, properties);
