import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { defineOperation } from '../operation';
import { CAMPAIGNS, campaignsField, readCampaignIds } from '../../helpers/campaignLocator';
import { idempotencyKey } from '../../helpers/idempotency';
import { fieldError, readChoice } from '../../helpers/parameters';
import { operationOptions } from '../../helpers/requestSettings';
import { checkBodySize } from '../../helpers/requestSize';
import { runIndexOf } from '../../run/earlierTries';
import { CAMPAIGN_STATUS_MAX_IDS, ENDPOINTS } from '../../transport/api';

export const STATUS_ACTION = { name: 'statusAction', label: 'Action' };

/** MoEngage's actions (campaigns.yaml CampaignStatusChangeRequest) and the status each leads to. */
export const CAMPAIGN_ACTIONS = { PAUSE: 'paused', RESUME: 'resumed', STOP: 'stopped' } as const;
type CampaignAction = keyof typeof CAMPAIGN_ACTIONS;

const properties: INodeProperties[] = [
	campaignsField(
		`The campaigns to pause, resume or stop: picked, or IDs mapped from the input (e.g. from an alert). Up to ${CAMPAIGN_STATUS_MAX_IDS} an item, in one request.`,
	),
	{
		displayName: STATUS_ACTION.label,
		name: STATUS_ACTION.name,
		type: 'options',
		default: 'PAUSE',
		options: [
			{ name: 'Pause', value: 'PAUSE', description: 'Pause a running periodic or event-triggered campaign (Email, Push)' },
			{ name: 'Resume', value: 'RESUME', description: 'Resume a paused campaign' },
			{ name: 'Stop', value: 'STOP', description: 'Stop a scheduled one-time campaign for good: it cannot be resumed' },
		],
	},
	{
		displayName: 'Stop cannot be undone: a stopped campaign cannot be resumed.',
		name: 'stopNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { [STATUS_ACTION.name]: ['STOP'] } },
	},
	...operationOptions(ENDPOINTS.changeCampaignStatus, { perItem: true }),
];

export interface ChangeStatusParams {
	campaignIds: string[];
	action: CampaignAction;
}

export function readItem(this: IExecuteFunctions, itemIndex: number): ChangeStatusParams {
	const campaignIds = readCampaignIds(this, itemIndex);
	if (campaignIds.length > CAMPAIGN_STATUS_MAX_IDS) {
		throw fieldError(this, CAMPAIGNS, itemIndex, `holds ${campaignIds.length} campaigns, more than the ${CAMPAIGN_STATUS_MAX_IDS} MoEngage takes in one request`, 'Split them over several items');
	}
	const action = readChoice(this, STATUS_ACTION, itemIndex, ['PAUSE', 'RESUME', 'STOP'] as const);
	checkBodySize(this, itemIndex, statusBody(this, itemIndex, action, campaignIds), [{ field: CAMPAIGNS, value: campaignIds }]);
	return { campaignIds, action };
}

/** The request's body; request_id is required and only traces the call: the same for every attempt at this item in this run of the node. */
function statusBody(context: IExecuteFunctions, itemIndex: number, action: CampaignAction, campaignIds: string[]): IDataObject {
	const request_id = `n8n-${idempotencyKey([context.getExecutionId?.() ?? '', context.getNode().id, String(runIndexOf(context)), String(itemIndex), action, ...campaignIds])}`;
	return { request_id, action, campaign_ids: campaignIds };
}

export const changeStatus = defineOperation<ChangeStatusParams, 'campaign', 'changeStatus'>({
	resource: 'campaign',
	operation: 'changeStatus',
	picker: {
		name: 'Change Status',
		description:
			'Pause, resume or stop campaigns, e.g. pause a campaign when an alert says its delivery rate dropped. Only campaigns created through the API; Stop cannot be undone.',
		action: 'Change the status of campaigns',
	},
	properties,
	endpoint: ENDPOINTS.changeCampaignStatus,
	readItem,
	async sendEach(client, { campaignIds, action }, itemIndex) {
		const body = statusBody(this, itemIndex, action, campaignIds);
		await client.request(ENDPOINTS.changeCampaignStatus, body, {
			itemIndex,
			subject: `campaign${campaignIds.length === 1 ? '' : 's'} ${campaignIds.map((id) => `"${id}"`).join(', ')}`,
			answersNothing: true,
		});
		return { status: CAMPAIGN_ACTIONS[action], action, campaign_ids: campaignIds, request_id: body.request_id };
	},
	// Items that change the same campaigns go one after the other, in input order.
	userOf: ({ campaignIds }) => [...campaignIds].sort().join(','),
});
