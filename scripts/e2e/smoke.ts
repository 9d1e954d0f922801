/**
 * Smoke test of the built package (dist/, built beforehand with `npm run build`) on a REAL n8n,
 * on each installed line (scripts/e2e/install-n8n.sh):
 *   - npm-pack the repo (or copy package.json + dist with --dir) into a fresh N8N_USER_FOLDER,
 *   - a tiny MoEngage stand-in on 127.0.0.1 (port 0),
 *   - import a credential and a Manual Trigger -> MoEngage (user/delete) workflow, `n8n execute` it,
 *     and check the output item and the request the stand-in got,
 *   - `n8n start`, owner setup + login, and the credential test (good key: OK, wrong key: Error).
 *
 *   npx ts-node --transpile-only scripts/e2e/smoke.ts [1|2|all] [--dir] [--keep] [--no-server]
 */
import * as http from 'node:http';
import * as path from 'node:path';
import * as fs from 'node:fs';
import type { AddressInfo } from 'node:net';

import {
	createUserFolder,
	executeWorkflow,
	getLine,
	importCredential,
	importWorkflow,
	installPackage,
	newId,
	nodeOutput,
	packRepo,
	removeUserFolder,
	startN8n,
	testCredential,
	type LineId,
	type N8nTarget,
} from './n8n';

const repoDir = path.resolve(__dirname, '..', '..');
const args = process.argv.slice(2);
const which = args.find((a) => !a.startsWith('--')) ?? 'all';
const lines: LineId[] = which === 'all' ? ['1', '2'] : [which as LineId];
const useDir = args.includes('--dir');
const keep = args.includes('--keep');
const withServer = !args.includes('--no-server');

const WORKSPACE = 'W';
const KEY = 'KEY';
const ACCEPTED = { status: 'success', message: 'Your request has been accepted and will be processed soon' };

interface Seen {
	method: string;
	url: string;
	authorization?: string;
	body: string;
}

function startStandIn(): Promise<{ server: http.Server; port: number; seen: Seen[] }> {
	const seen: Seen[] = [];
	const expectedAuth = `Basic ${Buffer.from(`${WORKSPACE}:${KEY}`).toString('base64')}`;
	const server = http.createServer((req, res) => {
		let body = '';
		req.setEncoding('utf8');
		req.on('data', (d: string) => (body += d));
		req.on('end', () => {
			seen.push({ method: req.method ?? '', url: req.url ?? '', authorization: req.headers.authorization, body });
			const url = new URL(req.url ?? '/', 'http://127.0.0.1');
			const send = (status: number, payload: unknown) => {
				res.writeHead(status, { 'content-type': 'application/json' });
				res.end(JSON.stringify(payload));
			};
			if (req.headers.authorization !== expectedAuth) {
				return send(401, { status: 'fail', error: { message: 'Authentication required', type: 'Authentication required' } });
			}
			if (req.method === 'POST' && url.pathname === '/v1/customer/delete' && url.searchParams.get('app_id') === WORKSPACE) {
				return send(200, ACCEPTED);
			}
			// the credential test: an export of a user that does not exist
			if (req.method === 'POST' && url.pathname === '/v1/customers/export' && url.searchParams.get('app_id') === WORKSPACE) {
				return send(200, { status: 'success', data: [] });
			}
			send(404, { status: 'fail', error: { message: `no route ${req.method} ${url.pathname}` } });
		});
	});
	return new Promise((resolve) =>
		server.listen(0, '127.0.0.1', () => resolve({ server, port: (server.address() as AddressInfo).port, seen })),
	);
}

function check(cond: unknown, what: string): void {
	if (!cond) throw new Error(`CHECK FAILED: ${what}`);
	console.log(`  ok  ${what}`);
}

const t = () => Date.now();
const secs = (ms: number) => `${(ms / 1000).toFixed(1)}s`;

async function smokeLine(lineId: LineId, packSource: string, port: number, seen: Seen[]): Promise<Record<string, number>> {
	const line = getLine(lineId);
	const timings: Record<string, number> = {};
	console.log(`\n=== line ${lineId}: n8n ${line.version} on ${line.nodeBin}`);
	const userFolder = createUserFolder(`n8n-e2e-v${lineId}-`);
	const target: N8nTarget = { line, userFolder };
	try {
		const pkg = installPackage(userFolder, packSource);
		console.log(`  installed ${pkg.name}@${pkg.version} into ${pkg.dir}`);

		let t0 = t();
		const credential = await importCredential(target, {
			name: 'MoEngage e2e',
			type: 'moEngageApi',
			data: { workspaceId: WORKSPACE, dataApiKey: KEY, cardsApiKey: '', dataCenter: 'custom', baseUrl: `http://127.0.0.1:${port}` },
		});
		timings['import:credentials'] = t() - t0;

		t0 = t();
		const workflow = await importWorkflow(target, {
			name: 'MoEngage e2e: delete user',
			nodes: [
				{ id: newId(), name: 'Manual', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
				{
					id: newId(),
					name: 'MoEngage',
					type: 'n8n-nodes-moengage.moEngage',
					typeVersion: 1,
					position: [220, 0],
					parameters: { resource: 'user', operation: 'delete', identityType: 'customer_id', identityValue: 'u-1' },
					credentials: { moEngageApi: { id: credential.id, name: credential.name } },
				},
			],
			connections: { Manual: { main: [[{ node: 'MoEngage', type: 'main', index: 0 }]] } },
		});
		timings['import:workflow'] = t() - t0;

		seen.length = 0;
		t0 = t();
		const run = await executeWorkflow(target, workflow.id);
		timings['execute'] = t() - t0;
		const items = nodeOutput(run, 'MoEngage');
		console.log(`  output: ${JSON.stringify(items)}`);
		check(run.data.resultData.error === undefined, 'the run has no error');
		check(items.length === 1, 'MoEngage output one item');
		check(items[0].status === 'success' && items[0].message === ACCEPTED.message, 'the item carries the accepted answer');
		check(items[0].identity_value === 'u-1' && items[0].identity_type === 'customer_id', 'the item names the user');
		const deletes = seen.filter((s) => s.url.startsWith('/v1/customer/delete'));
		check(deletes.length === 1, 'the stand-in got one delete request');
		console.log(`  request: ${deletes[0].method} ${deletes[0].url} ${deletes[0].body}`);
		check(JSON.parse(deletes[0].body).identity_value === 'u-1', 'the delete request names u-1');

		if (withServer) {
			t0 = t();
			const server = await startN8n(target);
			timings['start+owner+login'] = t() - t0;
			try {
				seen.length = 0;
				t0 = t();
				const good = await testCredential(server, credential.id);
				timings['credential test'] = t() - t0;
				console.log(`  credential test (stored): ${JSON.stringify(good)}`);
				check(good.status === 'OK', 'the stored credential tests OK');
				check(seen.some((s) => s.url.startsWith('/v1/customers/export?app_id=W')), 'the test called the export endpoint');
				const bad = await testCredential(server, credential.id, { dataApiKey: 'WRONG' });
				console.log(`  credential test (wrong key): ${JSON.stringify(bad)}`);
				check(bad.status === 'Error', 'a wrong key tests as Error');
			} finally {
				t0 = t();
				await server.stop();
				timings['stop'] = t() - t0;
			}
		}
		return timings;
	} finally {
		if (keep) console.log(`  kept user folder ${userFolder}`);
		else removeUserFolder(userFolder);
	}
}

async function main(): Promise<void> {
	for (const f of ['dist/nodes/MoEngage/MoEngage.node.js', 'dist/credentials/MoEngageApi.credentials.js']) {
		if (!fs.existsSync(path.join(repoDir, f))) throw new Error(`${f} is missing: run npm run build first`);
	}
	const packSource = useDir ? repoDir : packRepo(repoDir);
	console.log(`package source: ${packSource}`);
	const { server, port, seen } = await startStandIn();
	console.log(`MoEngage stand-in on http://127.0.0.1:${port}`);
	const summary: Record<string, Record<string, number>> = {};
	let failed = false;
	try {
		for (const l of lines) {
			try {
				summary[`line ${l}`] = await smokeLine(l, packSource, port, seen);
			} catch (error) {
				failed = true;
				console.error(`line ${l} FAILED: ${(error as Error).stack ?? error}`);
			}
		}
	} finally {
		server.close();
		if (!useDir) fs.rmSync(path.dirname(packSource), { recursive: true, force: true });
	}
	console.log('\ntimings:');
	for (const [l, tm] of Object.entries(summary)) {
		console.log(`  ${l}: ${Object.entries(tm).map(([k, v]) => `${k} ${secs(v)}`).join(', ')}`);
	}
	console.log(failed ? '\nSMOKE FAILED' : '\nSMOKE PASSED');
	process.exitCode = failed ? 1 : 0;
}

void main();
