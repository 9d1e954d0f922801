import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import * as card from './actions/card';
import * as event from './actions/event';
import { router } from './actions/router';
import * as user from './actions/user';
import { credentialTest } from './methods';

export class MoEngage implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'MoEngage',
		name: 'moEngage',
		icon: { light: 'file:moengage.svg', dark: 'file:moengage.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Create, update, get, merge and delete MoEngage users, track their events, and get or delete their cards',
		defaults: { name: 'MoEngage' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'moEngageApi', required: true, testedBy: 'moEngageApiTest' }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Card', value: 'card' },
					{ name: 'Event', value: 'event' },
					{ name: 'User', value: 'user' },
				],
				default: 'user',
			},
			...card.description,
			...event.description,
			...user.description,
		],
	};

	methods = { credentialTest };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
