import type { INodeProperties } from 'n8n-workflow';

import * as track from './track';

export { track };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['event'] } },
		options: [
			{
				name: 'Track',
				value: 'track',
				description: 'Record an event a user did, e.g. an order placed in another system',
				action: 'Track an event',
			},
		],
		default: 'track',
	},
	...track.description,
];
