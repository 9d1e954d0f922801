import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { defaultTransactionId } from './transactionId';
import { defineOperation, type ItemRequest, sendEachItem, type SendingEach } from '../operation';
import { describeItems, type ItemRun } from '../../run/itemRun';
import type { AttributeFields } from '../../helpers/attributes';
import { attributeField, attributeFields, readAttributes } from '../../helpers/attributes';
import { checkCustomerId } from '../../helpers/customerId';
import { fieldError, readChoice, readOptionalText, readRequiredText } from '../../helpers/parameters';
import { operationOptions } from '../../helpers/requestSettings';
import { checkBodySize } from '../../helpers/requestSize';
import { runIndexOf } from '../../run/earlierTries';
import type { InformChannel } from '../../transport/api';
import { ENDPOINTS, INFORM_CHANNELS, INFORM_DUPLICATE_CODE, INFORM_TRANSACTION_ID_MAX_LENGTH } from '../../transport/api';
import type { Clock } from '../../run/clock';
import { isObject, readMoEngageError } from '../../transport/errors';

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
							{ name: 'RCS', value: 'RCS' },
							{ name: 'SMS', value: 'SMS' },
							{ name: 'WhatsApp', value: 'WHATSAPP' },
						],
					},
					{
						displayName: 'Recipient',
						name: 'recipient',
						type: 'string',
						default: '',
						placeholder: 'e.g. +15550001, ann@example.com or a push token',
						description: 'The mobile number (SMS, RCS, WhatsApp), email address (Email) or push token (Push)',
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
			description: `Your ID for this alert (up to ${INFORM_TRANSACTION_ID_MAX_LENGTH} characters). MoEngage does not send the same ID twice within 5 minutes. Empty: one made from the execution, the run of the node (each round of a loop) and the item. Map your own, one per alert (e.g. the order ID followed by -shipped), so that a new execution for the same order is not sent twice either; items of a run that share an ID but not the alert are refused.`,
		},
	]),
];

type AlertIdentifier = 'alert_id' | 'alert_reference_name';

export { defaultTransactionId };

export interface SendAlertParams {
	/** The request body: the alert, the user, the transaction and the channel payloads. */
	body: IDataObject & { transaction_id: string };
	identifyBy: AlertIdentifier;
	/** Whether the transaction ID is the user's own: a default one (execution, node, run, item) is only ever this item's. */
	ownTransactionId: boolean;
	alert: string;
}

function readChannels(context: IExecuteFunctions, itemIndex: number): Partial<Record<InformChannel, { recipient: string }>> {
	const value = context.getNodeParameter(CHANNELS.name, itemIndex, {}) as { channel?: unknown };
	const rows = Array.isArray(value?.channel) ? (value.channel as Array<{ channel?: unknown; recipient?: unknown }>) : [];
	const payloads: Partial<Record<InformChannel, { recipient: string }>> = {};
	for (const row of rows) {
		const channel = INFORM_CHANNELS.find((candidate) => candidate === String(row.channel ?? '').toUpperCase());
		if (!channel) {
			throw fieldError(context, CHANNELS, itemIndex, `has an unknown channel "${String(row.channel)}"`, `Allowed channels: ${INFORM_CHANNELS.join(', ')}`);
		}
		if (payloads[channel]) throw fieldError(context, CHANNELS, itemIndex, `lists ${channel} twice`, 'Give each channel once, with its recipient');
		const recipient = readOptionalText(context, { name: 'recipient', label: `${CHANNELS.label} › ${channel} › Recipient` }, itemIndex, row.recipient);
		if (recipient === undefined) {
			throw fieldError(context, CHANNELS, itemIndex, `has no recipient for ${channel}`, 'Enter the mobile number, email address or push token, or map one, e.g. {{ $json.email }}');
		}
		payloads[channel] = { recipient };
	}
	if (Object.keys(payloads).length === 0) {
		throw fieldError(context, CHANNELS, itemIndex, 'is empty', 'Add at least one channel (SMS, Email, Push, RCS or WhatsApp) with its recipient');
	}
	return payloads;
}

function readOwnTransactionId(context: IExecuteFunctions, itemIndex: number): string | undefined {
	const options = context.getNodeParameter('options', itemIndex, {}) as IDataObject;
	return readOptionalText(context, TRANSACTION_ID, itemIndex, options[TRANSACTION_ID.name]);
}

function readTransactionId(context: IExecuteFunctions, itemIndex: number, clock: Clock): string {
	const own = readOwnTransactionId(context, itemIndex);
	if (own === undefined) {
		const node = context.getNode();
		// Without an execution ID, the time at least tells executions apart.
		return defaultTransactionId(context.getExecutionId() || `t${clock.now()}`, node.id || node.name, runIndexOf(context), itemIndex);
	}
	if (own.length > INFORM_TRANSACTION_ID_MAX_LENGTH) {
		throw fieldError(context, TRANSACTION_ID, itemIndex, `has ${own.length} characters, more than the ${INFORM_TRANSACTION_ID_MAX_LENGTH} MoEngage accepts`, 'Use a shorter ID, e.g. the order ID');
	}
	return own;
}

export function readItem(this: IExecuteFunctions, itemIndex: number, clock: Clock): SendAlertParams {
	const identifyBy = readChoice(this, IDENTIFY_ALERT_BY, itemIndex, ['alert_id', 'alert_reference_name'] as const);
	const alert = readRequiredText(this, identifyBy === 'alert_id' ? ALERT_ID : ALERT_REFERENCE_NAME, itemIndex);
	const customerId = readOptionalText(this, ALERT_CUSTOMER_ID, itemIndex);
	const payloads = readChannels(this, itemIndex);
	const personalized = readAttributes(this, PERSONALIZED_ATTRIBUTES, itemIndex);
	for (const payload of Object.values(payloads) as IDataObject[]) {
		if (Object.keys(personalized).length > 0) payload.personalized_attributes = personalized;
	}
	const body: SendAlertParams['body'] = {
		[identifyBy]: alert,
		transaction_id: readTransactionId(this, itemIndex, clock),
		payloads: payloads as IDataObject,
	};
	if (customerId !== undefined) body.user_id = checkCustomerId(this, ALERT_CUSTOMER_ID, itemIndex, customerId);
	checkBodySize(this, itemIndex, body, [
		{ field: identifyBy === 'alert_id' ? ALERT_ID : ALERT_REFERENCE_NAME, value: alert },
		{ field: ALERT_CUSTOMER_ID, value: customerId },
		{ field: CHANNELS, value: Object.values(payloads).map((payload) => payload?.recipient) },
		// Sent once per channel.
		{ field: attributeField(this, PERSONALIZED_ATTRIBUTES, itemIndex), value: Object.values(payloads).map(() => personalized) },
		{ field: TRANSACTION_ID, value: body.transaction_id },
	]);
	return { body, identifyBy, alert, ownTransactionId: readOwnTransactionId(this, itemIndex) !== undefined };
}

/**
 * Inform's 409 for a transaction ID it had in the last 5 minutes "of a previously successful or
 * in-progress request": the alert went out before, not now. With the user's own ID that is this
 * alert only when an earlier attempt or try of this very request may have been carried out
 * (`sentBefore`), or an earlier item of the run sent the same body under the ID; otherwise the ID
 * was another alert's.
 */
function duplicateOf(statusCode: number, answer: unknown, sentBefore: boolean): IDataObject | undefined {
	if (statusCode !== 409 || readMoEngageError(answer, statusCode).code !== INFORM_DUPLICATE_CODE) return undefined;
	return { duplicate: true, sent_before: sentBefore, message: isObject(answer) ? answer.message : undefined };
}

/** Channels whose status in a 200 carries an error code (inform.yaml ChannelStatus): not sent there. */
function failedChannels(answer: IDataObject): string[] {
	return INFORM_CHANNELS.filter((channel) => {
		const status = answer[channel];
		return isObject(status) && status.err_code !== undefined;
	}).map((channel) => {
		const status = answer[channel] as IDataObject;
		return `${channel}: ${String(status.message ?? status.err_code)}`;
	});
}

/**
 * Items of one run that share a transaction ID but not the alert: MoEngage would send only the
 * first and answer 409 to the others, so none of them is sent and each says why.
 */
function refuseSharedTransactionIds(context: IExecuteFunctions, requests: Array<ItemRequest<SendAlertParams>>, run: ItemRun): Array<ItemRequest<SendAlertParams>> {
	const byId = new Map<string, Array<ItemRequest<SendAlertParams>>>();
	for (const request of requests) byId.set(request.params.body.transaction_id, [...(byId.get(request.params.body.transaction_id) ?? []), request]);
	const refused = new Set<number>();
	for (const [id, group] of byId) {
		if (new Set(group.map(({ params }) => JSON.stringify(params.body))).size === 1) continue;
		for (const { itemIndex } of group) {
			const others = group.filter((other) => other.itemIndex !== itemIndex).map((other) => other.itemIndex);
			run.fail(
				itemIndex,
				fieldError(context, TRANSACTION_ID, itemIndex, `is "${id}", as for ${describeItems(others)} with another alert or recipient: nothing was sent`, 'MoEngage sends a transaction ID only once in 5 minutes. Give each alert its own, e.g. {{ $json.orderId }}-shipped'),
			);
			refused.add(itemIndex);
		}
	}
	return requests.filter(({ itemIndex }) => !refused.has(itemIndex));
}

// One alert per request; items with the same transaction ID (and alert) go one after the other,
// so the second is answered as a duplicate of the first.
function sendEachAlert(sentInThisRun = new Map<string, string>()): SendingEach<SendAlertParams>['sendEach'] {
	return async function (client, { body, identifyBy, alert, ownTransactionId }, itemIndex) {
		const answer = await client.request(ENDPOINTS.sendAlert, body, { itemIndex, subject: `transaction_id "${body.transaction_id}"`, outcomeOf: duplicateOf });
		const sameAsEarlierItem = sentInThisRun.get(body.transaction_id) === JSON.stringify(body);
		// A default transaction ID is made from this execution, node, run and item: a 409 for it is this alert.
		if (answer.duplicate === true && ownTransactionId && answer.sent_before !== true && !sameAsEarlierItem) {
			throw new NodeOperationError(this.getNode(), `MoEngage already had transaction ID "${body.transaction_id}" in the last 5 minutes, from another alert or execution: this alert was not sent (item ${itemIndex})`, {
				itemIndex,
				description: 'MoEngage sends a transaction ID only once in 5 minutes. Give each alert its own, e.g. {{ $json.orderId }}-shipped, or leave Transaction ID empty.',
			});
		}
		const failed = answer.duplicate === true ? [] : failedChannels(answer);
		if (failed.length > 0) {
			throw new NodeOperationError(this.getNode(), `MoEngage did not send the alert on ${failed.length === 1 ? 'one channel' : 'some channels'}: ${failed.join('; ')} (item ${itemIndex})`, {
				itemIndex,
				description: `Transaction ID "${body.transaction_id}". The other channels' statuses: ${JSON.stringify(Object.fromEntries(INFORM_CHANNELS.filter((channel) => isObject(answer[channel])).map((channel) => [channel, answer[channel]])))}`,
			});
		}
		if (answer.duplicate !== true) sentInThisRun.set(body.transaction_id, JSON.stringify(body));
		const already_sent = answer.duplicate === true;
		const json: IDataObject = {
			status: already_sent ? 'already sent' : 'sent',
			already_sent,
			[identifyBy]: alert,
			transaction_id: body.transaction_id,
			...(body.user_id !== undefined ? { customer_id: body.user_id } : {}),
			channels: Object.keys(body.payloads as IDataObject),
			message: answer.message,
		};
		if (answer.request_id !== undefined) json.request_id = answer.request_id;
		// MoEngage adds each channel's status when the workspace has it enabled.
		for (const channel of INFORM_CHANNELS) if (isObject(answer[channel])) json[channel] = answer[channel];
		return json;
	};
}

export const sendAlert = defineOperation<SendAlertParams, 'inform', 'sendAlert'>({
	resource: 'inform',
	operation: 'sendAlert',
	picker: { name: 'Send Alert', description: 'Send a transactional SMS, email or push (e.g. order shipped) through an alert built in MoEngage Inform', action: 'Send a transactional alert' },
	properties,
	endpoint: ENDPOINTS.sendAlert,
	readItem,
	async sendAll(client, requests, run) {
		const sendable = refuseSharedTransactionIds(this, requests, run);
		await sendEachItem(this, client, sendable, run, { sendEach: sendEachAlert(), userOf: (params) => params.body.transaction_id });
	},
});
