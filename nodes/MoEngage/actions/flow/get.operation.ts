import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { defineOperation, sendEachItem } from '../operation';
import { flowField, readFlowId } from '../../helpers/flowLocator';
import { operationOptions } from '../../helpers/requestSettings';
import { ENDPOINTS } from '../../transport/api';

const properties: INodeProperties[] = [
	flowField('The flow to get: picked from your flows, or its ID (e.g. from Flow → Search)'),
	...operationOptions(ENDPOINTS.getFlow, { perItem: true }),
];

export interface GetFlowParams {
	flowId: string;
}

export function readItem(this: IExecuteFunctions, itemIndex: number): GetFlowParams {
	return { flowId: readFlowId(this, itemIndex) };
}

export const get = defineOperation<GetFlowParams, 'flow', 'get'>({
	resource: 'flow',
	operation: 'get',
	picker: {
		name: 'Get',
		description: "Get one flow's details: status, versions, settings, conversion goal and its stages (the campaigns it sends)",
		action: 'Get a flow',
	},
	properties,
	endpoint: ENDPOINTS.getFlow,
	readItem,
	sendAll(client, requests, run) {
		return sendEachItem(this, client, requests, run, {
			async sendEach(client, { flowId }, itemIndex) {
				const answer = await client.request(ENDPOINTS.getFlow, {}, { itemIndex, subject: `flow "${flowId}"`, pathParams: { flow_id: flowId } });
				return typeof answer.data === 'object' && answer.data !== null ? (answer.data as IDataObject) : answer;
			},
			userOf: ({ flowId }) => flowId,
		});
	},
});
