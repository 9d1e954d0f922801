import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ItemRequest } from '../operation';
import { defineOperation } from '../operation';
import { readOptionalText } from '../../helpers/parameters';
import { checkQuerySize } from '../../helpers/requestSize';
import { operationOptions } from '../../helpers/requestSettings';
import { listSegments } from '../../helpers/segmentList';
import type { ItemRun } from '../../run/itemRun';
import { inParallel } from '../../run/schedule';
import type { MoEngageClient } from '../../transport';
import { ENDPOINTS } from '../../transport/api';
import { readLimit, returnAllFields } from '../../helpers/returnAll';

export const SEGMENT_FILTERS = { name: 'segmentFilters', label: 'Filters' };
export const NAME = { name: 'name', label: 'Name' };

const properties: INodeProperties[] = [
	...returnAllFields,
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
	if (name !== undefined) checkQuerySize(this, itemIndex, { name }, [{ field: NAME, value: name }]);
	const limit = readLimit(this, itemIndex, 'segments');
	return limit === undefined ? { name } : { name, limit };
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
