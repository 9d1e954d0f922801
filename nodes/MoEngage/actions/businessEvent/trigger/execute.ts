import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { readAttributes } from '../../../helpers/attributes';
import { fieldError, readOptionalText, readRequiredText } from '../../../helpers/parameters';
import { BUSINESS_EVENT_TRIGGERS_PER_HOUR, ENDPOINTS } from '../../../transport/api';
import type { Operation } from '../../operation';
import { sendEachItem } from '../../operation';
import { BUSINESS_EVENT_ATTRIBUTES, BUSINESS_EVENT_NAME, TRIGGERED_BY } from './description';

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
	return { event_name, event_attributes, ...(triggered_by !== undefined ? { triggered_by } : {}) };
}

// One trigger per request; triggers of the same event keep their input order.
const triggerEach = sendEachItem<TriggerParams>(async function (client, params, itemIndex) {
	const answer = await client.request(ENDPOINTS.triggerBusinessEvent, { ...params }, { itemIndex, subject: `business event "${params.event_name}"` });
	return { status: 'triggered', message: answer.message, ...params };
}, (params) => params.event_name);

/**
 * Refuses, before sending anything, a run with more triggers than MoEngage runs in an hour: the
 * ones over the limit would fail (or be dropped) after the first ones had fired campaigns.
 */
export const execute: Operation<TriggerParams>['execute'] = async function (client, requests, run) {
	if (requests.length > BUSINESS_EVENT_TRIGGERS_PER_HOUR) {
		for (const { itemIndex } of requests) {
			const refusal = new NodeOperationError(
				this.getNode(),
				`This run would trigger ${requests.length} business events, but MoEngage allows ${BUSINESS_EVENT_TRIGGERS_PER_HOUR} an hour: nothing was sent (item ${itemIndex})`,
				{
					itemIndex,
					description: `Send at most ${BUSINESS_EVENT_TRIGGERS_PER_HOUR} items per hour, e.g. with a Limit node, or a Loop Over Items node (batch size ${BUSINESS_EVENT_TRIGGERS_PER_HOUR}) and a Wait node of one hour. Triggers from other workflows in the same hour count too.`,
				},
			);
			run.fail(itemIndex, refusal);
		}
		return;
	}
	await triggerEach.call(this, client, requests, run);
};
