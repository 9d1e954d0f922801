import type { INodeProperties } from 'n8n-workflow';

import type { AttributeFields } from '../../../helpers/attributes';
import { attributeFields } from '../../../helpers/attributes';
import { updateDisplayOptions } from '../../../helpers/displayOptions';
import { operationOptions } from '../../../helpers/requestSettings';
import { BUSINESS_EVENT_TRIGGERS_PER_HOUR, ENDPOINTS } from '../../../transport/api';

export const BUSINESS_EVENT_NAME = { name: 'businessEventName', label: 'Business Event Name or ID' };
export const BUSINESS_EVENT_ATTRIBUTES: AttributeFields = {
	input: { name: 'businessEventAttributesInput', label: 'Specify Event Attributes' },
	rows: { name: 'businessEventAttributes', label: 'Event Attributes' },
	json: { name: 'businessEventAttributesJson', label: 'Event Attributes (JSON)' },
};
export const TRIGGERED_BY = { name: 'triggeredBy', label: 'Triggered By' };

const properties: INodeProperties[] = [
	{
		displayName: `Each item triggers the event once, and so runs every campaign and flow waiting on it. MoEngage allows ${BUSINESS_EVENT_TRIGGERS_PER_HOUR} triggers an hour (200 a day) for campaigns and 5 an hour for flows: the node refuses a run of more than ${BUSINESS_EVENT_TRIGGERS_PER_HOUR} items before sending any.`,
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

export const description = updateDisplayOptions({ show: { resource: ['businessEvent'], operation: ['trigger'] } }, properties);
