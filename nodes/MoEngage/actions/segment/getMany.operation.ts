import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ItemRequest } from '../operation';
import { defineOperation } from '../operation';
import { fieldError, readOptionalText } from '../../helpers/parameters';
import { operationOptions } from '../../helpers/requestSettings';
import { listSegments } from '../../helpers/segmentList';
import type { ItemRun } from '../../run/itemRun';
import { inParallel } from '../../run/schedule';
import type { MoEngageClient } from '../../transport';
import { ENDPOINTS } from '../../transport/api';

export const RETURN_ALL = { name: 'returnAll', label: 'Return All' };
export const LIMIT = { name: 'limit', label: 'Limit' };
export const SEGMENT_FILTERS = { name: 'segmentFilters', label: 'Filters' };
export const NAME = { name: 'name', label: 'Name' };

const properties: INodeProperties[] = [
	{
		displayName: RETURN_ALL.label,
		name: RETURN_ALL.name,
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: LIMIT.label,
		name: LIMIT.name,
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { returnAll: [false] } },
	},
	{
		displayName: SEGMENT_FILTERS.label,
		name: SEGMENT_FILTERS.name,
		type: 'collection',
		placeholder: 'Add filter',
		default: {},
		options: [
			{
				displayName: NAME.label,
				name: NAME.name,
				type: 'string',
				default: '',
				placeholder: 'e.g. VIP customers',
				description: 'Only the segment with exactly this name (MoEngage matches the whole name, with case)',
			},
		],
	},
	...operationOptions(ENDPOINTS.listSegments, { perItem: true }),
];

export interface GetSegmentsParams {
	name?: string;
	/** Undefined: every segment. */
	limit?: number;
}

export function readItem(this: IExecuteFunctions, itemIndex: number): GetSegmentsParams {
	const filters = this.getNodeParameter(SEGMENT_FILTERS.name, itemIndex, {}) as IDataObject;
	const name = readOptionalText(this, NAME, itemIndex, filters.name);
	if (this.getNodeParameter(RETURN_ALL.name, itemIndex, false) === true) return { name };
	const limit = this.getNodeParameter(LIMIT.name, itemIndex, 50) as unknown;
	if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1) {
		throw fieldError(this, LIMIT, itemIndex, 'must be a whole number of 1 or more', `Enter how many segments to return, or turn on ${RETURN_ALL.label}`);
	}
	return { name, limit };
}

/** One list request per item; its segments are its output items. */
async function sendAll(this: IExecuteFunctions, client: MoEngageClient, requests: Array<ItemRequest<GetSegmentsParams>>, run: ItemRun): Promise<void> {
	await inParallel(requests.length, client.settings.concurrency, async (job) => {
		const { itemIndex, params } = requests[job];
		try {
			const segments = await listSegments(client, params.name, { itemIndex, subject: params.name !== undefined ? `segment "${params.name}"` : 'the segment list' });
			run.succeedMany(itemIndex, params.limit === undefined ? segments : segments.slice(0, params.limit));
		} catch (error) {
			run.fail(itemIndex, error);
		}
	});
}

export const getMany = defineOperation<GetSegmentsParams, 'segment', 'getMany'>({
	resource: 'segment',
	operation: 'getMany',
	picker: {
		name: 'Get Many',
		description:
			"List the workspace's custom segments (ID, name, type, source, created time), optionally only the one with an exact name. MoEngage allows 50 lists a minute, 200 an hour and 1,000 a day.",
		action: 'Get many segments',
	},
	properties,
	endpoint: ENDPOINTS.listSegments,
	readItem,
	sendAll,
});
