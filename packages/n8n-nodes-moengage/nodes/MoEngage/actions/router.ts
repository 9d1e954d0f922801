import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { readRequestSettings } from '../helpers/requestSettings';
import { describeItems, ItemRun } from '../run/itemRun';
import { createMoEngageClient } from '../transport';
import type { BulkImport } from './bulkImport';
import { readSendInBulk, sendInBulk } from './bulkImport';
import * as businessEvent from './businessEvent';
import * as campaign from './campaign';
import * as card from './card';
import * as event from './event';
import * as inform from './inform';
import type { MoEngageType } from './node.type';
import type { ItemRequest, Operation } from './operation';
import { readingOnce } from '../run/parameterCache';
import * as segment from './segment';
import * as user from './user';

const operations: { [R in keyof MoEngageType]: Record<MoEngageType[R], Operation<unknown>> } = {
	user: {
		createOrUpdate: user.createOrUpdate,
		get: user.get,
		delete: user.delete,
		merge: user.merge,
		getSubscriptionPreferences: user.getSubscriptionPreferences,
		updateSubscriptionPreferences: user.updateSubscriptionPreferences,
	} as Record<MoEngageType['user'], Operation<unknown>>,
	event: { track: event.track } as Record<MoEngageType['event'], Operation<unknown>>,
	campaign: { getStats: campaign.getStats, search: campaign.search } as Record<MoEngageType['campaign'], Operation<unknown>>,
	card: { delete: card.delete, get: card.get } as Record<MoEngageType['card'], Operation<unknown>>,
	businessEvent: { trigger: businessEvent.trigger } as Record<MoEngageType['businessEvent'], Operation<unknown>>,
	inform: { sendAlert: inform.sendAlert } as Record<MoEngageType['inform'], Operation<unknown>>,
	segment: { addUsers: segment.addUsers, removeUsers: segment.removeUsers } as Record<MoEngageType['segment'], Operation<unknown>>,
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
	const reused: number[] = [];
	const reader = readingOnce(this);
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const earlier = run.reuseEarlierTry(itemIndex);
		if (earlier === 'accepted') reused.push(itemIndex);
		if (earlier) continue;
		try {
			requests.push({ itemIndex, params: operation.readItem.call(reader, itemIndex) });
		} catch (error) {
			run.fail(itemIndex, error);
		}
	}

	// Nothing is sent when an item is invalid and the run stops on failure.
	if (requests.length > 0 && !run.stopped) {
		let client;
		let bulk: BulkImport<unknown> | undefined;
		try {
			bulk = operation.bulk && readSendInBulk(this) ? operation.bulk : undefined;
			client = await createMoEngageClient.call(this, readRequestSettings(this, bulk?.endpoint ?? operation.endpoint), run.control);
		} catch (error) {
			run.failRemaining(items.length, error);
		}
		if (client) {
			if (bulk) await sendInBulk.call(this, bulk, client, requests, run);
			else await operation.execute.call(this, client, requests, run);
			client.reportHints();
		}
	}

	if (reused.length > 0) {
		this.addExecutionHints?.({
			message: `MoEngage: n8n ran the node again (Retry On Fail); ${describeItems(reused)}, already accepted by MoEngage in an earlier try, ${reused.length === 1 ? 'was' : 'were'} not sent again.`,
			location: 'outputPane',
		});
	}

	return [run.finish(items.length)];
}
