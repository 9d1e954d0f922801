import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { fetchPreferences } from './getSubscriptionPreferences.operation';
import { checkBulkItem, sendInBulkField, sendPreferencesInBulk } from './subscriptionPreferencesBulk';
import { readSendInBulk } from '../bulkImport';
import { defineOperation, sendEachItem, type SendingEach } from '../operation';
import type { Field } from '../../helpers/parameters';
import { fieldError, readChoice, readOptionalText } from '../../helpers/parameters';
import { operationOptions } from '../../helpers/requestSettings';
import { checkBodySize } from '../../helpers/requestSize';
import type { Subscriber } from '../../helpers/subscriptionUser';
import { CHANNEL, CHANNELS, checkPreferencesQuery, readSubscriber, SUBSCRIBER_ID, SUBSCRIBER_ID_TYPE, subscriberFields, subscriberKey } from '../../helpers/subscriptionUser';
import { idempotencyKey } from '../../helpers/idempotency';
import { runIndexOf } from '../../run/earlierTries';
import type { MoEngageClient } from '../../transport';
import { ENDPOINTS } from '../../transport/api';

export { idempotencyKey };

export const GLOBAL_UNSUBSCRIBE = { name: 'globalUnsubscribe', label: 'Unsubscribe From All' };
export const CATEGORIES = { name: 'categories', label: 'Categories' };
export const CATEGORY = { name: 'category', label: 'Category' };

const properties: INodeProperties[] = [
	...subscriberFields,
	{
		displayName: CHANNEL.label,
		name: CHANNEL.name,
		type: 'options',
		default: 'email',
		options: [
			{ name: 'Email', value: 'email' },
			{ name: 'SMS', value: 'sms' },
		],
		description: "The channel whose categories change; the other channel's are left as they are",
	},
	{
		displayName: GLOBAL_UNSUBSCRIBE.label,
		name: GLOBAL_UNSUBSCRIBE.name,
		type: 'options',
		default: 'keep',
		options: [
			{ name: 'Clear Unsubscribe From All', value: 'clear', description: 'Lift an earlier unsubscribe from all, so the categories apply again' },
			{
				name: 'Keep As Is',
				value: 'keep',
				description: "Leave the user's unsubscribe-from-all state alone (the node reads it first, since MoEngage needs it in every update)",
			},
			{ name: 'Unsubscribe From All', value: 'unsubscribe', description: 'Unsubscribe the user from every category of the channel; Categories are then ignored' },
		],
	},
	{
		displayName: CATEGORIES.label,
		name: CATEGORIES.name,
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add category',
		default: {},
		description: 'The categories to change; the others stay as they are',
		options: [
			{
				displayName: 'Category',
				name: 'category',
				values: [
					{
						displayName: 'Category Name or ID',
						name: 'name',
						type: 'options',
						typeOptions: { loadOptionsMethod: 'getSubscriptionCategories', loadOptionsDependsOn: [CHANNEL.name] },
						default: '',
						description:
							'The subscription category, from your workspace\'s list. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
					},
					{
						displayName: 'Subscribed',
						name: 'subscribed',
						type: 'boolean',
						default: false,
						description: 'Whether the user gets messages of this category (off: unsubscribe)',
					},
				],
			},
		],
	},
	...operationOptions(ENDPOINTS.updateSubscriptionPreferences, { perItem: true }, [sendInBulkField]),
];

const GLOBAL_CHOICES = ['keep', 'unsubscribe', 'clear'] as const;

export interface UpdatePreferencesParams {
	subscriber: Subscriber;
	channel: (typeof CHANNELS)[number];
	globalUnsubscribe: (typeof GLOBAL_CHOICES)[number];
	/** Category name → subscribed. */
	categories: Record<string, boolean>;
}

function readCategories(context: IExecuteFunctions, itemIndex: number): Record<string, boolean> {
	const rows = ((context.getNodeParameter(CATEGORIES.name, itemIndex, {}) as IDataObject).category ?? []) as IDataObject[];
	const categories = new Map<string, boolean>();
	rows.forEach((row, rowIndex) => {
		const field: Field = { name: 'name', label: `Category ${rowIndex + 1}` };
		const name = readOptionalText(context, field, itemIndex, row.name);
		if (name === undefined) throw fieldError(context, field, itemIndex, 'is empty', 'Choose a category from the list');
		if (categories.has(name)) throw fieldError(context, field, itemIndex, `repeats the category "${name}"`);
		if (typeof row.subscribed !== 'boolean') throw fieldError(context, { name: 'subscribed', label: `Subscribed of category ${rowIndex + 1}` }, itemIndex, 'must be true or false');
		categories.set(name, row.subscribed);
	});
	return Object.fromEntries(categories);
}

export function readItem(this: IExecuteFunctions, itemIndex: number): UpdatePreferencesParams {
	const params: UpdatePreferencesParams = {
		subscriber: readSubscriber(this, itemIndex),
		channel: readChoice(this, CHANNEL, itemIndex, CHANNELS),
		globalUnsubscribe: readChoice(this, GLOBAL_UNSUBSCRIBE, itemIndex, GLOBAL_CHOICES),
		categories: readCategories(this, itemIndex),
	};
	if (params.globalUnsubscribe === 'keep' && Object.keys(params.categories).length === 0) {
		throw fieldError(this, CATEGORIES, itemIndex, 'is empty, so there is nothing to update', 'Add a category, or choose to unsubscribe the user from all');
	}
	if (readSendInBulk(this)) checkBulkItem(this, itemIndex, params, { idType: SUBSCRIBER_ID_TYPE, channel: CHANNEL, global: GLOBAL_UNSUBSCRIBE });
	// "Keep As Is" reads the user's state first, with the User ID in the URL.
	else if (params.globalUnsubscribe === 'keep') checkPreferencesQuery(this, itemIndex, params.subscriber, params.channel);
	checkBodySize(this, itemIndex, updateBody(params, false), [
		{ field: SUBSCRIBER_ID, value: params.subscriber.user_identifier_value },
		{ field: CATEGORIES, value: params.categories },
	]);
	return params;
}

/** The update's body, given the unsubscribe-from-all state to send. */
function updateBody({ subscriber, channel, categories }: UpdatePreferencesParams, globally: boolean): IDataObject {
	const body: IDataObject = { ...subscriber, channel, is_globally_unsubscribed: globally };
	if (Object.keys(categories).length > 0) body.categories = categories;
	return body;
}

/**
 * How "Keep As Is" reads the unsubscribe-from-all flag it must send back. MoEngage needs the flag
 * in every update, and `false` clears an existing unsubscribe from all ("no neutral default",
 * subscription-categories-v5.yaml). Its GET reports the user's "global unsubscribe status" while
 * its PATCH applies the flag to "every category on the channel"; the docs do not say whether the
 * GET's flag is per channel, so it is read with the update's channel filter (the channel's state
 * if MoEngage scopes it so). Only a literal boolean counts as known: guessing `false` could undo
 * an opt-out, so anything else fails the item before it is sent.
 */
const KEEP_AS_IS_READING = { withChannelFilter: true, knownOnlyAsBoolean: true } as const;

async function unsubscribedFromAll(
	this: IExecuteFunctions,
	client: MoEngageClient,
	{ subscriber, channel, globalUnsubscribe }: UpdatePreferencesParams,
	itemIndex: number,
	sentInThisRun: Map<string, boolean>,
): Promise<{ flag: boolean; source: string }> {
	if (globalUnsubscribe !== 'keep') return { flag: globalUnsubscribe === 'unsubscribe', source: 'chosen' };
	const earlier = sentInThisRun.get(`${subscriberKey({ subscriber })}|${channel}`);
	if (earlier !== undefined) return { flag: earlier, source: 'sent by an earlier item of this run' };
	// Cost 2: the read books the write's pace too, so the write does not queue behind other reads.
	const read = (await fetchPreferences(client, subscriber, KEEP_AS_IS_READING.withChannelFilter ? channel : undefined, itemIndex, 2)).is_globally_unsubscribed;
	if (typeof read !== 'boolean' && KEEP_AS_IS_READING.knownOnlyAsBoolean) {
		throw new NodeOperationError(this.getNode(), `Could not read whether ${subscriber.user_identifier_type} "${subscriber.user_identifier_value}" is unsubscribed from all: MoEngage answered ${JSON.stringify(read) ?? 'nothing'} (item ${itemIndex}); nothing was sent`, {
			itemIndex,
			description: 'Keep As Is sends back the state MoEngage reports, and sending false would lift an unsubscribe from all. Choose Unsubscribe From All or Clear Unsubscribe From All explicitly, or try again later.',
		});
	}
	return { flag: read === true, source: 'read from MoEngage' };
}

function updateEach(sentInThisRun = new Map<string, boolean>()): SendingEach<UpdatePreferencesParams>['sendEach'] {
	return async function (client, params, itemIndex) {
		const { subscriber, channel, globalUnsubscribe } = params;
		const { flag, source } = await unsubscribedFromAll.call(this, client, params, itemIndex, sentInThisRun);
		const body = updateBody(params, flag);
		const key = idempotencyKey([this.getExecutionId?.() ?? '', this.getNode().id, String(runIndexOf(this)), String(itemIndex), JSON.stringify(body)]);
		const answer = await client.request(ENDPOINTS.updateSubscriptionPreferences, body, {
			itemIndex,
			subject: `${subscriber.user_identifier_type} "${subscriber.user_identifier_value}"`,
			headers: { 'Idempotency-Key': key },
			// booked by the read ("Keep As Is")
			cost: globalUnsubscribe === 'keep' && source === 'read from MoEngage' ? 0 : 1,
		});
		sentInThisRun.set(`${subscriberKey(params)}|${channel}`, flag);
		const data = typeof answer.data === 'object' && answer.data !== null ? (answer.data as IDataObject) : {};
		return {
			...body,
			// MoEngage ignores categories when the flag is true
			...(flag && body.categories ? { categories_ignored: true } : {}),
			// 202: MoEngage applies the update later; Get Subscription Preferences shows when it has.
			accepted: true,
			message: data.message,
			response_id: answer.response_id,
		};
	};
}

export const updateSubscriptionPreferences = defineOperation<UpdatePreferencesParams, 'user', 'updateSubscriptionPreferences'>({
	resource: 'user',
	operation: 'updateSubscriptionPreferences',
	picker: { name: 'Update Subscription Preferences', description: 'Subscribe a user to or unsubscribe them from subscription categories, e.g. the newsletter', action: 'Update subscription preferences of a user' },
	properties,
	endpoint: ENDPOINTS.updateSubscriptionPreferences,
	readItem,
	sendAll(client, requests, run) {
		if (readSendInBulk(this)) return sendPreferencesInBulk.call(this, client, requests, run);
		return sendEachItem(this, client, requests, run, { sendEach: updateEach(), userOf: subscriberKey });
	},
});
