/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions -- runs on a developer's machine or in CI, never inside n8n */
/**
 * `n8n execute --id=<id> --rawOutput` under GNU time: the run n8n printed, plus the CPU time
 * (user + system, the n8n process and the children it waited for, e.g. its task runner) and the
 * peak RSS of its largest process (the n8n process) that the kernel reports when it exits.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

import { extractJson, freePort, n8nEnv, type N8nRun, type N8nTarget } from '../harness/n8n/n8n';
import { TreeSampler } from './sampler';

export interface Executed {
	run: N8nRun | undefined;
	/** The run printed, finished successfully (a SIGSEGV after it, seen with n8n 2.40.7 on node 24, is ignored). */
	succeeded: boolean;
	cpuMs: number;
	peakRssKb: number;
	cliMs: number;
	/** When the CLI was started (epoch ms, the clock of n8n's run data). */
	spawnedAt: number;
	/** How the CLI ended, e.g. "exit 0" or "SIGSEGV" (GNU time reports a signal as its own exit). */
	exit: string;
	stderrTail: string;
	/** CPU and RSS of the n8n processes over the run, to read one stretch of it. */
	sampler: TreeSampler;
	/** n8n's log lines, when it logged JSON (N8N_LOG_FORMAT=json): when (epoch ms) and what. */
	logLines: LogLine[];
}

export interface LogLine {
	at: number;
	message: string;
}

/** n8n's JSON log lines; the run `--rawOutput` printed is one of them (its message). */
function readJsonLog(stdout: string): { run: N8nRun | undefined; logLines: LogLine[] } {
	let run: N8nRun | undefined;
	const logLines: LogLine[] = [];
	for (const line of stdout.split('\n')) {
		if (!line.startsWith('{"')) continue;
		try {
			const entry = JSON.parse(line) as { message?: unknown; metadata?: { timestamp?: string } };
			if (typeof entry.message !== 'string') continue;
			logLines.push({ at: Date.parse(entry.metadata?.timestamp ?? ''), message: entry.message });
			if (entry.message.startsWith('{')) {
				const printed = JSON.parse(entry.message) as Partial<N8nRun>;
				if (printed.data?.resultData) run = printed as N8nRun;
			}
		} catch {
			// not a log line of n8n's
		}
	}
	return { run, logLines };
}

const TIME = '/usr/bin/time';

function rusageField(text: string, label: string): number {
	const match = new RegExp(`${label.replace(/[()]/g, '\\$&')}: ([\\d.]+)`).exec(text);
	return match ? Number(match[1]) : Number.NaN;
}

export function checkTimeInstalled(): void {
	if (!fs.existsSync(TIME)) throw new Error(`${TIME} (GNU time, Debian package "time") is needed to measure CPU time and peak RSS`);
}

export async function executeMeasured(
	target: N8nTarget,
	workflowId: string,
	{ nodeArgs = [], timeoutMs = 60 * 60_000, env: extraEnv = {} }: { nodeArgs?: string[]; timeoutMs?: number; env?: Record<string, string> } = {},
): Promise<Executed> {
	const env = n8nEnv(target, { N8N_RUNNERS_BROKER_PORT: String(await freePort()), N8N_LOG_LEVEL: 'info', ...extraEnv });
	const rusageFile = path.join(target.userFolder, `rusage-${workflowId}-${Date.now()}.txt`);
	// stdout to a file, not a pipe: n8n exits right after printing the run, and output still queued
	// for a pipe (megabytes for 1,000 items) would be cut off; writes to a file complete at once.
	const stdoutFile = path.join(target.userFolder, `stdout-${workflowId}-${Date.now()}.txt`);
	const stdoutFd = fs.openSync(stdoutFile, 'w');
	const started = performance.now();
	const spawnedAt = Date.now();
	const child = spawn(
		TIME,
		['-v', '-o', rusageFile, target.line.nodeBin, ...nodeArgs, target.line.n8nBin, 'execute', `--id=${workflowId}`, '--rawOutput'],
		{ cwd: target.userFolder, env, stdio: ['ignore', stdoutFd, 'pipe'], detached: true },
	);
	fs.closeSync(stdoutFd);
	const sampler = new TreeSampler(child.pid!);
	let stderr = '';
	child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr = (stderr + chunk).slice(-8000)));
	const timer = setTimeout(() => {
		if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
	}, timeoutMs);
	const exit = await new Promise<string>((resolve, reject) => {
		child.on('error', reject);
		child.on('close', (code, signal) => resolve(signal ?? `exit ${code}`));
	});
	clearTimeout(timer);
	sampler.stop();
	const cliMs = performance.now() - started;
	const rusage = fs.existsSync(rusageFile) ? fs.readFileSync(rusageFile, 'utf8') : '';
	fs.rmSync(rusageFile, { force: true });
	const stdout = fs.readFileSync(stdoutFile, 'utf8');
	const jsonLog = env.N8N_LOG_FORMAT === 'json' ? readJsonLog(stdout) : { run: undefined, logLines: [] };
	const run = (extractJson(stdout) as N8nRun | undefined) ?? jsonLog.run;
	if (run) fs.rmSync(stdoutFile, { force: true });
	// Otherwise kept for a look at what n8n printed instead of a run.
	else stderr += `\n(stdout kept in ${stdoutFile})`;
	const succeeded = run?.data?.resultData !== undefined && run.data.resultData.error === undefined && run.finished === true;
	return {
		run,
		succeeded,
		cpuMs: (rusageField(rusage, 'User time (seconds)') + rusageField(rusage, 'System time (seconds)')) * 1000,
		peakRssKb: rusageField(rusage, 'Maximum resident set size (kbytes)'),
		cliMs,
		spawnedAt,
		exit: /Command terminated by signal (\d+)/.exec(rusage)?.[0] ?? exit,
		stderrTail: stderr,
		sampler,
		logLines: jsonLog.logLines,
	};
}
