/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- runs on a developer's machine or in CI, never inside n8n */
import { join } from 'node:path';

import { defaultTransactionId } from '../../../nodes/MoEngage/actions/inform/sendAlert.operation';
import { setNodeClock, VirtualClock } from '../../harness/clock';
import { pairedItems, runMoEngage, runWorkflowFile, useStandIn, WORKSPACE } from '../../harness/fixtures';
import { sendAlert } from '../../harness/operations';

const { standIn, baseUrl } = useStandIn();

afterEach(() => setNodeClock());

const informKey = `Basic ${Buffer.from(`${WORKSPACE.workspaceId}:${WORKSPACE.informApiKey}`).toString('base64')}`;
const sentTransactions = () => standIn.requestsTo('sendAlert').map((request) => (request.body as { transaction_id: string }).transaction_id);

describe('Inform → Send Alert', () => {
	test('sendAlert.workflow.json: alert, user, channels with personalized attributes, with the Inform key and MOE-APPKEY', async () => {
		const { items, expected, error } = await runWorkflowFile(join(__dirname, 'sendAlert.workflow.json'), baseUrl());
		expect(error).toBeUndefined();
		const [json] = items.map((item) => item.json);
		expect({ ...json, request_id: undefined }).toEqual({ ...expected[0], request_id: undefined });
		expect(typeof json.request_id).toBe('string');
		expect(pairedItems(items)).toEqual([{ item: 0 }]);
		const [request] = standIn.requests;
		expect([request.method, request.path, request.query]).toEqual(['POST', '/v1.0/alerts/send', {}]);
		expect(request.headers.authorization).toBe(informKey);
		expect(request.headers['moe-appkey']).toBe(WORKSPACE.workspaceId);
		const personalized_attributes = { firstname: 'Ann', orderid: '1001' };
		expect(request.body).toEqual({
			alert_id: '636b77e6e2cf83277195fb60',
			user_id: 'u-1',
			transaction_id: 'order-1001-shipped',
			payloads: { SMS: { recipient: '+15550001', personalized_attributes }, EMAIL: { recipient: 'ann@example.com', personalized_attributes } },
		});
	});

	test('without a Transaction ID each item gets one from the execution, the node and the item: the same on a re-run of the execution, another in another execution', async () => {
		const input = [{ id: 'u-1', to: '+15550001' }, { id: 'u-2', to: '+15550002' }];
		const first = await runMoEngage(baseUrl(), sendAlert(), input, { executionId: '4711' });
		expect(first.items.map((item) => item.json.status)).toEqual(['sent', 'sent']);
		const ids = sentTransactions();
		expect(ids).toEqual([defaultTransactionId('4711', '2', 0, 0), defaultTransactionId('4711', '2', 0, 1)]);
		expect(ids.every((id) => id.length <= 50)).toBe(true);
		expect(new Set(ids).size).toBe(2);

		// Retry On Fail runs the node again in the same execution: MoEngage answers 409, the node "already sent".
		const again = await runMoEngage(baseUrl(), sendAlert(), input, { executionId: '4711' });
		expect(again.error).toBeUndefined();
		expect(again.items.map((item) => [item.json.status, item.json.already_sent, item.json.transaction_id])).toEqual([
			['already sent', true, ids[0]],
			['already sent', true, ids[1]],
		]);
		expect(pairedItems(again.items)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(standIn.observed.sentAlerts).toHaveLength(2);

		await runMoEngage(baseUrl(), sendAlert(), input, { executionId: '4712' });
		expect(standIn.observed.sentAlerts).toHaveLength(4);
	});

	test('a long execution ID still gives a transaction ID of at most 50 characters, different per item, node and run', () => {
		const long = 'x'.repeat(80);
		const ids = [defaultTransactionId(long, 'node-a', 0, 0), defaultTransactionId(long, 'node-a', 0, 1), defaultTransactionId(long, 'node-b', 0, 0), defaultTransactionId(long, 'node-a', 1, 0)];
		expect(ids.every((id) => id.length <= 50)).toBe(true);
		expect(new Set(ids).size).toBe(4);
	});

	test('two items with the same own Transaction ID: the first is sent, the second reported already sent (not a failure)', async () => {
		const input = [{ id: 'u-1', to: '+15550001' }, { id: 'u-1', to: '+15550001' }];
		const { items, error } = await runMoEngage(baseUrl(), sendAlert({ transactionId: 'order-1001', concurrency: 10 }), input);
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json.status)).toEqual(['sent', 'already sent']);
		expect(standIn.observed.sentAlerts).toHaveLength(1);
	});

	test("a lost answer is retried under the same transaction ID (MoEngage's contract makes that safe): its 409 says the alert went out; one alert", async () => {
		setNodeClock(new VirtualClock());
		standIn.addFault({ api: 'sendAlert', kind: 'processedThenDropped', times: 1 });
		const input = [{ id: 'u-1', to: '+15550001' }];
		const { items } = await runMoEngage(baseUrl(), sendAlert({ maxRetries: 5 }), input, { continueOnFail: true, executionId: '99' });
		expect(standIn.requests.map((request) => [request.status, (request.body as { transaction_id: string }).transaction_id])).toEqual([
			[0, defaultTransactionId('99', '2', 0, 0)],
			[409, defaultTransactionId('99', '2', 0, 0)],
		]);
		expect(items[0].json).toMatchObject({ status: 'already sent', already_sent: true });
		const retried = await runMoEngage(baseUrl(), sendAlert(), input, { executionId: '99' });
		expect(retried.items[0].json).toMatchObject({ status: 'already sent', already_sent: true });
		expect(standIn.observed.sentAlerts).toHaveLength(1);
	});

	test('a 503 or a timeout is retried under the same transaction ID: the alert goes out once, as sent', async () => {
		setNodeClock(new VirtualClock());
		standIn.addFault({ api: 'sendAlert', kind: 'status', status: 503, body: { message: 'Service Unavailable' }, times: 1 });
		standIn.addFault({ api: 'sendAlert', kind: 'reset', times: 1 });
		const { items, error } = await runMoEngage(baseUrl(), sendAlert({ maxRetries: 5 }), [{ id: 'u-1', to: '+15550001' }], { executionId: '98' });
		expect(error).toBeUndefined();
		expect(standIn.requests.map((request) => [request.status, (request.body as { transaction_id: string }).transaction_id])).toEqual([
			[503, defaultTransactionId('98', '2', 0, 0)],
			[0, defaultTransactionId('98', '2', 0, 0)],
			[200, defaultTransactionId('98', '2', 0, 0)],
		]);
		expect(items[0].json).toMatchObject({ status: 'sent' });
		expect(standIn.observed.sentAlerts).toHaveLength(1);
	});

	test("Inform's errors ({message, err_code}) name the item: an unknown alert, a channel the alert lacks", async () => {
		const input = [
			{ id: 'u-1', to: '+15550001', alert: 'no_such_alert' },
			{ id: 'u-2', to: '+15550002', alert: 'otp' },
		];
		const parameters = { ...sendAlert(), channels: { channel: [{ channel: 'PUSH', recipient: '={{ $json.to }}' }] } };
		const { items } = await runMoEngage(baseUrl(), parameters, input, { continueOnFail: true });
		expect(items[0].json.error).toMatch(/^MoEngage rejected item 0 \(transaction_id "[^"]+"\): Invalid Alert ID$/);
		expect(items[0].json.description).toMatch(/^HTTP 400 · code BAD_REQUEST · 1 attempt · sent with the Inform API Key$/);
		// A channel the alert is not set up for: refused, in words of the stand-in's own (inform.yaml documents none).
		expect(items[1].json.error).toMatch(/^MoEngage rejected item 1 \(transaction_id "[^"]+"\): \S/);
		expect(items[1].json.description).toMatch(/^HTTP 400 /);
	});

	test('an empty Inform key: the Data key is sent, and the error says so', async () => {
		const { items } = await runMoEngage(baseUrl(), sendAlert(), [{ id: 'u-1', to: '+15550001' }], { continueOnFail: true, credentials: { informApiKey: '' } });
		expect(items[0].json.error).toMatch(/: Invalid App Key or Basic Auth$/);
		expect(items[0].json.description).toContain("sent with the Data API Key (the credential's Inform API Key is empty, so the Data API Key was sent)");
	});

	test('a personalized attribute row named "constructor" is sent to every channel, not refused as set twice', async () => {
		const parameters = { ...sendAlert(), personalizedAttributesInput: 'rows', personalizedAttributes: { attribute: [{ name: 'constructor', value: 'x' }, { name: 'valueOf', value: 'y' }] } };
		const { items, error } = await runMoEngage(baseUrl(), parameters, [{ id: 'u-1', to: '+15550001' }]);
		expect(error).toBeUndefined();
		expect(items[0].json.status).toBe('sent');
		expect((standIn.requests[0].body as { payloads: unknown }).payloads).toEqual({ SMS: { recipient: '+15550001', personalized_attributes: { constructor: 'x', valueOf: 'y' } } });
	});

	test('bad input is refused before any request, naming item and field', async () => {
		const input = [
			{ id: 'u-1', to: '' },
			{ id: 'guest', to: '+15550002' },
			{ id: 'u-3', to: '+15550003', alert: '' },
		];
		const { items } = await runMoEngage(baseUrl(), sendAlert(), input, { continueOnFail: true });
		expect(items.map((item) => item.json.error)).toEqual([
			'The "Channels" field of item 0 has no recipient for SMS',
			'The "Customer ID" field of item 1 is "guest", which MoEngage does not accept as a customer ID',
			'The "Alert Reference Name" field of item 2 is empty',
		]);
		const { items: long } = await runMoEngage(baseUrl(), sendAlert({ transactionId: 't'.repeat(51) }), [{ id: 'u-1', to: '+1' }], { continueOnFail: true });
		expect(long[0].json.error).toBe('The "Transaction ID" field of item 0 has 51 characters, more than the 50 MoEngage accepts');
		const noChannel = { ...sendAlert(), channels: {} };
		const { items: none } = await runMoEngage(baseUrl(), noChannel, [{ id: 'u-1' }], { continueOnFail: true });
		expect(none[0].json.error).toBe('The "Channels" field of item 0 is empty');
		expect(standIn.requests).toHaveLength(0);
	});
});
