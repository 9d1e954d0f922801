import type { INodeProperties } from 'n8n-workflow';

import * as sendAlert from './sendAlert';

export { sendAlert };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['inform'] } },
		options: [
			{
				name: 'Send Alert',
				value: 'sendAlert',
				description: 'Send a transactional SMS, email or push (e.g. order shipped) through an alert built in MoEngage Inform',
				action: 'Send a transactional alert',
			},
		],
		default: 'sendAlert',
	},
	...sendAlert.description,
];
