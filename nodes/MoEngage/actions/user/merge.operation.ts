import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { defineOperation } from '../operation';
import { readCustomerId } from '../../helpers/customerId';
import { fieldError } from '../../helpers/parameters';
import { operationOptions } from '../../helpers/requestSettings';
import { checkBodySize, jsonBytes, packBatches } from '../../helpers/requestSize';
import type { ItemRun } from '../../run/itemRun';
import { describeItems } from '../../run/itemRun';
import type { MoEngageClient } from '../../transport';
import { ENDPOINTS, MERGE_USERS_MAX_PAIRS } from '../../transport/api';
import { batchesToWaitFor, inParallelAfter } from '../../run/schedule';
import type { ItemRequest } from '../../run/schedule';

export const MERGED_USER = { name: 'mergedUser', label: 'Customer ID to Merge (Old)' };
export const RETAINED_USER = { name: 'retainedUser', label: 'Customer ID to Keep' };

const properties: INodeProperties[] = [
	{
		displayName:
			'A merge cannot be undone: the old user\'s attributes and devices move to the user to keep. Merge User must be enabled for the workspace, and does not work with Identity Resolution.',
		name: 'mergeNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: MERGED_USER.label,
		name: MERGED_USER.name,
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. u-1001-old',
		description: 'Customer ID (the ID field, not the MoEngage ID) of the duplicate user, who is merged into the user to keep and then gone',
	},
	{
		displayName: RETAINED_USER.label,
		name: RETAINED_USER.name,
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. u-1001',
		description: 'Customer ID of the user who stays and receives the old user\'s data. The node sends up to 50 pairs per request.',
	},
	...operationOptions(ENDPOINTS.mergeUsers, { perItem: false }),
];

export interface MergePair {
	merged_user: string;
	retained_user: string;
}

export function readItem(this: IExecuteFunctions, itemIndex: number): MergePair {
	const merged_user = readCustomerId(this, itemIndex, MERGED_USER);
	const retained_user = readCustomerId(this, itemIndex, RETAINED_USER);
	if (merged_user === retained_user) {
		throw fieldError(this, RETAINED_USER, itemIndex, `is the same user as the merged one ("${merged_user}")`, 'A user cannot be merged into itself');
	}
	const pair = { merged_user, retained_user };
	checkBodySize(this, itemIndex, mergeBody([pair]), [
		{ field: MERGED_USER, value: merged_user },
		{ field: RETAINED_USER, value: retained_user },
	]);
	return pair;
}

const mergeBody = (pairs: MergePair[]): IDataObject => ({ merge_data: pairs as unknown as IDataObject[] });

/** The body around the pairs: `{"merge_data":[]}`. */
const MERGE_ENVELOPE_BYTES = jsonBytes(mergeBody([]));

/** Groups the items into requests of up to 50 pairs (fewer where the body would pass MoEngage's size cap), in input order. */
export function getPairsInBatches(requests: Array<ItemRequest<MergePair>>): Array<Array<ItemRequest<MergePair>>> {
	return packBatches(requests, MERGE_USERS_MAX_PAIRS, ({ params }) => jsonBytes(params), MERGE_ENVELOPE_BYTES);
}

/** MoEngage rejected the request's content (not the key, the pace or its own health). */
function rejectsInput(error: unknown): boolean {
	return error instanceof NodeApiError && error.httpCode === '400';
}

async function mergeBatch(client: MoEngageClient, batch: Array<ItemRequest<MergePair>>): Promise<IDataObject> {
	return await client.request(
		ENDPOINTS.mergeUsers,
		mergeBody(batch.map(({ params }) => params)),
		batch.length === 1
			? { itemIndex: batch[0].itemIndex, subject: `merged_user "${batch[0].params.merged_user}"`, cost: 1 }
			: { itemIndex: batch[0].itemIndex, subject: describeItems(batch.map(({ itemIndex }) => itemIndex)), batch: true, cost: batch.length },
	);
}

/**
 * One request per batch, up to Concurrency batches in flight (a batch that shares a user with an
 * earlier one waits for it). MoEngage answers for the whole batch, so a 400 caused by one bad
 * pair would fail all of them: the batch is then sent again one pair per request, so that only
 * the bad pair fails (MoEngage processed nothing of a request it rejected).
 */
async function sendAll(
	this: IExecuteFunctions,
	client: MoEngageClient,
	requests: Array<ItemRequest<MergePair>>,
	outcomes: ItemRun,
): Promise<void> {
	// MoEngage skips a pair it cannot merge and still answers 200 for the request, without
	// saying which (api/data/data.yaml): "accepted" is all its answer confirms.
	const record = (batch: Array<ItemRequest<MergePair>>, answer: IDataObject) => {
		for (const { itemIndex, params } of batch) {
			outcomes.succeed(itemIndex, { status: 'accepted', moengage_status: answer.status, ...params });
		}
	};
	const sendBatch = async (batch: Array<ItemRequest<MergePair>>) => {
		try {
			record(batch, await mergeBatch(client, batch));
			return;
		} catch (error) {
			if (batch.length === 1 || !rejectsInput(error)) {
				for (const { itemIndex } of batch) outcomes.fail(itemIndex, error);
				return;
			}
		}
		for (const single of batch) {
			try {
				record([single], await mergeBatch(client, [single]));
			} catch (error) {
				outcomes.fail(single.itemIndex, error);
			}
		}
	};
	const batches = getPairsInBatches(requests);
	// Merges that chain through a user (A into B, then B into C) keep their input order.
	const waitFor = batchesToWaitFor(batches, ({ params }) => [params.merged_user, params.retained_user]);
	await inParallelAfter(waitFor, client.settings.concurrency, async (index) => await sendBatch(batches[index]));
}

export const merge = defineOperation<MergePair, 'user', 'merge'>({
	resource: 'user',
	operation: 'merge',
	picker: { name: 'Merge', description: 'Merge a duplicate user into the user to keep', action: 'Merge two users' },
	properties,
	endpoint: ENDPOINTS.mergeUsers,
	readItem,
	sendAll,
});
