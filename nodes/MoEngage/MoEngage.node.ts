import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { operationProperties, resourceOptions } from './actions/operations';
import { router } from './actions/router';
import { credentialTest, listSearch, loadOptions, resourceMapping } from './methods';

export class MoEngage implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'MoEngage',
		name: 'moEngage',
		icon: { light: 'file:moengage.svg', dark: 'file:moengage.dark.svg' },
		group: ['transform'],
		// 1.1: request settings under Advanced, Card defaults to Get (see helpers/requestSettings.ts).
		// 1.2: Card → Delete picks campaigns (helpers/campaignLocator.ts).
		// 1.3: Concurrency defaults to 50 (helpers/requestSettings.ts).
		// 1.4: Simplify on by default in Campaign → Search, User → Get and Card → Get (helpers/simplify.ts).
		version: [1, 1.1, 1.2, 1.3, 1.4],
		defaultVersion: 1.4,
		// "Create or Update: User" in the pickers' words. n8n's lint wants a literal here, so it is
		// written out; test/contract/description.test.ts keeps it in step with the operations' table.
		subtitle:
			'={{ ({"addUsers": "Add Users", "changeStatus": "Change Status", "createFromFile": "Create From File", "createOrUpdate": "Create or Update", "delete": "Delete", "downloadReport": "Download Report", "erase": "Erase (GDPR Request)", "get": "Get", "getMany": "Get Many", "getStats": "Get Stats", "getSubscriptionPreferences": "Get Subscription Preferences", "merge": "Merge", "removeUsers": "Remove Users", "search": "Search", "send": "Send", "sendAlert": "Send Alert", "sendMessage": "Send Message", "track": "Track", "trigger": "Trigger", "updateSubscriptionPreferences": "Update Subscription Preferences"}[$parameter["operation"]] || $parameter["operation"]) + ": " + ({"businessEvent": "Business Event", "campaign": "Campaign", "card": "Card", "event": "Event", "flow": "Flow", "inform": "Inform", "push": "Push", "segment": "Segment", "user": "User"}[$parameter["resource"]] || $parameter["resource"]) }}',
		description: 'Create, update, get, merge and delete MoEngage users and their subscription preferences, track their events, get or delete their cards, sync segments, create them from files and list them, erase users on a GDPR request, search, get, pause, resume and stop campaigns, get their stats, download campaign report files, send campaign emails, search, get, pause, resume and stop flows, trigger business events, send transactional alerts and push notifications',
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
				options: resourceOptions,
				default: 'user',
			},
			...operationProperties,
		],
	};

	methods = { credentialTest, listSearch, loadOptions, resourceMapping };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
