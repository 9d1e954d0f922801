import type { INodeProperties } from 'n8n-workflow';

import * as getStats from './getStats';
import * as search from './search';

export { getStats, search };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['campaign'] } },
		options: [
			{
				name: 'Get Stats',
				value: 'getStats',
				description: "Get campaigns' delivery, engagement and conversion stats for a period",
				action: 'Get stats of campaigns',
			},
			{
				name: 'Search',
				value: 'search',
				description: 'Get many campaigns, filtered by channel, status, name or tags',
				action: 'Search campaigns',
			},
		],
		default: 'search',
	},
	...getStats.description,
	...search.description,
];
