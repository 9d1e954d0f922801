import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { defineOperation } from '../operation';
import { readChoice } from '../../helpers/parameters';
import { operationOptions } from '../../helpers/requestSettings';
import type { Subscriber } from '../../helpers/subscriptionUser';
import { CHANNEL, CHANNELS, checkPreferencesQuery, preferencesQuery, readSubscriber, subscriberFields, subscriberKey } from '../../helpers/subscriptionUser';
import type { MoEngageClient } from '../../transport';
import { ENDPOINTS } from '../../transport/api';

const properties: INodeProperties[] = [
	...subscriberFields,
	{
		displayName: CHANNEL.label,
		name: CHANNEL.name,
		type: 'options',
		default: '',
		options: [
			{ name: 'All Channels', value: '' },
			{ name: 'Email', value: 'email' },
			{ name: 'SMS', value: 'sms' },
		],
		description: 'Only the categories of this channel',
	},
	...operationOptions(ENDPOINTS.getSubscriptionPreferences, { perItem: true }),
];

export interface GetPreferencesParams {
	subscriber: Subscriber;
	/** Undefined: every channel. */
	channel?: (typeof CHANNELS)[number];
}

export function readItem(this: IExecuteFunctions, itemIndex: number): GetPreferencesParams {
	const channel = readChoice(this, CHANNEL, itemIndex, ['', ...CHANNELS]);
	const params: GetPreferencesParams = { subscriber: readSubscriber(this, itemIndex), channel: channel === '' ? undefined : channel };
	checkPreferencesQuery(this, itemIndex, params.subscriber, params.channel);
	return params;
}

/** The user's preferences as MoEngage holds them: `{user_id, is_globally_unsubscribed, categories}`. */
/** Reads a user's preferences; `cost` books pace for requests that must follow at once (see Update's "Keep As Is"). */
export async function fetchPreferences(client: MoEngageClient, subscriber: Subscriber, channel: string | undefined, itemIndex: number, cost = 1): Promise<IDataObject> {
	const answer = await client.request(
		ENDPOINTS.getSubscriptionPreferences,
		{},
		{
			itemIndex,
			subject: `${subscriber.user_identifier_type} "${subscriber.user_identifier_value}"`,
			query: preferencesQuery(subscriber, channel),
			cost,
		},
	);
	return typeof answer.data === 'object' && answer.data !== null ? (answer.data as IDataObject) : {};
}

async function sendEach(this: IExecuteFunctions, client: MoEngageClient, { subscriber, channel }: GetPreferencesParams, itemIndex: number): Promise<IDataObject> {
	return { ...subscriber, ...(await fetchPreferences(client, subscriber, channel, itemIndex)) };
}

export const getSubscriptionPreferences = defineOperation<GetPreferencesParams, 'user', 'getSubscriptionPreferences'>({
	resource: 'user',
	operation: 'getSubscriptionPreferences',
	picker: { name: 'Get Subscription Preferences', description: "Get which subscription categories a user is subscribed to, and whether they unsubscribed from all", action: 'Get subscription preferences of a user' },
	properties,
	endpoint: ENDPOINTS.getSubscriptionPreferences,
	readItem,
	sendEach,
	userOf: subscriberKey,
});
