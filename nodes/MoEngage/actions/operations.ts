import type { IDisplayOptions, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import type { RunnableOperation } from './operation';
import { trigger } from './businessEvent/trigger.operation';
import { changeStatus } from './campaign/changeStatus.operation';
import { downloadReport } from './campaign/downloadReport.operation';
import { get as getCampaign } from './campaign/get.operation';
import { getStats } from './campaign/getStats.operation';
import { search } from './campaign/search.operation';
import { sendMessage } from './campaign/sendMessage.operation';
import { del as deleteCards } from './card/delete.operation';
import { get as getCards } from './card/get.operation';
import { track } from './event/track.operation';
import { changeStatus as changeFlowStatus } from './flow/changeStatus.operation';
import { get as getFlow } from './flow/get.operation';
import { search as searchFlows } from './flow/search.operation';
import { sendAlert } from './inform/sendAlert.operation';
import { addUsers } from './segment/addUsers.operation';
import { send as sendPush } from './push/send.operation';
import { createFromFile } from './segment/createFromFile.operation';
import { get as getSegment } from './segment/get.operation';
import { getMany as getSegments } from './segment/getMany.operation';
import { removeUsers } from './segment/removeUsers.operation';
import { createOrUpdate } from './user/createOrUpdate.operation';
import { del as deleteUser } from './user/delete.operation';
import { erase } from './user/erase.operation';
import { get as getUser } from './user/get.operation';
import { getSubscriptionPreferences } from './user/getSubscriptionPreferences.operation';
import { merge } from './user/merge.operation';
import { updateSubscriptionPreferences } from './user/updateSubscriptionPreferences.operation';

/**
 * Every operation of the node, by resource. The resource and operation pickers and the router's
 * dispatch are derived from it (the subtitle is checked against it): adding an operation is one file and one line here.
 * Fields are listed in this order in the node's panel.
 */
export const OPERATIONS = {
	businessEvent: { trigger },
	campaign: { get: getCampaign, getStats, search, changeStatus, sendMessage, downloadReport },
	card: { delete: deleteCards, get: getCards },
	event: { track },
	flow: { search: searchFlows, get: getFlow, changeStatus: changeFlowStatus },
	inform: { sendAlert },
	push: { send: sendPush },
	segment: { addUsers, createFromFile, get: getSegment, getMany: getSegments, removeUsers },
	user: { createOrUpdate, get: getUser, delete: deleteUser, erase, merge, getSubscriptionPreferences, updateSubscriptionPreferences },
} satisfies { [Resource in string]: { [Name in string]: RunnableOperation<Resource, Name> } };

/** The node's resources and the operations each offers. */
export type MoEngageType = { [Resource in keyof typeof OPERATIONS]: keyof (typeof OPERATIONS)[Resource] };

type Resource = keyof typeof OPERATIONS;

interface ResourceInfo<Name extends string> {
	name: string;
	/** The default operation, or one per range of node versions where it changed. */
	defaultOperation: Name | Array<{ versions: IDisplayOptions; operation: Name }>;
}

const RESOURCES: { [R in Resource]: ResourceInfo<MoEngageType[R]> } = {
	businessEvent: { name: 'Business Event', defaultOperation: 'trigger' },
	campaign: { name: 'Campaign', defaultOperation: 'search' },
	// Version 1 defaulted to Delete, and n8n saves no value equal to the default, so version 1
	// keeps that default; later versions default to the safe Get.
	card: {
		name: 'Card',
		defaultOperation: [
			{ versions: { show: { '@version': [1] } }, operation: 'delete' },
			{ versions: { show: { '@version': [{ _cnd: { gte: 1.1 } }] } }, operation: 'get' },
		],
	},
	event: { name: 'Event', defaultOperation: 'track' },
	flow: { name: 'Flow', defaultOperation: 'search' },
	inform: { name: 'Inform', defaultOperation: 'sendAlert' },
	push: { name: 'Push', defaultOperation: 'send' },
	segment: { name: 'Segment', defaultOperation: 'addUsers' },
	user: { name: 'User', defaultOperation: 'get' },
};

const byName = (a: INodePropertyOptions, b: INodePropertyOptions) => a.name.localeCompare(b.name);

const resources: Array<[string, ResourceInfo<string>]> = Object.entries(RESOURCES);
const operationsByResource = new Map(Object.entries(OPERATIONS).map(([resource, operations]) => [resource, Object.values<RunnableOperation>(operations)]));

/** The Resource picker's options, A to Z. */
export const resourceOptions: INodePropertyOptions[] = resources.map(([value, { name }]) => ({ name, value })).sort(byName);

/** Each resource's Operation picker (options A to Z), then its operations' fields. */
export const operationProperties: INodeProperties[] = resources.flatMap(([resource, { defaultOperation }]) => {
	const operations = operationsByResource.get(resource) ?? [];
	const options = operations.map((operation) => operation.option).sort(byName);
	const defaults = typeof defaultOperation === 'string' ? [{ versions: { show: {} }, operation: defaultOperation }] : defaultOperation;
	const pickers: INodeProperties[] = defaults.map(({ versions, operation }) => ({
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [resource], ...versions.show } },
		options,
		default: operation,
	}));
	return [...pickers, ...operations.flatMap((operation) => operation.description)];
});

/** The operation for a resource and operation value, or undefined for values the node does not offer. */
export function findOperation(resource: string, operation: string): RunnableOperation | undefined {
	return operationsByResource.get(resource)?.find((candidate) => candidate.operation === operation);
}
