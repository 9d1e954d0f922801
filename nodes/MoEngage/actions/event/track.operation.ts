import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { defineOperation } from '../operation';
import { sendInBulkOption } from '../bulkImport';
import type { AttributeFields } from '../../helpers/attributes';
import { attributeField, attributeFields, readAttributes } from '../../helpers/attributes';
import { echoIdentity, identityField, identityValue, readUserIdentity, userIdentityFields, type UserIdentity } from '../../helpers/userIdentity';
import { forwardedForOption, readForwardedForHeader } from '../../helpers/forwardedFor';
import { fieldError, readOptionalText, readRequiredText } from '../../helpers/parameters';
import { operationOptions } from '../../helpers/requestSettings';
import { checkBodySize } from '../../helpers/requestSize';
import { readDateTime } from '../../helpers/time';
import type { Clock } from '../../run/clock';
import { ENDPOINTS } from '../../transport/api';
import { userWrite } from '../userWrite';

export const EVENT_NAME = { name: 'eventName', label: 'Event Name' };
export const EVENT_ATTRIBUTES: AttributeFields = {
	input: { name: 'eventAttributesInput', label: 'Specify Event Attributes' },
	rows: { name: 'eventAttributes', label: 'Event Attributes' },
	json: { name: 'eventAttributesJson', label: 'Event Attributes (JSON)' },
};
export const PLATFORM = { name: 'platform', label: 'Platform' };
export const APP_VERSION = { name: 'appVersion', label: 'App Version' };
export const EVENT_TIME = { name: 'eventTime', label: 'Event Time' };
export const TIMEZONE_OFFSET = { name: 'userTimezoneOffset', label: 'User Time Zone Offset (Seconds)' };

/** MoEngage's own spelling of each platform an event can come from. */
export const EVENT_PLATFORMS = ['ANDROID', 'iOS', 'TV', 'web', 'unknown'] as const;
/** MoEngage takes offsets from −15 h to +15 h. */
export const MAX_TIMEZONE_OFFSET = 54000;

const properties: INodeProperties[] = [
	...userIdentityFields('The ID field of the user who did it. MoEngage creates the user when no profile has this ID.'),
	{
		displayName: EVENT_NAME.label,
		name: EVENT_NAME.name,
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. Order Placed',
		description: 'The name of the event, as campaigns and segments will see it',
	},
	...attributeFields(EVENT_ATTRIBUTES, 'Attributes of the event'),
	...operationOptions(ENDPOINTS.trackEvent, { perItem: true }, [
		{
			displayName: APP_VERSION.label,
			name: APP_VERSION.name,
			type: 'string',
			default: '',
			placeholder: 'e.g. 1.2.3',
			description: 'Version of the app the event came from',
		},
		{
			displayName: EVENT_TIME.label,
			name: EVENT_TIME.name,
			type: 'dateTime',
			default: '',
			description:
				'When the event happened (sent as current_time, in UTC). MoEngage uses the time it receives the event when empty, and refuses times in the future.',
		},
		{
			displayName: PLATFORM.label,
			name: PLATFORM.name,
			type: 'options',
			default: 'unknown',
			description:
				'Where the event happened. A wrong platform confuses platform-level campaigns (push, in-app): leave Unknown when unsure.',
			options: [
				{ name: 'Android', value: 'ANDROID' },
				{ name: 'iOS', value: 'iOS' },
				{ name: 'TV', value: 'TV' },
				{ name: 'Unknown', value: 'unknown' },
				{ name: 'Web', value: 'web' },
			],
		},
		{
			displayName: TIMEZONE_OFFSET.label,
			name: TIMEZONE_OFFSET.name,
			type: 'number',
			default: 0,
			typeOptions: { minValue: -54000, maxValue: 54000 },
			description: "The user's offset from UTC in seconds, e.g. 19800 for UTC+05:30, 0 for UTC",
			hint: 'Whole seconds from -54000 to 54000; text such as "19800" from an expression works too',
		},
		forwardedForOption('IP address of the client the event comes from, sent as the X-Forwarded-For header'),
		sendInBulkOption({ items: 'events', endpoint: ENDPOINTS.bulkImportEvents, singleLimit: ENDPOINTS.trackEvent.rateLimit.perMinute }),
	]),
];

export interface TrackEventParams {
	user: UserIdentity;
	/** One entry of MoEngage's `actions` list. */
	action: IDataObject;
	headers?: Record<string, string>;
}

function readPlatform(context: IExecuteFunctions, options: IDataObject, itemIndex: number): string | undefined {
	const text = readOptionalText(context, PLATFORM, itemIndex, options[PLATFORM.name]);
	if (text === undefined) return undefined;
	const platform = EVENT_PLATFORMS.find((candidate) => candidate.toLowerCase() === text.toLowerCase());
	if (!platform) throw fieldError(context, PLATFORM, itemIndex, `has an unknown value "${text}"`, `Allowed values: ${EVENT_PLATFORMS.join(', ')}`);
	return platform;
}

function readTimezoneOffset(context: IExecuteFunctions, options: IDataObject, itemIndex: number): number | undefined {
	const raw = options[TIMEZONE_OFFSET.name];
	if (raw === undefined || raw === null || raw === '') return undefined;
	// Numeric text ("19800") is what a CRM field mapped by expression usually holds.
	const value = typeof raw === 'string' && /^\s*[-+]?\d+\s*$/.test(raw) ? Number(raw) : raw;
	if (typeof value !== 'number' || !Number.isInteger(value) || Math.abs(value) > MAX_TIMEZONE_OFFSET) {
		throw fieldError(context, TIMEZONE_OFFSET, itemIndex, `must be whole seconds from -${MAX_TIMEZONE_OFFSET} to ${MAX_TIMEZONE_OFFSET}`, 'e.g. 19800 for UTC+05:30');
	}
	return value;
}

export function readItem(this: IExecuteFunctions, itemIndex: number, clock: Clock): TrackEventParams {
	const user = readUserIdentity(this, itemIndex);
	const eventName = readRequiredText(this, EVENT_NAME, itemIndex);
	// MoEngage reserves the moe_ prefix for its own events (MOE_EMAIL_HARD_BOUNCE…): a custom event may not take it.
	if (eventName.toLowerCase().startsWith('moe_')) {
		throw fieldError(this, EVENT_NAME, itemIndex, `is "${eventName}", but event names starting with "moe_" are reserved by MoEngage`);
	}
	const action: IDataObject = {
		action: eventName,
		attributes: readAttributes(this, EVENT_ATTRIBUTES, itemIndex),
	};
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const optional: IDataObject = {
		platform: readPlatform(this, options, itemIndex),
		app_version: readOptionalText(this, APP_VERSION, itemIndex, options[APP_VERSION.name]),
		current_time: readDateTime(this, EVENT_TIME, itemIndex, options[EVENT_TIME.name], { notAfterMs: clock.now() }),
		user_timezone_offset: readTimezoneOffset(this, options, itemIndex),
	};
	for (const [key, value] of Object.entries(optional)) if (value !== undefined) action[key] = value;
	const params: TrackEventParams = { user, action, headers: readForwardedForHeader(this, itemIndex) };
	checkBodySize(this, itemIndex, trackEventBody(params), [
		{ field: identityField(user), value: identityValue(user) },
		{ field: EVENT_NAME, value: action.action },
		{ field: attributeField(this, EVENT_ATTRIBUTES, itemIndex), value: action.attributes },
		{ field: APP_VERSION, value: action.app_version },
	]);
	return params;
}

/** The Track Event body for one item: sent alone, or as one element of a Bulk Import request. */
// By email or mobile (Identity Resolution), the identifier goes in user_identifiers and there is no customer_id.
const trackEventBody = ({ user, action }: TrackEventParams): IDataObject => ({ type: 'event', ...echoIdentity(user), actions: [action] });
const echo = ({ user, action }: TrackEventParams): IDataObject => ({ ...echoIdentity(user), event: action });
// One event per request: a failed event then fails only its own item.
const sending = userWrite<TrackEventParams>({ endpoint: ENDPOINTS.trackEvent, bulkEndpoint: ENDPOINTS.bulkImportEvents, body: trackEventBody, echo });

export const track = defineOperation<TrackEventParams, 'event', 'track'>({
	resource: 'event',
	operation: 'track',
	picker: { name: 'Track', description: 'Record an event a user did, e.g. an order placed in another system', action: 'Track an event' },
	properties,
	endpoint: ENDPOINTS.trackEvent,
	readItem,
	...sending,
});
