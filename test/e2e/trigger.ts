/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- runs on a developer's machine or in CI, never inside n8n */
/**
 * The MoEngage Trigger in a real n8n line: the packed package installed as Community Nodes leaves
 * it, the two trigger examples and an alert workflow imported and activated, `n8n start`ed, then
 * called on the production webhooks over 127.0.0.1 the way MoEngage calls: a connector campaign
 * (header secret), a Streams batch (Basic auth), a signed alert. Asserted: the answers, the
 * executions n8n stored (read back through its REST API) and, for the Streams example, the Track
 * User request the MoEngage stand-in received. Wrong secrets and signatures: 401, no execution.
 * Repeats (an alert or a Streams batch sent again) are told apart through the workflow's static
 * data, which n8n stores after each call: only a real n8n shows that it is kept.
 */
import { parse as parseFlatted } from 'flatted';

import { ANN, BOB, credentialsFor, WORKSPACE } from '../harness/fixtures';
import { lengthExtend } from '../harness/sha256Extension';
import { MoEngageStandIn } from '../standin/server';
import { alertSignature } from '../../nodes/MoEngageTrigger/sources/alert';
import {
	activateWorkflow,
	createUserFolder,
	getLine,
	importCredentials,
	importWorkflows,
	installPackage,
	removeUserFolder,
	startN8n,
	type LineId,
	type N8nRun,
	type N8nServer,
	type N8nTarget,
	type WorkflowInput,
} from '../harness/n8n/n8n';
import { packedTarball } from './scenarios';
import { DEMO_CREDENTIAL, loadExample, type ExampleWorkflow } from '../harness/n8n/workflows';

const TRIGGER_TYPE = 'n8n-nodes-moengage.moEngageTrigger';
const TRIGGER_SECRET = 'example-trigger-secret-5e2a';
export const TRIGGER_EXAMPLES = { uninstall: 'uninstall-crm-task.json', bounce: 'email-bounce-update-user.json', pause: 'alert-pause-campaign.json' } as const;

/** An alert workflow: the trigger (Source: Alert) and a NoOp that receives the alert. */
function alertWorkflow(): ExampleWorkflow {
	return {
		name: 'MoEngage alert (e2e)',
		nodes: [
			{
				id: 'e2e-alert-1',
				name: 'MoEngage alert',
				type: TRIGGER_TYPE,
				typeVersion: 1,
				position: [0, 0],
				webhookId: '6f2b8c4d-3e9a-4b7f-8c25-8d4e3f2a1c93',
				parameters: { source: 'alert' },
				credentials: { moEngageApi: { id: DEMO_CREDENTIAL.id, name: DEMO_CREDENTIAL.name } },
			},
			{ id: 'e2e-alert-2', name: 'Alert received', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [220, 0], parameters: {} },
		],
		connections: { 'MoEngage alert': { main: [[{ node: 'Alert received', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	};
}

/** The trigger's production URL: `/webhook/<webhookId>/webhook`. */
function triggerUrl(server: N8nServer, workflow: ExampleWorkflow): string {
	const trigger = workflow.nodes.find((node) => node.type === TRIGGER_TYPE);
	if (!trigger) throw new Error(`${workflow.name} has no MoEngage Trigger`);
	return `${server.baseUrl}/webhook/${String(trigger.webhookId)}/webhook`;
}

async function post(url: string, body: string | Buffer, headers: Record<string, string>): Promise<{ status: number; body: unknown }> {
	const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body, signal: AbortSignal.timeout(60_000) });
	const text = await response.text();
	let parsed: unknown = text;
	try {
		parsed = JSON.parse(text);
	} catch {
		/* not JSON: keep the text */
	}
	return { status: response.status, body: parsed };
}

/**
 * n8n may still be activating workflows when its editor is up (2.x registers the production
 * webhooks after startup): waits until every trigger answers something other than 404. The
 * probe carries no secret, so it is refused (401) and starts nothing.
 */
async function waitForWebhooks(server: N8nServer, workflows: ExampleWorkflow[]): Promise<void> {
	const deadline = Date.now() + 120_000;
	for (const workflow of workflows) {
		while ((await post(triggerUrl(server, workflow), '{}', {})).status === 404) {
			if (Date.now() > deadline) throw new Error(`the webhook of "${workflow.name}" is still not registered after 120 s`);
			await new Promise((resolve) => setTimeout(resolve, 250));
		}
	}
}

interface ExecutionSummary {
	id: string;
	status: string;
	finished?: boolean;
}

/** The executions n8n stored for a workflow, through its REST API (as the editor lists them). */
async function executionsOf(server: N8nServer, workflowId: string): Promise<ExecutionSummary[]> {
	const filter = encodeURIComponent(JSON.stringify({ workflowId }));
	const list = await server.rest<{ results: ExecutionSummary[] }>('GET', `/rest/executions?filter=${filter}`);
	return list.results;
}

/** Waits until the workflow has `count` finished executions (n8n answers before the run ends); returns them, oldest first. */
async function finishedExecutions(server: N8nServer, workflowId: string, count: number): Promise<N8nRun[]> {
	const deadline = Date.now() + 120_000;
	for (;;) {
		const done = (await executionsOf(server, workflowId)).filter((execution) => !['new', 'running', 'waiting'].includes(execution.status));
		if (done.length >= count) {
			const runs: N8nRun[] = [];
			for (const { id } of done.sort((a, b) => Number(a.id) - Number(b.id))) {
				const execution = await server.rest<{ data: string; status: string; mode: string }>('GET', `/rest/executions/${id}`);
				runs.push({ data: parseFlatted(execution.data) as N8nRun['data'], status: execution.status, mode: execution.mode });
			}
			return runs;
		}
		if (Date.now() > deadline) throw new Error(`workflow ${workflowId}: ${done.length} of ${count} executions finished after 120 s`);
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
}

const itemsOf = (run: N8nRun, node: string) => (run.data.resultData.runData[node]?.[0]?.data?.main?.[0] ?? []).map((item) => item.json);

/** The MoEngage Trigger scenarios of one n8n line ("n8n 1.x: MoEngage Trigger"). */
export function describeTrigger(lineId: LineId): void {
	const wanted = [undefined, '', 'all', lineId].includes(process.env.N8N_E2E_LINES);
	(wanted ? describe : describe.skip)(`n8n ${lineId}.x: MoEngage Trigger (n8n start, production webhooks)`, () => {
		const standIn = new MoEngageStandIn({ workspace: WORKSPACE, users: [ANN, BOB] });
		const uninstall = loadExample(TRIGGER_EXAMPLES.uninstall);
		const bounce = loadExample(TRIGGER_EXAMPLES.bounce);
		const alert = alertWorkflow();
		const pause = loadExample(TRIGGER_EXAMPLES.pause);
		let target: N8nTarget | undefined;
		let server: N8nServer | undefined;
		const ids: Record<'uninstall' | 'bounce' | 'alert' | 'pause', string> = { uninstall: '', bounce: '', alert: '', pause: '' };

		const started = (): N8nServer => {
			if (!server) throw new Error(`n8n ${lineId}.x did not start (see the first failure of this describe)`);
			return server;
		};

		beforeAll(async () => {
			const tarball = packedTarball();
			await standIn.start();
			const lineTarget: N8nTarget = { line: getLine(lineId), userFolder: createUserFolder(`n8n-e2e-trigger-v${lineId}-`) };
			target = lineTarget;
			installPackage(lineTarget.userFolder, tarball);
			await importCredentials(lineTarget, [
				{ ...DEMO_CREDENTIAL, data: { ...credentialsFor(standIn.baseUrl).moEngageApi, triggerSecret: TRIGGER_SECRET } },
			]);
			const imported = await importWorkflows(lineTarget, [uninstall, bounce, alert, pause] as WorkflowInput[]);
			[ids.uninstall, ids.bounce, ids.alert, ids.pause] = imported.map((workflow) => workflow.id);
			for (const id of Object.values(ids)) await activateWorkflow(lineTarget, id);
			server = await startN8n(lineTarget);
			await waitForWebhooks(server, [uninstall, bounce, alert, pause]);
		});

		afterAll(async () => {
			await server?.stop();
			await standIn.stop();
			if (target && !process.env.N8N_E2E_KEEP) removeUserFolder(target.userFolder);
		});

		test(`example ${TRIGGER_EXAMPLES.uninstall}: a connector call with the header secret starts the run; a wrong or missing secret gets 401 and starts nothing`, async () => {
			const n8n = started();
			const body = JSON.stringify({ customer_id: 'u-1', email: 'ann@example.com', first_name: 'Ann', campaign_name: 'Uninstall follow-up' });
			const wrong = await post(triggerUrl(n8n, uninstall), body, { 'X-MoEngage-Secret': 'not-the-secret' });
			const missing = await post(triggerUrl(n8n, uninstall), body, {});
			expect([wrong.status, wrong.body]).toEqual([401, { message: 'Unauthorized' }]);
			expect(missing).toEqual(wrong);
			expect(await executionsOf(n8n, ids.uninstall)).toEqual([]);

			const accepted = await post(triggerUrl(n8n, uninstall), body, { 'X-MoEngage-Secret': TRIGGER_SECRET });
			// answered at once, before the run ends, with no body
			expect([accepted.status, accepted.body]).toEqual([200, '']);
			const [run] = await finishedExecutions(n8n, ids.uninstall, 1);
			expect(run.status).toBe('success');
			expect(itemsOf(run, 'App uninstalled (connector campaign)')).toEqual([JSON.parse(body)]);
			expect(itemsOf(run, 'Build the CRM task')).toEqual([
				{ subject: 'Win back Ann: uninstalled the app', contact_id: 'u-1', email: 'ann@example.com', source: 'MoEngage: Uninstall follow-up' },
			]);
			expect(await executionsOf(n8n, ids.uninstall)).toHaveLength(1);
		});

		test(`example ${TRIGGER_EXAMPLES.bounce}: a Streams batch becomes one item per hard bounce and one Track User (update existing only); wrong Basic auth, a malformed batch or a body that is not JSON start nothing`, async () => {
			const n8n = started();
			standIn.reset();
			const event = (uuid: string, code: string, uid: string) => ({
				event_name: code === 'MOE_EMAIL_HARD_BOUNCE' ? 'Email Bounced' : 'Email Opened',
				event_code: code,
				event_uuid: uuid,
				event_time: 1767225600,
				event_type: 'CAMPAIGN_EVENT',
				event_source: 'MOENGAGE',
				email_id: `${uid}@example.com`,
				uid,
				event_attributes: { campaign_id: 'c-7', campaign_name: 'Winter sale', campaign_type: 'One Time', campaign_channel: 'Email' },
				user_attributes: { moengage_user_id: `moe-${uid}` },
				device_attributes: {},
			});
			const bounceAnn = event('e-1', 'MOE_EMAIL_HARD_BOUNCE', 'u-1');
			const batch = JSON.stringify({ app_name: 'Shop', source: 'MOENGAGE', moe_request_id: 'req-e2e', events: [bounceAnn, event('e-2', 'MOE_EMAIL_OPEN', 'u-2'), bounceAnn] });
			const basic = (password: string) => ({ authorization: `Basic ${Buffer.from(`moengage-streams:${password}`).toString('base64')}` });

			const refused = await post(triggerUrl(n8n, bounce), batch, basic('not-the-secret'));
			expect([refused.status, refused.body]).toEqual([401, { message: 'Unauthorized' }]);
			const malformed = await post(triggerUrl(n8n, bounce), JSON.stringify({ events: 'none' }), basic(TRIGGER_SECRET));
			expect([malformed.status, malformed.body]).toEqual([400, { message: 'Malformed body: "events" must be a list' }]);
			// not JSON at all: n8n's body parser refuses it before the node runs
			const notJson = await post(triggerUrl(n8n, bounce), '{"events": [', basic(TRIGGER_SECRET));
			expect(notJson.status).toBe(422);
			expect(await executionsOf(n8n, ids.bounce)).toEqual([]);

			const accepted = await post(triggerUrl(n8n, bounce), batch, basic(TRIGGER_SECRET));
			expect(accepted.status).toBe(200);
			const [run] = await finishedExecutions(n8n, ids.bounce, 1);
			expect(run.status).toBe('success');
			expect(itemsOf(run, 'Email hard bounce (Streams)')).toEqual([{ ...bounceAnn, app_name: 'Shop', moe_request_id: 'req-e2e' }]);
			expect(standIn.requestsTo('trackUser').map((request) => request.body)).toEqual([
				{
					type: 'customer',
					customer_id: 'u-1',
					update_existing_only: true,
					attributes: { email_hard_bounced_at: '2026-01-01T00:00:00Z', email_bounce_campaign: 'Winter sale' },
				},
			]);
		});

		test('"Listen for test event": the editor\'s run waits for the call, and a call to the test URL starts a manual execution with the item', async () => {
			const n8n = started();
			const before = (await executionsOf(n8n, ids.uninstall)).length;
			const workflowData = await n8n.rest<Record<string, unknown>>('GET', `/rest/workflows/${ids.uninstall}`);
			const trigger = uninstall.nodes.find((node) => node.type === TRIGGER_TYPE)!;
			// the editor's "Execute workflow" from the trigger (1.x reads workflowData, 2.x the stored workflow)
			const listening = await n8n.rest<{ waitingForWebhook?: boolean }>('POST', `/rest/workflows/${ids.uninstall}/run`, {
				workflowData,
				triggerToStartFrom: { name: trigger.name },
			});
			expect(listening.waitingForWebhook).toBe(true);
			const body = JSON.stringify({ customer_id: 'u-2', email: 'bob@example.com', first_name: 'Bob', campaign_name: 'Test send' });
			const testUrl = triggerUrl(n8n, uninstall).replace('/webhook/', '/webhook-test/');
			const accepted = await post(testUrl, body, { 'X-MoEngage-Secret': TRIGGER_SECRET });
			expect(accepted.status).toBe(200);
			const runs = await finishedExecutions(n8n, ids.uninstall, before + 1);
			const manual = runs.find((run) => run.mode === 'manual');
			expect([manual?.status, runs.length]).toEqual(['success', before + 1]);
			expect(itemsOf(manual!, 'Build the CRM task')).toEqual([
				{ subject: 'Win back Bob: uninstalled the app', contact_id: 'u-2', email: 'bob@example.com', source: 'MoEngage: Test send' },
			]);
		});

		test(`example ${TRIGGER_EXAMPLES.pause}: a signed delivery-rate alert pauses the campaign it names and makes a message for Slack`, async () => {
			const n8n = started();
			standIn.reset();
			// Seeded "Weekly Newsletter": a running periodic email campaign.
			const campaignId = '66e933000000000000000003';
			const raw = Buffer.from(
				JSON.stringify({
					alert_id: 'a-pause-1',
					alert_name: 'Delivery rate dropped',
					alert_type: 'CAMPAIGN_STATS',
					alert_triggered_at: new Date().toISOString(),
					entity_data: { count: 1, content: [{ campaign_id: campaignId, current_value: 61.5 }] },
				}),
			);
			const signed = await post(triggerUrl(n8n, pause), raw, { Signature: alertSignature(WORKSPACE.cardsApiKey, raw) });
			expect(signed.status).toBe(200);
			const [run] = await finishedExecutions(n8n, ids.pause, 1);
			expect(run.status).toBe('success');
			expect(itemsOf(run, 'Pause the campaign')).toEqual([expect.objectContaining({ status: 'paused', action: 'PAUSE', campaign_ids: [campaignId] })]);
			expect(itemsOf(run, 'Message for Slack')).toEqual([
				{ text: `MoEngage alert "Delivery rate dropped": paused campaign ${campaignId}. Resume it in MoEngage (or with Campaign → Change Status) once delivery is fixed.` },
			]);
			expect(standIn.requestsTo('changeCampaignStatus').map((request) => (request.body as { action: string; campaign_ids: string[] }))).toEqual([
				expect.objectContaining({ action: 'PAUSE', campaign_ids: [campaignId] }),
			]);
			expect(standIn.campaignsApi.campaigns.find((campaign) => campaign.campaign_id === campaignId)?.status).toBe('Paused');
		});

		test('alert: signed with the Campaign key over the raw body starts the run with the alert; another signature gets 401 and starts nothing', async () => {
			const n8n = started();
			const raw = '{"alert_id": "a-9", "alert_name": "Delivery Rate Breach", "alert_type": "CAMPAIGN_STATS",\n "entity_data": {"count": 1, "content": [{"campaign_id": "c-7", "current_value": 70.5}]}}';
			const forged = await post(triggerUrl(n8n, alert), raw, { Signature: alertSignature(WORKSPACE.dataApiKey, Buffer.from(raw)) });
			const unsigned = await post(triggerUrl(n8n, alert), raw, {});
			expect([forged.status, forged.body]).toEqual([401, { message: 'Unauthorized' }]);
			expect(unsigned).toEqual(forged);
			expect(await executionsOf(n8n, ids.alert)).toEqual([]);

			const signed = await post(triggerUrl(n8n, alert), raw, { Signature: alertSignature(WORKSPACE.cardsApiKey, Buffer.from(raw)) });
			expect(signed.status).toBe(200);
			const [run] = await finishedExecutions(n8n, ids.alert, 1);
			expect(itemsOf(run, 'Alert received')).toEqual([JSON.parse(raw)]);
		});

		test('alert: a copy of a received alert gets 200 and starts nothing (n8n keeps the static data); a length-extended alert sent as a form gets 400; an old alert 400', async () => {
			const n8n = started();
			const url = triggerUrl(n8n, alert);
			const sign = (body: Buffer) => alertSignature(WORKSPACE.cardsApiKey, body);
			const before = (await executionsOf(n8n, ids.alert)).length;
			const raw = Buffer.from(JSON.stringify({ alert_id: 'a-10', alert_name: 'Delivery Rate Breach', alert_type: 'CAMPAIGN_STATS', alert_triggered_at: new Date().toISOString() }));
			expect((await post(url, raw, { Signature: sign(raw) })).status).toBe(200);
			await finishedExecutions(n8n, ids.alert, before + 1);
			const copy = await post(url, raw, { Signature: sign(raw) });
			expect([copy.status, copy.body]).toEqual([200, { message: 'Received; this alert was received before, nothing started' }]);

			// SHA-256 padding after the genuine body, then fields of the sender's own: a valid Signature without the key
			const forged = lengthExtend(sign(raw), WORKSPACE.cardsApiKey.length + 1, raw, Buffer.from('&alert_id=forged-1&db_name=attacker'));
			const asForm = await post(url, forged.body, { 'content-type': 'application/x-www-form-urlencoded', Signature: forged.signature });
			expect([asForm.status, asForm.body]).toEqual([400, { message: 'Malformed body: an alert is sent as JSON (Content-Type: application/json)' }]);

			const old = Buffer.from(JSON.stringify({ alert_id: 'a-11', alert_triggered_at: new Date(Date.now() - 2 * 24 * 3600 * 1000).toISOString() }));
			expect((await post(url, old, { Signature: sign(old) })).status).toBe(400);
			expect(await executionsOf(n8n, ids.alert)).toHaveLength(before + 1);
		});

		test('Streams: a batch sent again starts nothing; one put together again with a new event runs that event alone, and the answer says so', async () => {
			const n8n = started();
			const url = triggerUrl(n8n, bounce);
			const auth = { authorization: `Basic ${Buffer.from(`moengage-streams:${TRIGGER_SECRET}`).toString('base64')}` };
			const bounceOf = (uuid: string, uid: string) => ({ event_name: 'Email Bounced', event_code: 'MOE_EMAIL_HARD_BOUNCE', event_uuid: uuid, event_time: 1767225600, event_type: 'CAMPAIGN_EVENT', uid });
			const batch = (events: unknown[]) => JSON.stringify({ app_name: 'Shop', source: 'MOENGAGE', moe_request_id: 'req-again', events });
			const before = (await executionsOf(n8n, ids.bounce)).length;
			expect((await post(url, batch([bounceOf('e-20', 'u-1')]), auth)).status).toBe(200);
			await finishedExecutions(n8n, ids.bounce, before + 1);
			const again = await post(url, batch([bounceOf('e-20', 'u-1')]), auth);
			expect([again.status, again.body]).toEqual([200, { message: 'Received; 1 event received before left out, nothing started' }]);
			const mixed = await post(url, batch([bounceOf('e-20', 'u-1'), bounceOf('e-21', 'u-2')]), auth);
			expect([mixed.status, mixed.body]).toEqual([200, { message: 'Received; 1 event started the workflow, 1 event received before left out' }]);
			const runs = await finishedExecutions(n8n, ids.bounce, before + 2);
			expect(runs).toHaveLength(before + 2);
			expect(itemsOf(runs[runs.length - 1], 'Email hard bounce (Streams)').map((item) => item.event_uuid)).toEqual(['e-21']);
		});
	});
}
