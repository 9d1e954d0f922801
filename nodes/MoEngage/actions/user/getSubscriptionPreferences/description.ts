import type { INodeProperties } from 'n8n-workflow';

import { updateDisplayOptions } from '../../../helpers/displayOptions';
import { operationOptions } from '../../../helpers/requestSettings';
import { CHANNEL, subscriberFields } from '../../../helpers/subscriptionUser';
import { ENDPOINTS } from '../../../transport/api';

const properties: INodeProperties[] = [
	...subscriberFields,
	{
		displayName: CHANNEL.label,
		name: CHANNEL.name,
		type: 'options',
		default: '',
		options: [
			{ name: 'All Channels', value: '' },
			{ name: 'Email', value: 'email' },
			{ name: 'SMS', value: 'sms' },
		],
		description: 'Only the categories of this channel',
	},
	...operationOptions(ENDPOINTS.getSubscriptionPreferences, { perItem: true }),
];

export const description = updateDisplayOptions({ show: { resource: ['user'], operation: ['getSubscriptionPreferences'] } }, properties);
