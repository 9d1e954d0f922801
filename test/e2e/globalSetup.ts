/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions -- runs on a developer's machine or in CI, never inside n8n */
/**
 * Once per `jest --selectProjects e2e`: build the package, `npm pack` it (the tarball the
 * scenarios install into each n8n line), and install the n8n lines with install-n8n.sh (a no-op
 * once they are cached: ~15 min cold, < 1 s warm). The tarball's path reaches the test files
 * through N8N_E2E_PACKAGE; globalTeardown removes it. install-services.sh installs Redis and
 * PostgreSQL from Debian's packages for the queue-mode scenario when they are missing.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

import { assertBuilt, packPackage } from '../harness/n8n/n8n';

const repoDir = path.resolve(__dirname, '..', '..');

function run(command: string, args: string[]): void {
	const started = Date.now();
	// the child's output goes to stderr: stdout may carry jest's --json
	const res = spawnSync(command, args, { cwd: repoDir, stdio: ['ignore', process.stderr, process.stderr] });
	if (res.status !== 0) {
		throw new Error(`${command} ${args.join(' ')} failed (${res.signal ?? `exit ${res.status}`}) after ${((Date.now() - started) / 1000).toFixed(0)} s`);
	}
}

export default async function globalSetup(): Promise<void> {
	if (process.env.N8N_E2E_SKIP_BUILD !== '1') run('npm', ['run', 'build']);
	assertBuilt();
	const lines = process.env.N8N_E2E_LINES ?? 'all';
	run('bash', [path.join(__dirname, '..', 'harness', 'n8n', 'install-n8n.sh'), lines]);
	// Redis and PostgreSQL for the queue-mode scenario (queue.ts: line 2 unless N8N_E2E_QUEUE says otherwise)
	const queue = process.env.N8N_E2E_QUEUE ?? '';
	if (queue === 'all' || queue === 'full' || (queue === '' && lines !== '1')) run('bash', [path.join(__dirname, '..', 'harness', 'n8n', 'install-services.sh')]);
	const tarball = packPackage();
	if (!fs.existsSync(tarball)) throw new Error(`npm pack wrote no ${tarball}`);
	process.env.N8N_E2E_PACKAGE = tarball;
	process.stderr.write(`[e2e] package ${tarball}\n`);
}
