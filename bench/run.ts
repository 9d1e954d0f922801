/**
 * `npm run bench`: runs each operation through n8n-core's engine against the MoEngage stand-in
 * and prints, beside a naive baseline (one request per item, sequential, as n8n's HTTP Request
 * node sends them): requests sent, wall time, items/s, peak RSS and 429s seen.
 *
 * Environment: BENCH_N (items, default 1000), BENCH_LATENCIES (ms, default "0,50"),
 * BENCH_TIME_SCALE (default 10): MoEngage's per-minute limits are enforced by the stand-in in
 * windows of 60 s / scale with the limit unchanged per window, and the node's clock runs scale
 * times faster (its minute lasts 60 s / scale, its limits are MoEngage's), so the whole bench
 * takes minutes, not hours, while pacing is still what keeps the node out of 429s.
 */
import '../test/setup';

import { request as httpRequest } from 'node:http';
import { cpus, totalmem } from 'node:os';

import type { IDataObject } from 'n8n-workflow';

import { ENDPOINTS } from '../packages/n8n-nodes-moengage/nodes/MoEngage/transport/api';
import type { Clock } from '../packages/n8n-nodes-moengage/nodes/MoEngage/transport/clock';
import { setNodeClock } from '../test/helpers/clock';
import { moEngageWorkflow, runWorkflow } from '../test/engine/runWorkflow';
import { credentialsFor, WORKSPACE } from '../test/helpers/fixtures';
import type { Api, RecordedRequest, StandInUser } from '../test/standin/server';
import { MoEngageStandIn } from '../test/standin/server';

const N = Number(process.env.BENCH_N ?? 1000);
const LATENCIES = (process.env.BENCH_LATENCIES ?? '0,50').split(',').map(Number);
const SCALE = Number(process.env.BENCH_TIME_SCALE ?? 10);
const CONCURRENCY = 10;

const users: StandInUser[] = Array.from({ length: N }, (_, i) => ({
	customer_id: `u-${i}`,
	id: `moe-${i}`,
	uid: `user${i}@example.com`,
	attributes: { name: `User ${i}`, email: `user${i}@example.com` },
	cards: { android: ['c1'], ios: ['c1'] },
}));
// The profiles User → Merge keeps (u-i merges into keep-i).
const keptUsers: StandInUser[] = Array.from({ length: N }, (_, i) => ({ customer_id: `keep-${i}`, id: `moe-keep-${i}`, attributes: {} }));
// Scenarios to run, by name (comma-separated); all when unset.
const ONLY = process.env.BENCH_ONLY?.split(',').map((name) => name.trim());

interface Scenario {
	name: string;
	api: Api;
	rateLimit: { perMinute: number; unit: 'requests' | 'users' };
	parameters: IDataObject;
	/** The baseline's body for item i: one item per request. */
	baselineRequest: (i: number) => { method: string; path: string; body: IDataObject };
	concurrency: number;
}

const allScenarios: Scenario[] = [
	{
		name: 'User → Get',
		api: 'exportUsers',
		rateLimit: ENDPOINTS.exportUsers.rateLimit,
		parameters: { resource: 'user', operation: 'get', identifierType: 'customer_id', identifier: '={{ $json.id }}', standardAttributes: ['name', 'email'] },
		baselineRequest: (i) => ({
			method: 'POST',
			path: `/v1/customers/export?app_id=${WORKSPACE.workspaceId}`,
			body: { data: { identifiers: [{ identifier_type: 'customer_id', identifier: `u-${i}` }], user_fields_to_export: ['customer_id', 'name', 'email'] } },
		}),
		concurrency: 1,
	},
	{
		name: 'User → Delete',
		api: 'deleteUser',
		rateLimit: ENDPOINTS.deleteUser.rateLimit,
		parameters: { resource: 'user', operation: 'delete', identityType: 'customer_id', identityValue: '={{ $json.id }}' },
		baselineRequest: (i) => ({
			method: 'POST',
			path: `/v1/customer/delete?app_id=${WORKSPACE.workspaceId}`,
			body: { identity_type: 'customer_id', identity_value: `u-${i}` },
		}),
		concurrency: CONCURRENCY,
	},
	{
		name: 'Card → Delete',
		api: 'deleteCards',
		rateLimit: ENDPOINTS.deleteCards.rateLimit,
		parameters: { resource: 'card', operation: 'delete', identifyBy: 'uid', userValue: '={{ $json.email }}', campaignIds: 'c1' },
		baselineRequest: (i) => ({ method: 'DELETE', path: '/v1/cards/delete', body: { uid: `user${i}@example.com`, campaign_ids: ['c1'] } }),
		concurrency: CONCURRENCY,
	},
	{
		name: 'User → Merge',
		api: 'mergeUsers',
		rateLimit: ENDPOINTS.mergeUsers.rateLimit,
		parameters: { resource: 'user', operation: 'merge', mergedUser: '={{ $json.id }}', retainedUser: '={{ "keep-" + $json.id.slice(2) }}' },
		baselineRequest: (i) => ({
			method: 'POST',
			path: `/v1/customer/merge?app_id=${WORKSPACE.workspaceId}`,
			body: { merge_data: [{ merged_user: `u-${i}`, retained_user: `keep-${i}` }] },
		}),
		concurrency: 1,
	},
	{
		name: 'User → Create or Update',
		api: 'trackUser',
		rateLimit: ENDPOINTS.trackUser.rateLimit,
		parameters: { resource: 'user', operation: 'createOrUpdate', customerId: '={{ $json.id }}', standardAttributes: { email: '={{ $json.email }}' } },
		baselineRequest: (i) => ({
			method: 'POST',
			path: `/v1/customer/${WORKSPACE.workspaceId}?app_id=${WORKSPACE.workspaceId}`,
			body: { type: 'customer', customer_id: `u-${i}`, attributes: { email: `user${i}@example.com` } },
		}),
		concurrency: CONCURRENCY,
	},
	{
		name: 'Event → Track',
		api: 'trackEvent',
		rateLimit: ENDPOINTS.trackEvent.rateLimit,
		parameters: { resource: 'event', operation: 'track', customerId: '={{ $json.id }}', eventName: 'Bench' },
		baselineRequest: (i) => ({
			method: 'POST',
			path: `/v1/event/${WORKSPACE.workspaceId}?app_id=${WORKSPACE.workspaceId}`,
			body: { type: 'event', customer_id: `u-${i}`, actions: [{ action: 'Bench', attributes: {} }] },
		}),
		concurrency: CONCURRENCY,
	},
	{
		name: 'Card → Get',
		api: 'fetchCards',
		rateLimit: ENDPOINTS.fetchCards.rateLimit,
		parameters: { resource: 'card', operation: 'get', identifyBy: 'uid', userValue: '={{ $json.email }}' },
		baselineRequest: (i) => ({ method: 'POST', path: '/v1/cards/fetch', body: { uid: `user${i}@example.com` } }),
		concurrency: CONCURRENCY,
	},
	{
		// The issue's goal: requests ≤ 1 % of the items (BENCH_N=10000 BENCH_ONLY='Segment → Add Users').
		name: 'Segment → Add Users',
		api: 'cohortSync',
		rateLimit: ENDPOINTS.cohortSync.rateLimit,
		parameters: { resource: 'segment', operation: 'addUsers', segmentId: 'bench', segmentName: 'Bench', customerId: '={{ $json.id }}' },
		baselineRequest: (i) => ({
			method: 'POST',
			path: '/v1/integrations/cohortsync',
			body: { action: 'add_members', partner: 'n8n', parameters: { cohort_id: 'bench', cohort_name: 'Bench', members: [{ uid: `u-${i}` }] } },
		}),
		concurrency: CONCURRENCY,
	},
];
const scenarios = allScenarios.filter((scenario) => !ONLY || ONLY.includes(scenario.name));

interface Measurement {
	requests: number;
	wallMs: number;
	peakRssMb: number;
	/** Heap still held after GC while the run's result is kept, per item. */
	retainedPerItemKb: number;
	rateLimited: number;
	failedItems: number;
}

/** `run` resolves to the number of failed items and whatever the run produced (kept alive while measuring). */
async function measure(standIn: MoEngageStandIn, run: () => Promise<[number, unknown?]>): Promise<Measurement> {
	global.gc?.();
	const heapBefore = process.memoryUsage().heapUsed;
	let peakRss = process.memoryUsage().rss;
	let peakHeap = heapBefore;
	const sampler = setInterval(() => {
		const { rss, heapUsed } = process.memoryUsage();
		peakRss = Math.max(peakRss, rss);
		peakHeap = Math.max(peakHeap, heapUsed);
	}, 5);
	const started = performance.now();
	const [failedItems, result] = await run();
	const wallMs = performance.now() - started;
	clearInterval(sampler);
	peakRss = Math.max(peakRss, process.memoryUsage().rss);
	global.gc?.();
	const retained = process.memoryUsage().heapUsed - heapBefore;
	void result;
	return {
		requests: standIn.requests.length,
		wallMs,
		peakRssMb: peakRss / 2 ** 20,
		retainedPerItemKb: Math.max(0, retained) / 1024 / N,
		rateLimited: standIn.requests.filter((request: RecordedRequest) => request.status === 429).length,
		failedItems,
	};
}

function send(baseUrl: string, method: string, path: string, body: string, headers: Record<string, string>): Promise<number> {
	return new Promise((resolve, reject) => {
		const request = httpRequest(`${baseUrl}${path}`, { method, headers: { ...headers, 'Content-Length': Buffer.byteLength(body) } }, (response) => {
			response.resume();
			response.on('end', () => resolve(response.statusCode ?? 0));
		});
		request.on('error', reject);
		request.end(body);
	});
}

function authHeaders(api: Api): Record<string, string> {
	const key = api === 'deleteCards' || api === 'fetchCards' ? WORKSPACE.cardsApiKey : WORKSPACE.dataApiKey;
	return {
		Authorization: `Basic ${Buffer.from(`${WORKSPACE.workspaceId}:${key}`).toString('base64')}`,
		'Content-Type': 'application/json',
		'MOE-APPKEY': WORKSPACE.workspaceId,
	};
}

/** Sends requests with a bare HTTP client, `concurrency` at a time; returns how many failed. */
async function sendAll(baseUrl: string, api: Api, requests: Array<{ method: string; path: string; body: string }>, concurrency: number): Promise<number> {
	let next = 0;
	let failed = 0;
	const worker = async () => {
		while (next < requests.length) {
			const { method, path, body } = requests[next++];
			const status = await send(baseUrl, method, path, body, authHeaders(api));
			if (status !== 200) failed++;
		}
	};
	await Promise.all(Array.from({ length: concurrency }, worker));
	return failed;
}

/** The node's time, running SCALE times faster than the wall clock. */
function scaledClock(): Clock {
	const start = Date.now();
	return {
		now: () => start + (Date.now() - start) * SCALE,
		sleep: async (ms) => await new Promise<void>((resolve) => setTimeout(resolve, ms / SCALE)),
	};
}

const fmt = (value: number, digits = 0) => value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

async function main(): Promise<void> {
	const rows: string[] = [];
	const overheadRows: string[] = [];
	const input = users.map((user) => ({ id: user.customer_id, email: user.uid }));
	for (const latency of LATENCIES) {
		for (const scenario of scenarios) {
			const windowMs = 60_000 / SCALE;
			const standIn = new MoEngageStandIn({
				workspace: WORKSPACE,
				users: [...users, ...keptUsers],
				latencyMs: latency,
				rateLimits: { [scenario.api]: { limit: scenario.rateLimit.perMinute, windowMs } },
			});
			const baseUrl = await standIn.start();
			try {
				const options = { ratePerMinute: scenario.rateLimit.perMinute, concurrency: scenario.concurrency };
				setNodeClock(scaledClock());
				const node = await measure(standIn, async () => {
					const run = await runWorkflow(moEngageWorkflow({ ...scenario.parameters, options }, { continueOnFail: true }), input, credentialsFor(baseUrl));
					return [run.output('MoEngage').filter((item) => item.json.error !== undefined).length, run];
				}).finally(() => setNodeClock());
				standIn.reset();
				const baseline = await measure(standIn, async () => [
					await sendAll(baseUrl, scenario.api, users.map((_, i) => {
						const { method, path, body } = scenario.baselineRequest(i);
						return { method, path, body: JSON.stringify(body) };
					}), 1),
				]);
				const ratePerMs = (scenario.rateLimit.perMinute * SCALE) / 60_000;
				const units = scenario.rateLimit.unit === 'users' ? N : node.requests;
				const bound = Math.max((node.requests * latency) / scenario.concurrency, units / ratePerMs);
				rows.push(
					`| ${scenario.name} | ${latency} ms | ${fmt(node.requests)} / ${fmt(baseline.requests)} | ${fmt(node.wallMs / 1000, 2)} s / ${fmt(baseline.wallMs / 1000, 2)} s | ${fmt(N / (node.wallMs / 1000))} / ${fmt(N / (baseline.wallMs / 1000))} | ${fmt(node.rateLimited)} / ${fmt(baseline.rateLimited)} | ${fmt(node.failedItems)} / ${fmt(baseline.failedItems)} | ${fmt(baseline.wallMs / node.wallMs, 1)}× | ${fmt(node.wallMs / bound, 2)} | ${fmt(node.peakRssMb)} MB | ${fmt(node.retainedPerItemKb, 2)} KB |`,
				);
				process.stderr.write(`${scenario.name} @ ${latency} ms done\n`);

				if (latency === 0) {
					// Node overhead: the node unpaced vs. a bare client replaying the node's own requests.
					standIn.reset();
					const unpaced = new MoEngageStandIn({ workspace: WORKSPACE, users: [...users, ...keptUsers] });
					const url = await unpaced.start();
					const nodeRun = await measure(unpaced, async () => {
						await runWorkflow(moEngageWorkflow({ ...scenario.parameters, options: { ratePerMinute: 0, concurrency: scenario.concurrency } }), input, credentialsFor(url));
						return [0];
					});
					const replay = unpaced.requests.map((request) => ({ method: request.method, path: `${request.path}${request.query.app_id ? `?app_id=${request.query.app_id}` : ''}`, body: request.rawBody }));
					unpaced.reset();
					const bare = await measure(unpaced, async () => [await sendAll(url, scenario.api, replay, scenario.concurrency)]);
					await unpaced.stop();
					overheadRows.push(
						`| ${scenario.name} | ${fmt(nodeRun.wallMs, 1)} ms | ${fmt(bare.wallMs, 1)} ms | ${fmt((nodeRun.wallMs - bare.wallMs) / N, 3)} ms |`,
					);
				}
			} finally {
				await standIn.stop();
			}
		}
	}
	const machine = `${cpus().length} × ${cpus()[0]?.model.trim()}, ${fmt(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
	console.log(`N = ${N} items per run; MoEngage limits enforced by the stand-in at ${SCALE}× speed (windows of ${60 / SCALE} s); node paced at the same scaled rate; concurrency ${CONCURRENCY} for per-item operations.`);
	console.log(`Machine: ${machine}. Date: ${new Date().toISOString().slice(0, 10)}.\n`);
	console.log('Each cell: node / baseline (one request per item, sequential, no retries: what the HTTP Request node does).\n');
	console.log('| Operation | RTT | Requests | Wall time | Items/s | 429s seen | Failed items | Speed-up | Wall ÷ bound | Peak RSS | Retained heap per item |');
	console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
	rows.forEach((row) => console.log(row));
	console.log('\nBound = max(requests × RTT / concurrency, N / scaled rate limit); target ≤ 1.25.\n');
	console.log('Node overhead at 0 ms, unpaced: the node through n8n\'s engine vs. a bare HTTP client sending the same requests with the same concurrency.\n');
	console.log('| Operation | Node | Bare client | Overhead per item |');
	console.log('| --- | --- | --- | --- |');
	overheadRows.forEach((row) => console.log(row));
	console.log('\nRetained heap per item: heap still in use after GC while the run\'s result (n8n\'s run data: input and output items) is held.');
}

// n8n-core leaves a handle open after workflow runs; end explicitly once the tables are printed.
void main().then(
	() => process.exit(0),
	(error: unknown) => {
		console.error(error);
		process.exit(1);
	},
);
