import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { readCustomerId } from '../../../helpers/customerId';
import { fieldError } from '../../../helpers/parameters';
import type { MoEngageClient } from '../../../transport';
import { ENDPOINTS, MERGE_USERS_MAX_PAIRS } from '../../../transport/api';
import type { ItemRequest } from '../../operation';
import { batchesToWaitFor, inParallelAfter } from '../../../run/schedule';
import type { ItemRun } from '../../../run/itemRun';
import { describeItems } from '../../../run/itemRun';
import { MERGED_USER, RETAINED_USER } from './description';

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
	return { merged_user, retained_user };
}

/** Groups the items into requests of up to 50 pairs, in input order. */
export function getPairsInBatches(requests: Array<ItemRequest<MergePair>>): Array<Array<ItemRequest<MergePair>>> {
	const batches: Array<Array<ItemRequest<MergePair>>> = [];
	for (let start = 0; start < requests.length; start += MERGE_USERS_MAX_PAIRS) {
		batches.push(requests.slice(start, start + MERGE_USERS_MAX_PAIRS));
	}
	return batches;
}

/** MoEngage rejected the request's content (not the key, the pace or its own health). */
function rejectsInput(error: unknown): boolean {
	return error instanceof NodeApiError && error.httpCode === '400';
}

async function mergeBatch(client: MoEngageClient, batch: Array<ItemRequest<MergePair>>): Promise<IDataObject> {
	return await client.request(
		ENDPOINTS.mergeUsers,
		{ merge_data: batch.map(({ params }) => params) } as unknown as IDataObject,
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
export async function execute(
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
