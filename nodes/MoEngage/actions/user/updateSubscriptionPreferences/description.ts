import type { INodeProperties } from 'n8n-workflow';

import { updateDisplayOptions } from '../../../helpers/displayOptions';
import { operationOptions } from '../../../helpers/requestSettings';
import { CHANNEL, subscriberFields } from '../../../helpers/subscriptionUser';
import { ENDPOINTS } from '../../../transport/api';

export const GLOBAL_UNSUBSCRIBE = { name: 'globalUnsubscribe', label: 'Unsubscribe From All' };
export const CATEGORIES = { name: 'categories', label: 'Categories' };
export const CATEGORY = { name: 'category', label: 'Category' };

const properties: INodeProperties[] = [
	...subscriberFields,
	{
		displayName: CHANNEL.label,
		name: CHANNEL.name,
		type: 'options',
		default: 'email',
		options: [
			{ name: 'Email', value: 'email' },
			{ name: 'SMS', value: 'sms' },
		],
		description: "The channel whose categories change; the other channel's are left as they are",
	},
	{
		displayName: GLOBAL_UNSUBSCRIBE.label,
		name: GLOBAL_UNSUBSCRIBE.name,
		type: 'options',
		default: 'keep',
		options: [
			{ name: 'Clear Unsubscribe From All', value: 'clear', description: 'Lift an earlier unsubscribe from all, so the categories apply again' },
			{
				name: 'Keep As Is',
				value: 'keep',
				description: "Leave the user's unsubscribe-from-all state alone (the node reads it first, since MoEngage needs it in every update)",
			},
			{ name: 'Unsubscribe From All', value: 'unsubscribe', description: 'Unsubscribe the user from every category of the channel; Categories are then ignored' },
		],
	},
	{
		displayName: CATEGORIES.label,
		name: CATEGORIES.name,
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add category',
		default: {},
		description: 'The categories to change; the others stay as they are',
		options: [
			{
				displayName: 'Category',
				name: 'category',
				values: [
					{
						displayName: 'Category Name or ID',
						name: 'name',
						type: 'options',
						typeOptions: { loadOptionsMethod: 'getSubscriptionCategories', loadOptionsDependsOn: [CHANNEL.name] },
						default: '',
						description:
							'The subscription category, from your workspace\'s list. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
					},
					{
						displayName: 'Subscribed',
						name: 'subscribed',
						type: 'boolean',
						default: false,
						description: 'Whether the user gets messages of this category (off: unsubscribe)',
					},
				],
			},
		],
	},
	...operationOptions(ENDPOINTS.updateSubscriptionPreferences, { perItem: true }),
];

export const description = updateDisplayOptions({ show: { resource: ['user'], operation: ['updateSubscriptionPreferences'] } }, properties);
