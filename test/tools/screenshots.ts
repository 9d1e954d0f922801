/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/require-node-api-error, no-console -- runs on a developer's machine or in CI, never inside n8n */
/**
 * Screenshots of the package in the REAL n8n editor, for the README:
 *   docs/operation-picker.png     the MoEngage node's panel with the Operation picker open
 *   docs/get-user-parameters.png  the User -> Get parameters
 *   docs/credential.png           the "MoEngage API" credential screen (a new credential, not saved)
 *   docs/campaign-picker.png      Card -> Delete's campaign picker (From List) open, listing the workspace's campaigns
 *   docs/business-event-picker.png Business Event -> Trigger with the event dropdown open
 *   docs/campaign-picker-url.png  Campaign -> Change Status with the campaign given By URL (its dashboard address)
 *   docs/flow-picker.png          Flow -> Get's flow picker (From List) open, listing the workspace's flows
 *   docs/segment-picker.png       Segment -> Get's segment picker (From List) open, listing the workspace's segments
 *   docs/business-event-mapping.png Business Event -> Trigger mapping the picked event's attributes (Map Each Attribute)
 *   docs/simplify.png             Campaign -> Search (node version 1.4) with Simplify on
 *   docs/trigger-connector-campaign.png the MoEngage Trigger's panel (Source: Connector Campaign) with its webhook URL
 *   docs/trigger-streams-events.png the MoEngage Trigger (Source: Streams) with the Events multi-select open
 *   docs/example-<name>.png       each workflow of examples/ on the canvas
 *
 *   npm run build
 *   npx ts-node --transpile-only -P test/tsconfig.json test/tools/screenshots.ts [1|2] [--out DIR] [--pack] [--keep]
 *
 * Starts the MoEngage stand-in (test/standin) and n8n (line 2 by default, see install-n8n.sh) on
 * 127.0.0.1 with dist/ installed as a community package, a credential pointing at the stand-in, and
 * two workflows imported (Manual Trigger -> MoEngage nodes; MoEngage Trigger), logs in through the sign-in
 * page with headless Debian Chromium (/usr/bin/chromium) driven by playwright-core, which is installed
 * outside the repo and never downloads a browser:
 *
 *   npm install --prefix ~/.cache/n8n-nodes-moengage-e2e/tools playwright-core
 *
 * The browser may only reach 127.0.0.1 (anything else is aborted), it never asks n8n to test a
 * credential, and the credential's Base URL is the stand-in's, so nothing leaves the machine: the
 * editor's lists (campaigns, business events) come from the stand-in's seeded workspace. Everything started is stopped at the end.
 * --pack installs an `npm pack` tarball instead of copying package.json + dist; --keep keeps the
 * n8n user folder; --out writes the PNGs elsewhere (default: docs/).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import {
	assertBuilt,
	createUserFolder,
	e2eCacheDir,
	getLine,
	importCredentials,
	importWorkflow,
	importWorkflows,
	installPackage,
	newId,
	OWNER,
	packPackage,
	PACKAGE_DIR,
	removeUserFolder,
	startN8n,
	type LineId,
	type N8nServer,
	type N8nTarget,
} from '../harness/n8n/n8n';
import { DEMO_CREDENTIAL, demoCredential, exampleFiles, loadExample, NODE_TYPE, webhookCredential, type MoEngageCredentialData } from '../harness/n8n/workflows';
import { BUSINESS_EVENTS, credentialsFor, WORKSPACE } from '../harness/fixtures';
import { MoEngageStandIn } from '../standin/server';

const repoDir = path.resolve(__dirname, '..', '..');
const args = process.argv.slice(2);
const optValue = (name: string): string | undefined => {
	const i = args.indexOf(name);
	return i >= 0 ? args[i + 1] : undefined;
};
const outArg = optValue('--out');
const lineId = (args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--out') ?? '2') as LineId;
const outDir = path.resolve(outArg ?? path.join(repoDir, 'docs'));
const usePack = args.includes('--pack');
const keep = args.includes('--keep');

const VIEWPORT = { width: 1440, height: 900 };
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const CHROMIUM_ARGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
];
const TRIGGER = 'When clicking ‘Execute workflow’';
const NODE = 'MoEngage';
const CARD_DELETE_NODE = 'Delete cards';
const BUSINESS_EVENT_NODE = 'Trigger business event';
const TRIGGER_NODE_TYPE = 'n8n-nodes-moengage.moEngageTrigger';
const TRIGGER_NODE = 'MoEngage Trigger';
/** Fixed, so the Trigger's webhook URL in the README stays the same from run to run. */
const TRIGGER_WEBHOOK_ID = '3f6c2a8e-5b1d-4e7a-9c0f-2d8b6e4a1c57';
/** The node version with the campaign picker (Card -> Delete's resource locator). */
const PICKER_NODE_VERSION = 1.2;
/** The node version new nodes get (Simplify on by default), for the pickers workflow. */
const LATEST_NODE_VERSION = 1.4;
const PICKER_NODES = {
	campaignUrl: 'Pause the campaign',
	flow: 'Get a flow',
	segment: 'Get a segment',
	mapping: 'Trigger business event (mapped)',
	simplify: 'Search campaigns',
} as const;
const STREAMS_NODE = 'MoEngage Trigger (Streams)';
/** The Weekly Newsletter's page in MoEngage's dashboard (a seeded campaign of the stand-in). */
const CAMPAIGN_URL = 'https://dashboard-01.moengage.com/v4/#/email/66e933000000000000000003/info';
/** The editor's lists go n8n -> node -> stand-in; a loaded machine may take its time. */
const LIST_TIMEOUT = 90_000;

/* eslint-disable @typescript-eslint/no-explicit-any */
type Page = any;

function loadPlaywright(): { chromium: any } {
	const toolsDir = process.env.N8N_E2E_TOOLS || path.join(e2eCacheDir(), 'tools');
	const entry = path.join(toolsDir, 'node_modules', 'playwright-core');
	if (!fs.existsSync(entry)) {
		throw new Error(
			`playwright-core is not installed in ${toolsDir}: npm install --prefix ${toolsDir} playwright-core`,
		);
	}
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	return require(entry);
}

const t0 = Date.now();
const log = (msg: string) => console.log(`[${((Date.now() - t0) / 1000).toFixed(1).padStart(5)}s] ${msg}`);

/** Fails unless every text is visible on the page (so a PNG never shows a login page or an empty canvas). */
async function expectVisible(page: Page, what: string, texts: string[], scope = 'body'): Promise<void> {
	for (const text of texts) {
		// a label may carry more (a required-field star): match it at the start
		const escaped = text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
		const loc = page.locator(scope).getByText(new RegExp(`^\\s*${escaped}\\b`)).first();
		try {
			await loc.waitFor({ state: 'visible', timeout: 15_000 });
		} catch {
			const shot = path.join(os.tmpdir(), `n8n-shots-${what.replace(/\W+/g, '-')}.png`);
			await page.screenshot({ path: shot }).catch(() => undefined);
			const shown = await page.locator(scope).first().innerText().catch(() => '');
			throw new Error(`${what}: "${text}" is not visible (page: ${page.url()}, screenshot: ${shot}); the page shows: ${JSON.stringify(shown.slice(0, 1500))}`);
		}
	}
}

async function shoot(page: Page, name: string): Promise<string> {
	await page.mouse.move(VIEWPORT.width - 5, VIEWPORT.height - 5); // no hover highlights
	await page.waitForTimeout(600); // let transitions settle
	const file = path.join(outDir, name);
	await page.screenshot({ path: file });
	log(`saved ${path.relative(process.cwd(), file) || file} (${fs.statSync(file).size} bytes)`);
	return file;
}

interface ImportedExample {
	id: string;
	file: string;
	nodeNames: string[];
}

interface Imported {
	workflowId: string;
	triggerWorkflowId: string;
	pickersWorkflowId: string;
	streamsWorkflowId: string;
	examples: ImportedExample[];
}

const credentialRef = (credential: { id: string; name: string }) => ({ moEngageApi: { id: credential.id, name: credential.name } });

async function setUp(target: N8nTarget, standInUrl: string): Promise<Imported> {
	const source = usePack ? packPackage() : PACKAGE_DIR;
	const pkg = installPackage(target.userFolder, source);
	if (usePack) fs.rmSync(path.dirname(source), { recursive: true, force: true });
	log(`installed ${pkg.name}@${pkg.version}`);
	// "Custom URL" = the stand-in: the editor's lists read its workspace, and no request leaves the machine
	const [credential] = await importCredentials(target, [
		demoCredential(credentialsFor(standInUrl).moEngageApi as MoEngageCredentialData),
		webhookCredential('screenshot'),
	]);
	if (credential.id !== DEMO_CREDENTIAL.id) throw new Error('the examples name another credential');
	const moEngage = (name: string, typeVersion: number, y: number, parameters: Record<string, unknown>) => ({
		id: newId(),
		name,
		type: NODE_TYPE,
		typeVersion,
		position: [220, y],
		parameters,
		credentials: credentialRef(credential),
	});
	const workflow = await importWorkflow(target, {
		name: 'MoEngage: get a user',
		nodes: [
			{ id: newId(), name: TRIGGER, type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			moEngage(NODE, 1, 0, { resource: 'user', operation: 'get', identifierType: 'customer_id', identifier: 'u-1001' }),
			moEngage(CARD_DELETE_NODE, PICKER_NODE_VERSION, 200, { resource: 'card', operation: 'delete', identifyBy: 'uid', userValue: 'u-1001' }),
			moEngage(BUSINESS_EVENT_NODE, PICKER_NODE_VERSION, 400, { resource: 'businessEvent', operation: 'trigger' }),
		],
		connections: {
			[TRIGGER]: {
				main: [[NODE, CARD_DELETE_NODE, BUSINESS_EVENT_NODE].map((node) => ({ node, type: 'main', index: 0 }))],
			},
		},
	});
	const triggerWorkflow = await importWorkflow(target, {
		name: 'MoEngage: connector campaign',
		nodes: [
			{
				id: newId(),
				name: TRIGGER_NODE,
				type: TRIGGER_NODE_TYPE,
				typeVersion: 1,
				position: [0, 0],
				webhookId: TRIGGER_WEBHOOK_ID,
				parameters: { source: 'connectorCampaign' },
				credentials: credentialRef(credential),
			},
		],
		connections: {},
	});
	// the pickers of node version 1.4, in two columns so that the canvas shows every node
	const picker = (name: string, index: number, parameters: Record<string, unknown>) => ({
		...moEngage(name, LATEST_NODE_VERSION, Math.floor(index / 2) * 200, parameters),
		position: [220 + (index % 2) * 260, Math.floor(index / 2) * 200],
	});
	const pickerNodes = [
		picker(PICKER_NODES.campaignUrl, 0, {
			resource: 'campaign',
			operation: 'changeStatus',
			campaigns: { __rl: true, mode: 'url', value: CAMPAIGN_URL },
			statusAction: 'PAUSE',
		}),
		picker(PICKER_NODES.flow, 1, { resource: 'flow', operation: 'get' }),
		picker(PICKER_NODES.segment, 2, { resource: 'segment', operation: 'get' }),
		picker(PICKER_NODES.mapping, 3, {
			resource: 'businessEvent',
			operation: 'trigger',
			businessEventName: 'price_drop',
			businessEventAttributesInput: 'mapper',
			businessEventAttributesMap: { mappingMode: 'defineBelow', value: { product_id: '={{ $json.sku }}', new_price: '={{ $json.price }}' } },
		}),
		picker(PICKER_NODES.simplify, 4, { resource: 'campaign', operation: 'search', filters: { status: ['ACTIVE'] } }),
	];
	const pickersWorkflow = await importWorkflow(target, {
		name: 'MoEngage: pickers',
		nodes: [
			{ id: newId(), name: TRIGGER, type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			...pickerNodes,
		],
		connections: { [TRIGGER]: { main: [pickerNodes.map((node) => ({ node: node.name, type: 'main', index: 0 }))] } },
	});
	const streamsWorkflow = await importWorkflow(target, {
		name: 'MoEngage: Streams',
		nodes: [
			{
				id: newId(),
				name: STREAMS_NODE,
				type: TRIGGER_NODE_TYPE,
				typeVersion: 1,
				position: [0, 0],
				webhookId: newId(),
				parameters: { source: 'streams', filters: { events: ['MOE_EMAIL_HARD_BOUNCE', 'MOE_EMAIL_UNSUBSCRIBE'] } },
				credentials: credentialRef(credential),
			},
		],
		connections: {},
	});
	const files = exampleFiles();
	const workflows = files.map(loadExample);
	const imported = await importWorkflows(target, workflows);
	const examples = imported.map(({ id }, index) => ({ id, file: files[index], nodeNames: workflows[index].nodes.map((n) => n.name) }));
	log(`imported credential ${credential.id}, workflows ${workflow.id} and ${triggerWorkflow.id}, and ${examples.length} examples`);
	return { workflowId: workflow.id, triggerWorkflowId: triggerWorkflow.id, pickersWorkflowId: pickersWorkflow.id, streamsWorkflowId: streamsWorkflow.id, examples };
}

/** Opens a node's panel (NDV) from the canvas of the workflow on the page. */
async function openNode(page: Page, name: string): Promise<Page> {
	const node = page.locator(`[data-test-id="canvas-node"][data-node-name="${name}"]`);
	await node.waitFor({ state: 'visible', timeout: 60_000 });
	await page.waitForTimeout(1000);
	await node.dblclick();
	const ndv = page.locator('[data-test-id="ndv"]');
	await ndv.waitFor({ state: 'visible' });
	return ndv;
}

/** Closes the panel: Escape closes an open dropdown, then the panel's close button (2.x) or back link (1.x). */
async function closeNode(page: Page): Promise<void> {
	await page.keyboard.press('Escape');
	await page.waitForTimeout(300);
	const ndv = page.locator('[data-test-id="ndv"]');
	if (await ndv.isVisible()) await page.locator('[data-test-id="ndv-close-button"], [data-test-id="back-to-canvas"]').first().click();
	await ndv.waitFor({ state: 'hidden' });
}

/** The visible options of the open dropdown, by their first line (label). */
async function openOptions(page: Page, selector: string, timeout = 30_000): Promise<string[]> {
	const options = page.locator(selector);
	await options.first().waitFor({ state: 'visible', timeout });
	return (await options.allInnerTexts()).map((text: string) => text.split('\n')[0].trim());
}

/**
 * The labels of a list the node fills from the stand-in (through n8n's dynamic-node-parameters
 * routes); when none shows, the error says what the picker showed and what the stand-in was asked,
 * and a screenshot of the page is left in the temp folder.
 */
async function workspaceList(page: Page, standIn: MoEngageStandIn, what: string, selector: string): Promise<string[]> {
	try {
		return await openOptions(page, selector, LIST_TIMEOUT);
	} catch (error) {
		const shot = path.join(os.tmpdir(), `n8n-shots-${what.replace(/\W+/g, '-')}.png`);
		await page.screenshot({ path: shot }).catch(() => undefined);
		const shown = await page.locator('[data-test-id="rlc-error-container"], .el-select-dropdown__empty').allInnerTexts();
		const asked = standIn.requests.map((request) => `${request.method} ${request.path} ${request.status}`);
		throw new Error(`${what}: nothing listed (${String(error)}); the editor showed ${JSON.stringify(shown)}; the stand-in was asked ${JSON.stringify(asked)}; page: ${shot}`);
	}
}

const DROPDOWN_ITEMS = '.el-select-dropdown__item:visible, [role="option"]:visible';

/**
 * Opens a node's resource locator (From List) and shoots its list, which n8n fills from the
 * stand-in; fails unless every expected label shows.
 */
async function pickerShot(page: Page, standIn: MoEngageStandIn, node: string, parameter: string, expected: string[], file: string): Promise<string> {
	await openNode(page, node);
	standIn.reset();
	await page.locator(`[data-test-id="parameter-input-${parameter}"] [data-test-id="rlc-input"], [data-test-id="ndv"] [data-test-id="rlc-input"]`).first().click();
	const labels = await workspaceList(page, standIn, `${parameter} picker`, '[data-test-id="rlc-item"]:visible');
	const missing = expected.filter((label) => !labels.includes(label));
	if (missing.length) throw new Error(`${parameter} picker: expected ${JSON.stringify(missing)}, saw ${JSON.stringify(labels)}`);
	log(`${parameter} picker lists ${labels.length}, e.g. ${labels[0]}`);
	const shot = await shoot(page, file);
	await closeNode(page);
	return shot;
}

async function capture(server: N8nServer, standIn: MoEngageStandIn, { workflowId, triggerWorkflowId, pickersWorkflowId, streamsWorkflowId, examples }: Imported): Promise<string[]> {
	const { chromium } = loadPlaywright();
	const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-shots-chromium-'));
	const context = await chromium.launchPersistentContext(userDataDir, {
		executablePath: CHROMIUM,
		headless: true,
		args: CHROMIUM_ARGS,
		viewport: VIEWPORT,
		deviceScaleFactor: 1,
		locale: 'en-US',
		timezoneId: 'UTC',
	});
	const blocked: string[] = [];
	const files: string[] = [];
	try {
		await context.route('**/*', async (route: any) => {
			const url = new URL(route.request().url());
			const local = url.hostname === '127.0.0.1' || url.protocol === 'data:' || url.protocol === 'blob:';
			// the editor tests a credential only on Save; never let it (n8n would call MoEngage)
			if (!local || url.pathname === '/rest/credentials/test') {
				blocked.push(url.href);
				return await route.abort();
			}
			return await route.continue();
		});
		const page = context.pages()[0] ?? (await context.newPage());
		page.setDefaultTimeout(30_000);

		// log in through the sign-in page
		await page.goto(`${server.baseUrl}/signin`);
		// 2.x: #emailOrLdapLoginId / #password; 1.x: inputs inside data-test-id wrappers
		await page.locator('#emailOrLdapLoginId, [data-test-id="emailOrLdapLoginId"] input, input[type="email"]').first().fill(OWNER.email);
		await page.locator('#password, [data-test-id="password"] input, input[type="password"]').first().fill(OWNER.password);
		await page.click('[data-test-id="form-submit-button"]');
		await page.waitForURL((u: URL) => !u.pathname.startsWith('/signin'), { timeout: 30_000 });
		log(`logged in (${new URL(page.url()).pathname})`);

		// the workflow, then the MoEngage node's panel (NDV)
		await page.goto(`${server.baseUrl}/workflow/${workflowId}`);
		await openNode(page, NODE);
		await expectVisible(page, 'node panel', ['Resource', 'Operation', 'Identify User By', 'User ID', 'Standard Attributes', 'Custom Attributes'], '[data-test-id="ndv"]');

		// (2) User -> Get parameters
		files.push(await shoot(page, 'get-user-parameters.png'));

		// (1) the Operation picker, open
		await page.click('[data-test-id="parameter-input-operation"]');
		const labels = await openOptions(page, DROPDOWN_ITEMS);
		if (!labels.includes('Get') || !labels.includes('Delete')) {
			throw new Error(`operation picker: expected Get and Delete, saw ${JSON.stringify(labels)}`);
		}
		files.push(await shoot(page, 'operation-picker.png'));
		// close it by picking the current operation again
		await page.locator(DROPDOWN_ITEMS).filter({ hasText: /^Get/ }).first().click();
		await page.waitForTimeout(500);

		// (3) a new "MoEngage API" credential, from the node's credential picker
		await page.click('[data-test-id="node-credentials-select"]');
		await page.click('[data-test-id="node-credentials-select-item-new"]');
		const modal = page.locator('[data-test-id="editCredential-modal"]');
		await modal.waitFor({ state: 'visible' });
		await expectVisible(page, 'credential screen', ['MoEngage API', 'Workspace ID', 'Data API Key', 'Campaign API Key', 'Data Center'], '[data-test-id="editCredential-modal"]');
		await modal.locator('[data-test-id="parameter-input-workspaceId"] input').fill('VJ0GSMESHMQA3L7WV1EEK3UR');
		await modal.locator('[data-test-id="parameter-input-dataApiKey"] input').fill('example-data-api-key');
		// blur the key field (a click on the modal's subtitle) so no focus ring shows
		await modal.getByText('MoEngage API', { exact: true }).first().click();
		await page.waitForTimeout(300);
		if (!(await modal.isVisible())) throw new Error('credential screen closed before the screenshot');
		files.push(await shoot(page, 'credential.png'));
		await page.keyboard.press('Escape');
		await modal.waitFor({ state: 'hidden' });
		await closeNode(page);

		// (5) Card -> Delete's campaign picker, From List, open: the list is the node's
		// listSearch.searchCampaigns, read by n8n from the stand-in
		await openNode(page, CARD_DELETE_NODE);
		await expectVisible(page, 'card delete panel', ['Campaigns'], '[data-test-id="ndv"]');
		standIn.reset();
		await page.locator('[data-test-id="parameter-input-campaigns"] [data-test-id="rlc-input"], [data-test-id="rlc-input"]').first().click();
		const campaigns = await workspaceList(page, standIn, 'campaign picker', '[data-test-id="rlc-item"]:visible');
		const seeded = new Set(standIn.campaignsApi.campaigns.map((campaign) => campaign.name));
		if (!campaigns.some((label) => seeded.has(label.split(' · ')[0]))) {
			throw new Error(`campaign picker: expected the stand-in's campaigns, saw ${JSON.stringify(campaigns)}`);
		}
		log(`campaign picker lists ${campaigns.length} campaigns, e.g. ${campaigns[0]}`);
		files.push(await shoot(page, 'campaign-picker.png'));
		await closeNode(page);

		// (6) Business Event -> Trigger with the event dropdown open (loadOptions getBusinessEvents)
		// the panel loads the options as it opens; a click while they load does not open the dropdown
		standIn.reset();
		const optionsLoaded = page.waitForResponse((response: any) => response.url().includes('/rest/dynamic-node-parameters/options'), { timeout: LIST_TIMEOUT });
		await openNode(page, BUSINESS_EVENT_NODE);
		await expectVisible(page, 'business event panel', ['Business Event Name or ID'], '[data-test-id="ndv"]');
		await optionsLoaded;
		await page.waitForTimeout(500);
		await page.locator('[data-test-id="parameter-input-businessEventName"] input').first().click();
		const events = await workspaceList(page, standIn, 'business event dropdown', DROPDOWN_ITEMS);
		const expected = BUSINESS_EVENTS.map((event) => event.name);
		if (!expected.every((name) => events.includes(name))) {
			throw new Error(`business event dropdown: expected ${JSON.stringify(expected)}, saw ${JSON.stringify(events)}`);
		}
		files.push(await shoot(page, 'business-event-picker.png'));
		await closeNode(page);

		// (8) the pickers of node version 1.4
		await page.goto(`${server.baseUrl}/workflow/${pickersWorkflowId}`);
		// By URL: the campaign's dashboard address, from which the node takes the ID
		await openNode(page, PICKER_NODES.campaignUrl);
		await expectVisible(page, 'campaign by URL', ['Campaigns', 'Action'], '[data-test-id="ndv"]');
		const values = await page.locator('[data-test-id="ndv"] input').evaluateAll((inputs: Array<{ value: string }>) => inputs.map((input) => input.value));
		if (!values.includes(CAMPAIGN_URL)) throw new Error(`campaign picker By URL: the address is not shown (inputs: ${JSON.stringify(values)})`);
		files.push(await shoot(page, 'campaign-picker-url.png'));
		await closeNode(page);

		files.push(
			await pickerShot(page, standIn, PICKER_NODES.flow, 'flow', ['Welcome journey · ACTIVE'], 'flow-picker.png'),
			await pickerShot(page, standIn, PICKER_NODES.segment, 'segment', ['VIP customers · ELASTIC_SEARCH · API'], 'segment-picker.png'),
		);

		// Business Event -> Trigger: Map Each Attribute, the picked event's attributes as fields (resourceMapping getBusinessEventAttributes)
		const fieldsLoaded = page.waitForResponse((response: any) => response.url().includes('/rest/dynamic-node-parameters/resource-mapper-fields'), { timeout: LIST_TIMEOUT });
		await openNode(page, PICKER_NODES.mapping);
		await fieldsLoaded;
		await expectVisible(page, 'business event mapping', ['Specify Event Attributes', 'Values to Send', 'product_id', 'new_price'], '[data-test-id="ndv"]');
		files.push(await shoot(page, 'business-event-mapping.png'));
		await closeNode(page);

		// Campaign -> Search at node version 1.4: Simplify, on
		await openNode(page, PICKER_NODES.simplify);
		await expectVisible(page, 'simplify', ['Return All', 'Filters', 'Simplify'], '[data-test-id="ndv"]');
		await page.locator('[data-test-id="parameter-input-simplify"]').first().scrollIntoViewIfNeeded();
		files.push(await shoot(page, 'simplify.png'));
		await closeNode(page);

		// (9) the MoEngage Trigger, Source Streams, with the Events filter open
		await page.goto(`${server.baseUrl}/workflow/${streamsWorkflowId}`);
		await openNode(page, STREAMS_NODE);
		await expectVisible(page, 'streams panel', ['Source', 'Filters', 'Events'], '[data-test-id="ndv"]');
		await page.locator('[data-test-id="parameter-input-events"]').first().click();
		const streamsEvents = await openOptions(page, DROPDOWN_ITEMS);
		if (!streamsEvents.some((label) => label.includes('MOE_EMAIL_HARD_BOUNCE'))) {
			throw new Error(`streams events: expected MoEngage's event codes, saw ${JSON.stringify(streamsEvents)}`);
		}
		files.push(await shoot(page, 'trigger-streams-events.png'));
		await closeNode(page);

		// (7) the MoEngage Trigger's panel: Source Connector Campaign, its notice and webhook URL
		await page.goto(`${server.baseUrl}/workflow/${triggerWorkflowId}`);
		await openNode(page, TRIGGER_NODE);
		await expectVisible(page, 'trigger panel', ['Source', 'Authentication', 'Header Name', 'Webhook URLs'], '[data-test-id="ndv"]');
		// the URLs are folded: unfold them and show the Production URL the notice tells to paste
		const triggerPanel = page.locator('[data-test-id="ndv"]');
		await triggerPanel.getByText('Webhook URLs', { exact: true }).first().click();
		await triggerPanel.getByText('Production URL', { exact: true }).first().click();
		await expectVisible(page, 'trigger webhook URL', [`${server.baseUrl}/webhook/${TRIGGER_WEBHOOK_ID}/webhook`], '[data-test-id="ndv"]');
		files.push(await shoot(page, 'trigger-connector-campaign.png'));
		await closeNode(page);

		// (4) each example workflow on the canvas
		for (const example of examples) {
			await page.goto(`${server.baseUrl}/workflow/${example.id}`);
			for (const name of example.nodeNames) {
				await page.locator(`[data-test-id="canvas-node"][data-node-name="${name}"]`).waitFor({ state: 'visible', timeout: 60_000 });
			}
			// fit the workflow to the view (shift+1 is n8n's "zoom to fit")
			await page.keyboard.press('Shift+1');
			await page.waitForTimeout(800);
			files.push(await shoot(page, `example-${example.file.replace(/\.json$/, '')}.png`));
		}
	} finally {
		await context.close().catch(() => undefined);
		fs.rmSync(userDataDir, { recursive: true, force: true });
	}
	const unexpected = blocked.filter((u) => !u.includes('/rest/credentials/test'));
	if (unexpected.length) log(`blocked ${unexpected.length} non-local request(s), e.g. ${unexpected[0]}`);
	if (blocked.some((u) => u.includes('/rest/credentials/test'))) log('blocked a credential test request');
	return files;
}

async function main(): Promise<void> {
	const line = getLine(lineId);
	assertBuilt();
	if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} not found: apt-get install -y chromium`);
	loadPlaywright();
	fs.mkdirSync(outDir, { recursive: true });
	log(`n8n ${line.version} (line ${lineId}), screenshots to ${outDir}`);

	const userFolder = createUserFolder(`n8n-shots-v${lineId}-`);
	const target: N8nTarget = { line, userFolder };
	const standIn = new MoEngageStandIn({ workspace: WORKSPACE, businessEvents: BUSINESS_EVENTS });
	let server: N8nServer | undefined;
	try {
		const standInUrl = await standIn.start();
		log(`stand-in on ${standInUrl}`);
		const imported = await setUp(target, standInUrl);
		server = await startN8n(target);
		log(`n8n is up on ${server.baseUrl}`);
		const files = await capture(server, standIn, imported);
		log(`done: ${files.map((f) => path.basename(f)).join(', ')}`);
	} finally {
		if (server) {
			await server.stop();
			log('n8n stopped');
		}
		await standIn.stop();
		if (keep) log(`kept ${userFolder}`);
		else removeUserFolder(userFolder);
	}
}

main().then(
	() => process.exit(0),
	(error: unknown) => {
		console.error(error instanceof Error ? error.stack ?? error.message : error);
		process.exit(1);
	},
);
