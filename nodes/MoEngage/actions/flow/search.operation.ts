import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { defineOperation } from '../operation';
import type { FlowFilters } from '../../helpers/flowLocator';
import { searchFlowsPage } from '../../helpers/flowLocator';
import { checkBodySize } from '../../helpers/requestSize';
import { fieldError, readOptionalText } from '../../helpers/parameters';
import { operationOptions } from '../../helpers/requestSettings';
import { inParallel } from '../../run/schedule';
import type { MoEngageClient } from '../../transport';
import { ENDPOINTS, SEARCH_FLOWS_MAX_PAGE_SIZE } from '../../transport/api';
import { LIMIT, readLimit, RETURN_ALL, returnAllFields } from '../../helpers/returnAll';

export const FLOW_FILTERS = { name: 'flowFilters', label: 'Filters' };

/** The most pages one search asks for: 20,000 flows, 200 requests (two minutes of MoEngage's 100 a minute). */
export const SEARCH_FLOWS_MAX_PAGES = 200;

const STATUSES = ['ACTIVE', 'SCHEDULED', 'PAUSED', 'STOPPED', 'COMPLETED', 'RETIRED', 'DRAFT', 'UNDER_REVIEW', 'REJECTED'];
const title = (value: string) => value.charAt(0) + value.slice(1).toLowerCase().replace(/_/g, ' ');

const properties: INodeProperties[] = [
	...returnAllFields,
	{
		displayName: FLOW_FILTERS.label,
		name: FLOW_FILTERS.name,
		type: 'collection',
		placeholder: 'Add filter',
		default: {},
		options: [
			{ displayName: 'Include Archived', name: 'include_archived', type: 'boolean', default: false, description: 'Whether to list archived flows too' },
			{ displayName: 'Name', name: 'name', type: 'string', default: '', description: 'Only flows whose name contains this text (any case)' },
			{
				displayName: 'Statuses',
				name: 'status',
				type: 'multiOptions',
				default: [],
				options: STATUSES.map((status) => ({ name: title(status), value: status })).sort((a, b) => a.name.localeCompare(b.name)),
				description: 'Only flows in these statuses',
			},
		],
	},
	...operationOptions(ENDPOINTS.searchFlows, { perItem: true }),
];

export interface SearchFlowsParams {
	filters: FlowFilters;
	max?: number;
}

export function readItem(this: IExecuteFunctions, itemIndex: number): SearchFlowsParams {
	const given = this.getNodeParameter(FLOW_FILTERS.name, itemIndex, {}) as IDataObject;
	const filters: FlowFilters = {};
	const nameField = { name: 'name', label: 'Filters › Name' };
	if (given.name !== undefined && typeof given.name !== 'string') throw fieldError(this, nameField, itemIndex, `must be text, but it is ${JSON.stringify(given.name) ?? typeof given.name}`, 'Enter a part of the flow name, e.g. Welcome');
	const name = readOptionalText(this, nameField, itemIndex, given.name ?? '');
	if (name !== undefined) filters.name = name;
	if (Array.isArray(given.status) && given.status.length > 0) filters.status = given.status.map(String);
	if (given.include_archived === true) filters.include_archived = true;
	// the largest page body: the filters, the page size and a cursor
	checkBodySize(this, itemIndex, { ...filters, limit: SEARCH_FLOWS_MAX_PAGE_SIZE, cursor: 'x'.repeat(64) }, [{ field: nameField, value: name }]);
	return { filters, max: readLimit(this, itemIndex, 'flows') };
}

/** Page after page (cursor), until MoEngage has no more, the limit is reached, or SEARCH_FLOWS_MAX_PAGES. */
async function searchFlows(this: IExecuteFunctions, client: MoEngageClient, { filters, max }: SearchFlowsParams, itemIndex: number): Promise<IDataObject[]> {
	const flows: IDataObject[] = [];
	let cursor: string | undefined;
	for (let page = 0; page < SEARCH_FLOWS_MAX_PAGES; page++) {
		const limit = Math.min(SEARCH_FLOWS_MAX_PAGE_SIZE, max === undefined ? SEARCH_FLOWS_MAX_PAGE_SIZE : max - flows.length);
		const found = await searchFlowsPage(client, filters, limit, cursor, { itemIndex, subject: 'flow search' });
		flows.push(...found.flows.slice(0, max === undefined ? undefined : max - flows.length));
		cursor = found.nextCursor;
		if (cursor === undefined || (max !== undefined && flows.length >= max)) return flows;
	}
	throw new NodeOperationError(this.getNode(), `The flow search of item ${itemIndex} stopped after ${SEARCH_FLOWS_MAX_PAGES} pages, and MoEngage still had more`, {
		itemIndex,
		description: `Narrow the search with Filters, or turn off ${RETURN_ALL.label} and set a ${LIMIT.label}.`,
	});
}

export const search = defineOperation<SearchFlowsParams, 'flow', 'search'>({
	resource: 'flow',
	operation: 'search',
	picker: { name: 'Search', description: 'List flows (most recently updated first), by name and status; one item per flow', action: 'Search flows' },
	properties,
	endpoint: ENDPOINTS.searchFlows,
	readItem,
	async sendAll(client, requests, run) {
		await inParallel(requests.length, client.settings.concurrency, async (job) => {
			const { itemIndex, params } = requests[job];
			try {
				run.succeedMany(itemIndex, await searchFlows.call(this, client, params, itemIndex));
			} catch (error) {
				run.fail(itemIndex, error);
			}
		});
	},
});
