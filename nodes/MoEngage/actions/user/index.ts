import type { INodeProperties } from 'n8n-workflow';

import * as createOrUpdate from './createOrUpdate';
import * as del from './delete';
import * as get from './get';
import * as getSubscriptionPreferences from './getSubscriptionPreferences';
import * as merge from './merge';
import * as updateSubscriptionPreferences from './updateSubscriptionPreferences';

export { createOrUpdate, del as delete, get, getSubscriptionPreferences, merge, updateSubscriptionPreferences };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['user'] } },
		options: [
			{
				name: 'Create or Update',
				value: 'createOrUpdate',
				description: "Create a user, or update the attributes of the user with this Customer ID",
				action: 'Create or update a user',
			},
			{
				name: 'Delete',
				value: 'delete',
				description: 'Delete a user for good (GDPR erasure), after a 24-hour buffer',
				action: 'Delete a user',
			},
			{
				name: 'Get',
				value: 'get',
				description: "Get a user's attributes",
				action: 'Get a user',
			},
			{
				name: 'Get Subscription Preferences',
				value: 'getSubscriptionPreferences',
				description: "Get which subscription categories a user is subscribed to, and whether they unsubscribed from all",
				action: 'Get subscription preferences of a user',
			},
			{
				name: 'Merge',
				value: 'merge',
				description: 'Merge a duplicate user into the user to keep',
				action: 'Merge two users',
			},
			{
				name: 'Update Subscription Preferences',
				value: 'updateSubscriptionPreferences',
				description: 'Subscribe a user to or unsubscribe them from subscription categories, e.g. the newsletter',
				action: 'Update subscription preferences of a user',
			},
		],
		default: 'get',
	},
	...createOrUpdate.description,
	...get.description,
	...del.description,
	...merge.description,
	...getSubscriptionPreferences.description,
	...updateSubscriptionPreferences.description,
];
