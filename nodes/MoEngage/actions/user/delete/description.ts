import type { INodeProperties } from 'n8n-workflow';

import { updateDisplayOptions } from '../../../helpers/displayOptions';
import { FORWARDED_FOR } from '../../../helpers/forwardedFor';

export const IDENTITY_TYPE = { name: 'identityType', label: 'Identity Type' };
export const IDENTITY_VALUE = { name: 'identityValue', label: 'Identity Value' };

const properties: INodeProperties[] = [
	{
		displayName:
			'MoEngage hard-deletes the user 24 hours after the request. It cannot be undone; until then the user stays visible and can still be updated.',
		name: 'deleteNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: IDENTITY_TYPE.label,
		name: IDENTITY_TYPE.name,
		type: 'options',
		default: 'customer_id',
		options: [
			{ name: 'Customer ID', value: 'customer_id', description: 'The ID field of the user profile' },
			{ name: 'MoEngage ID', value: 'moengage_id', description: 'The ID MoEngage gave the user' },
		],
	},
	{
		displayName: IDENTITY_VALUE.label,
		name: IDENTITY_VALUE.name,
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. u-1001',
		description:
			'The user to delete. MoEngage removes the user for good after a 24-hour buffer; this cannot be undone.',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: FORWARDED_FOR.label,
				name: FORWARDED_FOR.name,
				type: 'string',
				default: '',
				placeholder: 'e.g. 203.0.113.195',
				description: 'IP address of the client that asked for the deletion, sent as the X-Forwarded-For header',
			},
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['user'], operation: ['delete'] } }, properties);
