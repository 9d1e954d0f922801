import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { Field } from './parameters';
import { fieldError, readOptionalText } from './parameters';
import type { MoEngageClient, RequestOptions } from '../transport';
import { ENDPOINTS } from '../transport/api';

/** The method in `methods.listSearch` that pages through the workspace's flows. */
export const SEARCH_FLOWS_METHOD = 'searchFlows';

export const FLOW: Field = { name: 'flow', label: 'Flow' };

/** A flow's ID: 24 hexadecimal characters (flows.yaml FlowId). */
const FLOW_ID = /^[a-f0-9]{24}$/;

/** A picker of one flow: from MoEngage's list, or its ID. */
export function flowField(description: string): INodeProperties {
	return {
		displayName: FLOW.label,
		name: FLOW.name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description,
		modes: [
			{ displayName: 'From List', name: 'list', type: 'list', placeholder: 'Select a flow...', typeOptions: { searchListMethod: SEARCH_FLOWS_METHOD, searchable: true } },
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 69f1de84f9e401a2d7d9a931',
				validation: [{ type: 'regex', properties: { regex: '^[a-f0-9]{24}$', errorMessage: 'A flow ID is 24 characters, 0-9 and a-f' } }],
			},
		],
	};
}

/** The flow ID the picker holds for this item (24 hexadecimal characters). */
export function readFlowId(context: IExecuteFunctions, itemIndex: number): string {
	const value = (context.getNodeParameter(FLOW.name, itemIndex, '', { extractValue: true }) as unknown) ?? '';
	const id = readOptionalText(context, FLOW, itemIndex, value);
	if (id === undefined) throw fieldError(context, FLOW, itemIndex, 'is empty', 'Pick a flow from the list, or enter its ID, e.g. 69f1de84f9e401a2d7d9a931');
	if (!FLOW_ID.test(id)) throw fieldError(context, FLOW, itemIndex, `is "${id}", not a flow ID`, 'A flow ID is 24 characters, 0-9 and a-f (a version ID is refused too)');
	return id;
}

/** Search Flows' filters (flows.yaml FlowSearchRequest), as the node sends them. */
export interface FlowFilters {
	name?: string;
	status?: string[];
	delivery_type?: string[];
	tags?: string[];
	include_archived?: boolean;
}

/** One page of Search Flows: its flows and the cursor of the next page (undefined on the last). */
export async function searchFlowsPage(
	client: MoEngageClient,
	filters: FlowFilters,
	limit: number,
	cursor: string | undefined,
	options: RequestOptions = {},
): Promise<{ flows: IDataObject[]; nextCursor?: string }> {
	const answer = await client.request(ENDPOINTS.searchFlows, { ...filters, limit, ...(cursor ? { cursor } : {}) } as IDataObject, options);
	const data = typeof answer.data === 'object' && answer.data !== null ? (answer.data as IDataObject) : {};
	const flows = Array.isArray(data.flows) ? (data.flows as IDataObject[]) : [];
	const nextCursor = data.has_more === true && typeof data.next_cursor === 'string' && data.next_cursor !== '' ? data.next_cursor : undefined;
	return { flows, nextCursor };
}
