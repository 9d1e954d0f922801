import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import * as card from './actions/card';
import * as event from './actions/event';
import { router } from './actions/router';
import * as user from './actions/user';
import { credentialTest } from './methods';

const RESOURCES = [
	{ name: 'Card', value: 'card' },
	{ name: 'Event', value: 'event' },
	{ name: 'User', value: 'user' },
];

export class MoEngage implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'MoEngage',
		name: 'moEngage',
		icon: { light: 'file:moengage.svg', dark: 'file:moengage.dark.svg' },
		group: ['transform'],
		// 1.1: request settings under Advanced, Card defaults to Get (see helpers/requestSettings.ts).
		version: [1, 1.1],
		defaultVersion: 1.1,
		// "Create or Update: User" in the pickers' words (test/description.test.ts keeps the names in step).
		subtitle:
			'={{ ({"createOrUpdate": "Create or Update", "delete": "Delete", "get": "Get", "merge": "Merge", "track": "Track"}[$parameter["operation"]] || $parameter["operation"]) + ": " + ({"card": "Card", "event": "Event", "user": "User"}[$parameter["resource"]] || $parameter["resource"]) }}',
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
				options: RESOURCES,
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
