/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- runs on a developer's machine or in CI, never inside n8n */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// n8n-core keeps instance settings in the user folder; keep tests out of the real ~/.n8n.
process.env.N8N_USER_FOLDER ??= mkdtempSync(join(tmpdir(), 'n8n-moengage-test-'));
process.env.N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS ??= 'false';

/**
 * Every node execution context makes n8n-core create its SSH clients manager, which starts a
 * one-minute cleanup interval that is never unref'd (n8n stops it on shutdown). Stop it after each
 * test file, the way n8n does, so Jest exits on its own.
 */
const SSH_CLIENTS_MANAGER = 'n8n-core/dist/execution-engine/ssh-clients-manager';

export function stopSshClientsManager(): void {
	// Only when n8n-core was loaded: otherwise there is nothing to stop.
	if (!require.cache[require.resolve(SSH_CLIENTS_MANAGER)]) return;
	/* eslint-disable @typescript-eslint/no-require-imports */
	const { Container } = require('@n8n/di') as typeof import('@n8n/di');
	const { SSHClientsManager } = require(SSH_CLIENTS_MANAGER) as { SSHClientsManager: new () => { onShutdown(): void } };
	/* eslint-enable @typescript-eslint/no-require-imports */
	Container.get(SSHClientsManager).onShutdown();
}

// Jest loads this file for every test file; the benchmark and `npm run example` load it too.
if (typeof afterAll === 'function') afterAll(stopSshClientsManager);
