import type { INodeProperties } from 'n8n-workflow';

import * as addUsers from './addUsers';
import * as removeUsers from './removeUsers';

export { addUsers, removeUsers };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['segment'] } },
		options: [
			{
				name: 'Add Users',
				value: 'addUsers',
				description: 'Add users to a custom segment, e.g. the members of a CRM list',
				action: 'Add users to a segment',
			},
			{
				name: 'Remove Users',
				value: 'removeUsers',
				description: 'Remove users from a custom segment made through the API',
				action: 'Remove users from a segment',
			},
		],
		default: 'addUsers',
	},
	...addUsers.description,
	...removeUsers.description,
];
