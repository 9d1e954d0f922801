import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { defineOperation } from '../operation';
import { flowField, readFlowId } from '../../helpers/flowLocator';
import { operationOptions } from '../../helpers/requestSettings';
import { readSimplify, simplifyFields, simplifyFlow } from '../../helpers/simplify';
import { ENDPOINTS } from '../../transport/api';

const properties: INodeProperties[] = [
	flowField('The flow to get: picked from your flows, or its ID (e.g. from Flow → Search)'),
	...simplifyFields('Simplified: ten fields (ID, name, status, archived, delivery type, active version, tags, creator, creation and update times) instead of the versions, settings, conversion goal and stages.'),
	...operationOptions(ENDPOINTS.getFlow, { perItem: true }),
];

export interface GetFlowParams {
	flowId: string;
	simplify: boolean;
}

export function readItem(this: IExecuteFunctions, itemIndex: number): GetFlowParams {
	return { flowId: readFlowId(this, itemIndex), simplify: readSimplify(this, itemIndex) };
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
	async sendEach(client, { flowId, simplify }, itemIndex) {
		const answer = await client.request(ENDPOINTS.getFlow, {}, { itemIndex, subject: `flow "${flowId}"`, pathParams: { flow_id: flowId } });
		const flow = typeof answer.data === 'object' && answer.data !== null ? (answer.data as IDataObject) : answer;
		return simplify ? simplifyFlow(flow) : flow;
	},
	userOf: ({ flowId }) => flowId,
});
