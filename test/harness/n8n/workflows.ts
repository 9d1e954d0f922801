/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- runs on a developer's machine or in CI, never inside n8n */
/**
 * The workflows and credentials the real-n8n runs use: the example workflows from examples/, and
 * one "operations" workflow that runs every operation of the node from a single Manual Trigger
 * (one `n8n execute` costs seconds, so the operations share it).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

import { flowId } from '../../standin/model/flows';
import { ORDER_CONFIRMATION_SHELL } from '../../standin/model/messaging';
import type { CredentialInput, WorkflowInput } from './n8n';

const repoDir = path.resolve(__dirname, '..', '..', '..');
const examplesDir = path.join(repoDir, 'examples');

export const NODE_TYPE = 'n8n-nodes-moengage.moEngage';
/** The node version of most e2e workflows (1.1: Card → Delete takes Campaign IDs as text there). */
export const NODE_VERSION = 1.1;
/** The node version new MoEngage nodes get in the editor (the node's defaultVersion). */
export const LATEST_NODE_VERSION = 1.4;

/** The credential the examples name; importing one with this id links them without editing. */
export const DEMO_CREDENTIAL = { id: 'MoEngageDemoCred', name: 'MoEngage account', type: 'moEngageApi' } as const;

/** The header credential guarding the GDPR example's webhook. */
export const WEBHOOK_CREDENTIAL = { id: 'CrmWebhookSecret', name: 'CRM webhook secret', type: 'httpHeaderAuth' } as const;

/** The header the GDPR example's webhook checks (the Header Auth credential's name). */
export const WEBHOOK_HEADER = 'X-CRM-Secret';

export type MoEngageCredentialData = {
	workspaceId: string;
	dataApiKey: string;
	cardsApiKey: string;
	informApiKey?: string;
	pushApiKey?: string;
	databaseName?: string;
	dataCenter: string;
	baseUrl?: string;
};

export function demoCredential(data: MoEngageCredentialData): CredentialInput {
	return { ...DEMO_CREDENTIAL, data: { ...data } };
}

export function webhookCredential(secret: string): CredentialInput {
	return { ...WEBHOOK_CREDENTIAL, data: { name: WEBHOOK_HEADER, value: secret } };
}

export interface ExampleWorkflow extends WorkflowInput {
	nodes: Array<{ name: string; type: string; typeVersion: number; parameters: Record<string, unknown>; [key: string]: unknown }>;
}

export const EXAMPLES = {
	gdprErasure: 'gdpr-erasure.json',
	nightlyMissingUsers: 'nightly-missing-users.json',
	clearUserCards: 'clear-user-cards.json',
	crmVipSegment: 'crm-vip-segment.json',
	crmUnsubscribeOptOut: 'crm-unsubscribe-opt-out.json',
	orderShippedAlert: 'order-shipped-alert.json',
	weeklyCampaignReport: 'weekly-campaign-report.json',
} as const;

export function loadExample(file: string): ExampleWorkflow {
	return JSON.parse(fs.readFileSync(path.join(examplesDir, file), 'utf8')) as ExampleWorkflow;
}

/** The path of an example's webhook (`/webhook/<path>` once the workflow is active). */
export function webhookPath(workflow: ExampleWorkflow): string {
	const webhook = workflow.nodes.find((node) => node.type === 'n8n-nodes-base.webhook');
	if (!webhook) throw new Error(`${workflow.name} has no Webhook node`);
	return String(webhook.parameters.path);
}

export function exampleFiles(): string[] {
	return fs.readdirSync(examplesDir).filter((file) => file.endsWith('.json')).sort();
}

/**
 * `n8n execute` only starts from a Manual Trigger: the copy swaps a Schedule Trigger for one,
 * under the same name so connections and expressions keep working. Everything after the
 * trigger runs as it would at 2:00.
 */
export function withManualTrigger(workflow: ExampleWorkflow): ExampleWorkflow {
	return {
		...workflow,
		name: `${workflow.name} (run now)`,
		nodes: workflow.nodes.map((node) =>
			node.type === 'n8n-nodes-base.scheduleTrigger'
				? { ...node, type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, parameters: {} }
				: node,
		),
	};
}

/** The contacts the operations workflow starts from: the expressions of every operation read them. */
export const CONTACTS = [
	{ customerId: 'u-1', email: 'ann@example.com', firstName: 'Ann', duplicateId: 'u-1-old', deleteId: 'u-3' },
	// an empty deleteId: Delete User fails this item before sending anything, and continues
	{ customerId: 'u-2', email: 'bob@example.com', firstName: 'Bob', duplicateId: 'u-2-old', deleteId: '' },
];

/** Node names of the operations workflow, top to bottom (execution order v1 runs branches in that order). */
export const OPERATION_NODES = {
	getUser: 'Get user',
	createOrUpdate: 'Create or update user',
	trackEvent: 'Track event',
	getCards: 'Get cards',
	deleteCards: 'Delete cards',
	mergeUsers: 'Merge users',
	deleteUser: 'Delete user (continue on fail)',
	httpRequest: 'HTTP Request with the MoEngage credential',
	updateExistingOnly: 'Update existing users only',
	getAllAttributes: 'Get all attributes',
	createOrUpdateInBulk: 'Create or update users in bulk',
	trackEventsInBulk: 'Track events in bulk',
	addToSegment: 'Add users to segment',
	removeFromSegment: 'Remove users from segment',
	triggerBusinessEvent: 'Trigger business event',
	sendAlert: 'Send alert',
	searchCampaigns: 'Search campaigns',
	getCampaignStats: 'Get campaign stats',
	deletePickedCampaign: 'Delete cards of a picked campaign',
	getSubscriptions: 'Get subscription preferences',
	unsubscribeNewsletter: 'Unsubscribe from the newsletter',
	eraseUser: 'Erase user (GDPR request)',
	getSegments: 'Get segments',
	getSegment: 'Get a picked segment',
	sendPush: 'Send push',
	downloadReport: 'Download a campaign report',
	createSegmentFromFile: 'Create a segment from a file',
	sendMessage: 'Send a message (picked campaign)',
	getCampaign: 'Get a campaign (simplified)',
	getCampaignFull: 'Get a campaign (saved at 1.3)',
	pauseCampaignByUrl: 'Pause a campaign given by its dashboard URL',
	searchFlows: 'Search flows',
	getFlow: 'Get a picked flow (simplified)',
	getFlowFull: 'Get a flow (saved at 1.3)',
	pauseFlow: 'Pause a flow',
	searchCampaignsSimplified: 'Search campaigns (simplified)',
	searchCampaignsSaved: 'Search campaigns (saved at 1.3)',
	getAllAttributesSimplified: 'Get all attributes by MoEngage ID (simplified)',
	getCardsSimplified: 'Get mobile cards (simplified)',
} as const;

/** A node saved before version 1.4: Simplify is off there, so it returns MoEngage's full answer. */
export const PRE_SIMPLIFY_NODE_VERSION = 1.3;

/** The stand-in's seeded campaigns and flows the operations workflow acts on (test/standin/model). */
export const E2E_CAMPAIGNS = {
	/** "Weekly Newsletter", a running periodic email campaign: it can be paused. */
	newsletter: '66e933000000000000000003',
	/** "Order Confirmation", the active API-triggered email campaign (a Messaging API shell). */
	orderConfirmation: ORDER_CONFIRMATION_SHELL,
};
/** "Welcome journey" (active), "Flow 06" (active), "Flow 02" (paused). */
export const E2E_FLOWS = { welcome: flowId(0), flow06: flowId(5), flow02: flowId(1) };
/** The Newsletter's page in MoEngage's dashboard: the campaign picker's By URL mode takes the ID out of it. */
export const NEWSLETTER_URL = `https://dashboard-01.moengage.com/v4/#/email/${E2E_CAMPAIGNS.newsletter}/info`;

export const CUSTOM_CALL_QUERY = { page: '1', limit: '1' };

export function operationsWorkflow(baseUrl: string): WorkflowInput {
	const credentials = { moEngageApi: { id: DEMO_CREDENTIAL.id, name: DEMO_CREDENTIAL.name } };
	const moEngage = (name: string, row: number, parameters: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
		id: `op-${row}`,
		name,
		type: NODE_TYPE,
		typeVersion: NODE_VERSION,
		position: [660, row * 160],
		parameters,
		credentials,
		...extra,
	});
	const n = OPERATION_NODES;
	const branches = [
		moEngage(n.getUser, 0, {
			resource: 'user',
			operation: 'get',
			identifierType: 'customer_id',
			identifier: '={{ $json.customerId }}',
			standardAttributes: ['name', 'email'],
			customAttributes: 'plan',
		}),
		moEngage(n.createOrUpdate, 1, {
			resource: 'user',
			operation: 'createOrUpdate',
			customerId: '={{ $json.customerId }}',
			standardAttributes: { first_name: '={{ $json.firstName }}' },
			customAttributesInput: 'rows',
			customAttributes: { attribute: [{ name: 'source', value: 'n8n e2e' }] },
		}),
		moEngage(n.trackEvent, 2, {
			resource: 'event',
			operation: 'track',
			customerId: '={{ $json.customerId }}',
			eventName: 'E2E Checked',
			eventAttributesInput: 'json',
			eventAttributesJson: '={{ JSON.stringify({ email: $json.email }) }}',
			options: { platform: 'web' },
		}),
		moEngage(n.getCards, 3, { resource: 'card', operation: 'get', identifyBy: 'uid', userValue: '={{ $json.email }}' }),
		moEngage(n.deleteCards, 4, {
			resource: 'card',
			operation: 'delete',
			identifyBy: 'uid',
			userValue: '={{ $json.email }}',
			campaignIds: 'c9',
			platforms: ['WEB'],
		}),
		moEngage(n.mergeUsers, 5, {
			resource: 'user',
			operation: 'merge',
			mergedUser: '={{ $json.duplicateId }}',
			retainedUser: '={{ $json.customerId }}',
		}),
		moEngage(
			n.deleteUser,
			6,
			{ resource: 'user', operation: 'delete', identityType: 'customer_id', identityValue: '={{ $json.deleteId }}' },
			{ onError: 'continueRegularOutput' },
		),
		{
			id: 'op-7',
			name: n.httpRequest,
			type: 'n8n-nodes-base.httpRequest',
			typeVersion: 4.2,
			position: [660, 7 * 160],
			executeOnce: true,
			parameters: {
				method: 'POST',
				url: `${baseUrl}/v1/cards/fetch?${new URLSearchParams(CUSTOM_CALL_QUERY)}`,
				authentication: 'predefinedCredentialType',
				nodeCredentialType: 'moEngageApi',
				sendBody: true,
				specifyBody: 'json',
				jsonBody: '={{ JSON.stringify({ uid: $json.email }) }}',
				options: {},
			},
			credentials,
		},
		moEngage(n.updateExistingOnly, 8, {
			resource: 'user',
			operation: 'createOrUpdate',
			// u-2 becomes a user MoEngage does not know: with the option on, it must not be created
			customerId: "={{ $json.customerId === 'u-1' ? 'u-1' : 'u-unknown-e2e' }}",
			customAttributesInput: 'rows',
			customAttributes: { attribute: [{ name: 'source', value: 'n8n e2e sync' }] },
			options: { updateExistingOnly: true, unsetAttributes: 'plan' },
		}),
		moEngage(n.getAllAttributes, 9, {
			resource: 'user',
			operation: 'get',
			identifierType: 'customer_id',
			identifier: '={{ $json.customerId }}',
			options: { allAttributes: true },
		}),
		moEngage(n.createOrUpdateInBulk, 10, {
			resource: 'user',
			operation: 'createOrUpdate',
			customerId: '={{ $json.customerId }}',
			customAttributesInput: 'rows',
			customAttributes: { attribute: [{ name: 'source', value: 'n8n e2e bulk' }] },
			options: { sendInBulk: true },
		}),
		moEngage(n.trackEventsInBulk, 11, {
			resource: 'event',
			operation: 'track',
			customerId: '={{ $json.customerId }}',
			eventName: 'E2E Bulk Checked',
			options: { sendInBulk: true, platform: 'web' },
		}),
		moEngage(n.addToSegment, 12, {
			resource: 'segment',
			operation: 'addUsers',
			segmentId: 'e2e-vip',
			segmentName: 'E2E VIP',
			customerId: '={{ $json.customerId }}',
		}),
		moEngage(n.removeFromSegment, 13, {
			resource: 'segment',
			operation: 'removeUsers',
			segmentId: 'e2e-lapsed',
			segmentName: 'E2E lapsed',
			customerId: '={{ $json.customerId }}',
		}),
		moEngage(n.triggerBusinessEvent, 14, {
			resource: 'businessEvent',
			operation: 'trigger',
			businessEventName: 'price_drop',
			businessEventAttributesInput: 'json',
			businessEventAttributesJson: '={{ JSON.stringify({ product_id: "sku-" + $json.customerId }) }}',
		}),
		moEngage(n.sendAlert, 15, {
			resource: 'inform',
			operation: 'sendAlert',
			identifyAlertBy: 'alert_reference_name',
			alertReferenceName: 'order_shipped',
			customerId: '={{ $json.customerId }}',
			channels: { channel: [{ channel: 'EMAIL', recipient: '={{ $json.email }}' }] },
			personalizedAttributesInput: 'rows',
			personalizedAttributes: { attribute: [{ name: 'firstname', value: '={{ $json.firstName }}' }] },
		}),
		// The latest node version: the campaign picker (since 1.2), campaigns and subscription preferences.
		moEngage(
			n.searchCampaigns,
			16,
			// Simplify off (on by default since 1.4): MoEngage's full campaign objects, as the scenario reads them.
			{ resource: 'campaign', operation: 'search', returnAll: true, simplify: false, filters: { name: '={{ $json.firstName === "Ann" ? "Spring" : "Newsletter" }}' } },
			{ typeVersion: LATEST_NODE_VERSION },
		),
		moEngage(
			n.getCampaignStats,
			17,
			{
				resource: 'campaign',
				operation: 'getStats',
				campaigns: { __rl: true, mode: 'id', value: 'c1, c9' },
				period: 'custom',
				startDate: '2024-06-01T00:00:00',
				endDate: '2024-07-15T00:00:00',
			},
			{ typeVersion: LATEST_NODE_VERSION },
		),
		moEngage(
			n.deletePickedCampaign,
			18,
			{
				resource: 'card',
				operation: 'delete',
				identifyBy: 'uid',
				userValue: '={{ $json.email }}',
				campaigns: { __rl: true, mode: 'list', value: 'c2', cachedResultName: 'Welcome Series · PUSH · Scheduled' },
			},
			{ typeVersion: LATEST_NODE_VERSION },
		),
		moEngage(n.getSubscriptions, 19, { resource: 'user', operation: 'getSubscriptionPreferences', subscriberIdType: 'email', subscriberId: '={{ $json.email }}', channel: 'email' }, { typeVersion: LATEST_NODE_VERSION }),
		moEngage(
			n.unsubscribeNewsletter,
			20,
			{
				resource: 'user',
				operation: 'updateSubscriptionPreferences',
				subscriberIdType: 'uid',
				subscriberId: '={{ $json.customerId }}',
				categories: { category: [{ name: 'newsletter', subscribed: false }] },
			},
			{ typeVersion: LATEST_NODE_VERSION },
		),
		moEngage(n.eraseUser, 21, { resource: 'user', operation: 'erase', eraseBy: 'email', eraseValue: '={{ $json.email }}' }, { typeVersion: LATEST_NODE_VERSION }),
		moEngage(n.getSegments, 22, { resource: 'segment', operation: 'getMany', returnAll: true }, { typeVersion: LATEST_NODE_VERSION }),
		moEngage(
			n.getSegment,
			23,
			{ resource: 'segment', operation: 'get', segment: { __rl: true, mode: 'list', value: '63a017e8d2460ae81a05bf5e', cachedResultName: 'VIP customers' } },
			{ typeVersion: LATEST_NODE_VERSION },
		),
		// Campaigns and flows: act on them, each picker mode once; Simplify at 1.4 (the default) and a node saved at 1.3.
		moEngage(
			n.sendMessage,
			24,
			{
				resource: 'campaign',
				operation: 'sendMessage',
				campaign: { __rl: true, mode: 'list', value: E2E_CAMPAIGNS.orderConfirmation, cachedResultName: 'Order Confirmation' },
				recipientType: 'ID',
				recipient: '={{ $json.customerId }}',
				personalizedAttributesInput: 'rows',
				personalizedAttributes: { attribute: [{ name: 'first_name', value: '={{ $json.firstName }}' }] },
			},
			{ typeVersion: LATEST_NODE_VERSION },
		),
		moEngage(n.getCampaign, 25, { resource: 'campaign', operation: 'get', campaign: { __rl: true, mode: 'id', value: 'c1' } }, { typeVersion: LATEST_NODE_VERSION }),
		moEngage(n.getCampaignFull, 26, { resource: 'campaign', operation: 'get', campaign: { __rl: true, mode: 'id', value: 'c1' } }, { typeVersion: PRE_SIMPLIFY_NODE_VERSION }),
		moEngage(
			n.pauseCampaignByUrl,
			27,
			{ resource: 'campaign', operation: 'changeStatus', campaigns: { __rl: true, mode: 'url', value: NEWSLETTER_URL }, statusAction: 'PAUSE' },
			{ typeVersion: LATEST_NODE_VERSION },
		),
		moEngage(n.searchFlows, 28, { resource: 'flow', operation: 'search', returnAll: true, flowFilters: { name: 'Welcome' } }, { typeVersion: LATEST_NODE_VERSION }),
		moEngage(
			n.getFlow,
			29,
			{ resource: 'flow', operation: 'get', flow: { __rl: true, mode: 'list', value: E2E_FLOWS.flow02, cachedResultName: 'Flow 02 · PAUSED' } },
			{ typeVersion: LATEST_NODE_VERSION },
		),
		moEngage(n.getFlowFull, 30, { resource: 'flow', operation: 'get', flow: { __rl: true, mode: 'id', value: E2E_FLOWS.flow02 } }, { typeVersion: PRE_SIMPLIFY_NODE_VERSION }),
		moEngage(
			n.pauseFlow,
			31,
			{
				resource: 'flow',
				operation: 'changeStatus',
				// one active flow per contact: a flow paused by the first cannot be paused again
				flow: { __rl: true, mode: 'id', value: `={{ $json.customerId === 'u-1' ? '${E2E_FLOWS.welcome}' : '${E2E_FLOWS.flow06}' }}` },
				flowAction: 'pause',
				updatedBy: '={{ $json.email }}',
			},
			{ typeVersion: LATEST_NODE_VERSION },
		),
		moEngage(n.searchCampaignsSimplified, 32, { resource: 'campaign', operation: 'search', returnAll: true, filters: { name: 'Spring' } }, { typeVersion: LATEST_NODE_VERSION }),
		moEngage(n.searchCampaignsSaved, 33, { resource: 'campaign', operation: 'search', returnAll: true, filters: { name: 'Spring' } }, { typeVersion: PRE_SIMPLIFY_NODE_VERSION }),
		moEngage(
			n.getAllAttributesSimplified,
			34,
			{ resource: 'user', operation: 'get', identifierType: 'id', identifier: "={{ $json.customerId === 'u-1' ? 'moe-0001' : 'moe-0002' }}", options: { allAttributes: true } },
			{ typeVersion: LATEST_NODE_VERSION },
		),
		moEngage(
			n.getCardsSimplified,
			35,
			{ resource: 'card', operation: 'get', identifyBy: 'uid', userValue: '={{ $json.email }}', platforms: ['ANDROID', 'IOS'] },
			{ typeVersion: LATEST_NODE_VERSION },
		),
		moEngage(
			n.sendPush,
			36,
			{
				resource: 'push',
				operation: 'send',
				campaignName: 'E2E Order Shipped',
				identifyBy: 'USER_ATTRIBUTE_USER_EMAIL',
				user: '={{ $json.email }}',
				platforms: ['ANDROID', 'IOS'],
				title: 'Your order has shipped',
				message: '={{ "Hi " + $json.firstName + ", it arrives tomorrow" }}',
				clickUrl: 'myapp://orders',
			},
			{ typeVersion: LATEST_NODE_VERSION },
		),
		// The stand-in's report generated a day before it started (test/standin/model/reports.ts).
		moEngage(
			n.createSegmentFromFile,
			38,
			{ resource: 'segment', operation: 'createFromFile', fileSegmentName: 'E2E warehouse VIPs', fileUrl: 'https://storage.example.com/e2e-vips.csv', attributeName: 'ID' },
			{ typeVersion: LATEST_NODE_VERSION, executeOnce: true },
		),
		moEngage(n.downloadReport, 37, { resource: 'campaign', operation: 'downloadReport', reportName: 'Daily_Campaigns', reportDate: '2026-12-06' }, { typeVersion: LATEST_NODE_VERSION, executeOnce: true }),
	];
	return {
		name: 'MoEngage e2e: every operation',
		nodes: [
			{ id: 'op-trigger', name: 'Manual', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{
				id: 'op-contacts',
				name: 'Contacts',
				type: 'n8n-nodes-base.set',
				typeVersion: 3.4,
				position: [220, 0],
				parameters: { mode: 'raw', jsonOutput: JSON.stringify({ contacts: CONTACTS }), options: {} },
			},
			{
				id: 'op-split',
				name: 'One item per contact',
				type: 'n8n-nodes-base.splitOut',
				typeVersion: 1,
				position: [440, 0],
				parameters: { fieldToSplitOut: 'contacts', options: {} },
			},
			...branches,
		],
		connections: {
			Manual: { main: [[{ node: 'Contacts', type: 'main', index: 0 }]] },
			Contacts: { main: [[{ node: 'One item per contact', type: 'main', index: 0 }]] },
			'One item per contact': { main: [branches.map((node) => ({ node: node.name, type: 'main', index: 0 }))] },
		},
		settings: { executionOrder: 'v1' },
	};
}

// ------------------------------------------------------------------------------ error outputs

/**
 * The items of the error-output workflows. Known users are the stand-in's (u-1, u-2, u-3 and the
 * duplicates u-1-old, u-2-old); u-404… are unknown to it; an empty value fails the node's own
 * check before any request.
 */
export const ERROR_CASES = {
	deletes: [{ id: 'u-1' }, { id: 'u-404' }, { id: 'u-2' }, { id: 'u-405' }, { id: '' }],
	gets: [{ id: 'u-1' }, { id: 'u-404' }, { id: '' }, { id: 'u-2' }],
	merges: [
		{ merged: 'u-1-old', retained: 'u-1' },
		// MoEngage skips an unknown user with a 200, so the failing pair is one the node refuses.
		{ merged: 'guest', retained: 'u-2' },
		{ merged: 'u-2-old', retained: 'u-2' },
	],
	events: [
		{ customerId: 'u-1', event: 'E2E Checked' },
		{ customerId: 'u-2', event: '' },
		{ customerId: 'u-3', event: 'E2E Checked' },
	],
	createOrUpdates: [
		{ id: 'u-1', plan: 'gold' },
		{ id: '', plan: 'silver' },
		{ id: 'u-3', plan: 'bronze' },
	],
	cardGets: [{ uid: 'ann@example.com' }, { uid: 'nobody@example.com' }, { uid: '' }, { uid: 'bob@example.com' }],
	cardDeletes: [
		{ uid: 'ann@example.com', campaigns: 'c1' },
		{ uid: 'nobody@example.com', campaigns: 'c1' },
		{ uid: 'bob@example.com', campaigns: '' },
	],
	/** The empty customer ID fails first, so n8n's Retry On Fail runs the node again. */
	retriedEvents: [
		{ customerId: '', event: 'E2E Retried' },
		{ customerId: 'u-1', event: 'E2E Retried' },
		{ customerId: 'u-2', event: 'E2E Retried' },
	],
	regularDeletes: [{ id: 'u-3' }, { id: 'u-406' }, { id: '' }],
	stopDeletes: [{ id: 'u-1' }, { id: 'u-404' }, { id: 'u-2' }],
};

/** One MoEngage node per operation, with the "On Error" setting and the NoOps its outputs lead to. */
export const ERROR_OUTPUT_NODES = {
	deleteUsers: { node: 'Delete users', ok: 'Delete ok', failed: 'Delete failed' },
	getUsers: { node: 'Get users', ok: 'Get ok', failed: 'Get failed' },
	mergeUsers: { node: 'Merge users', ok: 'Merge ok', failed: 'Merge failed' },
	trackEvents: { node: 'Track events', ok: 'Track ok', failed: 'Track failed' },
	createOrUpdateUsers: { node: 'Create or update users', ok: 'Create or update ok', failed: 'Create or update failed' },
	getCards: { node: 'Get cards of users', ok: 'Get cards ok', failed: 'Get cards failed' },
	deleteCards: { node: 'Delete cards of users', ok: 'Delete cards ok', failed: 'Delete cards failed' },
	/** With n8n's Retry On Fail (2 tries) as well. */
	retriedTrack: { node: 'Track events (retry on fail)', ok: 'Retried track ok', failed: 'Retried track failed' },
	/** continueRegularOutput: one output, failures included. */
	regularDelete: { node: 'Delete users (regular output)', ok: 'Delete (regular output) items' },
	/** The default (stop): the run fails at the node; the NoOp after it does not run. */
	stopDelete: { node: 'Delete users (stop)', ok: 'After delete' },
} as const;

type OnError = 'stopWorkflow' | 'continueRegularOutput' | 'continueErrorOutput';

interface ErrorBranch {
	/** Field of the cases object split into items for this branch. */
	field: keyof typeof ERROR_CASES;
	names: { node: string; ok: string; failed?: string };
	onError: OnError;
	parameters: Record<string, unknown>;
	/** n8n's node settings besides On Error, e.g. Retry On Fail. */
	nodeSettings?: Record<string, unknown>;
}

/**
 * Manual Trigger → "Cases" (one item holding the lists above) → per branch: Split Out → the
 * MoEngage node → NoOp(s). With continueErrorOutput the node has a second output ("error"),
 * connected to the "… failed" NoOp.
 */
function errorWorkflow(name: string, branches: ErrorBranch[]): WorkflowInput {
	const credentials = { moEngageApi: { id: DEMO_CREDENTIAL.id, name: DEMO_CREDENTIAL.name } };
	const cases = Object.fromEntries(branches.map(({ field }) => [field, ERROR_CASES[field]]));
	const nodes: unknown[] = [
		{ id: 'err-trigger', name: 'Manual', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
		{
			id: 'err-cases',
			name: 'Cases',
			type: 'n8n-nodes-base.set',
			typeVersion: 3.4,
			position: [220, 0],
			parameters: { mode: 'raw', jsonOutput: JSON.stringify(cases), options: {} },
		},
	];
	const connections: Record<string, { main: Array<Array<{ node: string; type: 'main'; index: number }>> }> = {
		Manual: { main: [[{ node: 'Cases', type: 'main', index: 0 }]] },
		Cases: { main: [[]] },
	};
	const to = (node: string) => ({ node, type: 'main' as const, index: 0 });
	branches.forEach(({ field, names, onError, parameters, nodeSettings }, row) => {
		const split = `Split ${field}`;
		const y = row * 240;
		nodes.push(
			{
				id: `err-split-${row}`,
				name: split,
				type: 'n8n-nodes-base.splitOut',
				typeVersion: 1,
				position: [440, y],
				parameters: { fieldToSplitOut: field, options: {} },
			},
			{
				id: `err-node-${row}`,
				name: names.node,
				type: NODE_TYPE,
				typeVersion: NODE_VERSION,
				position: [660, y],
				parameters,
				credentials,
				...(onError === 'stopWorkflow' ? {} : { onError }),
				...nodeSettings,
			},
			{ id: `err-ok-${row}`, name: names.ok, type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [880, y], parameters: {} },
		);
		connections.Cases.main[0].push(to(split));
		connections[split] = { main: [[to(names.node)]] };
		const outputs = [[to(names.ok)]];
		if (names.failed) {
			nodes.push({ id: `err-failed-${row}`, name: names.failed, type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [880, y + 120], parameters: {} });
			outputs.push([to(names.failed)]);
		}
		connections[names.node] = { main: outputs };
	});
	return { name, nodes, connections, settings: { executionOrder: 'v1' } };
}

const deleteUserParameters = { resource: 'user', operation: 'delete', identityType: 'customer_id', identityValue: '={{ $json.id }}' };

/** Every item-failing case of seven operations with "On Error: Continue (using error output)", and one with the regular output. */
export function errorOutputsWorkflow(): WorkflowInput {
	const n = ERROR_OUTPUT_NODES;
	return errorWorkflow('MoEngage e2e: error outputs', [
		{ field: 'deletes', names: n.deleteUsers, onError: 'continueErrorOutput', parameters: deleteUserParameters },
		{
			field: 'gets',
			names: n.getUsers,
			onError: 'continueErrorOutput',
			parameters: {
				resource: 'user',
				operation: 'get',
				identifierType: 'customer_id',
				identifier: '={{ $json.id }}',
				standardAttributes: ['name'],
				options: { ifNotFound: 'error' },
			},
		},
		{
			field: 'merges',
			names: n.mergeUsers,
			onError: 'continueErrorOutput',
			parameters: { resource: 'user', operation: 'merge', mergedUser: '={{ $json.merged }}', retainedUser: '={{ $json.retained }}' },
		},
		{
			field: 'events',
			names: n.trackEvents,
			onError: 'continueErrorOutput',
			parameters: {
				resource: 'event',
				operation: 'track',
				customerId: '={{ $json.customerId }}',
				eventName: '={{ $json.event }}',
				options: {},
			},
		},
		{
			field: 'createOrUpdates',
			names: n.createOrUpdateUsers,
			onError: 'continueErrorOutput',
			parameters: {
				resource: 'user',
				operation: 'createOrUpdate',
				customerId: '={{ $json.id }}',
				customAttributesInput: 'rows',
				customAttributes: { attribute: [{ name: 'plan', value: '={{ $json.plan }}' }] },
			},
		},
		{
			field: 'cardGets',
			names: n.getCards,
			onError: 'continueErrorOutput',
			parameters: { resource: 'card', operation: 'get', identifyBy: 'uid', userValue: '={{ $json.uid }}' },
		},
		{
			field: 'cardDeletes',
			names: n.deleteCards,
			onError: 'continueErrorOutput',
			parameters: { resource: 'card', operation: 'delete', identifyBy: 'uid', userValue: '={{ $json.uid }}', campaignIds: '={{ $json.campaigns }}' },
		},
		{
			field: 'retriedEvents',
			names: n.retriedTrack,
			onError: 'continueErrorOutput',
			parameters: { resource: 'event', operation: 'track', customerId: '={{ $json.customerId }}', eventName: '={{ $json.event }}', options: {} },
			nodeSettings: { retryOnFail: true, maxTries: 2, waitBetweenTries: 10 },
		},
		{ field: 'regularDeletes', names: n.regularDelete, onError: 'continueRegularOutput', parameters: deleteUserParameters },
	]);
}

/** Delete User with the default "On Error: Stop Workflow": an unknown user fails the run. */
export function stopOnErrorWorkflow(): WorkflowInput {
	return errorWorkflow('MoEngage e2e: stop on error', [
		{ field: 'stopDeletes', names: ERROR_OUTPUT_NODES.stopDelete, onError: 'stopWorkflow', parameters: deleteUserParameters },
	]);
}

// ------------------------------------------------------------------------------ queue mode

/** The production webhook of the queue-mode workflow: `/webhook/<path>` once it is active. */
export const ERASE_MANY_PATH = 'erase-many-users';

/** Node names of the queue-mode workflow. */
export const ERASE_MANY_NODES = { webhook: 'Users to erase', split: 'One item per user', deleteUser: 'Delete user' } as const;

/**
 * Erasing many users on a webhook call, as a queue-mode n8n runs it on a worker: the body
 * `{users: [{id}, …]}` becomes one item per user, Delete User (node defaults, "On Error: Continue
 * (regular output)" so that a failed item is counted instead of stopping the run) erases them,
 * and the webhook answers, once the run has finished, with every item Delete User put out.
 */
export function eraseManyWorkflow(): WorkflowInput {
	const n = ERASE_MANY_NODES;
	return {
		name: 'MoEngage e2e: erase many users (queue mode)',
		nodes: [
			{
				id: 'erase-webhook',
				name: n.webhook,
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: '3c9e1f20-6a4b-4d8e-9f1a-2b3c4d5e6f70',
				parameters: { httpMethod: 'POST', path: ERASE_MANY_PATH, responseMode: 'lastNode', responseData: 'allEntries', options: {} },
			},
			{
				id: 'erase-split',
				name: n.split,
				type: 'n8n-nodes-base.splitOut',
				typeVersion: 1,
				position: [220, 0],
				parameters: { fieldToSplitOut: 'body.users', options: {} },
			},
			{
				id: 'erase-delete',
				name: n.deleteUser,
				type: NODE_TYPE,
				typeVersion: 1.1,
				position: [440, 0],
				onError: 'continueRegularOutput',
				parameters: deleteUserParameters,
				credentials: { moEngageApi: { id: DEMO_CREDENTIAL.id, name: DEMO_CREDENTIAL.name } },
			},
		],
		connections: {
			[n.webhook]: { main: [[{ node: n.split, type: 'main', index: 0 }]] },
			[n.split]: { main: [[{ node: n.deleteUser, type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
	};
}
