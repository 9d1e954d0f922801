import type { INodeProperties } from 'n8n-workflow';

import * as del from './delete';
import * as get from './get';

export { del as delete, get };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['card'] } },
		options: [
			{
				name: 'Delete',
				value: 'delete',
				description: "Delete a user's cards of some campaigns",
				action: 'Delete cards of a user',
			},
			{
				name: 'Get',
				value: 'get',
				description: "Get a user's active cards",
				action: 'Get cards of a user',
			},
		],
		default: 'delete',
	},
	...del.description,
	...get.description,
];
