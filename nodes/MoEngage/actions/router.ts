import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { readRequestSettings } from '../helpers/requestSettings';
import { ItemRun } from '../run/itemRun';
import { createMoEngageClient } from '../transport';
import * as card from './card';
import * as event from './event';
import type { MoEngageType } from './node.type';
import type { ItemRequest, Operation } from './operation';
import { readingOnce } from './operation';
import * as user from './user';

const operations: { [R in keyof MoEngageType]: Record<MoEngageType[R], Operation<unknown>> } = {
	user: {
		createOrUpdate: user.createOrUpdate,
		get: user.get,
		delete: user.delete,
		merge: user.merge,
	} as Record<MoEngageType['user'], Operation<unknown>>,
	event: { track: event.track } as Record<MoEngageType['event'], Operation<unknown>>,
	card: { delete: card.delete, get: card.get } as Record<MoEngageType['card'], Operation<unknown>>,
};

/** The choice n8n adds to the resource and operation lists of nodes whose credential authenticates requests. */
const CUSTOM_API_CALL = '__CUSTOM_API_CALL__';

function operationFor(context: IExecuteFunctions): Operation<unknown> {
	const resource = context.getNodeParameter('resource', 0) as string;
	const operation = context.getNodeParameter('operation', 0, '') as string;
	if (resource === CUSTOM_API_CALL || operation === CUSTOM_API_CALL) {
		throw new NodeOperationError(context.getNode(), 'For a custom API call, use the HTTP Request node with the MoEngage credential', {
			description:
				'In the HTTP Request node, set Authentication to "Predefined Credential Type" and Credential Type to "MoEngage API", then enter the full MoEngage URL, e.g. https://api-01.moengage.com/v1/customer/merge?app_id=<Workspace ID>. The credential adds Basic auth with the right key (the Cards key for /v1/cards/ URLs) and the MOE-APPKEY header.',
		});
	}
	const found = (operations as Record<string, Record<string, Operation<unknown>> | undefined>)[resource]?.[operation];
	if (!found) {
		throw new NodeOperationError(context.getNode(), `The operation "${operation}" of "${resource}" is not supported`);
	}
	return found;
}

/**
 * Validates every item, then lets the operation send what passed. Output and failures follow
 * the run semantics in ItemRun.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const operation = operationFor(this);
	const run = new ItemRun(this);

	const requests: Array<ItemRequest<unknown>> = [];
	const reader = readingOnce(this);
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			requests.push({ itemIndex, params: operation.readItem.call(reader, itemIndex) });
		} catch (error) {
			run.fail(itemIndex, error);
		}
	}

	// Nothing is sent when an item is invalid and the run stops on failure.
	if (requests.length > 0 && !run.stopped) {
		let client;
		try {
			client = await createMoEngageClient.call(this, readRequestSettings(this, operation.endpoint), run.control);
		} catch (error) {
			run.failRemaining(items.length, error);
		}
		if (client) {
			await operation.execute.call(this, client, requests, run);
			client.reportHints();
		}
	}

	return [run.finish(items.length)];
}
