import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ItemRequest } from '../operation';
import type { Field } from '../../helpers/parameters';
import { fieldError } from '../../helpers/parameters';
import type { Subscriber } from '../../helpers/subscriptionUser';
import type { ItemRun } from '../../run/itemRun';
import { describeItems } from '../../run/itemRun';
import { inParallel } from '../../run/schedule';
import type { MoEngageClient } from '../../transport';
import { ENDPOINTS, SUBSCRIPTION_BULK_MAX_USERS } from '../../transport/api';

/**
 * Update Subscription Preferences with Send in Bulk: MoEngage's v1 Bulk Update Subscription
 * Preferences (POST /v1/category-subscription/user-preferences), 50 users a request instead of
 * one, at the same 100 requests a minute: a nightly CRM sync of 10,000 users takes 200 requests
 * (2 minutes at MoEngage's pace) instead of 10,000 (100 minutes). It takes email categories of
 * users named by customer ID, and an explicit unsubscribe-all flag in every entry.
 */
export const SEND_IN_BULK: Field = { name: 'sendInBulk', label: 'Send in Bulk' };

export const sendInBulkField: INodeProperties = {
	displayName: SEND_IN_BULK.label,
	name: SEND_IN_BULK.name,
	type: 'boolean',
	default: false,
	description: `Whether to send up to ${SUBSCRIPTION_BULK_MAX_USERS} users a request through MoEngage's bulk preferences API (${SUBSCRIPTION_BULK_MAX_USERS}× fewer requests at its 100 a minute). Only for the Email channel, users identified by Customer ID, and Unsubscribe From All set to Unsubscribe From All or Clear Unsubscribe From All (this API needs the flag in every entry and cannot read it). MoEngage answers one message for each request and reports no user it skips. Applies to the whole run (read from the first item).`,
};

export interface BulkPreferences {
	subscriber: Subscriber;
	channel: string;
	globalUnsubscribe: string;
	categories: Record<string, boolean>;
}

/** Refuses, before anything is sent, an item the bulk API cannot carry. */
export function checkBulkItem(context: IExecuteFunctions, itemIndex: number, params: BulkPreferences, fields: { idType: Field; channel: Field; global: Field }): void {
	const why = 'MoEngage\'s bulk preferences API takes only email categories of users named by customer ID, with an explicit unsubscribe-from-all flag. Turn off Send in Bulk to update the others one by one.';
	if (params.subscriber.user_identifier_type !== 'uid') throw fieldError(context, fields.idType, itemIndex, 'must be Customer ID with Send in Bulk', why);
	if (params.channel !== 'email') throw fieldError(context, fields.channel, itemIndex, 'must be Email with Send in Bulk', why);
	if (params.globalUnsubscribe === 'keep') throw fieldError(context, fields.global, itemIndex, 'cannot be Keep As Is with Send in Bulk', why);
}

const entryOf = ({ subscriber, globalUnsubscribe, categories }: BulkPreferences): IDataObject => ({
	customer_id: subscriber.user_identifier_value,
	categories,
	unsubscribe_all: globalUnsubscribe === 'unsubscribe',
});

/**
 * Batches of up to 50 items in input order; a user's later item goes to a later batch, so that
 * its updates apply in input order whatever order MoEngage applies one batch's entries in.
 */
export function bulkBatches<Params extends BulkPreferences>(requests: Array<ItemRequest<Params>>): Array<Array<ItemRequest<Params>>> {
	const batches: Array<{ items: Array<ItemRequest<Params>> }> = [];
	const lastBatchOf = new Map<string, number>();
	for (const request of requests) {
		const user = request.params.subscriber.user_identifier_value;
		const earliest = (lastBatchOf.get(user) ?? -1) + 1;
		let index = batches.findIndex((batch, at) => at >= earliest && batch.items.length < SUBSCRIPTION_BULK_MAX_USERS);
		if (index === -1) index = batches.push({ items: [] }) - 1;
		batches[index].items.push(request);
		lastBatchOf.set(user, index);
	}
	return batches.map(({ items }) => items);
}

/** One request per batch, one after another (a user's batches in order); each item gets its batch's answer. */
export async function sendPreferencesInBulk<Params extends BulkPreferences>(
	this: IExecuteFunctions,
	client: MoEngageClient,
	requests: Array<ItemRequest<Params>>,
	run: ItemRun,
): Promise<void> {
	const batches = bulkBatches(requests);
	// One at a time keeps a user's batches in order; the pace (100 a minute) is the bound anyway.
	await inParallel(batches.length, 1, async (index) => {
		const batch = batches[index];
		const itemIndexes = batch.map(({ itemIndex }) => itemIndex);
		try {
			const answer = await client.request(
				ENDPOINTS.bulkUpdateSubscriptionPreferences,
				{ channel: 'email', user_preferences: batch.map(({ params }) => entryOf(params)) },
				{ itemIndex: itemIndexes[0], subject: describeItems(itemIndexes), batch: true },
			);
			for (const { itemIndex, params } of batch) {
				run.succeed(itemIndex, { ...entryOf(params), channel: 'email', accepted: true, message: answer.message, users_in_request: batch.length });
			}
		} catch (error) {
			for (const itemIndex of itemIndexes) run.fail(itemIndex, error);
		}
	});
}
