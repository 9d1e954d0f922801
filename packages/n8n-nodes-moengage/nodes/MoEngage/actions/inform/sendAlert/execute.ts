import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { readAttributes } from '../../../helpers/attributes';
import { checkCustomerId } from '../../../helpers/customerId';
import { fieldError, readChoice, readOptionalText, readRequiredText } from '../../../helpers/parameters';
import type { InformChannel } from '../../../transport/api';
import { ENDPOINTS, INFORM_CHANNELS, INFORM_DUPLICATE_CODE, INFORM_TRANSACTION_ID_MAX_LENGTH } from '../../../transport/api';
import { runIndexOf } from '../../../run/earlierTries';
import { getClock } from '../../../run/clock';
import { isObject, readMoEngageError } from '../../../transport/errors';
import { sendEachItem } from '../../operation';
import {
	ALERT_CUSTOMER_ID,
	ALERT_ID,
	ALERT_REFERENCE_NAME,
	CHANNELS,
	IDENTIFY_ALERT_BY,
	PERSONALIZED_ATTRIBUTES,
	TRANSACTION_ID,
} from './description';

type AlertIdentifier = 'alert_id' | 'alert_reference_name';

export interface SendAlertParams {
	/** The request body: the alert, the user, the transaction and the channel payloads. */
	body: IDataObject & { transaction_id: string };
	identifyBy: AlertIdentifier;
	alert: string;
}

/**
 * 32-bit FNV-1a of the text, as 8 hex digits, from `seed`: a short, stable tag (not a secret;
 * community nodes may not import node:crypto).
 */
function fnv1a(text: string, seed = 0x811c9dc5): string {
	let hash = seed;
	for (const unit of Buffer.from(text, 'utf8')) hash = Math.imul(hash ^ unit, 0x01000193) >>> 0;
	return hash.toString(16).padStart(8, '0');
}

/** 16 hex digits: two FNV-1a hashes with different seeds. */
const tag16 = (text: string) => fnv1a(text) + fnv1a(text, 0x050c5d1f);

/**
 * The transaction ID of an item without one of its own: the same for every attempt at this item
 * in this run of the node (the node's retries, n8n's Retry On Fail), so that MoEngage sends the
 * alert once; another node, run (a loop's next round, another AI tool call) or item, or another
 * execution, gets another one. A long execution ID is shortened to a tag, so that the ID stays
 * within Inform's 50 characters.
 */
export function defaultTransactionId(executionId: string, nodeId: string, runIndex: number, itemIndex: number): string {
	const readable = `n8n-${executionId}-${fnv1a(nodeId)}-${runIndex}-${itemIndex}`;
	return readable.length <= INFORM_TRANSACTION_ID_MAX_LENGTH ? readable : `n8n-${tag16(executionId)}-${fnv1a(nodeId)}-${runIndex}-${itemIndex}`;
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
		throw fieldError(context, CHANNELS, itemIndex, 'is empty', 'Add at least one channel (SMS, Email or Push) with its recipient');
	}
	return payloads;
}

function readTransactionId(context: IExecuteFunctions, itemIndex: number): string {
	const options = context.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const own = readOptionalText(context, TRANSACTION_ID, itemIndex, options[TRANSACTION_ID.name]);
	if (own === undefined) {
		const node = context.getNode();
		// Without an execution ID, the time at least tells executions apart.
		return defaultTransactionId(context.getExecutionId() || `t${getClock().now()}`, node.id || node.name, runIndexOf(context), itemIndex);
	}
	if (own.length > INFORM_TRANSACTION_ID_MAX_LENGTH) {
		throw fieldError(context, TRANSACTION_ID, itemIndex, `has ${own.length} characters, more than the ${INFORM_TRANSACTION_ID_MAX_LENGTH} MoEngage accepts`, 'Use a shorter ID, e.g. the order ID');
	}
	return own;
}

export function readItem(this: IExecuteFunctions, itemIndex: number): SendAlertParams {
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
		transaction_id: readTransactionId(this, itemIndex),
		payloads: payloads as IDataObject,
	};
	if (customerId !== undefined) body.user_id = checkCustomerId(this, ALERT_CUSTOMER_ID, itemIndex, customerId);
	return { body, identifyBy, alert };
}

/** Inform's 409 for a transaction ID it had in the last 5 minutes: the alert went out before, not now. */
function alreadySent(statusCode: number, answer: unknown): IDataObject | undefined {
	if (statusCode !== 409 || readMoEngageError(answer, statusCode).code !== INFORM_DUPLICATE_CODE) return undefined;
	return { already_sent: true, message: isObject(answer) ? answer.message : undefined };
}

// One alert per request; items with the same transaction ID go one after the other, so the
// second is answered as a duplicate.
export const execute = sendEachItem<SendAlertParams>(async function (client, params, itemIndex) {
	const { body, identifyBy, alert } = params;
	const answer = await client.request(ENDPOINTS.sendAlert, body, {
		itemIndex,
		subject: `transaction_id "${body.transaction_id}"`,
		outcomeOf: alreadySent,
	});
	const already_sent = answer.already_sent === true;
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
}, (params) => params.body.transaction_id);
