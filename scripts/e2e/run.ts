/**
 * End-to-end run of the packed package in REAL n8n releases (scripts/e2e/install-n8n.sh installs
 * them outside the repo), against the MoEngage stand-in of the unit tests on 127.0.0.1.
 *
 * Per n8n line: `npm pack` output installed the way Community Nodes leaves it, credentials and
 * workflows imported with n8n's CLI, then
 *   - `n8n execute` of a workflow running every operation (expressions read a previous node;
 *     Delete User continues on fail for one item; an HTTP Request node uses the MoEngage credential),
 *   - `n8n execute` of the "On Error" workflows: Delete, Get, Merge and Track with the error output
 *     (items per branch, pairedItem, error text), Delete with the regular output, Delete with the
 *     default stop (the run fails naming the item),
 *   - `n8n execute` of the example workflows (the nightly one with its Schedule Trigger swapped for
 *     a Manual Trigger),
 *   - `n8n start`: the credential test (the node's testedBy: good keys in a workspace without Get
 *     User, a wrong Data key, a wrong Campaign key) and the GDPR example's production
 *     webhook, called the way a CRM would.
 * Each scenario passes or fails on its own; the last line is "N passed, N failed".
 *
 *   npm run e2e                    # both lines (installs them first when missing)
 *   ts-node --transpile-only scripts/e2e/run.ts [1|2|all] [--keep]
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

import type { IDataObject } from 'n8n-workflow';

import { ANN, BOB, credentialsFor, WORKSPACE } from '../../test/helpers/fixtures';
import { MoEngageStandIn, type Api, type RecordedRequest } from '../../test/standin/server';
import {
	activateWorkflow,
	assertBuilt,
	createUserFolder,
	executeWorkflow,
	getLine,
	importCredentials,
	importWorkflows,
	installPackage,
	packRepo,
	removeUserFolder,
	startN8n,
	testCredential,
	type LineId,
	type N8nRun,
	type N8nServer,
	type N8nTarget,
} from './n8n';
import {
	CUSTOM_CALL_QUERY,
	WEBHOOK_HEADER,
	DEMO_CREDENTIAL,
	demoCredential,
	ERROR_CASES,
	ERROR_OUTPUT_NODES as EO,
	errorOutputsWorkflow,
	EXAMPLES,
	loadExample,
	OPERATION_NODES as OP,
	operationsWorkflow,
	stopOnErrorWorkflow,
	webhookCredential,
	webhookPath,
	withManualTrigger,
	type ExampleWorkflow,
	type MoEngageCredentialData,
} from './workflows';

const repoDir = path.resolve(__dirname, '..', '..');
const args = process.argv.slice(2);
const which = args.find((arg) => !arg.startsWith('--')) ?? 'all';
const lines: LineId[] = which === 'all' ? ['1', '2'] : [which as LineId];
const keep = args.includes('--keep');

/** Beyond the unit tests' Ann and Bob: the user Delete erases and the duplicates Merge folds in. */
const EXTRA_USERS = [
	{ customer_id: 'u-3', id: 'moe-0003', attributes: { name: 'Carl Poe' } },
	{ customer_id: 'u-1-old', id: 'moe-0011', attributes: { name: 'Ann L.' } },
	{ customer_id: 'u-2-old', id: 'moe-0012', attributes: { name: 'Bob R.' } },
];
const WEBHOOK_SECRET = 'crm-webhook-secret-4c1d';
const basicAuth = (key: string) => `Basic ${Buffer.from(`${WORKSPACE.workspaceId}:${key}`).toString('base64')}`;

// ------------------------------------------------------------------------------ reporting

class Report {
	passed = 0;
	failed = 0;

	/** One scenario: passes when `body` returns, fails with the first thrown message. */
	async scenario(line: LineId, name: string, body: () => void | Promise<void>): Promise<void> {
		try {
			await body();
			this.passed++;
			// no timing here: the n8n runs a scenario checks are timed once per line (see "timings")
			console.log(`  ✓ [n8n ${line}.x] ${name}`);
		} catch (error) {
			this.failed++;
			console.log(`  ✗ [n8n ${line}.x] ${name}\n      ${String((error as Error).message ?? error).split('\n').join('\n      ')}`);
		}
	}
}

function check(condition: unknown, what: string, actual?: unknown): void {
	if (!condition) throw new Error(`${what}${actual === undefined ? '' : `; got ${JSON.stringify(actual)}`}`);
}

function equal(actual: unknown, expected: unknown, what: string): void {
	const a = JSON.stringify(actual);
	const e = JSON.stringify(expected);
	if (a !== e) throw new Error(`${what}: expected ${e}, got ${a}`);
}

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
 * keep up to 10 in flight; batches may too): the same values, each as often, in any order.
 */
function equalInAnyOrder(actual: unknown[], expected: unknown[], what: string): void {
	const a = actual.map(canonical).sort();
	const e = expected.map(canonical).sort();
	if (JSON.stringify(a) !== JSON.stringify(e)) {
		throw new Error(`${what} (in any order): expected [${e.join(', ')}], got [${a.join(', ')}]`);
	}
}

/** A step other scenarios need: its failure fails them with the step's message. */
type Outcome<T> = { ok: true; value: T } | { ok: false; error: Error };

async function attempt<T>(step: () => Promise<T>): Promise<Outcome<T>> {
	try {
		return { ok: true, value: await step() };
	} catch (error) {
		return { ok: false, error: error as Error };
	}
}

function need<T>(outcome: Outcome<T>): T {
	if (!outcome.ok) throw outcome.error;
	return outcome.value;
}

interface Executed {
	run: N8nRun;
	requests: RecordedRequest[];
}

const requestsTo = (executed: Executed, api: Api) => executed.requests.filter((request) => request.api === api);

type StoredItem = { json: IDataObject; pairedItem?: unknown };

/** Output items of a node (its first output, or `output`) with their pairedItem, as n8n stored them. */
function itemsOf(run: N8nRun, node: string, output = 0): StoredItem[] {
	const runs = run.data.resultData.runData[node];
	check(runs?.length, `node "${node}" ran`);
	return (runs[runs.length - 1].data?.main?.[output] ?? []) as StoredItem[];
}

/** How many outputs n8n stored for a node's last run. */
function outputCount(run: N8nRun, node: string): number {
	const runs = run.data.resultData.runData[node];
	check(runs?.length, `node "${node}" ran`);
	return runs[runs.length - 1].data?.main?.length ?? 0;
}

/**
 * A failed item as the node hands it on: paired with its input item, a readable `error` text
 * (no "[object Object]") matching `pattern`.
 */
function checkFailure(item: StoredItem | undefined, inputIndex: number, pattern: RegExp, what: string): void {
	check(item, `${what}: an item for input item ${inputIndex}`);
	equal(item!.pairedItem, { item: inputIndex }, `${what}: pairedItem`);
	const error = item!.json.error;
	check(typeof error === 'string' && pattern.test(error) && !error.includes('[object'), `${what}: error text matching ${pattern}`, item!.json);
}

/** The items that reached a NoOp after a branch: their json equals what the branch put out. */
function checkReached(run: N8nRun, noOp: string, sent: StoredItem[]): void {
	if (sent.length === 0) {
		check(!run.data.resultData.runData[noOp]?.length || itemsOf(run, noOp).length === 0, `"${noOp}" got no items`);
		return;
	}
	equal(itemsOf(run, noOp).map((item) => item.json), sent.map((item) => item.json), `items reaching "${noOp}"`);
}

// ------------------------------------------------------------------------------ one line

async function runLine(lineId: LineId, tarball: string, standIn: MoEngageStandIn, report: Report): Promise<void> {
	const line = getLine(lineId);
	console.log(`\n=== n8n ${line.version} (line ${lineId}) on ${line.nodeBin}`);
	const userFolder = createUserFolder(`n8n-e2e-v${lineId}-`);
	const target: N8nTarget = { line, userFolder };
	const timings: Record<string, number> = {};
	const timed = async <T>(label: string, step: () => Promise<T>): Promise<T> => {
		const started = Date.now();
		try {
			return await step();
		} finally {
			timings[label] = Date.now() - started;
		}
	};

	try {
		/** Runs an imported workflow with `n8n execute` and keeps the requests the stand-in saw meanwhile. */
		const execute = async (label: string, id: string, opts: { allowError?: boolean } = {}): Promise<Outcome<Executed>> =>
			await timed(label, async () =>
				attempt(async () => {
					standIn.reset();
					const run = await executeWorkflow(target, id, opts);
					return { run, requests: [...standIn.requests] };
				}),
			);

		const setup = await attempt(async () => {
			installPackage(userFolder, tarball);
			await timed('import:credentials', async () =>
				importCredentials(target, [
					demoCredential(credentialsFor(standIn.baseUrl).moEngageApi as MoEngageCredentialData),
					webhookCredential(WEBHOOK_SECRET),
				]),
			);
			const [operations, errorOutputs, stopOnError, nightly, cards, gdpr] = await timed('import:workflow', async () =>
				importWorkflows(target, [
					operationsWorkflow(standIn.baseUrl),
					errorOutputsWorkflow(),
					stopOnErrorWorkflow(),
					withManualTrigger(loadExample(EXAMPLES.nightlyMissingUsers)),
					loadExample(EXAMPLES.clearUserCards),
					loadExample(EXAMPLES.gdprErasure),
				]),
			);
			return { operations, errorOutputs, stopOnError, nightly, cards, gdpr };
		});
		await report.scenario(lineId, 'package installs from the npm-pack tarball; credentials and workflows import', () => {
			need(setup);
		});
		if (!setup.ok) return;
		const { operations, errorOutputs, stopOnError, nightly, cards, gdpr } = setup.value;

		// ---- every operation in one workflow
		const ops = await execute('execute: operations', operations.id);
		const outputOf = (node: string) => itemsOf(need(ops).run, node);

		await report.scenario(lineId, 'User → Get: identifiers from the previous node, one batched request', () => {
			const items = outputOf(OP.getUser);
			equal(
				items.map((item) => item.json),
				[
					{ customer_id: 'u-1', name: 'Ann Lee', email: 'ann@example.com', plan: 'gold' },
					{ customer_id: 'u-2', name: 'Bob Roy', email: 'bob@example.com', plan: 'silver' },
				],
				'Get user output',
			);
			equal(items.map((item) => item.pairedItem), [{ item: 0 }, { item: 1 }], 'pairedItem');
			const requests = requestsTo(need(ops), 'exportUsers');
			equal(requests.length, 1, 'export requests');
			equal(
				((requests[0].body as { data: { identifiers: IDataObject[] } }).data.identifiers).map((id) => id.identifier),
				['u-1', 'u-2'],
				'identifiers sent',
			);
			equal(requests[0].headers.authorization, basicAuth(WORKSPACE.dataApiKey), 'Data API key used');
		});

		await report.scenario(lineId, 'User → Create or Update: standard and custom attributes reach the profile', () => {
			const items = outputOf(OP.createOrUpdateUser);
			equal(items.map((item) => [item.json.status, item.json.customer_id]), [['success', 'u-1'], ['success', 'u-2']], 'output');
			const requests = requestsTo(need(ops), 'trackUser');
			equalInAnyOrder(requests.map((request) => request.path), [`/v1/customer/${WORKSPACE.workspaceId}`, `/v1/customer/${WORKSPACE.workspaceId}`], 'paths');
			const bodies = requests.map((request) => request.body as { customer_id: string; attributes: IDataObject });
			const ann = bodies.find((body) => body.customer_id === 'u-1');
			equal(ann?.attributes, { first_name: 'Ann', source: 'n8n e2e' }, 'attributes sent for u-1');
		});

		await report.scenario(lineId, 'Event → Track: event with attributes and platform', () => {
			const items = outputOf(OP.trackEvent);
			equal(items.map((item) => [item.json.status, item.json.customer_id]), [['success', 'u-1'], ['success', 'u-2']], 'output');
			const requests = requestsTo(need(ops), 'trackEvent');
			equal(requests.length, 2, 'event requests');
			const body = requests.map((request) => request.body as { customer_id: string; actions: IDataObject[] }).find((b) => b.customer_id === 'u-2');
			equal(body?.actions, [{ action: 'E2E Checked', attributes: { email: 'bob@example.com' }, platform: 'web' }], 'actions sent for u-2');
		});

		await report.scenario(lineId, 'Card → Get: the Cards key and MOE-APPKEY, one item per user', () => {
			const items = outputOf(OP.getCards);
			equal(items.map((item) => [item.json.uid, (item.json.cards as unknown[]).length]), [['ann@example.com', 3], ['bob@example.com', 1]], 'cards per user');
			const requests = requestsTo(need(ops), 'fetchCards').filter((request) => request.query.limit === undefined);
			equal(requests.length, 2, 'fetch requests from the node');
			check(
				requests.every((r) => r.headers.authorization === basicAuth(WORKSPACE.cardsApiKey) && r.headers['moe-appkey'] === WORKSPACE.workspaceId),
				'every fetch carries the Cards key and MOE-APPKEY',
			);
		});

		await report.scenario(lineId, 'Card → Delete: campaign IDs and platforms per user', () => {
			const items = outputOf(OP.deleteCards);
			equal(items.map((item) => [item.json.uid, item.json.web]), [
				['ann@example.com', { success: [], failed: [], invalid: ['c9'] }],
				['bob@example.com', { success: ['c9'], failed: [], invalid: [] }],
			], 'per-platform results');
			const bodies = requestsTo(need(ops), 'deleteCards').map((request) => request.body);
			// one request per item, sent concurrently: their arrival order is not the items' order
			equalInAnyOrder(bodies, [
				{ uid: 'ann@example.com', campaign_ids: ['c9'], platforms: ['WEB'] },
				{ uid: 'bob@example.com', campaign_ids: ['c9'], platforms: ['WEB'] },
			], 'bodies sent');
		});

		await report.scenario(lineId, 'User → Merge: both pairs in one request, results paired back', () => {
			const items = outputOf(OP.mergeUsers);
			equal(items.map((item) => [item.json.merged_user, item.json.retained_user, item.pairedItem]), [
				['u-1-old', 'u-1', { item: 0 }],
				['u-2-old', 'u-2', { item: 1 }],
			], 'output');
			const requests = requestsTo(need(ops), 'mergeUsers');
			equal(requests.map((request) => request.body), [{ merge_data: [
				{ merged_user: 'u-1-old', retained_user: 'u-1' },
				{ merged_user: 'u-2-old', retained_user: 'u-2' },
			] }], 'merge request');
		});

		await report.scenario(lineId, 'User → Delete with continue-on-fail: the empty ID fails alone, before any request', () => {
			const items = outputOf(OP.deleteUser);
			equal(items.length, 2, 'items out');
			equal([items[0].json.status, items[0].json.identity_value, items[0].pairedItem], ['success', 'u-3', { item: 0 }], 'first item deleted');
			check(/Identity Value/.test(String(items[1].json.error)) && /item 1/.test(String(items[1].json.error)), 'the error names the field and the item', items[1].json);
			equal(items[1].pairedItem, { item: 1 }, 'the error item is paired');
			equal(requestsTo(need(ops), 'deleteUser').map((request) => request.body), [{ identity_type: 'customer_id', identity_value: 'u-3' }], 'delete requests');
		});

		await report.scenario(lineId, 'HTTP Request node with the MoEngage credential (custom API call)', () => {
			const items = outputOf(OP.httpRequest);
			// MoEngage's own answer, untouched: page 1 with one of Ann's three cards
			const answer = items.map((item) => item.json as { status?: boolean; data?: { cards?: Array<{ id: string }> } });
			equal(answer.map((json) => [json.status, json.data?.cards?.map((card) => card.id)]), [[true, ['c1_F_T_CA_AB_0_P_0_L_0_android']]], 'response');
			const requests = requestsTo(need(ops), 'fetchCards').filter((request) => request.query.limit !== undefined);
			equal(requests.length, 1, 'custom requests');
			equal(requests[0].query, CUSTOM_CALL_QUERY, 'query');
			equal([requests[0].headers.authorization, requests[0].headers['moe-appkey']], [basicAuth(WORKSPACE.cardsApiKey), WORKSPACE.workspaceId], 'auth');
		});

		await report.scenario(lineId, 'no key appears in the stored run', () => {
			const text = JSON.stringify(need(ops).run);
			for (const secret of [WORKSPACE.dataApiKey, WORKSPACE.cardsApiKey, basicAuth(WORKSPACE.dataApiKey), basicAuth(WORKSPACE.cardsApiKey)]) {
				check(!text.includes(secret), 'a key or Authorization header is in the run data');
			}
		});

		// ---- "On Error": the error output, the regular output, stop
		const errorsRun = await execute('execute: error outputs', errorOutputs.id);
		const branch = (names: { node: string }) => {
			const { run } = need(errorsRun);
			equal(outputCount(run, names.node), 2, `"${names.node}" outputs (success, error)`);
			return { ok: itemsOf(run, names.node, 0), failed: itemsOf(run, names.node, 1), run };
		};
		// MoEngage's answer for an unknown user (api/data/data.yaml, Delete's 400)
		const notFound = /User doesn't exists with customer id/;

		await report.scenario(lineId, 'error output: User → Delete sends known users to "ok", unknown and empty IDs to "failed"', () => {
			const { ok, failed, run } = branch(EO.deleteUsers);
			equal(ok.map((item) => [item.json.status, item.json.identity_value, item.pairedItem]), [
				['success', 'u-1', { item: 0 }],
				['success', 'u-2', { item: 2 }],
			], 'success output');
			equal(failed.length, 3, 'error output items');
			checkFailure(failed[0], 1, notFound, 'u-404');
			checkFailure(failed[1], 3, notFound, 'u-405');
			checkFailure(failed[2], 4, /Identity Value.*item 4/, 'the empty ID');
			checkReached(run, EO.deleteUsers.ok, ok);
			checkReached(run, EO.deleteUsers.failed, failed);
			const deletes = requestsTo(need(errorsRun), 'deleteUser').map((request) => request.body as IDataObject);
			equalInAnyOrder(
				deletes.filter((body) => !['u-3', 'u-406'].includes(String(body.identity_value))), // those are the regular-output node's
				['u-1', 'u-404', 'u-2', 'u-405'].map((id) => ({ identity_type: 'customer_id', identity_value: id })),
				'delete requests (none for the empty ID)',
			);
		});

		await report.scenario(lineId, 'error output: User → Get (one batch) sends found users to "ok", unknown and empty identifiers to "failed"', () => {
			const { ok, failed, run } = branch(EO.getUsers);
			equal(ok.map((item) => [item.json, item.pairedItem]), [
				[{ customer_id: 'u-1', name: 'Ann Lee' }, { item: 0 }],
				[{ customer_id: 'u-2', name: 'Bob Roy' }, { item: 3 }],
			], 'success output');
			equal(failed.length, 2, 'error output items');
			checkFailure(failed[0], 1, /no user with customer_id "u-404"/, 'u-404');
			checkFailure(failed[1], 2, /Identifier.*item 2/, 'the empty identifier');
			checkReached(run, EO.getUsers.ok, ok);
			checkReached(run, EO.getUsers.failed, failed);
			const requests = requestsTo(need(errorsRun), 'exportUsers');
			equal(
				requests.map((request) => (request.body as { data: { identifiers: IDataObject[] } }).data.identifiers.map((id) => id.identifier)),
				[['u-1', 'u-404', 'u-2']],
				'one export request, without the empty identifier',
			);
		});

		await report.scenario(lineId, 'error output: User → Merge sends the bad pair alone to "failed"; the other pairs are merged', () => {
			const { ok, failed, run } = branch(EO.mergeUsers);
			equal(ok.map((item) => [item.json.merged_user, item.json.retained_user, item.pairedItem]), [
				['u-1-old', 'u-1', { item: 0 }],
				['u-2-old', 'u-2', { item: 2 }],
			], 'success output');
			equal(failed.length, 1, 'error output items');
			checkFailure(failed[0], 1, /is "guest", which MoEngage does not accept as a customer ID/, 'the pair with a refused customer ID');
			checkReached(run, EO.mergeUsers.ok, ok);
			checkReached(run, EO.mergeUsers.failed, failed);
			// The refused pair never leaves: one request carries the two good pairs
			const requests = requestsTo(need(errorsRun), 'mergeUsers');
			equal(requests.map((request) => request.status), [200], 'merge requests');
			equalInAnyOrder((requests[0].body as { merge_data: IDataObject[] }).merge_data, [
				{ merged_user: 'u-1-old', retained_user: 'u-1' },
				{ merged_user: 'u-2-old', retained_user: 'u-2' },
			], 'pairs MoEngage accepted');
		});

		await report.scenario(lineId, 'error output: Event → Track sends the item with an empty event name to "failed", before any request', () => {
			const { ok, failed, run } = branch(EO.trackEvents);
			equal(ok.map((item) => [item.json.status, item.json.customer_id, item.pairedItem]), [
				['success', 'u-1', { item: 0 }],
				['success', 'u-3', { item: 2 }],
			], 'success output');
			equal(failed.length, 1, 'error output items');
			checkFailure(failed[0], 1, /Event Name.*item 1/, 'the empty event name');
			checkReached(run, EO.trackEvents.ok, ok);
			checkReached(run, EO.trackEvents.failed, failed);
			equalInAnyOrder(
				requestsTo(need(errorsRun), 'trackEvent').map((request) => (request.body as IDataObject).customer_id),
				['u-1', 'u-3'],
				'event requests (customer_id)',
			);
		});

		await report.scenario(lineId, 'regular output: User → Delete keeps every item in input order on one output, failures with their error', () => {
			const { run } = need(errorsRun);
			const node = EO.regularDelete.node;
			check(outputCount(run, node) === 1 || itemsOf(run, node, 1).length === 0, 'nothing on a second output', outputCount(run, node));
			const items = itemsOf(run, node);
			equal(items.length, ERROR_CASES.regularDeletes.length, 'items out');
			equal([items[0].json.status, items[0].json.identity_value, items[0].pairedItem], ['success', 'u-3', { item: 0 }], 'the known user');
			checkFailure(items[1], 1, notFound, 'u-406');
			checkFailure(items[2], 2, /Identity Value.*item 2/, 'the empty ID');
			checkReached(run, EO.regularDelete.ok, items);
			equalInAnyOrder(
				requestsTo(need(errorsRun), 'deleteUser')
					.map((request) => (request.body as IDataObject).identity_value)
					.filter((id) => ['u-3', 'u-406'].includes(String(id))),
				['u-3', 'u-406'],
				'delete requests of this node',
			);
		});

		const stopRun = await execute('execute: stop on error', stopOnError.id, { allowError: true });
		await report.scenario(lineId, 'stop (default): an unknown user fails the run at User → Delete, naming the item', () => {
			const { run, requests } = need(stopRun);
			const error = run.data.resultData.error;
			check(error, 'the run failed', run.status);
			equal(run.data.resultData.lastNodeExecuted, EO.stopDelete.node, 'the failing node');
			check(notFound.test(String(error!.message)), 'the run error is MoEngage\'s answer', error);
			equal(run.status, 'error', 'run status');
			// n8n shows the failing item from the error's context (its "Item Index")
			equal((error as { context?: { itemIndex?: number } }).context?.itemIndex, 1, 'the item the run error names');
			check(!run.data.resultData.runData[EO.stopDelete.ok]?.length, `"${EO.stopDelete.ok}" did not run`);
			// up to 10 requests are in flight at once: which of the others were sent before the failure is timing
			const sent = requestsTo({ run, requests }, 'deleteUser').map((request) => String((request.body as IDataObject).identity_value));
			check(sent.includes('u-404') && sent.every((id) => ['u-1', 'u-404', 'u-2'].includes(id)), 'delete requests', sent);
		});

		// ---- the examples run by the CLI
		const nightlyRun = await execute('execute: nightly example', nightly.id);
		await report.scenario(lineId, `example ${EXAMPLES.nightlyMissingUsers}: the filter keeps the customer MoEngage lacks`, () => {
			const executed = need(nightlyRun);
			equal(itemsOf(executed.run, 'Get user from MoEngage').length, 3, 'users looked up');
			equal(
				itemsOf(executed.run, 'Missing from MoEngage').map((item) => item.json),
				[{ found: false, identifier_type: 'customer_id', identifier: 'u-404' }],
				'filter output',
			);
			equal(requestsTo(executed, 'exportUsers').length, 1, 'export requests');
		});

		const cardsRun = await execute('execute: cards example', cards.id);
		await report.scenario(lineId, `example ${EXAMPLES.clearUserCards}: fetched campaigns' cards are deleted`, () => {
			const executed = need(cardsRun);
			equal(requestsTo(executed, 'deleteCards').map((request) => request.body), [{ uid: 'ann@example.com', campaign_ids: ['c1', 'c2'] }], 'delete request');
			const [deleted] = itemsOf(executed.run, 'Delete the cards').map((item) => item.json);
			equal([deleted.android, deleted.ios], [
				{ success: ['c1', 'c2'], failed: [], invalid: [] },
				{ success: ['c1'], failed: [], invalid: ['c2'] },
			], 'per-platform results');
		});

		// ---- a started n8n: credential test and the GDPR example's production webhook
		const server = await timed('activate + start', async () =>
			attempt(async () => {
				await activateWorkflow(target, gdpr.id);
				return await startN8n(target);
			}),
		);
		try {
			await report.scenario(lineId, "credential test (the node's testedBy): passes without Get User; a wrong Data or Campaign key fails naming its field", async () => {
				const started = need(server);
				standIn.reset();
				// A workspace where MoEngage has not enabled Get User: a correct key must still pass.
				standIn.exportEnabled = false;
				const good = await testCredential(started, DEMO_CREDENTIAL.id);
				equal(good.status, 'OK', `stored credential (${good.message})`);
				equal(standIn.requests.map((request) => request.api), ['testConnection', 'fetchCards'], 'requests: Test Connection (Data key), then Fetch Cards (Campaign key)');
				const keys = [WORKSPACE.dataApiKey, WORKSPACE.cardsApiKey, 'not-the-data-key', 'not-the-campaign-key'];
				const badData = await testCredential(started, DEMO_CREDENTIAL.id, { dataApiKey: 'not-the-data-key' });
				equal(badData.status, 'Error', 'wrong Data key');
				check(badData.message.startsWith('The Data API Key was rejected'), 'the failure names the Data API Key', badData.message);
				const badCampaign = await testCredential(started, DEMO_CREDENTIAL.id, { cardsApiKey: 'not-the-campaign-key' });
				equal(badCampaign.status, 'Error', 'wrong Campaign key');
				check(badCampaign.message.startsWith('The Campaign API Key was rejected'), 'the failure names the Campaign API Key', badCampaign.message);
				for (const message of [good.message, badData.message, badCampaign.message]) {
					check(!keys.some((key) => message.includes(key)), 'messages leave the keys out', message);
				}
				standIn.reset();
			});
			await report.scenario(lineId, `example ${EXAMPLES.gdprErasure}: the CRM webhook erases the user; no secret, no erasure`, async () => {
				const started = need(server);
				standIn.reset();
				const gdprExample = loadExample(EXAMPLES.gdprErasure);
				const refused = await postWebhook(started, gdprExample, { contactId: 'u-2' }, {});
				equal(refused.status, 403, 'status without the secret');
				equal(standIn.requestsTo('deleteUser').length, 0, 'delete requests without the secret');
				const accepted = await postWebhook(started, gdprExample, { contactId: 'u-2' }, { [WEBHOOK_HEADER]: WEBHOOK_SECRET });
				equal(accepted.status, 200, 'status with the secret');
				equal(
					[accepted.body.status, accepted.body.identity_type, accepted.body.identity_value],
					['success', 'customer_id', 'u-2'],
					'webhook response (the MoEngage node output)',
				);
				equal(standIn.deletedUsers, [{ identity_type: 'customer_id', identity_value: 'u-2' }], 'users erased');
			});
		} finally {
			if (server.ok) await timed('stop', async () => server.value.stop());
		}
	} finally {
		console.log(`  timings: ${Object.entries(timings).map(([k, v]) => `${k} ${(v / 1000).toFixed(1)}s`).join(', ')}`);
		if (keep) console.log(`  kept user folder ${userFolder}`);
		else removeUserFolder(userFolder);
	}
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

async function main(): Promise<void> {
	assertBuilt(repoDir);
	const started = Date.now();
	const tarball = packRepo(repoDir);
	const standIn = new MoEngageStandIn({ workspace: WORKSPACE, users: [ANN, BOB, ...EXTRA_USERS] });
	await standIn.start();
	console.log(`package: ${path.basename(tarball)}; MoEngage stand-in on ${standIn.baseUrl}`);
	const report = new Report();
	try {
		for (const line of lines) await runLine(line, tarball, standIn, report);
	} finally {
		await standIn.stop();
		fs.rmSync(path.dirname(tarball), { recursive: true, force: true });
	}
	console.log(`\ne2e took ${((Date.now() - started) / 1000).toFixed(0)} s`);
	console.log(`${report.passed} passed, ${report.failed} failed`);
	process.exitCode = report.failed === 0 && report.passed > 0 ? 0 : 1;
}

main().catch((error) => {
	console.error(error);
	console.log('0 passed, 1 failed');
	process.exitCode = 1;
});
