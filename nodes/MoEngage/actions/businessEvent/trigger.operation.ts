import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { defineOperation, type ItemRequest, sendEachItem, type SendingEach } from '../operation';
import type { AttributeFields } from '../../helpers/attributes';
import { attributeField, attributeFields, readAttributes } from '../../helpers/attributes';
import { fieldError, readOptionalText, readRequiredText } from '../../helpers/parameters';
import { operationOptions } from '../../helpers/requestSettings';
import { checkBodySize } from '../../helpers/requestSize';
import type { ItemRun } from '../../run/itemRun';
import type { MoEngageClient } from '../../transport';
import { BUSINESS_EVENT_QUOTA, BUSINESS_EVENT_TRIGGERS_PER_HOUR, ENDPOINTS } from '../../transport/api';

/** MoEngage's campaign quota in words: "10 per 5 minutes, 50 an hour and 200 a day". */
const QUOTA_TEXT = `${BUSINESS_EVENT_QUOTA.slice(0, -1).map((window) => window.label).join(', ')} and ${BUSINESS_EVENT_QUOTA[BUSINESS_EVENT_QUOTA.length - 1].label}`;

export const BUSINESS_EVENT_NAME = { name: 'businessEventName', label: 'Business Event Name or ID' };
export const BUSINESS_EVENT_ATTRIBUTES: AttributeFields = {
	input: { name: 'businessEventAttributesInput', label: 'Specify Event Attributes' },
	rows: { name: 'businessEventAttributes', label: 'Event Attributes' },
	json: { name: 'businessEventAttributesJson', label: 'Event Attributes (JSON)' },
	mapper: { field: { name: 'businessEventAttributesMap', label: 'Event Attributes (Mapped)' }, method: 'getBusinessEventAttributes', dependsOn: 'businessEventName' },
};
export const TRIGGERED_BY = { name: 'triggeredBy', label: 'Triggered By' };

const properties: INodeProperties[] = [
	{
		displayName: `Each item triggers the event once, and so runs every campaign and flow waiting on it. MoEngage allows ${QUOTA_TEXT} triggers for campaigns, and 3 an hour and 10 a day for flows: the node sends 10 triggers, then the next 10 once 5 minutes have passed, and refuses a run of more than ${BUSINESS_EVENT_TRIGGERS_PER_HOUR} items before sending any.`,
		name: 'businessEventNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: BUSINESS_EVENT_NAME.label,
		name: BUSINESS_EVENT_NAME.name,
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getBusinessEvents' },
		required: true,
		default: '',
		description:
			'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
		hint: "The list shows the workspace's business events (read with the Campaign API Key). An expression gives the event's name.",
	},
	...attributeFields(BUSINESS_EVENT_ATTRIBUTES, 'Values of the attributes the business event was created with'),
	...operationOptions(ENDPOINTS.triggerBusinessEvent, { perItem: true }, [
		{
			displayName: TRIGGERED_BY.label,
			name: TRIGGERED_BY.name,
			type: 'string',
			default: '',
			placeholder: 'e.g. name@email.com',
			description: 'Email address MoEngage records as the one who triggered the event',
		},
	]),
];

export interface TriggerParams {
	event_name: string;
	event_attributes: IDataObject;
	triggered_by?: string;
}

/** MoEngage checks `triggered_by` as an email address (400 "Invalid email address"). */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function readItem(this: IExecuteFunctions, itemIndex: number): TriggerParams {
	const event_name = readRequiredText(this, BUSINESS_EVENT_NAME, itemIndex);
	const event_attributes = readAttributes(this, BUSINESS_EVENT_ATTRIBUTES, itemIndex);
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const triggered_by = readOptionalText(this, TRIGGERED_BY, itemIndex, options[TRIGGERED_BY.name]);
	if (triggered_by !== undefined && !EMAIL.test(triggered_by)) {
		throw fieldError(this, TRIGGERED_BY, itemIndex, `is "${triggered_by}", which is not an email address`, 'MoEngage records who triggered the event by email, e.g. name@email.com');
	}
	const params: TriggerParams = { event_name, event_attributes, ...(triggered_by !== undefined ? { triggered_by } : {}) };
	checkBodySize(this, itemIndex, params, [
		{ field: BUSINESS_EVENT_NAME, value: event_name },
		{ field: attributeField(this, BUSINESS_EVENT_ATTRIBUTES, itemIndex), value: event_attributes },
		{ field: TRIGGERED_BY, value: triggered_by },
	]);
	return params;
}

// One trigger per request; triggers of the same event keep their input order.
const triggerEach: SendingEach<TriggerParams> = {
	async sendEach(client, params, itemIndex) {
		const answer = await client.request(ENDPOINTS.triggerBusinessEvent, { ...params }, { itemIndex, subject: `business event "${params.event_name}"` });
		return { status: 'triggered', message: answer.message, ...params };
	},
	userOf: (params) => params.event_name,
};

/**
 * Refuses, before sending anything, a run with more triggers than MoEngage runs in an hour: the
 * ones over the limit would fail (or be dropped) after the first ones had fired campaigns.
 */
async function sendAll(this: IExecuteFunctions, client: MoEngageClient, requests: Array<ItemRequest<TriggerParams>>, run: ItemRun): Promise<void> {
	if (requests.length > BUSINESS_EVENT_TRIGGERS_PER_HOUR) {
		for (const { itemIndex } of requests) {
			const refusal = new NodeOperationError(
				this.getNode(),
				`This run would trigger ${requests.length} business events, but MoEngage allows ${BUSINESS_EVENT_TRIGGERS_PER_HOUR} an hour: nothing was sent (item ${itemIndex})`,
				{
					itemIndex,
					description: `Send at most ${BUSINESS_EVENT_TRIGGERS_PER_HOUR} items per hour, e.g. with a Limit node, or a Loop Over Items node (batch size ${BUSINESS_EVENT_TRIGGERS_PER_HOUR}) and a Wait node of one hour. MoEngage's quota for business-event triggers is ${QUOTA_TEXT}; triggers from other workflows count too.`,
				},
			);
			run.fail(itemIndex, refusal);
		}
		return;
	}
	await sendEachItem(this, client, requests, run, triggerEach);
}

export const trigger = defineOperation<TriggerParams, 'businessEvent', 'trigger'>({
	resource: 'businessEvent',
	operation: 'trigger',
	picker: { name: 'Trigger', description: 'Fire a business event (e.g. a price drop), which runs the campaigns and flows waiting on it', action: 'Trigger a business event' },
	properties,
	endpoint: ENDPOINTS.triggerBusinessEvent,
	readItem,
	sendAll,
});
