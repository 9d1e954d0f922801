import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ItemRun } from '../run/itemRun';
import type { ItemRequest } from '../run/schedule';
import { sendEachItem as sendEachItemWith } from '../run/schedule';
import type { MoEngageClient } from '../transport';
import type { MoEngageEndpoint } from '../transport/api';
import type { BulkImport } from './bulkImport';

export type { ItemRequest } from '../run/schedule';

/**
 * Every operation is read in two steps: `readItem` validates each item's parameters (throwing a
 * NodeOperationError that names field and item) before `execute` sends anything.
 */
export interface Operation<Params> {
	description: INodeProperties[];
	/** The endpoint the operation calls: its limits set the default pace. */
	endpoint: MoEngageEndpoint;
	readItem(this: IExecuteFunctions, itemIndex: number): Params;
	/** How the items go to Bulk Import instead, for operations that offer "Send in Bulk". */
	bulk?: BulkImport<Params>;
	execute(
		this: IExecuteFunctions,
		client: MoEngageClient,
		requests: Array<ItemRequest<Params>>,
		run: ItemRun,
	): Promise<void>;
}

/**
 * The execute of an operation that takes one item per request: the scheduler's sendEachItem
 * (run/schedule.ts) with this contract's client, so that `sendEachItem<Params>(send, userOf)`
 * types `send` without naming the client.
 */
export function sendEachItem<Params>(
	send: (this: IExecuteFunctions, client: MoEngageClient, params: Params, itemIndex: number) => Promise<IDataObject>,
	userOf: (params: Params) => string,
): Operation<Params>['execute'] {
	return sendEachItemWith(send, userOf);
}
