import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { defineOperation } from '../operation';
import { flowField, readFlowId } from '../../helpers/flowLocator';
import { idempotencyKey } from '../../helpers/idempotency';
import { fieldError, readChoice, readRequiredText } from '../../helpers/parameters';
import { operationOptions } from '../../helpers/requestSettings';
import { runIndexOf } from '../../run/earlierTries';
import { ENDPOINTS } from '../../transport/api';

export const FLOW_ACTION = { name: 'flowAction', label: 'Action' };
export const UPDATED_BY = { name: 'updatedBy', label: 'Updated By (Email)' };

const ACTIONS = ['pause', 'resume', 'stop'] as const;
const EMAIL = /^[^@\s]+@[^@\s]+$/;

const properties: INodeProperties[] = [
	flowField('The flow to pause, resume or stop: picked, or its ID mapped from the input'),
	{
		displayName: FLOW_ACTION.label,
		name: FLOW_ACTION.name,
		type: 'options',
		default: 'pause',
		options: [
			{ name: 'Pause', value: 'pause', description: 'Pause an active or scheduled flow' },
			{ name: 'Resume', value: 'resume', description: 'Resume a paused flow' },
			{ name: 'Stop', value: 'stop', description: 'Stop an active, scheduled, paused or retired flow for good' },
		],
	},
	{
		displayName: 'Stop cannot be undone: a stopped flow cannot be resumed.',
		name: 'flowStopNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { [FLOW_ACTION.name]: ['stop'] } },
	},
	{
		displayName: UPDATED_BY.label,
		name: UPDATED_BY.name,
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. ann@example.com',
		description: "Who changes the flow: MoEngage records this email address in the flow's audit log",
	},
	...operationOptions(ENDPOINTS.changeFlowStatus, { perItem: true }),
];

export interface ChangeFlowStatusParams {
	flowId: string;
	body: IDataObject & { action: (typeof ACTIONS)[number]; updated_by: string };
}

export function readItem(this: IExecuteFunctions, itemIndex: number): ChangeFlowStatusParams {
	const flowId = readFlowId(this, itemIndex);
	const action = readChoice(this, FLOW_ACTION, itemIndex, ACTIONS);
	const updatedBy = readRequiredText(this, UPDATED_BY, itemIndex);
	if (!EMAIL.test(updatedBy)) throw fieldError(this, UPDATED_BY, itemIndex, `is "${updatedBy}", not an email address`, 'Enter the email address of the person changing the flow');
	return { flowId, body: { action, updated_by: updatedBy } };
}

export const changeStatus = defineOperation<ChangeFlowStatusParams, 'flow', 'changeStatus'>({
	resource: 'flow',
	operation: 'changeStatus',
	picker: {
		name: 'Change Status',
		description: "Pause, resume or stop a flow (its active version), e.g. when an alert fires. MoEngage answers 409 for a change the flow's status does not allow; Stop cannot be undone.",
		action: 'Change the status of a flow',
	},
	properties,
	endpoint: ENDPOINTS.changeFlowStatus,
	readItem,
	async sendEach(client, { flowId, body }, itemIndex) {
		// The same key for every attempt at this item in this run of the node: MoEngage replays its first answer.
		const key = idempotencyKey([this.getExecutionId?.() ?? '', this.getNode().id, String(runIndexOf(this)), String(itemIndex), flowId, JSON.stringify(body)]);
		const answer = await client.request(ENDPOINTS.changeFlowStatus, body, {
			itemIndex,
			subject: `flow "${flowId}"`,
			pathParams: { flow_id: flowId },
			headers: { 'Idempotency-Key': key },
		});
		const data = typeof answer.data === 'object' && answer.data !== null ? (answer.data as IDataObject) : {};
		return { flow_id: data.flow_id ?? flowId, status: data.status, action: body.action, updated_by: body.updated_by, response_id: answer.response_id };
	},
	userOf: ({ flowId }) => flowId,
});
