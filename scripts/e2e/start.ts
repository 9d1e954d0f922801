/**
 * `npm start`: a real local n8n with this package loaded, ready to click through.
 *
 *   - n8n 2.x (N8N_LINE=1 for 1.x) from the cache scripts/e2e/install-n8n.sh fills,
 *   - the built package installed the way Community Nodes installs it,
 *   - the owner account set up, the example workflows imported (the GDPR webhook one active),
 *   - a credential "MoEngage account" pointing at the MoEngage stand-in, started here on
 *     127.0.0.1 with a few users and cards, or at a real workspace when MOENGAGE_WORKSPACE_ID,
 *     MOENGAGE_DATA_API_KEY (and MOENGAGE_CARDS_API_KEY, MOENGAGE_DATA_CENTER) are set.
 *
 * The n8n data folder survives restarts (workflows you build stay); the examples and the
 * credentials are imported again on each start, under fixed IDs, so they are overwritten.
 * Ctrl-C stops everything.
 */
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';

import { ANN, BOB, credentialsFor, WORKSPACE } from '../../test/helpers/fixtures';
import { MoEngageStandIn } from '../../test/standin/server';
import {
	activateWorkflow,
	e2eCacheDir,
	getLine,
	importCredentials,
	importWorkflows,
	installPackage,
	OWNER,
	startN8n,
	type LineId,
	type N8nTarget,
} from './n8n';
import {
	demoCredential,
	EXAMPLES,
	exampleFiles,
	loadExample,
	WEBHOOK_HEADER,
	webhookCredential,
	webhookPath,
	type MoEngageCredentialData,
} from './workflows';

const PREFERRED_PORT = 5678; // n8n's usual port, when it is free
const WEBHOOK_SECRET = 'demo-crm-secret';

/** A real workspace from the environment, or undefined for the stand-in. */
function realWorkspace(): MoEngageCredentialData | undefined {
	const { MOENGAGE_WORKSPACE_ID, MOENGAGE_DATA_API_KEY, MOENGAGE_CARDS_API_KEY, MOENGAGE_DATA_CENTER } = process.env;
	if (!MOENGAGE_WORKSPACE_ID && !MOENGAGE_DATA_API_KEY) return undefined;
	if (!MOENGAGE_WORKSPACE_ID || !MOENGAGE_DATA_API_KEY) {
		throw new Error('Set both MOENGAGE_WORKSPACE_ID and MOENGAGE_DATA_API_KEY to use a real workspace (or neither for the stand-in)');
	}
	return {
		workspaceId: MOENGAGE_WORKSPACE_ID,
		dataApiKey: MOENGAGE_DATA_API_KEY,
		cardsApiKey: MOENGAGE_CARDS_API_KEY ?? '',
		dataCenter: MOENGAGE_DATA_CENTER ?? '01',
	};
}

async function isFree(port: number): Promise<boolean> {
	return await new Promise((resolve) => {
		const probe = net.createServer();
		probe.once('error', () => resolve(false));
		probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
	});
}

/** Fixed workflow IDs, so a restart overwrites the examples instead of adding copies. */
function exampleId(file: string): string {
	return `Example${file.replace(/\.json$/, '').replace(/[^A-Za-z0-9]/g, '')}`.slice(0, 16).padEnd(16, '0');
}

async function main(): Promise<void> {
	const lineId = (process.env.N8N_LINE ?? '2') as LineId;
	const line = getLine(lineId);
	const userFolder = path.join(e2eCacheDir(), `demo-v${lineId}`);
	fs.mkdirSync(userFolder, { recursive: true });
	const target: N8nTarget = { line, userFolder };

	const real = realWorkspace();
	const standIn = real ? undefined : new MoEngageStandIn({ workspace: WORKSPACE, users: [ANN, BOB] });
	const credential = real ?? (credentialsFor(await standIn!.start()).moEngageApi as MoEngageCredentialData);

	console.log(`Installing n8n-nodes-moengage into n8n ${line.version} (data in ${userFolder}) …`);
	installPackage(userFolder, path.resolve(__dirname, '..', '..'));
	await importCredentials(target, [demoCredential(credential), webhookCredential(WEBHOOK_SECRET)]);
	const files = exampleFiles();
	const imported = await importWorkflows(
		target,
		files.map((file) => ({ ...loadExample(file), id: exampleId(file) })),
	);
	await activateWorkflow(target, exampleId(EXAMPLES.gdprErasure));

	const port = (await isFree(PREFERRED_PORT)) ? PREFERRED_PORT : undefined;
	const server = await startN8n(target, { port });
	const stop = async () => {
		await server.stop();
		await standIn?.stop();
		process.exit(0);
	};
	process.on('SIGINT', () => void stop());
	process.on('SIGTERM', () => void stop());

	console.log(`
n8n ${line.version} is running with n8n-nodes-moengage: ${server.baseUrl}
  log in as ${OWNER.email} / ${OWNER.password}

Credential "MoEngage account" → ${real ? `your workspace ${real.workspaceId} on DC-${real.dataCenter}` : `the MoEngage stand-in at ${credential.baseUrl} (users u-1 Ann, u-2 Bob)`}
Example workflows:
${imported.map(({ id, name }) => `  ${server.baseUrl}/workflow/${id}  ${name}`).join('\n')}

The GDPR example is active; erase a user the way a CRM would:
  curl -X POST ${server.baseUrl}/webhook/${webhookPath(loadExample(EXAMPLES.gdprErasure))} -H '${WEBHOOK_HEADER}: ${WEBHOOK_SECRET}' -H 'content-type: application/json' -d '{"contactId":"u-2"}'
${real ? '  (careful: against your real workspace this deletes the user for good)\n' : ''}
Ctrl-C stops n8n${standIn ? ' and the stand-in' : ''}.`);
	if (standIn) {
		// show what MoEngage was asked, so a click in the editor can be followed here
		let shown = 0;
		setInterval(() => {
			for (const request of standIn.requests.slice(shown)) {
				console.log(`stand-in: ${request.method} ${request.path} → ${request.status} ${request.rawBody}`);
			}
			shown = standIn.requests.length;
		}, 500);
	}
}

main().catch((error) => {
	console.error(error instanceof Error ? error.message : error);
	process.exit(1);
});
