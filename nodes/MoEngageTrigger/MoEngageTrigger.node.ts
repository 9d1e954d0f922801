import type { IHookFunctions, INodeType, INodeTypeDescription, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { credentialTest } from '../MoEngage/methods';
import { triggerProperties } from './description';
import { receive } from './receive';
import { sourceFor } from './settings';

export class MoEngageTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'MoEngage Trigger',
		name: 'moEngageTrigger',
		icon: { light: 'file:moengage.svg', dark: 'file:moengage.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ {"alert": "Alert", "connectorCampaign": "Connector Campaign", "streams": "Streams"}[$parameter["source"]] }}',
		description: 'Starts the workflow when MoEngage calls: connector campaigns, Streams events, alert webhooks',
		defaults: { name: 'MoEngage Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		// The MoEngage node's credential test, so that the credential dialog checks the keys here too.
		credentials: [{ name: 'moEngageApi', required: true, testedBy: 'moEngageApiTest' }],
		// The node answers every call itself (receive.ts): an accepted one 200 with an empty body.
		// Should n8n answer one itself, it sends the same: without `responseData`, it would send
		// its default's name ("firstEntryJson") as the body.
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', responseData: 'noData', path: 'webhook' }],
		properties: triggerProperties,
	};

	/**
	 * MoEngage has no API to register a webhook: the URL is pasted into MoEngage by hand. So there
	 * is nothing to look up or delete there; "create" checks that the node can authenticate calls,
	 * so a missing secret fails activation (and "Listen for test event") instead of refusing every
	 * call with a 401.
	 */
	methods = { credentialTest };

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return false;
			},
			async create(this: IHookFunctions): Promise<boolean> {
				const credential = await this.getCredentials('moEngageApi');
				sourceFor(this.getNode(), (name, fallback) => this.getNodeParameter(name, fallback), credential);
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await receive.call(this);
	}
}
