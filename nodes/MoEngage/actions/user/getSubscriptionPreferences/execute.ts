import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { readChoice } from '../../../helpers/parameters';
import type { Subscriber } from '../../../helpers/subscriptionUser';
import { CHANNEL, CHANNELS, readSubscriber, subscriberKey } from '../../../helpers/subscriptionUser';
import type { MoEngageClient } from '../../../transport';
import { ENDPOINTS } from '../../../transport/api';
import { sendEachItem } from '../../operation';

export interface GetPreferencesParams {
	subscriber: Subscriber;
	/** Undefined: every channel. */
	channel?: (typeof CHANNELS)[number];
}

export function readItem(this: IExecuteFunctions, itemIndex: number): GetPreferencesParams {
	const channel = readChoice(this, CHANNEL, itemIndex, ['', ...CHANNELS]);
	return { subscriber: readSubscriber(this, itemIndex), channel: channel === '' ? undefined : channel };
}

/** The user's preferences as MoEngage holds them: `{user_id, is_globally_unsubscribed, categories}`. */
export async function fetchPreferences(client: MoEngageClient, subscriber: Subscriber, channel: string | undefined, itemIndex: number): Promise<IDataObject> {
	const answer = await client.request(
		ENDPOINTS.getSubscriptionPreferences,
		{},
		{
			itemIndex,
			subject: `${subscriber.user_identifier_type} "${subscriber.user_identifier_value}"`,
			query: { ...subscriber, ...(channel ? { channel } : {}) },
		},
	);
	return typeof answer.data === 'object' && answer.data !== null ? (answer.data as IDataObject) : {};
}

export const execute = sendEachItem<GetPreferencesParams>(async function (client, { subscriber, channel }, itemIndex) {
	return { ...subscriber, ...(await fetchPreferences(client, subscriber, channel, itemIndex)) };
}, subscriberKey);
