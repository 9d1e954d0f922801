/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, no-console -- runs on a developer's machine or in CI, never inside n8n */
/**
 * `npm run bench [-- options]`: this package in a REAL n8n (the e2e install, line 2 = n8n 2.x by
 * default; N8N_LINE=1 for 1.x) against the MoEngage stand-in on 127.0.0.1, beside what a user would
 * otherwise build: n8n's HTTP Request node one request per item, and the best stock setup. Sides
 * run one after the other in one process of the bench, interleaved case by case, at MoEngage's
 * real limits (enforced by the stand-in, minute windows, no time scaling). Prints a Markdown table
 * (requests, wall time, 429s, failed items, peak RSS, CPU per request, ratio to the physical
 * bound) and which of the targets were met.
 *
 * Options:
 *   --n 1000            items per case (cases that fix their own N keep it)
 *   --cases get,delete  case keys (default: all; see test/bench/cases.ts): get, delete, merge, update,
 *                       track, cardGet, cardDelete, limited (600 deletes at 300/min enforced),
 *                       get10k (10,000 Get at 1,000 users/min, ~10 min), segment10k (10,000 users added
 *                       to one segment: requests against the items), update10k (10,000 Create or
 *                       Update in bulk, beside the stock Bulk Import setup), prefs10k
 *                       (10,000 email preference updates with Send in Bulk, 50 a request, ~2 min),
 *                       sendMessage5k (Campaign → Send Message to 5,000 recipients, one a request,
 *                       at MoEngage's 5,000 a minute: one minute's budget), sendMessage10k (10,000:
 *                       the limit binds, ~1 min a side)
 *   --rtt 0,50          round-trip times the stand-in adds to every answer (ms)
 *   --quick             smoke run: --n 200 --cases get,delete --rtt 50 (2–3 minutes)
 *   --sides node,http,stock  which sides run (default: these three); `control` adds workflows that
 *                       tell where the time outside the node goes (test/bench/workflows.ts)
 *   --repeat 1          runs of each side, interleaved; with more than one, the tables give each
 *                       side's median run (by wall time) and the time table medians [min–max]
 *   --timeline          also run each side (each case of --n items; --repeat times) at the first
 *                       RTT with n8n's debug log as JSON, and print when n8n loaded this package,
 *                       started its task runner, took the execution up, when the runner registered
 *                       and when the Items Code node and the node ran (from the execution's start)
 *   --profile           also run the node of each case once under `node --cpu-prof` and print where
 *                       its CPU time goes (profiles kept in the bench's temporary folder)
 *
 * Wall time is the n8n run's own (first work node's start to last one's end, from the run data),
 * not the CLI's start-up. Outside the node: the execution (n8n's startedAt to stoppedAt) less the
 * node's own executionTime; a second table splits it (the Code node making the items, the rest)
 * and gives the CLI's start to the execution's and to the node's. CPU per request: CPU time of the n8n processes (n8n and its task runner,
 * sampled from /proc) while the work nodes ran, over the requests sent. RSS growth per item: the
 * n8n process's peak RSS while they ran above its RSS when they started, over N. Peak RSS: the
 * n8n process's over the whole CLI run (GNU time).
 */
import * as fs from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import * as path from 'node:path';

import {
	assertBuilt,
	PACKAGE_DIR,
	createUserFolder,
	getLine,
	importCredentials,
	importWorkflows,
	installPackage,
	removeUserFolder,
	type LineId,
	type N8nTarget,
} from '../harness/n8n/n8n';
import { demoCredential } from '../harness/n8n/workflows';
import { WORKSPACE } from '../harness/fixtures';
import type { Api, RateLimit, StandInUser } from '../standin/server';
import { ENDPOINTS } from '../../nodes/MoEngage/transport/api';
import { MoEngageStandIn } from '../standin/server';
import { CASES, type Case, type Limit } from './cases';
import { checkTimeInstalled, executeMeasured } from './execute';
import { idleCpuPerMs, measurement, type Measurement } from './measure';
import { summarizeProfile } from './profile';
import { medianRuns, table, timeTable, verdicts } from './report';
import { timelineOf, timelineTable, type Timeline } from './timeline';
import { IDLE_NODE, IDLE_WORKFLOW_ID, idleWorkflow, sidesOf, type Side } from './workflows';

interface Options {
	n: number;
	cases: Case[];
	rtts: number[];
	profile: boolean;
	sides: string[];
	repeat: number;
	timeline: boolean;
}

function parseArgs(argv: string[]): Options {
	const value = (name: string) => {
		const i = argv.indexOf(`--${name}`);
		return i >= 0 ? argv[i + 1] : undefined;
	};
	const quick = argv.includes('--quick');
	const n = Number(value('n') ?? (quick ? 200 : 1000));
	const keys = (value('cases') ?? (quick ? 'get,delete' : CASES.map((c) => c.key).join(','))).split(',').map((key) => key.trim());
	const unknown = keys.filter((key) => !CASES.some((c) => c.key === key));
	if (unknown.length > 0) throw new Error(`unknown case(s) ${unknown.join(', ')}; known: ${CASES.map((c) => c.key).join(', ')}`);
	if (!Number.isInteger(n) || n < 1) throw new Error('--n takes a whole number of items');
	const repeat = Number(value('repeat') ?? 1);
	if (!Number.isInteger(repeat) || repeat < 1) throw new Error('--repeat takes a whole number of runs');
	return {
		n,
		cases: CASES.filter((c) => keys.includes(c.key)),
		rtts: (value('rtt') ?? (quick ? '50' : '0,50')).split(',').map(Number),
		profile: argv.includes('--profile'),
		sides: (value('sides') ?? 'node,http,stock').split(','),
		repeat,
		timeline: argv.includes('--timeline'),
	};
}

function standInUsers(count: number): StandInUser[] {
	const users: StandInUser[] = [];
	for (let i = 0; i < count; i++) {
		users.push({ customer_id: `u-${i}`, id: `moe-${i}`, uid: `user${i}@example.com`, attributes: { name: `User ${i}`, email: `user${i}@example.com` }, cards: { android: ['c1'], ios: ['c1'] } });
		users.push({ customer_id: `keep-${i}`, id: `moe-keep-${i}`, attributes: {} });
	}
	return users;
}

/** MoEngage's Bulk Import limits: 60,000 users and 60,000 events a minute (api/rate-limits.mdx). */
const BULK_IMPORT_LIMITS: RateLimit[] = [ENDPOINTS.bulkImportUsers, ENDPOINTS.bulkImportEvents].map(({ rateLimit }) => ({ limit: rateLimit.perMinute, windowMs: 60_000, unit: rateLimit.unit }));

const log = (text: string) => process.stderr.write(`[bench] ${text}\n`);

async function main(): Promise<void> {
	const options = parseArgs(process.argv.slice(2));
	checkTimeInstalled();
	assertBuilt();
	const line = getLine((process.env.N8N_LINE ?? '2') as LineId);
	const target: N8nTarget = { line, userFolder: createUserFolder('n8n-bench-') };
	const loadBefore = loadavg();
	const started = new Date();
	const sizeOf = (c: Case) => c.n ?? options.n;
	const standIn = new MoEngageStandIn({ workspace: WORKSPACE, users: standInUsers(Math.max(...options.cases.map(sizeOf))) });
	const baseUrl = await standIn.start();
	try {
		installPackage(target.userFolder, PACKAGE_DIR);
		await importCredentials(target, [demoCredential({ ...WORKSPACE, dataCenter: 'custom', baseUrl })]);
		const plan = options.cases.map((c) => ({ testCase: c, n: sizeOf(c), sides: sidesOf(c, sizeOf(c), baseUrl).filter((side) => options.sides.includes(side.kind)) }));
		await importWorkflows(target, [idleWorkflow(), ...plan.flatMap(({ sides }) => sides.map((side) => side.workflow))]);
		log(`n8n ${line.version} in ${target.userFolder}; stand-in ${baseUrl}; ${plan.reduce((sum, { sides }) => sum + sides.length, 0)} sides`);
		// n8n spends CPU of its own while a node waits (timers, its task runner): counted once here
		// and taken off each side's CPU, which would otherwise grow with the wait, not the work.
		const idleRate = idleCpuPerMs(await executeMeasured(target, IDLE_WORKFLOW_ID), IDLE_NODE);
		log(`idle n8n: ${(idleRate * 1000).toFixed(1)} ms of CPU a second`);

		const results: Measurement[] = [];
		const runSide = async (testCase: Case, n: number, side: Side, rttMs: number, run: { nodeArgs?: string[]; env?: Record<string, string> } = {}) => {
			const limit = side.kind === 'stock' && testCase.grouped ? testCase.grouped.limit : testCase.limit;
			standIn.reset();
			standIn.latencyMs = rttMs;
			// Bulk Import always has MoEngage's two budgets (users and events), whoever calls it.
			const rules = (api: Api, l: Limit): RateLimit | RateLimit[] => (api === 'bulkImport' ? BULK_IMPORT_LIMITS : { limit: l.perMinute, windowMs: 60_000, unit: l.unit });
			standIn.rateLimits = {
				bulkImport: BULK_IMPORT_LIMITS,
				[testCase.api]: rules(testCase.api, testCase.limit),
				...(testCase.grouped ? { [testCase.grouped.api]: rules(testCase.grouped.api, testCase.grouped.limit) } : {}),
			};
			let executed = await executeMeasured(target, side.workflow.id!, run);
			if (!executed.run) {
				// Now and then n8n's printed run cannot be read back (exit 0, no JSON found): the side runs again.
				log(`${testCase.name} @ ${rttMs} ms, ${side.label}: no run read back (${executed.exit}), once more`);
				standIn.reset();
				executed = await executeMeasured(target, side.workflow.id!, run);
			}
			return { m: measurement({ caseKey: testCase.key, caseName: testCase.name, rttMs, side, n, limit, idleCpuPerMs: idleRate }, executed, standIn), executed };
		};
		let turn = 0;
		for (const rttMs of options.rtts) {
			for (const { testCase, n, sides } of plan) {
				if (testCase.rtts && !testCase.rtts.includes(rttMs)) continue;
				for (let round = 0; round < options.repeat; round++) {
					// Interleaved: each case (and each repeat) starts with another side, so no side always runs first or last.
					const order = sides.map((_, i) => sides[(i + turn) % sides.length]);
					turn++;
					for (const side of order) {
						const { m } = await runSide(testCase, n, side, rttMs);
						results.push(m);
						// When the requests arrived, from the first: where a side's time went.
						const arrived = standIn.requests.map((request) => request.receivedAt);
						const spread = arrived.length > 0 ? `, requests from first to last ${((Math.max(...arrived) - Math.min(...arrived)) / 1000).toFixed(2)} s` : '';
						// Over a minute's budget of requests: how long the first minute's took to go out, and when the next one began.
						const budget = testCase.limit.unit === 'requests' ? testCase.limit.perMinute : 0;
						const sorted = budget > 0 && arrived.length > budget ? [...arrived].sort((a, b) => a - b) : [];
						const minutes = sorted.length > 0 ? ` (request ${budget.toLocaleString('en-US')} at ${((sorted[budget - 1] - sorted[0]) / 1000).toFixed(2)} s, ${(budget + 1).toLocaleString('en-US')} at ${((sorted[budget] - sorted[0]) / 1000).toFixed(2)} s)` : '';
						const outside = `outside the node ${(m.time.outsideMs / 1000).toFixed(2)} s (Items ${(m.time.itemsMs / 1000).toFixed(2)} s)`;
						log(`${testCase.name} @ ${rttMs} ms, ${side.label}: ${(m.wallMs / 1000).toFixed(2)} s, ${outside}, ${m.requests} requests${spread}${minutes}, ${m.rateLimited} × 429, ${m.failedItems} failed${m.runError ? ` (${m.runError.slice(0, 120)})` : ''}`);
					}
				}
			}
		}
		const profiles: string[] = [];
		if (options.profile) {
			const dir = path.join(target.userFolder, 'profiles');
			// Cases with their own N (the limit, 10,000 items) take minutes: not profiled.
			for (const { testCase, n, sides } of plan.filter(({ testCase }) => testCase.n === undefined)) {
				const caseDir = path.join(dir, testCase.key);
				fs.mkdirSync(caseDir, { recursive: true });
				const { m } = await runSide(testCase, n, sides[0], 0, { nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${caseDir}`] });
				profiles.push(`### ${testCase.name}, ${n} items, ${m.requests} requests, under --cpu-prof\n\n${summarizeProfile(caseDir, m.requests)}`);
			}
		}
		const timelines: Parameters<typeof timelineTable>[0] = [];
		if (options.timeline) {
			// n8n's debug log, as JSON (a timestamp per line), in runs of their own: it costs time itself.
			const rttMs = options.rtts[0];
			for (const { testCase, n, sides } of plan.filter(({ testCase }) => testCase.n === undefined && (!testCase.rtts || testCase.rtts.includes(rttMs)))) {
				for (const side of sides) {
					const row = { caseName: testCase.name, rttMs, side, timelines: [] as Timeline[] };
					for (let round = 0; round < options.repeat; round++) {
						const { executed } = await runSide(testCase, n, side, rttMs, { env: { N8N_LOG_LEVEL: 'debug', N8N_LOG_FORMAT: 'json' } });
						row.timelines.push(timelineOf(executed, side));
					}
					timelines.push(row);
					log(`${testCase.name} @ ${rttMs} ms, ${side.label}: timeline from n8n's log, ${options.repeat} run(s)`);
				}
			}
		}

		const loadAfter = loadavg();
		const machine = `${cpus().length} × ${cpus()[0]?.model.trim()}, ${Math.round(totalmem() / 2 ** 30)} GiB; bench on Node ${process.version}, n8n ${line.version} on ${line.line === '2' ? 'the cached Node 24' : `Node ${process.version}`}`;
		console.log(`Run: ${started.toISOString()} to ${new Date().toISOString()} (UTC). Machine: ${machine}.`);
		console.log(`Load average (1, 5, 15 min) before: ${loadBefore.map((l) => l.toFixed(1)).join(', ')}; after: ${loadAfter.map((l) => l.toFixed(1)).join(', ')}.`);
		console.log(`Command: npm run bench -- ${process.argv.slice(2).join(' ')}`);
		console.log(`An idle n8n (the median second of a Wait node of 15 s) used ${(idleRate * 1000).toFixed(1)} ms of CPU a second; the CPU columns are above that.\n`);
		// One row per case, RTT and side: with --repeat, the side's median run.
		const shown = medianRuns(results);
		if (options.repeat > 1) console.log(`Each side ran ${options.repeat} times, interleaved; the table gives each side's median run by wall time.\n`);
		console.log(table(shown));
		console.log(
			`\nWhere each execution's time went. Execution: n8n's own, startedAt to stoppedAt (saving the run comes after). Outside the node: the execution less the node's own executionTime (the stock setup's: its work nodes' together). Of it, the Items Code node runs in n8n's task runner, a process n8n starts with itself: a run that reaches that node before the runner is up waits there, so a side whose execution starts sooner after n8n's start waits longer (n8n loads a community package's nodes when it starts, and its own nodes, such as HTTP Request, on first use, before the execution starts). Other nodes: the Manual Trigger (and a control's Wait). n8n between nodes: the rest. CLI start: when the bench started \`n8n execute\`.${options.repeat > 1 ? ` Medians of ${options.repeat} runs [min–max].` : ''}\n`,
		);
		console.log(timeTable(results));
		console.log('\nTargets:\n');
		console.log(verdicts(shown));
		if (timelines.length > 0) {
			console.log(`\nWhen each step happened, in seconds from the execution's start (n8n's startedAt), from n8n's debug log (JSON) and run data, in runs of their own${options.repeat > 1 ? ` (median [min to max] of ${options.repeat})` : ''}. n8n loads this package when it starts; it starts its JS task runner right after its task broker is up; the Items Code node waits for the runner to register.\n`);
			console.log(timelineTable(timelines));
		}
		if (profiles.length > 0) console.log(`\n${profiles.join('\n\n')}`);
	} finally {
		await standIn.stop();
		if (!process.env.BENCH_KEEP) removeUserFolder(target.userFolder);
	}
}

void main().then(
	() => process.exit(0),
	(error: unknown) => {
		console.error(error);
		process.exit(1);
	},
);
