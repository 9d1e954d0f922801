import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { MoEngageClient } from '../transport';
import type { ItemOutcomes } from './outcomes';

/** One input item whose parameters passed validation. */
export interface ItemRequest<Params> {
	itemIndex: number;
	params: Params;
}

/**
 * Every operation is read in two steps: `readItem` validates each item's parameters (throwing a
 * NodeOperationError that names field and item) before `execute` sends anything.
 */
export interface Operation<Params> {
	description: INodeProperties[];
	readItem(this: IExecuteFunctions, itemIndex: number): Params;
	execute(
		this: IExecuteFunctions,
		client: MoEngageClient,
		requests: Array<ItemRequest<Params>>,
		outcomes: ItemOutcomes,
	): Promise<void>;
}

/** For endpoints that take one item per request: sends each item and records its answer. */
export function sendEachItem<Params>(
	send: (
		this: IExecuteFunctions,
		client: MoEngageClient,
		params: Params,
		itemIndex: number,
	) => Promise<IDataObject>,
): Operation<Params>['execute'] {
	return async function (client, requests, outcomes) {
		for (const { itemIndex, params } of requests) {
			let json: IDataObject;
			try {
				json = await send.call(this, client, params, itemIndex);
			} catch (error) {
				outcomes.fail(itemIndex, error);
				continue;
			}
			outcomes.succeed(itemIndex, json);
		}
	};
}
