/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- runs on a developer's machine or in CI, never inside n8n */
/**
 * n8n in queue mode (scaling out): a main that takes the webhook calls and puts each run on
 * Redis's queue, two workers (`n8n worker --concurrency=1`) that run them, one PostgreSQL
 * database for all three, the same encryption key. Redis and PostgreSQL come from Debian's
 * packages (install-services.sh) and are started here on 127.0.0.1, with nothing kept.
 *
 * Two calls of a webhook at once start two runs of Delete User, each erasing its own users, on
 * the workers, against a stand-in that enforces one Delete limit for the workspace and answers
 * 429 past it, as MoEngage does. Each run paces itself alone (the node's pacer lives in one
 * execution), so the runs together overrun the limit: the transport's hold until the reset
 * MoEngage names (x-ratelimit-reset) must still bring every item through, and nothing twice.
 *
 * N8N_E2E_QUEUE chooses what runs (the setup alone, three CLI calls and three n8n starts, costs
 * 1–2 minutes a line):
 *   unset  line 2 at the small scale: 2 × 30 users at 15 per 15-second window (4 windows' worth,
 *          a run of about 45 s), the scale of CI;
 *   all    both lines at the small scale;
 *   full   both lines at MoEngage's scale: 2 × 600 users at 300 per minute (4 minutes' worth);
 *   off    none.
 * The wall time against the bound (users / limit × window) is printed on stderr, never asserted.
 */
import * as http from 'node:http';

import type { IDataObject } from 'n8n-workflow';

import { credentialsFor, WORKSPACE } from '../harness/fixtures';
import { MoEngageStandIn, type StandInUser } from '../standin/server';
import {
	activateWorkflow,
	createUserFolder,
	getLine,
	importCredentials,
	importWorkflows,
	installPackage,
	removeUserFolder,
	startN8n,
	startWorker,
	type LineId,
	type N8nServer,
	type N8nTarget,
	type N8nWorker,
	waitForWebhook,
} from '../harness/n8n/n8n';
import { packedTarball } from './scenarios';
import { startPostgres, startRedis, type Postgres, type Service } from '../harness/n8n/services';
import { demoCredential, ERASE_MANY_PATH, eraseManyWorkflow, type MoEngageCredentialData } from '../harness/n8n/workflows';

export interface QueueScale {
	usersPerExecution: number;
	/** Delete requests the stand-in accepts per window; past it, 429 until the window resets. */
	limit: number;
	windowMs: number;
}

export const QUEUE_SCALES: Record<'ci' | 'full', QueueScale> = {
	ci: { usersPerExecution: 30, limit: 15, windowMs: 15_000 },
	full: { usersPerExecution: 600, limit: 300, windowMs: 60_000 },
};

const EXECUTIONS = 2;
const WORKERS = 2;

export function queueScale(): QueueScale {
	return process.env.N8N_E2E_QUEUE === 'full' ? QUEUE_SCALES.full : QUEUE_SCALES.ci;
}

/** Whether N8N_E2E_QUEUE (see above) and N8N_E2E_LINES (the lines globalSetup installs) ask for this line. */
function queueWanted(lineId: LineId): boolean {
	const lines = process.env.N8N_E2E_LINES;
	if (![undefined, '', 'all', lineId].includes(lines)) return false;
	const queue = process.env.N8N_E2E_QUEUE ?? '';
	if (queue === '') return lineId === '2';
	if (queue === 'all' || queue === 'full') return true;
	if (queue === 'off') return false;
	throw new Error(`N8N_E2E_QUEUE=${queue}: expected all, full or off (or unset)`);
}

/** The physical bound: every Delete request of both runs at the stand-in's limit. */
export function boundMs(scale: QueueScale): number {
	return ((EXECUTIONS * scale.usersPerExecution) / scale.limit) * scale.windowMs;
}

const usersOf = (run: number, count: number): StandInUser[] =>
	Array.from({ length: count }, (_, i) => ({ customer_id: `q${run}-${i}`, id: `moe-q${run}-${i}`, attributes: { name: `Queue ${run}.${i}` } }));

/**
 * POST JSON and read the answer, with no time limit of its own (a webhook answering with the
 * last node waits for the whole run: minutes, longer than fetch's header timeout).
 */
async function postJson(url: string, body: unknown): Promise<{ status: number; body: unknown }> {
	const payload = JSON.stringify(body);
	return await new Promise((resolve, reject) => {
		const request = http.request(url, { method: 'POST', agent: false, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } }, (response) => {
			let text = '';
			response.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
			response.on('end', () => {
				let parsed: unknown = text;
				try {
					parsed = JSON.parse(text);
				} catch {
					/* kept as text */
				}
				resolve({ status: response.statusCode ?? 0, body: parsed });
			});
		});
		request.on('error', reject);
		request.end(payload);
	});
}

/** The env of every n8n process of the installation: queue mode, its Redis, the shared database. */
function queueEnv(redis: Service, postgres: Postgres): Record<string, string> {
	return {
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: '127.0.0.1',
		QUEUE_BULL_REDIS_PORT: String(redis.port),
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: '127.0.0.1',
		DB_POSTGRESDB_PORT: String(postgres.port),
		DB_POSTGRESDB_DATABASE: postgres.database,
		DB_POSTGRESDB_USER: postgres.user,
		DB_POSTGRESDB_PASSWORD: '',
	};
}

interface Installation {
	main: N8nServer;
	workers: N8nWorker[];
}

/** The queue-mode scenario on one n8n line, as a jest describe ("n8n 2.x in queue mode"). */
export function describeQueue(lineId: LineId): void {
	(queueWanted(lineId) ? describe : describe.skip)(`n8n ${lineId}.x in queue mode (main + ${WORKERS} workers, Redis, PostgreSQL)`, () => {
		const scale = queueScale();
		const users = [1, 2].map((run) => usersOf(run, scale.usersPerExecution));
		const standIn = new MoEngageStandIn({
			workspace: WORKSPACE,
			users: users.flat(),
			rateLimits: { deleteUser: { limit: scale.limit, windowMs: scale.windowMs } },
		});
		const stops: Array<() => Promise<void>> = [];
		const folders: string[] = [];
		const timings: string[] = [];
		let installation: Installation | undefined;

		const timed = async <T>(label: string, step: () => Promise<T>): Promise<T> => {
			const started = Date.now();
			try {
				return await step();
			} finally {
				timings.push(`${label} ${((Date.now() - started) / 1000).toFixed(1)}s`);
			}
		};

		beforeAll(async () => {
			const tarball = packedTarball();
			const line = getLine(lineId);
			await standIn.start();
			stops.push(async () => await standIn.stop());
			const [redis, postgres] = await timed('redis + postgres', async () => await Promise.all([startRedis(), startPostgres()]));
			stops.push(redis.stop, postgres.stop);
			const env = queueEnv(redis, postgres);
			// every process its own user folder (n8n writes its event log and settings there), the package in each
			const target = (prefix: string): N8nTarget => {
				const userFolder = createUserFolder(`n8n-e2e-queue-v${lineId}-${prefix}-`);
				folders.push(userFolder);
				installPackage(userFolder, tarball);
				return { line, userFolder, env };
			};
			const mainTarget = target('main');
			process.stderr.write(
				`[e2e] queue mode: n8n ${line.version}, Redis 127.0.0.1:${redis.port}, PostgreSQL 127.0.0.1:${postgres.port}, stand-in ${standIn.baseUrl}; ${EXECUTIONS} × ${scale.usersPerExecution} users, Delete limit ${scale.limit} per ${scale.windowMs / 1000} s\n`,
			);
			// the first CLI call creates n8n's tables in the shared database
			await timed('import:credentials', async () => await importCredentials(mainTarget, [demoCredential(credentialsFor(standIn.baseUrl).moEngageApi as MoEngageCredentialData)]));
			const [workflow] = await timed('import:workflow', async () => await importWorkflows(mainTarget, [eraseManyWorkflow()]));
			await timed('activate', async () => await activateWorkflow(mainTarget, workflow.id));
			// the tables exist now (the CLI calls made them): main and workers start together
			// three n8n processes starting at once on a busy 2-core machine took up to 140 s: 5 minutes each
			const timeoutMs = 5 * 60_000;
			const mainStarting = startN8n(mainTarget, { timeoutMs });
			const workersStarting = Array.from({ length: WORKERS }, async (_, k) => await startWorker(target(`worker${k + 1}`), { concurrency: 1, timeoutMs }));
			const started = await timed('main + workers start', async () => await Promise.allSettled([mainStarting, ...workersStarting]));
			// the workers stop before the main, the main before Redis and the database (stops run last in, first out)
			for (const outcome of started) if (outcome.status === 'fulfilled') stops.push(outcome.value.stop);
			const failed = started.find((outcome) => outcome.status === 'rejected');
			if (failed) throw failed.reason;
			const main = await mainStarting;
			installation = { main, workers: await Promise.all(workersStarting) };
			await timed('webhook registered', async () => await waitForWebhook(main.baseUrl, ERASE_MANY_PATH));
		});

		afterAll(async () => {
			for (const stop of stops.reverse()) {
				try {
					await stop();
				} catch (error) {
					process.stderr.write(`[e2e] queue mode: stopping failed: ${(error as Error).message}\n`);
				}
			}
			process.stderr.write(`[e2e] n8n ${lineId}.x queue mode timings: ${timings.join(', ')}\n`);
			for (const folder of folders) {
				if (process.env.N8N_E2E_KEEP) process.stderr.write(`[e2e] kept user folder ${folder}\n`);
				else removeUserFolder(folder);
			}
		});

		test(`two webhook runs of Delete User at once, on the workers, over the workspace's limit: every user erased once, no item failed`, async () => {
			if (!installation) throw new Error('queue mode was not set up (see the failure of beforeAll)');
			const { main, workers } = installation;
			standIn.reset();
			const started = Date.now();
			const answers = await Promise.all(
				users.map(async (runUsers) => await postJson(`${main.baseUrl}/webhook/${ERASE_MANY_PATH}`, { users: runUsers.map((user) => ({ id: user.customer_id })) })),
			);
			const wallMs = Date.now() - started;

			// each run answered with all its items, none failed
			answers.forEach((answer, run) => {
				expect(answer.status).toBe(200);
				const items = answer.body as IDataObject[];
				expect(Array.isArray(items)).toBe(true);
				expect(items.filter((item) => item.error !== undefined)).toEqual([]);
				expect(items.map((item) => [item.status, item.identity_value])).toEqual(users[run].map((user) => ['success', user.customer_id]));
			});
			// every user erased exactly once: the stand-in carried out one Delete per user
			const erased = standIn.observed.deletedUsers.map((deleted) => deleted.identity_value);
			expect([...erased].sort()).toEqual(users.flat().map((user) => user.customer_id).sort());
			// both runs ran on workers, none on the main
			const ranOn = workers.map((worker) => worker.startedExecutions());
			expect(new Set(ranOn.flat()).size).toBe(EXECUTIONS);
			expect(main.output()).not.toMatch(/Worker started execution/);

			const deletes = standIn.requestsTo('deleteUser');
			const limited = deletes.filter((request) => request.status === 429).length;
			const bound = boundMs(scale);
			process.stderr.write(
				`[e2e] queue mode, n8n ${lineId}.x: ${EXECUTIONS} runs × ${scale.usersPerExecution} Delete User at ${scale.limit} per ${scale.windowMs / 1000} s: ` +
					`wall ${(wallMs / 1000).toFixed(1)} s, bound ${(bound / 1000).toFixed(0)} s (${(wallMs / bound).toFixed(2)}× the bound); ` +
					`${deletes.length} Delete requests, ${limited} answered 429; runs per worker: ${ranOn.map((ids) => ids.length).join(' + ')}\n`,
			);
		});
	});
}
