import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { defineOperation } from '../operation';
import type { AttributeFields } from '../../helpers/attributes';
import { attributeField, attributeFields, readAttributes } from '../../helpers/attributes';
import { campaignField, readCampaignId, SEARCH_API_TRIGGERED_CAMPAIGNS_METHOD } from '../../helpers/campaignLocator';
import { idempotencyKey } from '../../helpers/idempotency';
import { fieldError, readChoice, readOptionalText, readRequiredText } from '../../helpers/parameters';
import { operationOptions } from '../../helpers/requestSettings';
import { checkBodySize } from '../../helpers/requestSize';
import { runIndexOf } from '../../run/earlierTries';
import type { MessagingIdentifierType } from '../../transport/api';
import { ENDPOINTS, MESSAGING_IDENTIFIER_TYPES, MESSAGING_RECIPIENTS_PER_REQUEST } from '../../transport/api';

export const RECIPIENT_TYPE = { name: 'recipientType', label: 'Identify Recipient By' };
export const RECIPIENT = { name: 'recipient', label: 'Recipient' };
export const MESSAGE_ATTRIBUTES: AttributeFields = {
	input: { name: 'personalizedAttributesInput', label: 'Specify Personalized Attributes' },
	rows: { name: 'personalizedAttributes', label: 'Personalized Attributes' },
	json: { name: 'personalizedAttributesJson', label: 'Personalized Attributes (JSON)' },
};
export const LOCALE = { name: 'localeName', label: 'Locale' };

const properties: INodeProperties[] = [
	{
		displayName:
			`Sends the email of a published API-triggered campaign (MoEngage's Messaging API, early access; Campaign API Key with the Campaigns permission) to one recipient per item (MoEngage's overview allows ${MESSAGING_RECIPIENTS_PER_REQUEST} a request). MoEngage answers that it queued the message, not that it was delivered: a recipient that matches no user is dropped later without an error.`,
		name: 'sendMessageNotice',
		type: 'notice',
		default: '',
	},
	campaignField(
		'The published API-triggered email campaign (a Messaging API shell) to send. The list shows the active API-triggered email campaigns.',
		SEARCH_API_TRIGGERED_CAMPAIGNS_METHOD,
	),
	{
		displayName: RECIPIENT_TYPE.label,
		name: RECIPIENT_TYPE.name,
		type: 'options',
		default: 'ID',
		options: [
			{ name: 'Customer ID', value: 'ID', description: "The user's ID field (customer_id)" },
			{ name: 'MoEngage ID', value: 'MOENGAGE_ID', description: 'The ID MoEngage gave the user' },
		],
	},
	{
		displayName: RECIPIENT.label,
		name: RECIPIENT.name,
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. u-1001',
		description: 'The user to send the email to, exactly as the profile stores it (MoEngage compares case-sensitively)',
	},
	...attributeFields(MESSAGE_ATTRIBUTES, "Values for the campaign's placeholders (text or numbers)"),
	...operationOptions(ENDPOINTS.sendMessage, { perItem: true }, [
		{
			displayName: LOCALE.label,
			name: LOCALE.name,
			type: 'string',
			default: '',
			placeholder: 'e.g. en_US',
			description: 'The locale variant of the campaign to send, as named in the campaign. Empty: the default content.',
		},
	]),
];

export interface SendMessageParams {
	campaignId: string;
	body: IDataObject & { identifier_type: MessagingIdentifierType; recipients: string[] };
}

/** The Messaging API takes text or numbers as placeholder values (trigger.yaml `personalized_attributes`). */
function checkPlaceholderValues(context: IExecuteFunctions, itemIndex: number, values: IDataObject): void {
	for (const [name, value] of Object.entries(values)) {
		if (typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value))) continue;
		throw fieldError(
			context,
			attributeField(context, MESSAGE_ATTRIBUTES, itemIndex),
			itemIndex,
			`has "${name}" = ${JSON.stringify(value) ?? String(value)}, which MoEngage does not take`,
			'Placeholder values must be text or numbers, e.g. {{ JSON.stringify($json.items) }} for a list',
		);
	}
}

export function readItem(this: IExecuteFunctions, itemIndex: number): SendMessageParams {
	const campaignId = readCampaignId(this, itemIndex);
	const identifierType = readChoice(this, RECIPIENT_TYPE, itemIndex, MESSAGING_IDENTIFIER_TYPES);
	const recipient = readRequiredText(this, RECIPIENT, itemIndex);
	// One recipient per item and request (MESSAGING_RECIPIENTS_PER_REQUEST says why).
	const recipients = [recipient];
	const personalized = readAttributes(this, MESSAGE_ATTRIBUTES, itemIndex);
	checkPlaceholderValues(this, itemIndex, personalized);
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const locale = readOptionalText(this, LOCALE, itemIndex, options[LOCALE.name]);
	const body: SendMessageParams['body'] = { identifier_type: identifierType, recipients };
	if (Object.keys(personalized).length > 0) body.personalized_attributes = personalized;
	if (locale !== undefined) body.locale_name = locale;
	checkBodySize(this, itemIndex, body, [
		{ field: RECIPIENT, value: recipient },
		{ field: attributeField(this, MESSAGE_ATTRIBUTES, itemIndex), value: personalized },
		{ field: LOCALE, value: locale },
	]);
	return { campaignId, body };
}

export const sendMessage = defineOperation<SendMessageParams, 'campaign', 'sendMessage'>({
	resource: 'campaign',
	operation: 'sendMessage',
	picker: {
		name: 'Send Message',
		description:
			'Send the email of a published API-triggered campaign to one user now, with values for its placeholders. MoEngage queues it (status "queued", not delivered) and drops a recipient that matches no user without an error.',
		action: 'Send a message through a campaign',
	},
	properties,
	endpoint: ENDPOINTS.sendMessage,
	readItem,
	// The key is the same for every attempt at this item in this run of the node (retries,
	// Retry On Fail) and new for another execution, run (a loop's next round) or item.
	async sendEach(client, { campaignId, body }, itemIndex) {
		const key = idempotencyKey([this.getExecutionId?.() ?? '', this.getNode().id, String(runIndexOf(this)), String(itemIndex), campaignId, JSON.stringify(body)]);
		const answer = await client.request(ENDPOINTS.sendMessage, body, {
			itemIndex,
			subject: `${body.identifier_type} "${body.recipients[0]}"`,
			pathParams: { campaign_id: campaignId },
			headers: { 'Idempotency-Key': key },
		});
		const data = typeof answer.data === 'object' && answer.data !== null ? (answer.data as IDataObject) : {};
		return {
			// 202: accepted and queued; delivery happens later, and an unknown recipient is dropped then.
			status: 'queued',
			campaign_id: data.campaign_id ?? campaignId,
			identifier_type: body.identifier_type,
			recipient: body.recipients[0],
			...(body.locale_name !== undefined ? { locale_name: body.locale_name } : {}),
			msg_id: data.msg_id,
			recipient_count: data.recipient_count,
			response_id: answer.response_id,
			idempotency_key: key,
		};
	},
	userOf: ({ body }) => `${body.identifier_type}|${body.recipients[0]}`,
});
