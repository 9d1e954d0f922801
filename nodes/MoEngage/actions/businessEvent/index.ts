import type { INodeProperties } from 'n8n-workflow';

import * as trigger from './trigger';

export { trigger };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['businessEvent'] } },
		options: [
			{
				name: 'Trigger',
				value: 'trigger',
				description: 'Fire a business event (e.g. a price drop), which runs the campaigns and flows waiting on it',
				action: 'Trigger a business event',
			},
		],
		default: 'trigger',
	},
	...trigger.description,
];
