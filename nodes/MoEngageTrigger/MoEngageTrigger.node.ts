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
		// Answered 200 as soon as the run is started, with an empty body: without `responseData`,
		// n8n would send its default's name ("firstEntryJson") as the body. Refusals, repeats and a
		// run from which repeats were left out get the node's own status and message (receive.ts).
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
