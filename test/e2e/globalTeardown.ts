/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- runs on a developer's machine or in CI, never inside n8n */
/** Removes what globalSetup made: the folder of the packed tarball. n8n processes and the stand-ins stop in each line's afterAll. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export default async function globalTeardown(): Promise<void> {
	const tarball = process.env.N8N_E2E_PACKAGE;
	if (!tarball) return;
	const dir = path.dirname(tarball);
	// only the temporary folder packPackage made
	if (path.dirname(dir) === os.tmpdir() && path.basename(dir).startsWith('n8n-e2e-pack-')) fs.rmSync(dir, { recursive: true, force: true });
	delete process.env.N8N_E2E_PACKAGE;
}
