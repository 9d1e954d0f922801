import type { INodeProperties } from 'n8n-workflow';

import * as del from './delete';

export { del as delete };

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
		],
		default: 'delete',
	},
	...del.description,
];
