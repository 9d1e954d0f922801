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
		displayOptions: { show: { resource: ['user'] } },
		options: [
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
		],
		default: 'get',
	},
	...get.description,
	...del.description,
];
