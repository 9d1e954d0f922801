/**
 * What the benchmark compares, per case: the MoEngage node's parameters, the request n8n's HTTP
 * Request node sends for one item, and the best stock setup where MoEngage takes many items in
 * one request (a Code node groups items, HTTP Request sends each group, a Code node splits the
 * answers). Bodies follow the stand-in's schemas (MoEngage's documented contract).
 */
import type { IDataObject } from 'n8n-workflow';

import { ENDPOINTS } from '../../nodes/MoEngage/transport/api';
import { WORKSPACE } from '../harness/fixtures';
import type { Case, Grouped, HttpCall, Limit } from './caseTypes';
import { MESSAGING_CASES } from './messagingCases';

export type { Case, Grouped, HttpCall, Limit } from './caseTypes';

const ws = WORKSPACE.workspaceId;
const limitOf = (api: keyof typeof ENDPOINTS): Limit => {
	const { perMinute, unit } = ENDPOINTS[api].rateLimit;
	// The stand-in counts requests or users; the bulk endpoints' events are not a case here.
	if (unit === 'events') throw new Error(`${api}: the stand-in enforces no limit in events`);
	return { perMinute, unit };
};

/** One item per input item, `fields` of each answer's users. */
const splitExport = `return $input.all().flatMap((item) => item.json.data.users.map((user) => ({ json: user.user_attributes })));`;

/** One item per member of each group, with its group's answer status (the answer names no items). */
const splitByGroup = `const groups = $('Group').all();
return $input.all().flatMap((item, i) => groups[i].json.members.map((member) => ({ json: { ...member, status: item.json.status } })));`;

const getCall: HttpCall = {
	method: 'POST',
	path: `/v1/customers/export?app_id=${ws}`,
	body: `JSON.stringify({ data: { identifiers: [{ identifier_type: 'customer_id', identifier: $json.id }], user_fields_to_export: ['customer_id', 'name', 'email'] } })`,
};

const deleteCall: HttpCall = {
	method: 'POST',
	path: `/v1/customer/delete?app_id=${ws}`,
	body: `JSON.stringify({ identity_type: 'customer_id', identity_value: $json.id })`,
};

/** The side label of a node variant that sends through Bulk Import. */
export const SEND_IN_BULK_SIDE = 'node, Send in Bulk';

const inBulk = (node: IDataObject): IDataObject => ({ ...node, options: { ...(node.options as IDataObject | undefined), sendInBulk: true } });

const createOrUpdateNode: IDataObject = { resource: 'user', operation: 'createOrUpdate', customerId: '={{ $json.id }}', standardAttributes: { email: '={{ $json.email }}' } };
const trackEventNode: IDataObject = { resource: 'event', operation: 'track', customerId: '={{ $json.id }}', eventName: 'Bench' };

/** The JavaScript of one Bulk Import element (the single-item body) for the item in `item`. */
const customerElement = (item: string) => `{ type: 'customer', customer_id: ${item}.id, attributes: { email: ${item}.email } }`;
const eventElement = (item: string) => `{ type: 'event', customer_id: ${item}.id, actions: [{ action: 'Bench', attributes: {} }] }`;

/** The best stock setup where Bulk Import takes the items: 500 elements a request (well under 100 KB). */
const bulkImportGrouped = (element: string): Grouped => ({
	size: 500,
	label: 'Code (500) → HTTP Request (Bulk Import) → Code',
	api: 'bulkImport',
	limit: { perMinute: 60_000, unit: 'users' },
	call: {
		method: 'POST',
		path: `/v1/transition/${ws}?app_id=${ws}`,
		body: `JSON.stringify({ type: 'transition', elements: $json.members.map((member) => (${element})) })`,
	},
	split: splitByGroup,
});

/** Create or Update of `n` users with Send in Bulk, beside the stock Bulk Import setup. */
const createOrUpdateInBulk = (key: string, n: number, rtts?: number[]): Case => ({
	key,
	name: `User → Create or Update, ${n.toLocaleString('en-US')} in bulk`,
	n,
	rtts,
	api: 'bulkImport',
	limit: { perMinute: 60_000, unit: 'users' },
	node: inBulk(createOrUpdateNode),
	call: { method: 'POST', path: `/v1/customer/${ws}?app_id=${ws}`, body: `JSON.stringify(${customerElement('$json')})` },
	grouped: bulkImportGrouped(customerElement('member')),
	stock: true,
	perItemHttp: false,
});

export const CASES: Case[] = [
	{
		key: 'get',
		name: 'User → Get',
		api: 'exportUsers',
		limit: limitOf('exportUsers'),
		node: { resource: 'user', operation: 'get', identifierType: 'customer_id', identifier: '={{ $json.id }}', standardAttributes: ['name', 'email'] },
		call: getCall,
		grouped: {
			size: 20,
			label: 'Code (20 IDs) → HTTP Request → Code',
			api: 'exportUsers',
			limit: limitOf('exportUsers'),
			call: {
				method: 'POST',
				path: `/v1/customers/export?app_id=${ws}`,
				body: `JSON.stringify({ data: { identifiers: $json.members.map((member) => ({ identifier_type: 'customer_id', identifier: member.id })), user_fields_to_export: ['customer_id', 'name', 'email'] } })`,
			},
			split: splitExport,
		},
		stock: true,
	},
	{
		key: 'delete',
		name: 'User → Delete',
		api: 'deleteUser',
		limit: limitOf('deleteUser'),
		node: { resource: 'user', operation: 'delete', identityType: 'customer_id', identityValue: '={{ $json.id }}' },
		call: deleteCall,
		stock: true,
	},
	{
		key: 'merge',
		name: 'User → Merge',
		api: 'mergeUsers',
		limit: limitOf('mergeUsers'),
		node: { resource: 'user', operation: 'merge', mergedUser: '={{ $json.id }}', retainedUser: '={{ $json.keep }}' },
		call: {
			method: 'POST',
			path: `/v1/customer/merge?app_id=${ws}`,
			body: `JSON.stringify({ merge_data: [{ merged_user: $json.id, retained_user: $json.keep }] })`,
		},
		grouped: {
			size: 50,
			label: 'Code (50 pairs) → HTTP Request → Code',
			api: 'mergeUsers',
			limit: limitOf('mergeUsers'),
			call: {
				method: 'POST',
				path: `/v1/customer/merge?app_id=${ws}`,
				body: `JSON.stringify({ merge_data: $json.members.map((member) => ({ merged_user: member.id, retained_user: member.keep })) })`,
			},
			split: splitByGroup,
		},
		stock: true,
	},
	{
		key: 'update',
		name: 'User → Create or Update',
		api: 'trackUser',
		limit: limitOf('trackUser'),
		node: createOrUpdateNode,
		nodeVariants: { [SEND_IN_BULK_SIDE]: inBulk(createOrUpdateNode) },
		call: { method: 'POST', path: `/v1/customer/${ws}?app_id=${ws}`, body: `JSON.stringify(${customerElement('$json')})` },
		grouped: bulkImportGrouped(customerElement('member')),
		stock: true,
	},
	{
		key: 'track',
		name: 'Event → Track',
		api: 'trackEvent',
		limit: limitOf('trackEvent'),
		node: trackEventNode,
		nodeVariants: { [SEND_IN_BULK_SIDE]: inBulk(trackEventNode) },
		call: { method: 'POST', path: `/v1/event/${ws}?app_id=${ws}`, body: `JSON.stringify(${eventElement('$json')})` },
		grouped: bulkImportGrouped(eventElement('member')),
		stock: true,
	},
	// Create or Update in bulk beside the stock Bulk Import setup (one request per item is left
	// out: tens of thousands of them measure n8n more than MoEngage).
	createOrUpdateInBulk('update10k', 10_000),
	// Over Bulk Import's minute (60,000 users): the second minute's budget paces the rest.
	createOrUpdateInBulk('update70k', 70_000, [0]),
	{
		key: 'cardGet',
		name: 'Card → Get',
		api: 'fetchCards',
		limit: limitOf('fetchCards'),
		node: { resource: 'card', operation: 'get', identifyBy: 'uid', userValue: '={{ $json.email }}' },
		call: { method: 'POST', path: '/v1/cards/fetch', body: `JSON.stringify({ uid: $json.email })` },
		stock: true,
	},
	{
		key: 'cardDelete',
		name: 'Card → Delete',
		api: 'deleteCards',
		limit: limitOf('deleteCards'),
		// The campaign picker of node version 1.2 on, by ID.
		node: { resource: 'card', operation: 'delete', identifyBy: 'uid', userValue: '={{ $json.email }}', campaigns: { __rl: true, mode: 'id', value: 'c1' } },
		call: { method: 'DELETE', path: '/v1/cards/delete', body: `JSON.stringify({ uid: $json.email, campaign_ids: ['c1'] })` },
		stock: true,
	},
	{
		// MoEngage's limit made to bite: the stand-in answers 429 past 300 deletes a minute.
		key: 'limited',
		name: 'User → Delete, 600 at 300/min enforced',
		n: 600,
		rtts: [0],
		api: 'deleteUser',
		limit: { perMinute: 300, unit: 'requests' },
		node: { resource: 'user', operation: 'delete', identityType: 'customer_id', identityValue: '={{ $json.id }}' },
		nodeVariants: {
			'node, Rate Limit 300': { resource: 'user', operation: 'delete', identityType: 'customer_id', identityValue: '={{ $json.id }}', options: { ratePerMinute: 300 } },
		},
		call: deleteCall,
		stock: true,
	},
	{
		// Over MoEngage's budget (1,000 users a minute): 10 minutes' worth; the node alone.
		key: 'get10k',
		name: 'User → Get, 10,000 at 1,000 users/min',
		n: 10_000,
		rtts: [0],
		api: 'exportUsers',
		limit: limitOf('exportUsers'),
		node: { resource: 'user', operation: 'get', identifierType: 'customer_id', identifier: '={{ $json.id }}', standardAttributes: ['name', 'email'] },
		call: getCall,
		stock: false,
	},
	{
		key: 'segment10k',
		name: 'Segment → Add Users, 10,000 into one segment',
		n: 10_000,
		rtts: [0],
		api: 'cohortSync',
		limit: limitOf('cohortSync'),
		node: { resource: 'segment', operation: 'addUsers', segmentId: 'bench-vip', segmentName: 'Bench VIP', customerId: '={{ $json.id }}' },
		// What one HTTP Request per item would send (not run: the node alone is measured here).
		call: {
			method: 'POST',
			path: '/v1/integrations/cohortsync',
			body: `JSON.stringify({ action: 'add_members', partner: 'n8n', parameters: { cohort_id: 'bench-vip', cohort_name: 'Bench VIP', members: [{ uid: $json.id }] } })`,
		},
		stock: false,
	},
	{
		// A nightly CRM sync of email preferences: 10,000 users, 50 a request (v1 bulk preferences API).
		key: 'prefs10k',
		name: 'User → Update Subscription Preferences, 10,000 with Send in Bulk',
		n: 10_000,
		rtts: [0],
		api: 'bulkUpdateSubscriptionPreferences',
		limit: limitOf('bulkUpdateSubscriptionPreferences'),
		node: {
			resource: 'user',
			operation: 'updateSubscriptionPreferences',
			subscriberIdType: 'uid',
			subscriberId: '={{ $json.id }}',
			globalUnsubscribe: 'clear',
			categories: { category: [{ name: 'newsletter', subscribed: false }] },
			options: { sendInBulk: true },
		},
		// What one request per item would be (the v5 update, 100 a minute: 100 minutes for 10,000; not run).
		call: {
			method: 'PATCH',
			path: '/v5/subscription-preferences',
			body: `JSON.stringify({ user_identifier_type: 'uid', user_identifier_value: $json.id, channel: 'email', is_globally_unsubscribed: false, categories: { newsletter: false } })`,
		},
		stock: false,
	},
	...MESSAGING_CASES,
];
