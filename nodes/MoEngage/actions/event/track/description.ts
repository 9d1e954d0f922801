import type { INodeProperties } from 'n8n-workflow';

import { sendInBulkOption } from '../../bulkImport';
import type { AttributeFields } from '../../../helpers/attributes';
import { attributeFields } from '../../../helpers/attributes';
import { customerIdField } from '../../../helpers/customerId';
import { updateDisplayOptions } from '../../../helpers/displayOptions';
import { forwardedForOption } from '../../../helpers/forwardedFor';
import { operationOptions } from '../../../helpers/requestSettings';
import { ENDPOINTS } from '../../../transport/api';

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
	customerIdField('The ID field of the user who did it. MoEngage creates the user when no profile has this ID.'),
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

export const description = updateDisplayOptions({ show: { resource: ['event'], operation: ['track'] } }, properties);
