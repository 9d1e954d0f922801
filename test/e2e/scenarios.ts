/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- runs on a developer's machine or in CI, never inside n8n */
/**
 * The end-to-end scenarios of one n8n line, as a jest describe: the packed package (globalSetup's
 * `npm pack`) in a REAL n8n release (test/harness/n8n/install-n8n.sh installs them outside the repo), against
 * the MoEngage stand-in of the unit tests on 127.0.0.1.
 *
 * beforeAll of the line: a fresh N8N_USER_FOLDER, the tarball installed the way Community Nodes
 * leaves it, credentials and workflows imported with n8n's CLI. Then, each in its own describe
 * (its beforeAll runs n8n once, its tests read what that run stored and what the stand-in saw):
 *   - `n8n execute` of a workflow running every operation (expressions read a previous node;
 *     Delete User continues on fail for one item; an HTTP Request node uses the MoEngage credential),
 *   - `n8n execute` of the "On Error" workflows: Delete, Get, Merge and Track with the error output
 *     (items per branch, pairedItem, error text), Delete with the regular output, Delete with the
 *     default stop (the run fails naming the item),
 *   - `n8n execute` of the example workflows (the nightly one with its Schedule Trigger swapped for
 *     a Manual Trigger; the VIP segment and order-shipped alert ones),
 *   - `n8n start`: the credential test (the node's testedBy: good keys in a workspace without Get
 *     User, a wrong Data key, a wrong Campaign key) and the GDPR example's production webhook,
 *     called the way a CRM would.
 * Requests n8n may send concurrently are compared in any order; nothing asserts on timing.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

import type { IDataObject } from 'n8n-workflow';

import { STREAMS_CAMPAIGN_EVENTS, STREAMS_USER_EVENTS } from '../../nodes/MoEngageTrigger/sources/streamsEvents';
import { ALERTS, ANN, BOB, BUSINESS_EVENTS, credentialsFor, WORKSPACE } from '../harness/fixtures';
import { MoEngageStandIn, type Api, type RecordedRequest } from '../standin/server';
import {
	activateWorkflow,
	createUserFolder,
	executeWorkflow,
	getLine,
	importCredentials,
	importWorkflows,
	installPackage,
	removeUserFolder,
	startN8n,
	testCredential,
	type LineId,
	type N8nRun,
	type N8nServer,
	type N8nTarget,
} from '../harness/n8n/n8n';
import {
	CUSTOM_CALL_QUERY,
	DEMO_CREDENTIAL,
	E2E_CAMPAIGNS,
	E2E_FLOWS,
	demoCredential,
	ERROR_CASES,
	ERROR_OUTPUT_NODES as EO,
	errorOutputsWorkflow,
	EXAMPLES,
	loadExample,
	LATEST_NODE_VERSION,
	NODE_TYPE,
	OPERATION_NODES as OP,
	operationsWorkflow,
	stopOnErrorWorkflow,
	WEBHOOK_HEADER,
	webhookCredential,
	webhookPath,
	withManualTrigger,
	type ExampleWorkflow,
	type MoEngageCredentialData,
} from '../harness/n8n/workflows';

/** Beyond the unit tests' Ann and Bob: the user Delete erases and the duplicates Merge folds in. */
const EXTRA_USERS = [
	{ customer_id: 'u-3', id: 'moe-0003', attributes: { name: 'Carl Poe' } },
	{ customer_id: 'u-1-old', id: 'moe-0011', attributes: { name: 'Ann L.' } },
	{ customer_id: 'u-2-old', id: 'moe-0012', attributes: { name: 'Bob R.' } },
];
const WEBHOOK_SECRET = 'example-crm-webhook-secret-4c1d';
const basicAuth = (key: string) => `Basic ${Buffer.from(`${WORKSPACE.workspaceId}:${key}`).toString('base64')}`;

/** The tarball globalSetup packed (see globalSetup.ts). */
export function packedTarball(): string {
	const tarball = process.env.N8N_E2E_PACKAGE;
	if (!tarball || !fs.existsSync(tarball)) {
		throw new Error('N8N_E2E_PACKAGE is not set or missing: run the e2e project through jest (npm run e2e), whose globalSetup packs the package');
	}
	return tarball;
}

// ------------------------------------------------------------------------------ assertions

/** JSON with object keys sorted, so that two equal values always print the same. */
function canonical(value: unknown): string {
	return JSON.stringify(value, (_key, v: unknown) =>
		v && typeof v === 'object' && !Array.isArray(v)
			? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
			: v,
	);
}

/**
 * For what the stand-in received from requests n8n may send concurrently (per-item operations
 * keep up to 10 in flight; batches may too): `expect(inAnyOrder(a)).toEqual(inAnyOrder(b))` holds
 * when both hold the same values, each as often, in any order.
 */
function inAnyOrder<T>(values: T[]): T[] {
	return [...values].sort((a, b) => {
		const [x, y] = [canonical(a), canonical(b)];
		return x < y ? -1 : x > y ? 1 : 0;
	});
}

interface Executed {
	run: N8nRun;
	requests: RecordedRequest[];
}

const requestsTo = (executed: Executed, api: Api) => executed.requests.filter((request) => request.api === api);

type StoredItem = { json: IDataObject; pairedItem?: unknown; binary?: Record<string, IDataObject> };

function lastRun(run: N8nRun, node: string) {
	const runs = run.data.resultData.runData[node];
	if (!runs?.length) throw new Error(`node "${node}" did not run`);
	return runs[runs.length - 1];
}

/** Output items of a node (its first output, or `output`) with their pairedItem, as n8n stored them. */
function itemsOf(run: N8nRun, node: string, output = 0): StoredItem[] {
	return (lastRun(run, node).data?.main?.[output] ?? []) as StoredItem[];
}

/** How many outputs n8n stored for a node's last run. */
function outputCount(run: N8nRun, node: string): number {
	return lastRun(run, node).data?.main?.length ?? 0;
}

/**
 * A failed item as the node hands it on: paired with its input item, a readable `error` text
 * (no "[object Object]") matching `pattern`.
 */
function expectFailure(item: StoredItem | undefined, inputIndex: number, pattern: RegExp): void {
	expect(item).toBeDefined();
	expect(item!.pairedItem).toEqual({ item: inputIndex });
	expect(item!.json.error).toEqual(expect.stringMatching(pattern));
	expect(item!.json.error).not.toContain('[object');
}

/** The items that reached a NoOp after a branch: their json equals what the branch put out. */
function expectReached(run: N8nRun, noOp: string, sent: StoredItem[]): void {
	if (sent.length === 0) {
		expect(run.data.resultData.runData[noOp]?.length ? itemsOf(run, noOp) : []).toEqual([]);
		return;
	}
	expect(itemsOf(run, noOp).map((item) => item.json)).toEqual(sent.map((item) => item.json));
}

async function postWebhook(
	server: N8nServer,
	example: ExampleWorkflow,
	body: IDataObject,
	headers: Record<string, string>,
): Promise<{ status: number; body: IDataObject }> {
	const response = await fetch(`${server.baseUrl}/webhook/${webhookPath(example)}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', ...headers },
		body: JSON.stringify(body),
		signal: AbortSignal.timeout(60_000),
	});
	const text = await response.text();
	let parsed: IDataObject = {};
	try {
		parsed = JSON.parse(text) as IDataObject;
	} catch {
		parsed = { text };
	}
	return { status: response.status, body: parsed };
}

// ------------------------------------------------------------------------------ one line

interface Imported {
	pkg: { name: string; version: string; dir: string };
	credentials: Array<{ id: string; name: string; type: string }>;
	workflows: Record<'operations' | 'errorOutputs' | 'stopOnError' | 'nightly' | 'cards' | 'gdpr' | 'vipSegment' | 'orderShipped' | 'weeklyReport' | 'optOut', { id: string; name: string }>;
}

/** Every scenario of one n8n line, in one describe ("n8n 1.x" / "n8n 2.x"). */
export function describeLine(lineId: LineId): void {
	// N8N_E2E_LINES=1|2 (default all): the lines globalSetup installs and these files run
	const wanted = [undefined, '', 'all', lineId].includes(process.env.N8N_E2E_LINES);
	(wanted ? describe : describe.skip)(`n8n ${lineId}.x`, () => {
		const standIn = new MoEngageStandIn({ workspace: WORKSPACE, users: [ANN, BOB, ...EXTRA_USERS], businessEvents: BUSINESS_EVENTS, alerts: ALERTS });
		let target: N8nTarget | undefined;
		let imported: Imported | undefined;
		const timings: string[] = [];

		const timed = async <T>(label: string, step: () => Promise<T>): Promise<T> => {
			const started = Date.now();
			try {
				return await step();
			} finally {
				timings.push(`${label} ${((Date.now() - started) / 1000).toFixed(1)}s`);
			}
		};

		/** What the line's beforeAll set up; throws (failing the caller) when it did not get there. */
		const ready = (): { target: N8nTarget; imported: Imported } => {
			if (!target || !imported) throw new Error(`n8n ${lineId}.x was not set up (see the first failure of this line)`);
			return { target, imported };
		};

		/** Runs an imported workflow with `n8n execute` and keeps the requests the stand-in saw meanwhile. */
		const execute = async (label: string, id: (workflows: Imported['workflows']) => { id: string }, opts: { allowError?: boolean } = {}) => {
			const { target, imported } = ready();
			return await timed(label, async () => {
				standIn.reset();
				const run = await executeWorkflow(target, id(imported.workflows).id, opts);
				return { run, requests: [...standIn.requests] } satisfies Executed;
			});
		};

		beforeAll(async () => {
			const tarball = packedTarball();
			await standIn.start();
			const line = getLine(lineId);
			const userFolder = createUserFolder(`n8n-e2e-v${lineId}-`);
			const lineTarget: N8nTarget = { line, userFolder };
			target = lineTarget;
			process.stderr.write(`[e2e] n8n ${line.version} (line ${lineId}) on ${line.nodeBin}; user folder ${userFolder}; stand-in ${standIn.baseUrl}\n`);
			const pkg = installPackage(userFolder, tarball);
			const credentials = await timed('import:credentials', async () =>
				importCredentials(lineTarget, [
					demoCredential(credentialsFor(standIn.baseUrl).moEngageApi as MoEngageCredentialData),
					webhookCredential(WEBHOOK_SECRET),
				]),
			);
			const [operations, errorOutputs, stopOnError, nightly, cards, gdpr, vipSegment, orderShipped, weeklyReport, optOut] = await timed('import:workflow', async () =>
				importWorkflows(lineTarget, [
					operationsWorkflow(standIn.baseUrl),
					errorOutputsWorkflow(),
					stopOnErrorWorkflow(),
					withManualTrigger(loadExample(EXAMPLES.nightlyMissingUsers)),
					loadExample(EXAMPLES.clearUserCards),
					loadExample(EXAMPLES.gdprErasure),
					loadExample(EXAMPLES.crmVipSegment),
					loadExample(EXAMPLES.orderShippedAlert),
					withManualTrigger(loadExample(EXAMPLES.weeklyCampaignReport)),
					loadExample(EXAMPLES.crmUnsubscribeOptOut),
				]),
			);
			imported = { pkg, credentials, workflows: { operations, errorOutputs, stopOnError, nightly, cards, gdpr, vipSegment, orderShipped, weeklyReport, optOut } };
		});

		afterAll(async () => {
			await standIn.stop();
			process.stderr.write(`[e2e] n8n ${lineId}.x timings: ${timings.join(', ')}\n`);
			if (!target) return;
			if (process.env.N8N_E2E_KEEP) process.stderr.write(`[e2e] kept user folder ${target.userFolder}\n`);
			else removeUserFolder(target.userFolder);
		});

		test('package installs from the npm-pack tarball; credentials and workflows import', () => {
			const { target, imported } = ready();
			expect(imported.pkg.name).toBe('n8n-nodes-moengage');
			const manifest = JSON.parse(fs.readFileSync(path.join(target.userFolder, '.n8n', 'nodes', 'package.json'), 'utf8')) as IDataObject;
			expect(manifest.dependencies).toEqual({ [imported.pkg.name]: imported.pkg.version });
			expect(imported.credentials.map((credential) => credential.type)).toEqual(['moEngageApi', 'httpHeaderAuth']);
			expect(Object.keys(imported.workflows)).toHaveLength(10);
		});

		// ---- every operation in one workflow
		describe('every operation in one workflow (n8n execute)', () => {
			let ops: Executed;
			beforeAll(async () => {
				ops = await execute('execute: operations', (w) => w.operations);
			});
			const outputOf = (node: string) => itemsOf(ops.run, node);

			test('User → Get: identifiers from the previous node, one batched request', () => {
				const items = outputOf(OP.getUser);
				expect(items.map((item) => item.json)).toEqual([
					{ customer_id: 'u-1', name: 'Ann Lee', email: 'ann@example.com', plan: 'gold', found: true },
					{ customer_id: 'u-2', name: 'Bob Roy', email: 'bob@example.com', plan: 'silver', found: true },
				]);
				expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
				// (the "Get all attributes" node sends its own request, without a field list)
				const requests = requestsTo(ops, 'exportUsers').filter((request) => (request.body as { data: IDataObject }).data.user_fields_to_export !== undefined);
				expect(requests).toHaveLength(1);
				expect((requests[0].body as { data: { identifiers: IDataObject[] } }).data.identifiers.map((id) => id.identifier)).toEqual(['u-1', 'u-2']);
				expect(requests[0].headers.authorization).toBe(basicAuth(WORKSPACE.dataApiKey));
			});

			test('User → Create or Update: standard and custom attributes reach the profile', () => {
				const items = outputOf(OP.createOrUpdate);
				expect(items.map((item) => [item.json.status, item.json.customer_id])).toEqual([['success', 'u-1'], ['success', 'u-2']]);
				// (the "Update existing users only" node sends its own, with update_existing_only)
				const requests = requestsTo(ops, 'trackUser').filter((request) => (request.body as IDataObject).update_existing_only === undefined);
				expect(requests.map((request) => request.path)).toEqual([`/v1/customer/${WORKSPACE.workspaceId}`, `/v1/customer/${WORKSPACE.workspaceId}`]);
				const bodies = requests.map((request) => request.body as { customer_id: string; attributes: IDataObject });
				expect(bodies.find((body) => body.customer_id === 'u-1')?.attributes).toEqual({ first_name: 'Ann', source: 'n8n e2e' });
			});

			test('User → Create or Update with Only Update Existing Users and Unset Attributes: sent as MoEngage documents, no user created', () => {
				const items = outputOf(OP.updateExistingOnly);
				expect(items.map((item) => [item.json.status, item.json.customer_id])).toEqual([['success', 'u-1'], ['success', 'u-unknown-e2e']]);
				const bodies = requestsTo(ops, 'trackUser')
					.map((request) => request.body as IDataObject)
					.filter((body) => body.update_existing_only === true);
				expect(bodies.map((body) => body.customer_id).sort()).toEqual(['u-1', 'u-unknown-e2e']);
				expect(bodies.every((body) => JSON.stringify(body.unset_attributes) === JSON.stringify([{ type: 'equals', attr: 'plan', case_sensitive: true }]))).toBe(true);
			});

			test('User → Get with Return All Attributes: no field list sent, every attribute returned', () => {
				const items = outputOf(OP.getAllAttributes);
				expect(items.map((item) => item.json.customer_id)).toEqual(['u-1', 'u-2']);
				expect(items[0].json).toMatchObject({ name: 'Ann Lee', email: 'ann@example.com' });
				// (the simplified node's request names the users by MoEngage ID)
				const requests = requestsTo(ops, 'exportUsers').filter(
					(request) =>
						(request.body as { data: IDataObject }).data.user_fields_to_export === undefined &&
						(request.body as { data: { identifiers: IDataObject[] } }).data.identifiers[0].identifier_type === 'customer_id',
				);
				expect(requests).toHaveLength(1);
			});

			test('Event → Track: event with attributes and platform', () => {
				const items = outputOf(OP.trackEvent);
				expect(items.map((item) => [item.json.status, item.json.customer_id])).toEqual([['success', 'u-1'], ['success', 'u-2']]);
				const requests = requestsTo(ops, 'trackEvent');
				expect(requests).toHaveLength(2);
				const body = requests.map((request) => request.body as { customer_id: string; actions: IDataObject[] }).find((b) => b.customer_id === 'u-2');
				expect(body?.actions).toEqual([{ action: 'E2E Checked', attributes: { email: 'bob@example.com' }, platform: 'web' }]);
			});

			test('User → Create or Update with Send in Bulk: both users in one Bulk Import request, each item paired and told its request', () => {
				const items = outputOf(OP.createOrUpdateInBulk);
				expect(items.map((item) => item.json)).toEqual(
					['u-1', 'u-2'].map((customer_id) => ({
						status: 'accepted',
						moengage_status: 'success',
						message: 'Your request has been accepted and will be processed soon.',
						bulk_request: 1,
						items_in_request: 2,
						customer_id,
						attributes: { source: 'n8n e2e bulk' },
					})),
				);
				expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
				const requests = requestsTo(ops, 'bulkImport').filter((request) => (request.body as { elements: IDataObject[] }).elements[0].type === 'customer');
				expect(requests.map((request) => [request.path, request.status])).toEqual([[`/v1/transition/${WORKSPACE.workspaceId}`, 200]]);
				expect(requests[0].headers.authorization).toBe(basicAuth(WORKSPACE.dataApiKey));
				expect(requests[0].body).toEqual({
					type: 'transition',
					elements: ['u-1', 'u-2'].map((customer_id) => ({ type: 'customer', customer_id, attributes: { source: 'n8n e2e bulk' } })),
				});
			});

			test('Event → Track with Send in Bulk: both events in one Bulk Import request', () => {
				const items = outputOf(OP.trackEventsInBulk);
				expect(items.map((item) => [item.json.status, item.json.bulk_request, item.json.items_in_request, item.json.customer_id])).toEqual([
					['accepted', 1, 2, 'u-1'],
					['accepted', 1, 2, 'u-2'],
				]);
				expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
				const requests = requestsTo(ops, 'bulkImport').filter((request) => (request.body as { elements: IDataObject[] }).elements[0].type === 'event');
				expect(requests.map((request) => request.body)).toEqual([
					{
						type: 'transition',
						elements: ['u-1', 'u-2'].map((customer_id) => ({ type: 'event', customer_id, actions: [{ action: 'E2E Bulk Checked', attributes: {}, platform: 'web' }] })),
					},
				]);
			});

			test('Card → Get: the Cards key and MOE-APPKEY, one item per user', () => {
				const items = outputOf(OP.getCards);
				expect(items.map((item) => [item.json.uid, (item.json.cards as unknown[]).length])).toEqual([['ann@example.com', 3], ['bob@example.com', 1]]);
				// (the simplified node's requests ask for Android and iOS cards)
				const requests = requestsTo(ops, 'fetchCards').filter((request) => request.query.limit === undefined && (request.body as IDataObject).platforms === undefined);
				expect(requests).toHaveLength(2);
				for (const request of requests) {
					expect([request.headers.authorization, request.headers['moe-appkey']]).toEqual([basicAuth(WORKSPACE.cardsApiKey), WORKSPACE.workspaceId]);
				}
			});

			test('Card → Delete: campaign IDs and platforms per user', () => {
				const items = outputOf(OP.deleteCards);
				expect(items.map((item) => [item.json.uid, item.json.web])).toEqual([
					['ann@example.com', { success: [], failed: [], invalid: ['c9'] }],
					['bob@example.com', { success: ['c9'], failed: [], invalid: [] }],
				]);
				// one request per item, sent concurrently: their arrival order is not the items' order
				// (the requests for campaign c2 are the picker's node, below)
				const thisNode = requestsTo(ops, 'deleteCards').filter((request) => JSON.stringify((request.body as IDataObject).campaign_ids) !== '["c2"]');
				expect(inAnyOrder(thisNode.map((request) => request.body))).toEqual(
					inAnyOrder([
						{ uid: 'ann@example.com', campaign_ids: ['c9'], platforms: ['WEB'] },
						{ uid: 'bob@example.com', campaign_ids: ['c9'], platforms: ['WEB'] },
					]),
				);
			});

			test('User → Merge: both pairs in one request, results paired back', () => {
				const items = outputOf(OP.mergeUsers);
				expect(items.map((item) => [item.json.merged_user, item.json.retained_user, item.pairedItem])).toEqual([
					['u-1-old', 'u-1', { item: 0 }],
					['u-2-old', 'u-2', { item: 1 }],
				]);
				expect(requestsTo(ops, 'mergeUsers').map((request) => request.body)).toEqual([
					{
						merge_data: [
							{ merged_user: 'u-1-old', retained_user: 'u-1' },
							{ merged_user: 'u-2-old', retained_user: 'u-2' },
						],
					},
				]);
			});

			test('User → Delete with continue-on-fail: the empty ID fails alone, before any request', () => {
				const items = outputOf(OP.deleteUser);
				expect(items).toHaveLength(2);
				expect([items[0].json.status, items[0].json.identity_value, items[0].pairedItem]).toEqual(['success', 'u-3', { item: 0 }]);
				// the error names the field and the item
				expect(items[1].json.error).toEqual(expect.stringMatching(/User ID/));
				expect(items[1].json.error).toEqual(expect.stringMatching(/item 1/));
				expect(items[1].pairedItem).toEqual({ item: 1 });
				expect(requestsTo(ops, 'deleteUser').map((request) => request.body)).toEqual([{ identity_type: 'customer_id', identity_value: 'u-3' }]);
			});

			test('HTTP Request node with the MoEngage credential (custom API call)', () => {
				const items = outputOf(OP.httpRequest);
				// MoEngage's own answer, untouched: page 1 with one of Ann's three cards
				const answer = items.map((item) => item.json as { status?: boolean; data?: { cards?: Array<{ id: string }> } });
				expect(answer.map((json) => [json.status, json.data?.cards?.map((card) => card.id)])).toEqual([[true, ['c1_F_T_CA_AB_0_P_0_L_0_android']]]);
				const requests = requestsTo(ops, 'fetchCards').filter((request) => request.query.limit !== undefined);
				expect(requests).toHaveLength(1);
				expect(requests[0].query).toEqual(CUSTOM_CALL_QUERY);
				expect([requests[0].headers.authorization, requests[0].headers['moe-appkey']]).toEqual([basicAuth(WORKSPACE.cardsApiKey), WORKSPACE.workspaceId]);
			});

			test('Segment → Add Users / Remove Users: both contacts in one Cohort Sync request each, results paired back', () => {
				const added = outputOf(OP.addToSegment);
				expect(added.map((item) => [item.json.status, item.json.action, item.json.customer_id, item.pairedItem])).toEqual([
					['accepted', 'add_members', 'u-1', { item: 0 }],
					['accepted', 'add_members', 'u-2', { item: 1 }],
				]);
				expect(outputOf(OP.removeFromSegment).map((item) => [item.json.action, item.json.customer_id])).toEqual([
					['remove_members', 'u-1'],
					['remove_members', 'u-2'],
				]);
				const requests = requestsTo(ops, 'cohortSync');
				expect(inAnyOrder(requests.map((request) => request.body))).toEqual(
					inAnyOrder([
						{ action: 'add_members', partner: 'n8n', parameters: { cohort_id: 'e2e-vip', cohort_name: 'E2E VIP', members: [{ uid: 'u-1' }, { uid: 'u-2' }] } },
						{ action: 'remove_members', partner: 'n8n', parameters: { cohort_id: 'e2e-lapsed', cohort_name: 'E2E lapsed', members: [{ uid: 'u-1' }, { uid: 'u-2' }] } },
					]),
				);
				for (const request of requests) {
					expect([request.headers.authorization, request.headers['moe-appkey']]).toEqual([basicAuth(WORKSPACE.dataApiKey), WORKSPACE.workspaceId]);
				}
			});

			test('Business Event → Trigger: one trigger per item, with the Campaign key', () => {
				const items = outputOf(OP.triggerBusinessEvent);
				expect(items.map((item) => [item.json.status, item.json.event_attributes, item.pairedItem])).toEqual([
					['triggered', { product_id: 'sku-u-1' }, { item: 0 }],
					['triggered', { product_id: 'sku-u-2' }, { item: 1 }],
				]);
				const requests = requestsTo(ops, 'triggerBusinessEvent');
				expect(inAnyOrder(requests.map((request) => request.body))).toEqual(
					inAnyOrder(['u-1', 'u-2'].map((id) => ({ event_name: 'price_drop', event_attributes: { product_id: `sku-${id}` } }))),
				);
				expect(requests.every((request) => request.headers.authorization === basicAuth(WORKSPACE.cardsApiKey))).toBe(true);
			});

			test('Inform → Send Alert: the Inform key, a transaction ID per item made from the execution, personalized attributes', () => {
				const items = outputOf(OP.sendAlert);
				expect(items.map((item) => [item.json.status, item.json.already_sent, item.json.customer_id, item.pairedItem])).toEqual([
					['sent', false, 'u-1', { item: 0 }],
					['sent', false, 'u-2', { item: 1 }],
				]);
				const requests = requestsTo(ops, 'sendAlert');
				const bodies = requests.map((request) => request.body as { transaction_id: string; user_id: string; payloads: IDataObject });
				const transactions = bodies.map((body) => body.transaction_id);
				expect(new Set(transactions).size).toBe(2);
				expect(transactions.every((id) => /^n8n-.+-\d$/.test(id) && id.length <= 50)).toBe(true);
				expect(bodies.find((body) => body.user_id === 'u-2')?.payloads).toEqual({ EMAIL: { recipient: 'bob@example.com', personalized_attributes: { firstname: 'Bob' } } });
				for (const request of requests) {
					expect([request.headers.authorization, request.headers['moe-appkey']]).toEqual([basicAuth(WORKSPACE.informApiKey), WORKSPACE.workspaceId]);
				}
			});

			test('Campaign → Search (1.2): each contact\'s search paged through MoEngage, campaigns paired with the contact', () => {
				const items = outputOf(OP.searchCampaigns);
				expect(items.map((item) => [item.json.campaign_id, (item.json.basic_details as IDataObject).name, item.pairedItem])).toEqual([
					['c1', 'Spring Sale', { item: 0 }],
					[expect.any(String), 'Weekly Newsletter', { item: 1 }],
				]);
				const searches = requestsTo(ops, 'searchCampaigns');
				expect(searches.map((request) => (request.body as IDataObject).campaign_fields)).toEqual(expect.arrayContaining([{ name: 'Spring' }, { name: 'Newsletter' }]));
				expect(searches.every((request) => request.status === 200 && request.headers.authorization === basicAuth(WORKSPACE.cardsApiKey))).toBe(true);
			});

			test('Campaign → Get Stats (1.2): 45 days in two requests for both contacts, flat rows per campaign, platform and period', () => {
				const stats = requestsTo(ops, 'campaignStats');
				expect(stats.map((request) => [(request.body as IDataObject).start_date, (request.body as IDataObject).end_date]).sort()).toEqual([
					['2024-06-01', '2024-06-30'],
					['2024-07-01', '2024-07-15'],
				]);
				expect(stats.every((request) => request.status === 200 && JSON.stringify((request.body as IDataObject).campaign_ids) === '["c1","c9"]')).toBe(true);
				const rows = outputOf(OP.getCampaignStats).filter((item) => (item.pairedItem as { item: number }).item === 0);
				expect(rows.map((item) => [item.json.campaign_id, item.json.platform, item.json.start_date])).toEqual([
					['c1', 'android', '2024-06-01'],
					['c1', 'ios', '2024-06-01'],
					['c1', 'android', '2024-07-01'],
					['c1', 'ios', '2024-07-01'],
					['c9', 'unknown', '2024-06-01'],
					['c9', 'unknown', '2024-07-01'],
				]);
				expect(typeof rows[0].json.sent).toBe('number');
			});

			test('Card → Delete (1.2): the campaign picked from the list is sent', () => {
				const deletes = requestsTo(ops, 'deleteCards').filter((request) => JSON.stringify((request.body as IDataObject).campaign_ids) === '["c2"]');
				expect(deletes.map((request) => request.body)).toEqual([
					{ uid: 'ann@example.com', campaign_ids: ['c2'] },
					{ uid: 'bob@example.com', campaign_ids: ['c2'] },
				]);
				expect(outputOf(OP.deletePickedCampaign)[0].json.android).toEqual({ success: ['c2'], failed: [], invalid: [] });
			});

			test('User → Get / Update Subscription Preferences (1.2): read by email, the newsletter unsubscribed with an Idempotency-Key', () => {
				const got = outputOf(OP.getSubscriptions);
				expect(got.map((item) => [item.json.user_identifier_value, item.json.is_globally_unsubscribed, item.pairedItem])).toEqual([
					['ann@example.com', false, { item: 0 }],
					['bob@example.com', false, { item: 1 }],
				]);
				const updates = requestsTo(ops, 'updateSubscriptionPreferences');
				expect(updates.map((request) => [request.status, request.body])).toEqual([
					[202, { user_identifier_type: 'uid', user_identifier_value: 'u-1', channel: 'email', is_globally_unsubscribed: false, categories: { newsletter: false } }],
					[202, { user_identifier_type: 'uid', user_identifier_value: 'u-2', channel: 'email', is_globally_unsubscribed: false, categories: { newsletter: false } }],
				]);
				expect(updates.every((request) => /^[0-9a-f-]{36}$/.test(String(request.headers['idempotency-key'])))).toBe(true);
				expect(outputOf(OP.unsubscribeNewsletter).map((item) => item.json.accepted)).toEqual([true, true]);
			});

			test('User → Erase (GDPR Request) (1.3): one erasure request per contact, by email, with the Data key; the output carries MoEngage\'s request ID', () => {
				const items = outputOf(OP.eraseUser);
				expect(items.map((item) => [item.json.status, item.json.identity_value, typeof item.json.request_id, item.pairedItem])).toEqual([
					['success', 'ann@example.com', 'string', { item: 0 }],
					['success', 'bob@example.com', 'string', { item: 1 }],
				]);
				const requests = requestsTo(ops, 'gdprRequest');
				expect(requests.map((request) => (request.body as { identities: IDataObject[] }).identities).sort((a, b) => String(a[0].identity_value).localeCompare(String(b[0].identity_value)))).toEqual([
					[{ identity_type: 'email', identity_value: 'ann@example.com' }],
					[{ identity_type: 'email', identity_value: 'bob@example.com' }],
				]);
				expect(requests.every((request) => request.path === `/v1/opengdpr_requests/${WORKSPACE.workspaceId}` && request.headers.authorization === basicAuth(WORKSPACE.dataApiKey))).toBe(true);
			});

			test('Segment → Get Many and Get (1.3): the workspace\'s segments for each contact; the picked segment with its filters', () => {
				const segments = outputOf(OP.getSegments);
				expect(segments).toHaveLength(6);
				expect(segments.slice(0, 3).map((item) => [item.json.name, item.pairedItem])).toEqual([
					['Active subscribers', { item: 0 }],
					['VIP customers', { item: 0 }],
					['Spring sale CSV', { item: 0 }],
				]);
				const picked = outputOf(OP.getSegment);
				expect(picked.map((item) => [item.json.id, item.json.name, item.pairedItem])).toEqual([
					['63a017e8d2460ae81a05bf5e', 'VIP customers', { item: 0 }],
					['63a017e8d2460ae81a05bf5e', 'VIP customers', { item: 1 }],
				]);
				expect(picked[0].json.included_filters).toMatchObject({ filter_operator: 'and' });
				expect(requestsTo(ops, 'getSegment').every((request) => request.headers['moe-appkey'] === WORKSPACE.workspaceId)).toBe(true);
			});

			test('Push → Send (1.4): signed with the Push key on the Push API, one push per contact, no Basic auth', () => {
				const items = outputOf(OP.sendPush);
				expect(items.map((item) => [item.json.status, item.json.user, item.pairedItem])).toEqual([
					['accepted', 'ann@example.com', { item: 0 }],
					['accepted', 'bob@example.com', { item: 1 }],
				]);
				const requests = requestsTo(ops, 'sendPush');
				const signature = createHash('sha256').update(`${WORKSPACE.workspaceId}|E2E Order Shipped|${WORKSPACE.pushApiKey}`).digest('hex');
				for (const request of requests) {
					expect([request.headers.authorization, request.headers['x-moe-appkey'], request.headers['x-moe-pushapi-signature'], request.headers['x-moe-query-type']]).toEqual([undefined, WORKSPACE.workspaceId, signature, 'user']);
				}
				expect(inAnyOrder(requests.map((request) => (request.body as IDataObject).payload))).toEqual(
					inAnyOrder(['Ann', 'Bob'].map((name) => ({ ANDROID: { title: 'Your order has shipped', message: `Hi ${name}, it arrives tomorrow`, defaultAction: { type: 'deeplinking', value: 'myapp://orders' } }, IOS: { title: 'Your order has shipped', message: `Hi ${name}, it arrives tomorrow`, defaultAction: { type: 'deeplinking', value: 'myapp://orders' } } }))),
				);
			});

			test('Campaign → Download Report: the file as binary data in the field "data", signed with the Campaign key', () => {
				const items = outputOf(OP.downloadReport);
				expect(items.map((item) => item.json)).toEqual([{ fileName: 'Daily_Campaigns_20261206.zip', mimeType: 'application/gzip', fileSize: expect.any(Number) }]);
				expect(items[0].binary?.data).toMatchObject({ fileName: 'Daily_Campaigns_20261206.zip', mimeType: 'application/gzip' });
				const requests = requestsTo(ops, 'downloadCampaignReport');
				expect(requests.map((request) => [request.method, request.status, typeof request.headers.signature])).toEqual([['GET', 200, 'string']]);
			});

			test('Segment → Create From File: one POST with MOE-DBNAME from the credential, MoEngage\'s 202 as the item', () => {
				const items = outputOf(OP.createSegmentFromFile);
				expect(items.map((item) => [item.json.success, item.json.cs_name])).toEqual([[true, 'E2E warehouse VIPs']]);
				const requests = requestsTo(ops, 'createFileSegment');
				expect(requests.map((request) => [request.status, request.headers['moe-dbname']])).toEqual([[202, WORKSPACE.databaseName]]);
			});

			test('Campaign → Send Message: the campaign picked from the list, one message per contact, each with its own Idempotency-Key; queued', () => {
				const items = outputOf(OP.sendMessage);
				expect(items.map((item) => [item.json.status, item.json.campaign_id, item.json.recipient, item.pairedItem])).toEqual([
					['queued', E2E_CAMPAIGNS.orderConfirmation, 'u-1', { item: 0 }],
					['queued', E2E_CAMPAIGNS.orderConfirmation, 'u-2', { item: 1 }],
				]);
				const requests = requestsTo(ops, 'sendMessage');
				expect(inAnyOrder(requests.map((request) => [request.method, request.path, request.status, request.body]))).toEqual(
					inAnyOrder(
						[['u-1', 'Ann'], ['u-2', 'Bob']].map(([id, name]) => [
							'POST',
							`/v5/campaigns/${E2E_CAMPAIGNS.orderConfirmation}/send`,
							202,
							{ identifier_type: 'ID', recipients: [id], personalized_attributes: { first_name: name } },
						]),
					),
				);
				expect(new Set(requests.map((request) => request.headers['idempotency-key'])).size).toBe(2);
				expect(requests.every((request) => request.headers.authorization === basicAuth(WORKSPACE.cardsApiKey))).toBe(true);
			});

			test('Campaign → Change Status: the campaign given by its dashboard URL (By URL) is paused', () => {
				expect(outputOf(OP.pauseCampaignByUrl).map((item) => [item.json.status, item.json.campaign_ids, item.pairedItem])).toEqual([
					['paused', [E2E_CAMPAIGNS.newsletter], { item: 0 }],
					['paused', [E2E_CAMPAIGNS.newsletter], { item: 1 }],
				]);
				const requests = requestsTo(ops, 'changeCampaignStatus');
				expect(requests.map((request) => [request.status, (request.body as IDataObject).action, (request.body as IDataObject).campaign_ids])).toEqual([
					[200, 'PAUSE', [E2E_CAMPAIGNS.newsletter]],
					[200, 'PAUSE', [E2E_CAMPAIGNS.newsletter]],
				]);
			});

			test('Campaign → Get: Simplify (1.4) gives the ten readable fields; a node saved at 1.3 the campaign as MoEngage lists it', () => {
				const simplified = outputOf(OP.getCampaign);
				expect(simplified.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
				expect(simplified[0].json).toMatchObject({ campaign_id: 'c1', name: 'Spring Sale', channel: 'PUSH' });
				expect(simplified[0].json.basic_details).toBeUndefined();
				expect(Object.keys(simplified[0].json).length).toBeLessThanOrEqual(10);
				const full = outputOf(OP.getCampaignFull);
				expect(full[0].json).toMatchObject({ campaign_id: 'c1', basic_details: { name: 'Spring Sale' } });
				expect(full[0].json.name).toBeUndefined();
			});

			test('Campaign → Search: Simplify (1.4) gives the ten readable fields; a node saved at 1.3 the campaign as MoEngage lists it', () => {
				const simplified = outputOf(OP.searchCampaignsSimplified);
				expect(simplified.map((item) => [item.json.campaign_id, item.json.name, item.pairedItem])).toEqual([
					['c1', 'Spring Sale', { item: 0 }],
					['c1', 'Spring Sale', { item: 1 }],
				]);
				expect(simplified.every((item) => item.json.basic_details === undefined && Object.keys(item.json).length <= 10)).toBe(true);
				const full = outputOf(OP.searchCampaignsSaved);
				expect(full.map((item) => [item.json.campaign_id, (item.json.basic_details as IDataObject).name, item.json.name])).toEqual([
					['c1', 'Spring Sale', undefined],
					['c1', 'Spring Sale', undefined],
				]);
			});

			test('Flow → Search, Get (picked, simplified at 1.4; saved at 1.3, full) and Change Status (one flow per contact paused)', () => {
				expect(outputOf(OP.searchFlows).map((item) => [item.json.flow_id, item.json.name, item.pairedItem])).toEqual([
					[E2E_FLOWS.welcome, 'Welcome journey', { item: 0 }],
					[E2E_FLOWS.welcome, 'Welcome journey', { item: 1 }],
				]);
				const simplified = outputOf(OP.getFlow);
				expect(simplified.map((item) => item.json)).toEqual(
					[0, 1].map(() => ({ flow_id: E2E_FLOWS.flow02, name: 'Flow 02', status: 'PAUSED', archived: false, delivery_type: 'PERIODIC', tags: ['onboarding'] })),
				);
				const full = outputOf(OP.getFlowFull);
				expect(full.map((item) => [item.json.flow_id, (item.json.versions as IDataObject[]).length])).toEqual([
					[E2E_FLOWS.flow02, 1],
					[E2E_FLOWS.flow02, 1],
				]);
				expect(requestsTo(ops, 'getFlow').map((request) => [request.method, request.path, request.status])).toEqual(
					Array(4).fill(['GET', `/v5/flows/${E2E_FLOWS.flow02}`, 200]),
				);
				expect(outputOf(OP.pauseFlow).map((item) => [item.json.flow_id, item.json.status, item.json.updated_by, item.pairedItem])).toEqual([
					[E2E_FLOWS.welcome, 'PAUSED', 'ann@example.com', { item: 0 }],
					[E2E_FLOWS.flow06, 'PAUSED', 'bob@example.com', { item: 1 }],
				]);
				const changes = requestsTo(ops, 'changeFlowStatus');
				expect(inAnyOrder(changes.map((request) => [request.method, request.path, request.status, request.body]))).toEqual(
					inAnyOrder([
						['PATCH', `/v5/flows/${E2E_FLOWS.welcome}/status`, 200, { action: 'pause', updated_by: 'ann@example.com' }],
						['PATCH', `/v5/flows/${E2E_FLOWS.flow06}/status`, 200, { action: 'pause', updated_by: 'bob@example.com' }],
					]),
				);
				expect([...requestsTo(ops, 'searchFlows'), ...changes].every((request) => request.headers.authorization === basicAuth(WORKSPACE.cardsApiKey))).toBe(true);
			});

			test('User → Get with Return All Attributes: Simplify (1.4) keeps the standard attributes; the node saved at 1.1 returns every attribute', () => {
				const simplified = outputOf(OP.getAllAttributesSimplified);
				expect(simplified.map((item) => [item.json.customer_id, item.json.id, item.json.name, item.json.email, item.json.found, item.pairedItem])).toEqual([
					['u-1', 'moe-0001', 'Ann Lee', 'ann@example.com', true, { item: 0 }],
					['u-2', 'moe-0002', 'Bob Roy', 'bob@example.com', true, { item: 1 }],
				]);
				// only standard attributes (other nodes of the run may have set first names): the custom attribute "plan" is left out
				const standard = ['customer_id', 'id', 'name', 'first_name', 'last_name', 'email', 'mobile', 'gender', 'birthday', 'found'];
				expect(simplified.flatMap((item) => Object.keys(item.json)).filter((key) => !standard.includes(key))).toEqual([]);
				// and there in the full answer (Bob's: an earlier node of the run may unset Ann's)
				expect(outputOf(OP.getAllAttributes)[1].json).toMatchObject({ customer_id: 'u-2', plan: 'silver' });
			});

			test('Card → Get: Simplify (1.4) gives ten fields per card; the node saved at 1.1 returns the cards as MoEngage does', () => {
				const simplified = outputOf(OP.getCardsSimplified);
				expect(simplified.map((item) => [item.json.uid, (item.json.cards as IDataObject[]).map((card) => [card.campaign_id, card.platform])])).toEqual([
					['ann@example.com', [['c1', 'android'], ['c2', 'android'], ['c1', 'ios']]],
					['bob@example.com', []],
				]);
				const cards = (simplified[0].json.cards as IDataObject[]);
				expect(cards.every((card) => card.meta_data === undefined && Object.keys(card).length <= 10)).toBe(true);
				const fullCards = outputOf(OP.getCards)[0].json.cards as IDataObject[];
				expect(fullCards.every((card) => typeof card.meta_data === 'object')).toBe(true);
				expect(requestsTo(ops, 'fetchCards').filter((request) => JSON.stringify((request.body as IDataObject).platforms) === '["ANDROID","IOS"]')).toHaveLength(2);
			});

			test('no key appears in the stored run', () => {
				const text = JSON.stringify(ops.run);
				for (const secret of [WORKSPACE.dataApiKey, WORKSPACE.cardsApiKey, WORKSPACE.informApiKey, WORKSPACE.pushApiKey, basicAuth(WORKSPACE.dataApiKey), basicAuth(WORKSPACE.cardsApiKey), basicAuth(WORKSPACE.informApiKey)]) {
					expect(text).not.toContain(secret);
				}
			});
		});

		// ---- "On Error": the error output, the regular output
		describe('On Error: error output and regular output (n8n execute)', () => {
			let errorsRun: Executed;
			beforeAll(async () => {
				errorsRun = await execute('execute: error outputs', (w) => w.errorOutputs);
			});
			const branch = (names: { node: string }) => {
				const { run } = errorsRun;
				expect(outputCount(run, names.node)).toBe(2); // success, error
				return { ok: itemsOf(run, names.node, 0), failed: itemsOf(run, names.node, 1), run };
			};
			// MoEngage's answer for an unknown user (data.yaml /customer/delete), named with the item
			const notFound = (id: string) => new RegExp(`item \\d+ \\(customer_id "${id}"\\): User doesn't exists with customer id ${id}`);

			test('error output: User → Delete sends known users to "ok", unknown and empty IDs to "failed"', () => {
				const { ok, failed, run } = branch(EO.deleteUsers);
				expect(ok.map((item) => [item.json.status, item.json.identity_value, item.pairedItem])).toEqual([
					['success', 'u-1', { item: 0 }],
					['success', 'u-2', { item: 2 }],
				]);
				expect(failed).toHaveLength(3);
				expectFailure(failed[0], 1, notFound('u-404'));
				expectFailure(failed[1], 3, notFound('u-405'));
				expectFailure(failed[2], 4, /User ID.*item 4/); // the empty ID
				expectReached(run, EO.deleteUsers.ok, ok);
				expectReached(run, EO.deleteUsers.failed, failed);
				const deletes = requestsTo(errorsRun, 'deleteUser').map((request) => request.body as IDataObject);
				// none for the empty ID; u-3 and u-406 are the regular-output node's
				expect(inAnyOrder(deletes.filter((body) => !['u-3', 'u-406'].includes(String(body.identity_value))))).toEqual(
					inAnyOrder(['u-1', 'u-404', 'u-2', 'u-405'].map((id) => ({ identity_type: 'customer_id', identity_value: id }))),
				);
			});

			test('error output: User → Get (one batch) sends found users to "ok", unknown and empty identifiers to "failed"', () => {
				const { ok, failed, run } = branch(EO.getUsers);
				expect(ok.map((item) => [item.json, item.pairedItem])).toEqual([
					[{ customer_id: 'u-1', name: 'Ann Lee', found: true }, { item: 0 }],
					[{ customer_id: 'u-2', name: 'Bob Roy', found: true }, { item: 3 }],
				]);
				expect(failed).toHaveLength(2);
				expectFailure(failed[0], 1, /no user with customer_id "u-404"/);
				expectFailure(failed[1], 2, /User ID.*item 2/); // the empty identifier
				expectReached(run, EO.getUsers.ok, ok);
				expectReached(run, EO.getUsers.failed, failed);
				// one export request, without the empty identifier
				expect(
					requestsTo(errorsRun, 'exportUsers').map((request) =>
						(request.body as { data: { identifiers: IDataObject[] } }).data.identifiers.map((id) => id.identifier),
					),
				).toEqual([['u-1', 'u-404', 'u-2']]);
			});

			test('error output: User → Merge sends the refused pair alone to "failed", before any request; the other pairs are merged', () => {
				const { ok, failed, run } = branch(EO.mergeUsers);
				expect(ok.map((item) => [item.json.merged_user, item.json.retained_user, item.pairedItem])).toEqual([
					['u-1-old', 'u-1', { item: 0 }],
					['u-2-old', 'u-2', { item: 2 }],
				]);
				expect(failed).toHaveLength(1);
				expectFailure(failed[0], 1, /is "guest", which MoEngage does not accept as a customer ID/); // the pair with a refused customer ID
				expectReached(run, EO.mergeUsers.ok, ok);
				expectReached(run, EO.mergeUsers.failed, failed);
				// The refused pair never leaves: one request carries the two good pairs
				const requests = requestsTo(errorsRun, 'mergeUsers');
				expect(requests.map((request) => request.status)).toEqual([200]);
				expect(inAnyOrder((requests[0].body as { merge_data: IDataObject[] }).merge_data)).toEqual(
					inAnyOrder([
						{ merged_user: 'u-1-old', retained_user: 'u-1' },
						{ merged_user: 'u-2-old', retained_user: 'u-2' },
					]),
				);
			});

			test('error output: Event → Track sends the item with an empty event name to "failed", before any request', () => {
				const { ok, failed, run } = branch(EO.trackEvents);
				expect(ok.map((item) => [item.json.status, item.json.customer_id, item.pairedItem])).toEqual([
					['success', 'u-1', { item: 0 }],
					['success', 'u-3', { item: 2 }],
				]);
				expect(failed).toHaveLength(1);
				expectFailure(failed[0], 1, /Event Name.*item 1/); // the empty event name
				expectReached(run, EO.trackEvents.ok, ok);
				expectReached(run, EO.trackEvents.failed, failed);
				const checked = requestsTo(errorsRun, 'trackEvent').filter(
					(request) => (request.body as { actions: Array<{ action: string }> }).actions[0].action === 'E2E Checked',
				);
				expect(inAnyOrder(checked.map((request) => (request.body as IDataObject).customer_id))).toEqual(['u-1', 'u-3']);
			});

			test('error output: User → Create or Update sends the item with an empty Customer ID to "failed", before any request', () => {
				const { ok, failed, run } = branch(EO.createOrUpdateUsers);
				expect(ok.map((item) => [item.json.status, item.json.customer_id, item.pairedItem])).toEqual([
					['success', 'u-1', { item: 0 }],
					['success', 'u-3', { item: 2 }],
				]);
				expect(failed).toHaveLength(1);
				expectFailure(failed[0], 1, /"Customer ID" field of item 1 is empty/);
				expect(failed[0].json.plan).toBe('silver'); // the input's fields come along
				expectReached(run, EO.createOrUpdateUsers.ok, ok);
				expectReached(run, EO.createOrUpdateUsers.failed, failed);
				expect(inAnyOrder(requestsTo(errorsRun, 'trackUser').map((request) => (request.body as IDataObject).customer_id))).toEqual(['u-1', 'u-3']);
			});

			test('error output: Card → Get sends known users to "ok", an unknown user and an empty ID to "failed"', () => {
				const { ok, failed, run } = branch(EO.getCards);
				expect(ok.map((item) => [item.json.uid, item.pairedItem])).toEqual([
					['ann@example.com', { item: 0 }],
					['bob@example.com', { item: 3 }],
				]);
				expect(failed).toHaveLength(2);
				expectFailure(failed[0], 1, /item 1 \(uid "nobody@example.com"\): User not found/); // MoEngage's answer
				expectFailure(failed[1], 2, /User ID.*item 2/); // the empty ID
				expectReached(run, EO.getCards.ok, ok);
				expectReached(run, EO.getCards.failed, failed);
				expect(inAnyOrder(requestsTo(errorsRun, 'fetchCards').map((request) => (request.body as IDataObject).uid))).toEqual(
					inAnyOrder(['ann@example.com', 'nobody@example.com', 'bob@example.com']),
				);
			});

			test('error output: Card → Delete sends the known user to "ok", an unknown user and empty campaign IDs to "failed"', () => {
				const { ok, failed, run } = branch(EO.deleteCards);
				expect(ok.map((item) => [item.json.uid, item.json.campaign_ids, item.pairedItem])).toEqual([['ann@example.com', ['c1'], { item: 0 }]]);
				expect(failed).toHaveLength(2);
				expectFailure(failed[0], 1, /item 1 \(uid "nobody@example.com"\): User not found/); // MoEngage's answer
				expectFailure(failed[1], 2, /Campaign IDs.*item 2/); // no campaign ID
				expectReached(run, EO.deleteCards.ok, ok);
				expectReached(run, EO.deleteCards.failed, failed);
				expect(inAnyOrder(requestsTo(errorsRun, 'deleteCards').map((request) => (request.body as IDataObject).uid))).toEqual(
					inAnyOrder(['ann@example.com', 'nobody@example.com']),
				);
			});

			test("Retry On Fail: the failing first item makes n8n run Event → Track again; each event is recorded once", () => {
				const { ok, failed, run } = branch(EO.retriedTrack);
				expect(ok.map((item) => [item.json.status, item.json.customer_id, item.pairedItem])).toEqual([
					['success', 'u-1', { item: 1 }],
					['success', 'u-2', { item: 2 }],
				]);
				expect(failed).toHaveLength(1);
				expectFailure(failed[0], 0, /"Customer ID" field of item 0 is empty/);
				expectReached(run, EO.retriedTrack.ok, ok);
				const retried = requestsTo(errorsRun, 'trackEvent').filter(
					(request) => (request.body as { actions: Array<{ action: string }> }).actions[0].action === 'E2E Retried',
				);
				expect(inAnyOrder(retried.map((request) => (request.body as IDataObject).customer_id))).toEqual(['u-1', 'u-2']);
				// n8n did run the node a second time, which sent neither event again
				const hints = run.data.resultData.runData[EO.retriedTrack.node][0].hints as Array<{ message: string }> | undefined;
				expect(hints?.map((hint) => hint.message)).toContain(
					'MoEngage: n8n ran the node again (Retry On Fail); items 1–2, already accepted by MoEngage in an earlier try, were not sent again.',
				);
			});

			test('regular output: User → Delete keeps every item in input order on one output, failures with their error', () => {
				const { run } = errorsRun;
				const node = EO.regularDelete.node;
				// nothing on a second output
				expect(outputCount(run, node) === 1 ? [] : itemsOf(run, node, 1)).toEqual([]);
				const items = itemsOf(run, node);
				expect(items).toHaveLength(ERROR_CASES.regularDeletes.length);
				expect([items[0].json.status, items[0].json.identity_value, items[0].pairedItem]).toEqual(['success', 'u-3', { item: 0 }]);
				expectFailure(items[1], 1, notFound('u-406'));
				expectFailure(items[2], 2, /User ID.*item 2/); // the empty ID
				expectReached(run, EO.regularDelete.ok, items);
				expect(
					inAnyOrder(
						requestsTo(errorsRun, 'deleteUser')
							.map((request) => (request.body as IDataObject).identity_value)
							.filter((id) => ['u-3', 'u-406'].includes(String(id))),
					),
				).toEqual(['u-3', 'u-406']);
			});
		});

		describe('On Error: stop, the default (n8n execute)', () => {
			test('stop (default): an unknown user fails the run at User → Delete, naming the item', async () => {
				const stopRun = await execute('execute: stop on error', (w) => w.stopOnError, { allowError: true });
				const { run } = stopRun;
				const error = run.data.resultData.error;
				expect(error).toBeDefined();
				expect(run.data.resultData.lastNodeExecuted).toBe(EO.stopDelete.node);
				expect(String(error!.message)).toMatch(/customer_id "u-404"\): User doesn't exists with customer id u-404/); // MoEngage's answer
				expect(run.status).toBe('error');
				// n8n shows the failing item from the error's context (its "Item Index")
				expect((error as { context?: { itemIndex?: number } }).context?.itemIndex).toBe(1);
				expect(run.data.resultData.runData[EO.stopDelete.ok]?.length ?? 0).toBe(0);
				// up to 10 requests are in flight at once: which of the others were sent before the failure is timing
				const sent = requestsTo(stopRun, 'deleteUser').map((request) => String((request.body as IDataObject).identity_value));
				expect(sent).toContain('u-404');
				expect(sent.filter((id) => !['u-1', 'u-404', 'u-2'].includes(id))).toEqual([]);
			});
		});

		// ---- the examples run by the CLI
		describe('examples (n8n execute)', () => {
			test(`example ${EXAMPLES.nightlyMissingUsers}: the filter keeps the customer MoEngage lacks`, async () => {
				const executed = await execute('execute: nightly example', (w) => w.nightly);
				expect(itemsOf(executed.run, 'Get user from MoEngage')).toHaveLength(3);
				expect(itemsOf(executed.run, 'Missing from MoEngage').map((item) => item.json)).toEqual([
					{ found: false, identifier_type: 'customer_id', identifier: 'u-404' },
				]);
				expect(requestsTo(executed, 'exportUsers')).toHaveLength(1);
			});

			test(`example ${EXAMPLES.clearUserCards}: fetched campaigns' cards are deleted`, async () => {
				const executed = await execute('execute: cards example', (w) => w.cards);
				expect(requestsTo(executed, 'deleteCards').map((request) => request.body)).toEqual([{ uid: 'ann@example.com', campaign_ids: ['c1', 'c2'] }]);
				const [deleted] = itemsOf(executed.run, 'Delete the cards').map((item) => item.json);
				expect([deleted.android, deleted.ios]).toEqual([
					{ success: ['c1', 'c2'], failed: [], invalid: [] },
					{ success: ['c1'], failed: [], invalid: ['c2'] },
				]);
			});
		});

		describe('examples: segments and alerts (n8n execute)', () => {
			test(`example ${EXAMPLES.crmVipSegment}: the CRM's VIP contacts join the segment in one request`, async () => {
				const executed = await execute('execute: VIP segment example', (w) => w.vipSegment);
				expect(itemsOf(executed.run, 'Add to the VIP segment').map((item) => [item.json.status, item.json.customer_id])).toEqual([
					['accepted', 'u-1'],
					['accepted', 'u-2'],
				]);
				expect(requestsTo(executed, 'cohortSync').map((request) => request.body)).toEqual([
					{
						action: 'add_members',
						partner: 'crm',
						parameters: { cohort_id: 'crm-vip', cohort_name: 'CRM VIP list', cohort_description: "Contacts on the CRM's VIP list", members: [{ uid: 'u-1' }, { uid: 'u-2' }] },
					},
				]);
				expect([...(standIn.cohorts.get('crm-vip')?.members ?? [])].sort()).toEqual(['u-1', 'u-2']);
			});

			test(`example ${EXAMPLES.crmUnsubscribeOptOut}: the CRM's opt-outs reach MoEngage's subscription attributes, typed`, async () => {
				const executed = await execute('execute: opt-out example', (w) => w.optOut);
				expect(itemsOf(executed.run, 'Set the opt-outs in MoEngage').map((item) => [item.json.status, item.json.customer_id])).toEqual([
					['success', 'u-1'],
					['success', 'u-2'],
				]);
				expect(requestsTo(executed, 'trackUser').map((request) => request.body)).toEqual([
					{
						type: 'customer',
						customer_id: 'u-1',
						update_existing_only: true,
						attributes: { moe_email_optin_status: 'OPTED_OUT', moe_unsubscribe: true, moe_sms_subscription: 'opted_out', moe_wa_subscription: false },
					},
					{
						type: 'customer',
						customer_id: 'u-2',
						update_existing_only: true,
						attributes: { moe_email_optin_status: 'DOUBLE_OPTED_IN', moe_unsubscribe: false, moe_sms_subscription: 'subscribed', moe_wa_subscription: true },
					},
				]);
			});

			test(`example ${EXAMPLES.orderShippedAlert}: the shipping alert goes out once per order`, async () => {
				const executed = await execute('execute: order shipped example', (w) => w.orderShipped);
				const [sent] = itemsOf(executed.run, 'Send the shipping alert').map((item) => item.json);
				expect(sent).toMatchObject({ status: 'sent', already_sent: false, alert_reference_name: 'order_shipped', transaction_id: 'order-1001-shipped' });
				const [request] = requestsTo(executed, 'sendAlert');
				expect((request.body as { payloads: IDataObject }).payloads).toEqual({
					SMS: { recipient: '+15550001', personalized_attributes: { firstname: 'Ann', orderid: '1001', tracking_url: 'https://track.example.com/1001' } },
					EMAIL: { recipient: 'ann@example.com', personalized_attributes: { firstname: 'Ann', orderid: '1001', tracking_url: 'https://track.example.com/1001' } },
				});
			});
		});

		describe('the weekly campaign report example (n8n execute)', () => {
			test(`example ${EXAMPLES.weeklyCampaignReport}: active campaigns, last week's stats 10 campaigns a request, a CSV`, async () => {
				const executed = await execute('execute: weekly report example', (w) => w.weeklyReport);
				const campaigns = itemsOf(executed.run, 'Active campaigns');
				expect(campaigns.length).toBeGreaterThan(0);
				expect(campaigns.every((item) => item.json.status === 'Active')).toBe(true);
				const stats = requestsTo(executed, 'campaignStats');
				expect(stats).toHaveLength(Math.ceil(campaigns.length / 10));
				expect(stats.every((request) => request.status === 200)).toBe(true);
				const rows = itemsOf(executed.run, "Last week's stats");
				expect(new Set(rows.map((row) => row.json.campaign_id))).toEqual(new Set(campaigns.map((item) => item.json.campaign_id)));
				expect(rows.every((row) => typeof row.json.sent === 'number' && typeof row.json.platform === 'string')).toBe(true);
				const [file] = itemsOf(executed.run, 'Report as CSV') as Array<StoredItem & { binary?: Record<string, { fileName?: string }> }>;
				expect(file.binary?.data?.fileName).toBe('weekly-campaign-report.csv');
			});
		});

		// ---- a started n8n: credential test and the GDPR example's production webhook
		describe('a started n8n (n8n start)', () => {
			let server: N8nServer | undefined;
			beforeAll(async () => {
				const { target, imported } = ready();
				server = await timed('activate + start', async () => {
					await activateWorkflow(target, imported.workflows.gdpr.id);
					return await startN8n(target);
				});
			});
			afterAll(async () => {
				if (server) await timed('stop', async () => server!.stop());
			});

			test("credential test (the node's testedBy): passes without Get User; a wrong Data or Campaign key fails naming its field", async () => {
				standIn.reset();
				// A workspace where MoEngage has not enabled Get User: a correct key must still pass.
				standIn.exportEnabled = false;
				try {
					const good = await testCredential(server!, DEMO_CREDENTIAL.id);
					expect(good).toMatchObject({ status: 'OK' });
					// Test Connection (Data key), then Fetch Cards (Campaign key)
					expect(standIn.requests.map((request) => request.api)).toEqual(['testConnection', 'fetchCards']);
					const keys = [WORKSPACE.dataApiKey, WORKSPACE.cardsApiKey, 'not-the-data-key', 'not-the-campaign-key'];
					const badData = await testCredential(server!, DEMO_CREDENTIAL.id, { dataApiKey: 'not-the-data-key' });
					expect(badData.status).toBe('Error');
					expect(badData.message).toMatch(/^The Data API Key was rejected/);
					const badCampaign = await testCredential(server!, DEMO_CREDENTIAL.id, { cardsApiKey: 'not-the-campaign-key' });
					expect(badCampaign.status).toBe('Error');
					expect(badCampaign.message).toMatch(/^The Campaign API Key was rejected/);
					// messages leave the keys out
					for (const message of [good.message, badData.message, badCampaign.message]) {
						expect(keys.filter((key) => message.includes(key))).toEqual([]);
					}
				} finally {
					standIn.reset();
				}
			});

			test("the campaign picker in the editor: n8n's resource-locator endpoint lists the stand-in's campaigns, page after page, and searches by name", async () => {
				standIn.reset();
				const ask = async (filter?: string, paginationToken?: string) =>
					await server!.rest<{ results: Array<{ name: string; value: string }>; paginationToken?: string }>('POST', '/rest/dynamic-node-parameters/resource-locator-results', {
						path: 'parameters.campaigns',
						nodeTypeAndVersion: { name: NODE_TYPE, version: LATEST_NODE_VERSION },
						currentNodeParameters: { resource: 'campaign', operation: 'getStats', campaigns: { __rl: true, mode: 'list', value: '' } },
						credentials: { moEngageApi: { id: DEMO_CREDENTIAL.id, name: DEMO_CREDENTIAL.name } },
						methodName: 'searchCampaigns',
						...(filter ? { filter } : {}),
						...(paginationToken ? { paginationToken } : {}),
					});
				const pages = [await ask()];
				while (pages[pages.length - 1].paginationToken) pages.push(await ask(undefined, pages[pages.length - 1].paginationToken));
				// the stand-in's 36 listed campaigns and its two Messaging API shells (test/standin/model/messaging.ts)
				expect(pages.map((page) => page.results.length)).toEqual([15, 15, 8]);
				expect(pages[0].results[0]).toEqual({ name: 'Spring Sale · PUSH · Active', value: 'c1' });
				expect((await ask('newsletter')).results.map((result) => result.name)).toEqual(['Weekly Newsletter · EMAIL · Active']);
				const searches = standIn.requestsTo('searchCampaigns');
				expect(searches.map((request) => [request.status, request.headers.authorization])).toEqual(Array(4).fill([200, basicAuth(WORKSPACE.cardsApiKey)]));
			});

			/** One of n8n's dynamic-node-parameters routes, as the editor calls it for a MoEngage node of the latest version. */
			const editorList = async <T>(route: 'options' | 'resource-locator-results' | 'resource-mapper-fields', body: IDataObject): Promise<T> =>
				await server!.rest<T>('POST', `/rest/dynamic-node-parameters/${route}`, {
					nodeTypeAndVersion: { name: NODE_TYPE, version: LATEST_NODE_VERSION },
					credentials: { moEngageApi: { id: DEMO_CREDENTIAL.id, name: DEMO_CREDENTIAL.name } },
					...body,
				});
			type Listed = { results: Array<{ name: string; value: string }>; paginationToken?: string };

			test("Send Message's campaign picker lists the active API-triggered email campaigns only", async () => {
				standIn.reset();
				const listed = await editorList<Listed>('resource-locator-results', {
					path: 'parameters.campaign',
					currentNodeParameters: { resource: 'campaign', operation: 'sendMessage', campaign: { __rl: true, mode: 'list', value: '' } },
					methodName: 'searchApiTriggeredCampaigns',
				});
				// the stopped shell and the 40 other campaigns are not offered
				expect(listed.results).toEqual([{ name: 'Order Confirmation', value: E2E_CAMPAIGNS.orderConfirmation }]);
				expect(standIn.requestsTo('searchCampaigns').map((request) => [request.status, (request.body as IDataObject).campaign_fields])).toEqual([
					[200, { channels: ['EMAIL'], status: ['ACTIVE'] }],
				]);
			});

			test("the flow picker lists the stand-in's flows, 20 a page with MoEngage's cursor, and searches by name", async () => {
				standIn.reset();
				const ask = async (filter?: string, paginationToken?: string) =>
					await editorList<Listed>('resource-locator-results', {
						path: 'parameters.flow',
						currentNodeParameters: { resource: 'flow', operation: 'get', flow: { __rl: true, mode: 'list', value: '' } },
						methodName: 'searchFlows',
						...(filter ? { filter } : {}),
						...(paginationToken ? { paginationToken } : {}),
					});
				const first = await ask();
				expect(first.results).toHaveLength(20);
				expect(first.results[0]).toEqual({ name: 'Welcome journey · ACTIVE', value: E2E_FLOWS.welcome });
				expect(first.paginationToken).toEqual(expect.any(String));
				const second = await ask(undefined, first.paginationToken);
				// 25 seeded, one archived (not listed)
				expect([second.results.length, second.paginationToken]).toEqual([4, undefined]);
				expect((await ask('welcome')).results).toEqual([{ name: 'Welcome journey · ACTIVE', value: E2E_FLOWS.welcome }]);
				const searches = standIn.requestsTo('searchFlows');
				expect(searches.map((request) => [request.status, request.headers.authorization])).toEqual(Array(3).fill([200, basicAuth(WORKSPACE.cardsApiKey)]));
			});

			test("the segment picker (Segment → Get) lists the workspace's segments A to Z and filters by name", async () => {
				standIn.reset();
				const ask = async (filter?: string) =>
					await editorList<Listed>('resource-locator-results', {
						path: 'parameters.segment',
						currentNodeParameters: { resource: 'segment', operation: 'get', segment: { __rl: true, mode: 'list', value: '' } },
						methodName: 'searchSegments',
						...(filter ? { filter } : {}),
					});
				expect((await ask()).results).toEqual([
					{ name: 'Active subscribers · ELASTIC_SEARCH · API', value: '6388a97a02adb9071ca84ce9' },
					{ name: 'Spring sale CSV · FILE · FILE_UPLOAD', value: '64b0c0ffee0000000000beef' },
					{ name: 'VIP customers · ELASTIC_SEARCH · API', value: '63a017e8d2460ae81a05bf5e' },
				]);
				expect((await ask('vip')).results.map((result) => result.value)).toEqual(['63a017e8d2460ae81a05bf5e']);
				expect(standIn.requestsTo('listSegments').map((request) => [request.status, request.headers['moe-appkey']])).toEqual(Array(2).fill([200, WORKSPACE.workspaceId]));
			});

			test("Business Event → Trigger: the event dropdown lists the workspace's events; the field mapping offers the picked event's attributes, typed", async () => {
				standIn.reset();
				const parameters = { resource: 'businessEvent', operation: 'trigger', businessEventName: 'price_drop', businessEventAttributesInput: 'mapper' };
				const events = await editorList<Array<{ name: string; value: string; description?: string }>>('options', {
					path: 'parameters.businessEventName',
					currentNodeParameters: parameters,
					methodName: 'getBusinessEvents',
				});
				expect(events).toEqual([
					{ name: 'flight_delayed', value: 'flight_delayed', description: 'Attributes: flight' },
					{ name: 'price_drop', value: 'price_drop', description: 'Attributes: product_id, new_price' },
				]);
				const mapping = await editorList<{ fields: Array<{ id: string; displayName: string; type: string }> }>('resource-mapper-fields', {
					path: 'parameters.businessEventAttributesMap',
					currentNodeParameters: parameters,
					methodName: 'getBusinessEventAttributes',
				});
				expect(mapping.fields.map((field) => [field.id, field.displayName, field.type])).toEqual([
					['product_id', 'product_id (string)', 'string'],
					['new_price', 'new_price (number)', 'number'],
				]);
				const lists = standIn.requestsTo('listBusinessEvents');
				expect(lists.map((request) => [request.status, request.query.name])).toEqual([
					[200, undefined],
					[200, 'price_drop'],
				]);
				expect(lists.every((request) => request.headers.authorization === basicAuth(WORKSPACE.cardsApiKey))).toBe(true);
			});

			test("the Trigger's Streams filter: the editor gets Events as a multi-select of MoEngage's campaign and user event codes, Event Names beside it", async () => {
				const [trigger] = await server!.rest<Array<{ properties: Array<IDataObject & { name: string; options?: Array<IDataObject & { name: string }> }> }>>('POST', '/rest/node-types', {
					nodeInfos: [{ name: 'n8n-nodes-moengage.moEngageTrigger', version: 1 }],
				});
				const filters = trigger.properties.find((property) => property.name === 'filters');
				const events = filters?.options?.find((option) => option.name === 'events') as (IDataObject & { options: Array<{ value: string }> }) | undefined;
				expect([events?.type, events?.default]).toEqual(['multiOptions', []]);
				const codes = events!.options.map((option) => option.value);
				expect([...codes].sort()).toEqual([...STREAMS_CAMPAIGN_EVENTS, ...STREAMS_USER_EVENTS].map(([, code]) => code).sort());
				expect(codes).toEqual(expect.arrayContaining(['MOE_EMAIL_HARD_BOUNCE', 'MOE_APP_OPENED']));
				expect(filters?.options?.find((option) => option.name === 'eventNames')?.type).toBe('string');
			});

			test(`example ${EXAMPLES.gdprErasure}: the CRM webhook erases the user; no secret, no erasure`, async () => {
				standIn.reset();
				const gdprExample = loadExample(EXAMPLES.gdprErasure);
				const refused = await postWebhook(server!, gdprExample, { contactId: 'u-2' }, {});
				expect(refused.status).toBe(403);
				expect(standIn.requestsTo('deleteUser')).toHaveLength(0);
				const accepted = await postWebhook(server!, gdprExample, { contactId: 'u-2' }, { [WEBHOOK_HEADER]: WEBHOOK_SECRET });
				expect(accepted.status).toBe(200);
				// the webhook answers with the MoEngage node's output
				expect([accepted.body.status, accepted.body.identity_type, accepted.body.identity_value]).toEqual(['success', 'customer_id', 'u-2']);
				expect(standIn.observed.deletedUsers).toEqual([{ identity_type: 'customer_id', identity_value: 'u-2' }]);
			});

			test(`example ${EXAMPLES.gdprErasure}: a body without contactId is answered 400, nothing is erased`, async () => {
				standIn.reset();
				const gdprExample = loadExample(EXAMPLES.gdprErasure);
				const missing = await postWebhook(server!, gdprExample, {}, { [WEBHOOK_HEADER]: WEBHOOK_SECRET });
				expect(missing.status).toBe(400);
				expect(missing.body).toEqual({ error: 'contactId is required' });
				expect(standIn.requestsTo('deleteUser')).toHaveLength(0);
			});
		});
	});
}
