/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions -- runs on a developer's machine or in CI, never inside n8n */
/**
 * Throw-away Redis and PostgreSQL servers for the queue-mode scenario (Debian's packages, installed
 * by install-services.sh): each on 127.0.0.1 and a free port, its data in a temporary folder,
 * nothing kept (Redis without RDB or AOF, PostgreSQL without fsync), stopped and removed by stop().
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { freePort } from './n8n';

export interface Service {
	port: number;
	stop(): Promise<void>;
}

export interface Postgres extends Service {
	user: string;
	database: string;
}

const running = new Set<ChildProcess>();
process.on('exit', () => {
	for (const child of running) signalGroup(child, 'SIGKILL');
});

/** Signals the server's process group (runuser and the server it started, when run as root). */
function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
	if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
	try {
		process.kill(-child.pid, signal);
	} catch {
		child.kill(signal);
	}
}

/** Starts `command` and resolves once its output shows `ready`; rejects if it exits first or takes longer than timeoutMs. */
async function startServer(
	name: string,
	command: string,
	args: string[],
	{ ready, stopSignal, onStopped, timeoutMs = 60_000 }: { ready: RegExp; stopSignal: NodeJS.Signals; onStopped: () => void; timeoutMs?: number },
): Promise<() => Promise<void>> {
	const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
	running.add(child);
	let output = '';
	const exited = new Promise<void>((resolve) =>
		child.on('close', () => {
			running.delete(child);
			onStopped();
			resolve();
		}),
	);
	await new Promise<void>((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error(`${name} not ready after ${timeoutMs} ms:\n${output.slice(-2000)}`)), timeoutMs);
		const read = (chunk: string) => {
			output += chunk;
			if (ready.test(output)) {
				clearTimeout(timer);
				resolve();
			}
		};
		child.stdout!.setEncoding('utf8').on('data', read);
		child.stderr!.setEncoding('utf8').on('data', read);
		child.on('error', (error) => {
			clearTimeout(timer);
			reject(error);
		});
		void exited.then(() => {
			clearTimeout(timer);
			reject(new Error(`${name} exited before it was ready:\n${output.slice(-2000)}`));
		});
	}).catch(async (error: unknown) => {
		signalGroup(child, 'SIGKILL');
		await exited;
		throw error;
	});
	return async () => {
		signalGroup(child, stopSignal);
		let timer: NodeJS.Timeout | undefined;
		const stopped = await Promise.race([exited.then(() => true), new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), 20_000)))]);
		clearTimeout(timer);
		if (!stopped) signalGroup(child, 'SIGKILL');
		await exited;
	};
}

/** `redis-server` on 127.0.0.1:<free port>, no persistence. */
export async function startRedis(): Promise<Service> {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-e2e-redis-'));
	const port = await freePort();
	const removeDir = () => fs.rmSync(dir, { recursive: true, force: true });
	const stop = await startServer(
		'redis-server',
		'redis-server',
		['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, '--daemonize', 'no'],
		{ ready: /Ready to accept connections/, stopSignal: 'SIGTERM', onStopped: removeDir },
	);
	return { port, stop };
}

/** The newest PostgreSQL server binaries Debian's packages installed. */
function postgresBinDir(): string {
	const root = '/usr/lib/postgresql';
	const versions = fs.existsSync(root) ? fs.readdirSync(root).filter((v) => fs.existsSync(path.join(root, v, 'bin', 'postgres'))) : [];
	if (versions.length === 0) throw new Error('PostgreSQL is not installed: run test/harness/n8n/install-services.sh');
	versions.sort((a, b) => Number(b) - Number(a));
	return path.join(root, versions[0], 'bin');
}

/** PostgreSQL refuses to run as root: as root, its programs run as Debian's `postgres` user. */
function asPostgresUser(command: string, args: string[]): [string, string[]] {
	return process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
}

/** A fresh cluster (initdb, trust auth for its one user) served by `postgres` on 127.0.0.1:<free port>, without fsync. */
export async function startPostgres(): Promise<Postgres> {
	const bin = postgresBinDir();
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-e2e-postgres-'));
	const removeDir = () => fs.rmSync(dir, { recursive: true, force: true });
	if (process.getuid?.() === 0) {
		const owner = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
		const group = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
		if (owner.status !== 0) throw new Error('No `postgres` user: run test/harness/n8n/install-services.sh');
		fs.chownSync(dir, Number(owner.stdout), Number(group.stdout));
	}
	const data = path.join(dir, 'data');
	const user = 'n8n';
	const [initCommand, initArgs] = asPostgresUser(path.join(bin, 'initdb'), ['-D', data, '-U', user, '-A', 'trust', '-E', 'UTF8', '--no-sync']);
	const init = spawnSync(initCommand, initArgs, { encoding: 'utf8' });
	if (init.status !== 0) {
		removeDir();
		throw new Error(`initdb failed: ${init.stderr || init.stdout}`);
	}
	const port = await freePort();
	const [command, args] = asPostgresUser(path.join(bin, 'postgres'), [
		'-D',
		data,
		'-p',
		String(port),
		'-c',
		'listen_addresses=127.0.0.1',
		'-c',
		`unix_socket_directories=${dir}`,
		'-c',
		'fsync=off',
		'-c',
		'synchronous_commit=off',
		'-c',
		'full_page_writes=off',
	]);
	// SIGINT: PostgreSQL's fast shutdown (SIGTERM would wait for every client to leave)
	const stop = await startServer('postgres', command, args, { ready: /database system is ready to accept connections/, stopSignal: 'SIGINT', onStopped: removeDir });
	return { port, user, database: 'postgres', stop };
}
