import type { INodeProperties } from 'n8n-workflow';

import * as del from './delete';
import * as get from './get';

export { del as delete, get };

const operations = [
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
];

/**
 * The Operation picker. Version 1 defaulted to Delete, and n8n saves no value equal to the
 * default, so version 1 keeps that default; later versions default to the safe Get.
 */
export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['card'], '@version': [1] } },
		options: operations,
		default: 'delete',
	},
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['card'], '@version': [{ _cnd: { gte: 1.1 } }] } },
		options: operations,
		default: 'get',
	},
	...del.description,
	...get.description,
];
