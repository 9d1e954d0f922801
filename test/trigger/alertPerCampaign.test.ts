import { activateTrigger, receivedItems, startTrigger, type TriggerServer } from '../harness/runTrigger';
import { ManualClock, useNodeClock } from '../harness/clock';
import { credentialsFor, WORKSPACE } from '../harness/fixtures';
import { alertSignature } from '../../nodes/MoEngageTrigger/sources/alert';

/**
 * Alert → One Item per Campaign: a campaign-stats alert lists the campaigns that breached in
 * entity_data.content (MoEngage's webhook.mdx samples: count 2, two campaigns); with the option
 * on, each becomes one item carrying the alert's fields, so that a MoEngage node after the
 * trigger acts on each campaign without a Code node.
 */
const NOW = Date.parse('2026-01-15T10:00:00Z');
let clock: ManualClock;
beforeEach(() => {
	clock = new ManualClock(NOW);
});
useNodeClock(() => clock);

const criteria = { name: 'DELIVERY_RATE', operator: 'lt', threshold: 80, unit: 'percentage' };
const alert = (entityData?: unknown) =>
	JSON.stringify({
		alert_id: 'a-41',
		alert_name: 'Delivery Rate Breach',
		alert_type: 'CAMPAIGN_STATS',
		db_name: 'acme',
		alert_triggered_at: new Date(NOW - 60_000).toISOString(),
		alert_evaluation_criteria: criteria,
		...(entityData === undefined ? {} : { entity_data: entityData }),
	});
const twoCampaigns = {
	count: 2,
	content: [
		{ campaign_name: 'Spring Sale', campaign_id: 'c1', channel: 'EMAIL', delivery_type: 'PROMOTIONAL', current_value: 70.5 },
		{ campaign_name: 'Welcome Series', campaign_id: 'c2', channel: 'PUSH', delivery_type: 'PROMOTIONAL', current_value: 61 },
	],
};
const signed = (raw: string) => ({ 'content-type': 'application/json', signature: alertSignature(WORKSPACE.cardsApiKey, Buffer.from(raw)) });
const alertFields = { alert_id: 'a-41', alert_name: 'Delivery Rate Breach', alert_type: 'CAMPAIGN_STATS', db_name: 'acme', alert_triggered_at: new Date(NOW - 60_000).toISOString(), alert_evaluation_criteria: criteria };

let server: TriggerServer | undefined;
async function listen(parameters: Record<string, unknown> = {}) {
	server = await startTrigger({ source: 'alert', ...parameters }, credentialsFor('http://127.0.0.1:9', { triggerSecret: 'unused' }));
	return server;
}
afterEach(async () => {
	await server?.stop();
	server = undefined;
});

test('One Item per Campaign: an alert listing two campaigns starts one run with two items, each campaign with the alert\'s fields', async () => {
	const trigger = await listen({ alertOptions: { oneItemPerCampaign: true } });
	const raw = alert(twoCampaigns);
	const call = await trigger.post(raw, signed(raw));
	expect(call.status).toBe(200);
	expect(receivedItems(call.run).map((item) => item.json)).toEqual([
		{ ...alertFields, ...twoCampaigns.content[0] },
		{ ...alertFields, ...twoCampaigns.content[1] },
	]);
});

test('without the option (saved workflows), the alert is one item with its entity_data', async () => {
	for (const parameters of [{}, { alertOptions: { oneItemPerCampaign: false } }]) {
		const trigger = await listen(parameters);
		const raw = alert(twoCampaigns);
		const call = await trigger.post(raw, signed(raw));
		expect(receivedItems(call.run).map((item) => item.json)).toEqual([{ ...alertFields, entity_data: twoCampaigns }]);
		await trigger.stop();
		server = undefined;
	}
});

test('an alert that lists no campaign (a token expiry, empty content, content that is not objects) stays one item', async () => {
	const trigger = await listen({ alertOptions: { oneItemPerCampaign: true } });
	const cases: Array<[string, unknown]> = [
		['a-50', undefined],
		['a-51', { count: 0, content: [] }],
		['a-52', { count: 1, content: ['c1'] }],
	];
	for (const [id, entityData] of cases) {
		const raw = alert(entityData).replace('"a-41"', `"${id}"`);
		const call = await trigger.post(raw, signed(raw));
		expect(call.status).toBe(200);
		expect(receivedItems(call.run).map((item) => item.json)).toEqual([JSON.parse(raw)]);
	}
});

test('the same alert sent again starts nothing, split or not', async () => {
	const trigger = await listen({ alertOptions: { oneItemPerCampaign: true } });
	const raw = alert(twoCampaigns);
	const first = await trigger.post(raw, signed(raw));
	const again = await trigger.post(raw, signed(raw));
	expect([receivedItems(first.run).length, receivedItems(again.run).length]).toEqual([2, 0]);
	expect(again.body).toEqual({ message: 'Received; this alert was received before, nothing started' });
});

test('an unsigned alert is refused before it is split', async () => {
	const trigger = await listen({ alertOptions: { oneItemPerCampaign: true } });
	const raw = alert(twoCampaigns);
	const call = await trigger.post(raw, { 'content-type': 'application/json', signature: '0'.repeat(64) });
	expect(call.status).toBe(401);
	expect(receivedItems(call.run)).toHaveLength(0);
});

test('a One Item per Campaign that is not true or false fails activation, not every alert', async () => {
	await expect(
		activateTrigger({ source: 'alert', alertOptions: { oneItemPerCampaign: 'yes' } }, credentialsFor('http://127.0.0.1:9', { triggerSecret: 'unused' })),
	).rejects.toThrow('One Item per Campaign must be true or false, not a string');
});
