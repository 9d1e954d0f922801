import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readChoice, readRequiredText } from './parameters';
import { checkQuerySize } from './requestSize';
import { IDENTIFY_USER_BY_LABEL, USER_ID_LABEL } from './userIdFields';

/**
 * How the v5 subscription APIs name a user (subscription-categories-v5.yaml): `user_identifier_type`
 * uid (the profile's ID field, the Customer ID), email, or moe_user_id (with or without `usr_`).
 */
export const SUBSCRIBER_ID_TYPE = { name: 'subscriberIdType', label: IDENTIFY_USER_BY_LABEL };
export const SUBSCRIBER_ID = { name: 'subscriberId', label: USER_ID_LABEL };
export const CHANNEL = { name: 'channel', label: 'Channel' };

const ID_TYPES = ['uid', 'email', 'moe_user_id'] as const;
export const CHANNELS = ['email', 'sms'] as const;

export interface Subscriber {
	user_identifier_type: (typeof ID_TYPES)[number];
	user_identifier_value: string;
}

export const subscriberFields: INodeProperties[] = [
	{
		displayName: SUBSCRIBER_ID_TYPE.label,
		name: SUBSCRIBER_ID_TYPE.name,
		type: 'options',
		default: 'uid',
		options: [
			{ name: 'Customer ID', value: 'uid', description: 'The ID field of the user profile, e.g. the CRM ID' },
			{ name: 'Email', value: 'email', description: "The user's email address; MoEngage refuses it (409) when several profiles share it, unless email-based unsubscribe is on" },
			{ name: 'MoEngage ID', value: 'moe_user_id', description: 'The ID MoEngage gave the user, with or without its usr_ prefix' },
		],
	},
	{
		displayName: SUBSCRIBER_ID.label,
		name: SUBSCRIBER_ID.name,
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. u-1001',
		description: 'The Customer ID, email or MoEngage ID of the user, as chosen in Identify User By',
	},
];

export function readSubscriber(context: IExecuteFunctions, itemIndex: number): Subscriber {
	return {
		user_identifier_type: readChoice(context, SUBSCRIBER_ID_TYPE, itemIndex, ID_TYPES),
		user_identifier_value: readRequiredText(context, SUBSCRIBER_ID, itemIndex),
	};
}

/** The query that reads a subscriber's preferences (of one channel, or all when undefined). */
export function preferencesQuery(subscriber: Subscriber, channel?: string): Record<string, string> {
	return { ...subscriber, ...(channel ? { channel } : {}) };
}

/** Refuses a User ID too long to read the user's preferences with (it goes in the URL). */
export function checkPreferencesQuery(context: IExecuteFunctions, itemIndex: number, subscriber: Subscriber, channel?: string): void {
	checkQuerySize(context, itemIndex, preferencesQuery(subscriber, channel), [{ field: SUBSCRIBER_ID, value: subscriber.user_identifier_value }]);
}

/** Requests for one user go out one after the other (see inUserOrder). */
export const subscriberKey = ({ subscriber }: { subscriber: Subscriber }) => `${subscriber.user_identifier_type}:${subscriber.user_identifier_value}`;
