import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { MoEngageClient } from '../transport';
import type { MoEngageEndpoint } from '../transport/api';
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
	/** The endpoint the operation calls: its limits set the default pace. */
	endpoint: MoEngageEndpoint;
	readItem(this: IExecuteFunctions, itemIndex: number): Params;
	execute(
		this: IExecuteFunctions,
		client: MoEngageClient,
		requests: Array<ItemRequest<Params>>,
		outcomes: ItemOutcomes,
	): Promise<void>;
}

/**
 * For endpoints that take one item per request: sends the items with up to
 * `settings.concurrency` requests in flight and records each answer under its own item, so
 * output order and lineage stay those of the input. Without "Continue On Fail", the first
 * failure stops new requests; those in flight finish, then the failure is thrown.
 */
export function sendEachItem<Params>(
	send: (
		this: IExecuteFunctions,
		client: MoEngageClient,
		params: Params,
		itemIndex: number,
	) => Promise<IDataObject>,
): Operation<Params>['execute'] {
	return async function (client, requests, outcomes) {
		let next = 0;
		let stopped: unknown;
		const worker = async () => {
			while (stopped === undefined && next < requests.length) {
				const { itemIndex, params } = requests[next++];
				try {
					outcomes.succeed(itemIndex, await send.call(this, client, params, itemIndex));
				} catch (error) {
					try {
						outcomes.fail(itemIndex, error);
					} catch (thrown) {
						stopped ??= thrown;
					}
				}
			}
		};
		const workers = Math.min(client.settings.concurrency, requests.length);
		await Promise.all(Array.from({ length: workers }, worker));
		if (stopped !== undefined) throw stopped;
	};
}
