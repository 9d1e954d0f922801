import type { INodeProperties } from 'n8n-workflow';

import type { AttributeFields } from '../../../helpers/attributes';
import { attributeFields } from '../../../helpers/attributes';
import { updateDisplayOptions } from '../../../helpers/displayOptions';
import { operationOptions } from '../../../helpers/requestSettings';
import { ENDPOINTS, INFORM_TRANSACTION_ID_MAX_LENGTH } from '../../../transport/api';

export const IDENTIFY_ALERT_BY = { name: 'identifyAlertBy', label: 'Identify Alert By' };
export const ALERT_ID = { name: 'alertId', label: 'Alert ID' };
export const ALERT_REFERENCE_NAME = { name: 'alertReferenceName', label: 'Alert Reference Name' };
export const ALERT_CUSTOMER_ID = { name: 'customerId', label: 'Customer ID' };
export const CHANNELS = { name: 'channels', label: 'Channels' };
export const PERSONALIZED_ATTRIBUTES: AttributeFields = {
	input: { name: 'personalizedAttributesInput', label: 'Specify Personalized Attributes' },
	rows: { name: 'personalizedAttributes', label: 'Personalized Attributes' },
	json: { name: 'personalizedAttributesJson', label: 'Personalized Attributes (JSON)' },
};
export const TRANSACTION_ID = { name: 'transactionId', label: 'Transaction ID' };

const properties: INodeProperties[] = [
	{
		displayName:
			'Sends an alert built in MoEngage Inform (Inform API Key). MoEngage sends a transaction ID only once in 5 minutes: by default each item gets one from the execution, the run of the node (each round of a loop) and the item, so Retry On Fail does not send it twice.',
		name: 'informNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: IDENTIFY_ALERT_BY.label,
		name: IDENTIFY_ALERT_BY.name,
		type: 'options',
		default: 'alert_id',
		options: [
			{ name: 'Alert ID', value: 'alert_id', description: 'The ID MoEngage shows for the alert (a test alert has its own ID)' },
			{ name: 'Reference Name', value: 'alert_reference_name', description: 'The reference name given to the alert when it was created' },
		],
	},
	{
		displayName: ALERT_ID.label,
		name: ALERT_ID.name,
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 636b77e6e2cf83277195fb60',
		displayOptions: { show: { [IDENTIFY_ALERT_BY.name]: ['alert_id'] } },
	},
	{
		displayName: ALERT_REFERENCE_NAME.label,
		name: ALERT_REFERENCE_NAME.name,
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. order_shipped',
		displayOptions: { show: { [IDENTIFY_ALERT_BY.name]: ['alert_reference_name'] } },
	},
	{
		displayName: ALERT_CUSTOMER_ID.label,
		name: ALERT_CUSTOMER_ID.name,
		type: 'string',
		default: '',
		placeholder: 'e.g. u-1001',
		description: "The ID field of the user the alert is for, so MoEngage records its delivery on the user's profile. Optional.",
	},
	{
		displayName: CHANNELS.label,
		name: CHANNELS.name,
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add channel',
		required: true,
		default: {},
		description: 'Where to send the alert: the channels the alert is configured for in MoEngage, each with its recipient',
		options: [
			{
				name: 'channel',
				displayName: 'Channel',
				values: [
					{
						displayName: 'Channel',
						name: 'channel',
						type: 'options',
						default: 'SMS',
						options: [
							{ name: 'Email', value: 'EMAIL' },
							{ name: 'Push', value: 'PUSH' },
							{ name: 'SMS', value: 'SMS' },
						],
					},
					{
						displayName: 'Recipient',
						name: 'recipient',
						type: 'string',
						default: '',
						placeholder: 'e.g. +15550001, ann@example.com or a push token',
						description: 'The mobile number (SMS), email address (Email) or push token (Push)',
					},
				],
			},
		],
	},
	...attributeFields(PERSONALIZED_ATTRIBUTES, "Values for the alert template's personalization, sent to every channel"),
	...operationOptions(ENDPOINTS.sendAlert, { perItem: true }, [
		{
			displayName: TRANSACTION_ID.label,
			name: TRANSACTION_ID.name,
			type: 'string',
			default: '',
			placeholder: 'e.g. order-1001-shipped',
			description: `Your ID for this alert (up to ${INFORM_TRANSACTION_ID_MAX_LENGTH} characters). MoEngage does not send the same ID twice within 5 minutes. Empty: one made from the execution, the run of the node (each round of a loop) and the item. Map your own (e.g. the order ID) so that a new execution for the same order is not sent twice either.`,
		},
	]),
];

export const description = updateDisplayOptions({ show: { resource: ['inform'], operation: ['sendAlert'] } }, properties);
