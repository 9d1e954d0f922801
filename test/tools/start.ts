/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, no-console -- runs on a developer's machine or in CI, never inside n8n */
/**
 * `npm start`: a real local n8n with this package loaded, ready to click through.
 *
 *   - n8n 2.x (N8N_LINE=1 for 1.x) from the cache test/harness/n8n/install-n8n.sh fills,
 *   - the built package installed the way Community Nodes installs it,
 *   - the owner account set up, the example workflows imported,
 *   - a credential "MoEngage account" pointing at
 *       - the MoEngage stand-in, started here on 127.0.0.1 with a few users and cards. Convenient
 *         and public: a fixed encryption key, owner password and webhook secret; the GDPR
 *         erasure example is active. Data folder `demo-v<line>/` in the cache.
 *       - or a real workspace when MOENGAGE_WORKSPACE_ID and MOENGAGE_DATA_API_KEY (and
 *         MOENGAGE_CARDS_API_KEY, MOENGAGE_DATA_CENTER) are set. Then the encryption key (first
 *         start of the folder), the owner password (first start) and the webhook secret (every
 *         start) are random and printed once; the GDPR erasure example is imported inactive
 *         unless `--allow-erasure` is passed (`npm start -- --allow-erasure`). Data folder
 *         `demo-v<line>-workspace/` in the cache.
 *
 * The n8n data folder survives restarts (workflows you build stay); the examples and the
 * credentials are imported again on each start, under fixed IDs, so they are overwritten
 * (and the examples deactivated, then the GDPR one activated again when it may be).
 * Ctrl-C stops everything.
 */
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';

import { ANN, BOB, credentialsFor, WORKSPACE } from '../harness/fixtures';
import { MoEngageStandIn } from '../standin/server';
import {
	activateWorkflow,
	claimOwner,
	e2eCacheDir,
	ENCRYPTION_KEY,
	getLine,
	importCredentials,
	importWorkflows,
	installPackage,
	OWNER,
	PACKAGE_DIR,
	startN8n,
	type LineId,
	type N8nTarget,
	type OwnerAccount,
} from '../harness/n8n/n8n';
import {
	demoCredential,
	EXAMPLES,
	exampleFiles,
	loadExample,
	WEBHOOK_HEADER,
	webhookCredential,
	webhookPath,
	type MoEngageCredentialData,
} from '../harness/n8n/workflows';

const PREFERRED_PORT = 5678; // n8n's usual port, when it is free
/** The stand-in demo's webhook secret: fixed and public, like its encryption key and owner password. */
const STAND_IN_WEBHOOK_SECRET = 'demo-crm-secret';
const ALLOW_ERASURE = '--allow-erasure';

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

/**
 * The secrets of a data folder holding a real workspace's keys: the encryption key n8n stored in
 * `.n8n/config` at the folder's first start, else a new random one (n8n stores it there).
 */
function realSecrets(userFolder: string): {
	encryptionKey: string;
	newEncryptionKey: boolean;
	owner: OwnerAccount;
	webhookSecret: string;
} {
	let stored: string | undefined;
	try {
		stored = (JSON.parse(fs.readFileSync(path.join(userFolder, '.n8n', 'config'), 'utf8')) as { encryptionKey?: string }).encryptionKey;
	} catch {
		stored = undefined;
	}
	return {
		encryptionKey: stored ?? randomBytes(32).toString('base64url'),
		newEncryptionKey: stored === undefined,
		// n8n wants 8–64 characters with a digit and an upper-case letter: the fixed ends see to both
		owner: { ...OWNER, password: `Moe-${randomBytes(18).toString('base64url')}-9` },
		webhookSecret: randomBytes(24).toString('hex'),
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
	const args = process.argv.slice(2);
	for (const arg of args) if (arg !== ALLOW_ERASURE) throw new Error(`Unknown argument ${arg} (the only one is ${ALLOW_ERASURE})`);
	const line = getLine(lineId);

	const real = realWorkspace();
	// a real workspace's keys never share a folder (and its fixed encryption key) with the stand-in's
	const userFolder = path.join(e2eCacheDir(), real ? `demo-v${lineId}-workspace` : `demo-v${lineId}`);
	fs.mkdirSync(userFolder, { recursive: true, mode: 0o700 });
	const secrets = real ? realSecrets(userFolder) : undefined;
	const target: N8nTarget = secrets
		? { line, userFolder, encryptionKey: secrets.encryptionKey, owner: secrets.owner }
		: { line, userFolder, encryptionKey: ENCRYPTION_KEY, owner: OWNER };
	const webhookSecret = secrets?.webhookSecret ?? STAND_IN_WEBHOOK_SECRET;
	// erasing users of a real workspace over a webhook is opt-in
	const erasureActive = !real || args.includes(ALLOW_ERASURE);

	const standIn = real ? undefined : new MoEngageStandIn({ workspace: WORKSPACE, users: [ANN, BOB] });
	const credential = real ?? (credentialsFor(await standIn!.start()).moEngageApi as MoEngageCredentialData);

	console.log(`Installing n8n-nodes-moengage into n8n ${line.version} (data in ${userFolder}) …`);
	installPackage(userFolder, PACKAGE_DIR);
	await importCredentials(target, [demoCredential(credential), webhookCredential(webhookSecret)]);
	const files = exampleFiles();
	// the import deactivates every example, the GDPR one included, whatever an earlier start did
	const imported = await importWorkflows(
		target,
		files.map((file) => ({ ...loadExample(file), id: exampleId(file) })),
	);
	if (erasureActive) await activateWorkflow(target, exampleId(EXAMPLES.gdprErasure));

	const port = (await isFree(PREFERRED_PORT)) ? PREFERRED_PORT : undefined;
	// with a real workspace, the owner is set up at the folder's first start only (with the password
	// printed then); later starts do not know it, so they do not log in
	const server = await startN8n(target, { port, owner: !real });
	const ownerClaimed = real ? await claimOwner(server) : false;
	const stop = async () => {
		await server.stop();
		await standIn?.stop();
		process.exit(0);
	};
	process.on('SIGINT', () => void stop());
	process.on('SIGTERM', () => void stop());

	const webhook = webhookPath(loadExample(EXAMPLES.gdprErasure));
	const gdprId = exampleId(EXAMPLES.gdprErasure);
	const curl = (kind: 'webhook' | 'webhook-test') =>
		`curl -X POST ${server.baseUrl}/${kind}/${webhook} -H '${WEBHOOK_HEADER}: ${webhookSecret}' -H 'content-type: application/json' -d '{"contactId":"u-2"}'`;
	const login = !secrets
		? `  log in as ${OWNER.email} / ${OWNER.password}`
		: ownerClaimed
			? `  log in as ${secrets.owner.email} / ${secrets.owner.password}   (random, shown this once)`
			: `  log in as ${secrets.owner.email} with the password printed at this folder's first start\n  (lost it? stop, delete ${userFolder} and start again)`;
	const secretLines = secrets
		? [
				'',
				'Secrets of this data folder (random; this script shows each once and stores none):',
				secrets.newEncryptionKey
					? `  N8N_ENCRYPTION_KEY  ${secrets.encryptionKey}   (n8n keeps it in ${path.join(userFolder, '.n8n', 'config')})`
					: `  N8N_ENCRYPTION_KEY  the one n8n keeps in ${path.join(userFolder, '.n8n', 'config')} since the first start`,
				`  webhook secret (${WEBHOOK_HEADER})  ${webhookSecret}   (new on every start)`,
				'',
			]
		: [];
	const erasure = erasureActive
		? [
				`The GDPR example is active; erase a user the way a CRM would${real ? ' (careful: this deletes the user of your real workspace for good)' : ''}:`,
				`  ${curl('webhook')}`,
				`Test URL: open ${server.baseUrl}/workflow/${gdprId}, click "Execute workflow" (it waits for one call), then`,
				`  ${curl('webhook-test')}`,
			]
		: [
				`The GDPR example (it deletes users of your real workspace) is imported but NOT active:`,
				`start with \`npm start -- ${ALLOW_ERASURE}\` to activate it. To try it once: open ${server.baseUrl}/workflow/${gdprId},`,
				'click "Execute workflow" (it waits for one call), then',
				`  ${curl('webhook-test')}`,
				'Once active, the production URL is',
				`  ${curl('webhook')}`,
			];

	console.log(`
n8n ${line.version} is running with n8n-nodes-moengage: ${server.baseUrl}
${login}
${secretLines.join('\n')}
Credential "MoEngage account" → ${real ? `your workspace ${real.workspaceId} on DC-${real.dataCenter}` : `the MoEngage stand-in at ${credential.baseUrl} (users u-1 Ann, u-2 Bob)`}
Example workflows:
${imported.map(({ id, name }) => `  ${server.baseUrl}/workflow/${id}  ${name}`).join('\n')}

${erasure.join('\n')}

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
