import { idempotencyKey } from '../../../nodes/MoEngage/helpers/idempotency';
import { MESSAGING_RECIPIENTS_PER_REQUEST } from '../../../nodes/MoEngage/transport/api';
import { setNodeClock, VirtualClock } from '../../harness/clock';
import { ANN, BOB, credentialsFor, pairedItems, runMoEngage, useStandIn, WORKSPACE } from '../../harness/fixtures';
import { listSearch } from '../../harness/loadOptions';
import { sendMessage } from '../../harness/operations';
import { ORDER_CONFIRMATION_SHELL } from '../../standin/model/messaging';

const { standIn, baseUrl } = useStandIn({ users: [ANN, BOB] });

afterEach(() => setNodeClock());

const campaignKey = `Basic ${Buffer.from(`${WORKSPACE.workspaceId}:${WORKSPACE.cardsApiKey}`).toString('base64')}`;
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const keysSent = () => standIn.requestsTo('sendMessage').map((request) => String(request.headers['idempotency-key']));

describe('Campaign → Send Message', () => {
	test('one request per item to the campaign, with the Campaign key and an Idempotency-Key; the 202 is "queued"', async () => {
		const { items, error } = await runMoEngage(baseUrl(), sendMessage({ localeName: 'en_US' }), [{ id: 'u-1', order: 'ORD-7' }, { id: 'u-2' }]);
		expect(error).toBeUndefined();
		expect(pairedItems(items)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(items[0].json).toMatchObject({ status: 'queued', campaign_id: ORDER_CONFIRMATION_SHELL, identifier_type: 'ID', recipient: 'u-1', locale_name: 'en_US', recipient_count: 1 });
		expect(typeof items[0].json.msg_id).toBe('string');
		const requests = standIn.requestsTo('sendMessage');
		expect(requests.map((request) => [request.method, request.path, request.status])).toEqual([
			['POST', `/v5/campaigns/${ORDER_CONFIRMATION_SHELL}/send`, 202],
			['POST', `/v5/campaigns/${ORDER_CONFIRMATION_SHELL}/send`, 202],
		]);
		expect(requests[0].headers.authorization).toBe(campaignKey);
		expect(requests[0].body).toEqual({ identifier_type: 'ID', recipients: ['u-1'], personalized_attributes: { order_id: 'ORD-7' }, locale_name: 'en_US' });
		expect(keysSent().every((key) => UUID_V4.test(key))).toBe(true);
		expect(new Set(keysSent()).size).toBe(2);
		expect(items[0].json.idempotency_key).toBe(keysSent()[0]);
	});

	test('a recipient that matches no user is queued like any other: MoEngage drops it later, without an error', async () => {
		const { items, error } = await runMoEngage(baseUrl(), sendMessage(), [{ id: 'nobody-here' }]);
		expect(error).toBeUndefined();
		expect(items[0].json.status).toBe('queued');
		expect(standIn.observed.queuedMessages.map((message) => message.matched)).toEqual([false]);
	});

	test('the Idempotency-Key: the same when n8n runs the node again in the execution (Retry On Fail), new for another execution, item or run', async () => {
		const input = [{ id: 'u-1' }];
		await runMoEngage(baseUrl(), sendMessage(), input, { executionId: '500' });
		await runMoEngage(baseUrl(), sendMessage(), input, { executionId: '500' });
		await runMoEngage(baseUrl(), sendMessage(), input, { executionId: '501' });
		const [first, again, other] = keysSent();
		expect(again).toBe(first);
		expect(other).not.toBe(first);
		const body = JSON.stringify({ identifier_type: 'ID', recipients: ['u-1'], personalized_attributes: { order_id: 'ORD-1' } });
		const parts = (run: number, item: number) => ['500', '2', String(run), String(item), ORDER_CONFIRMATION_SHELL, body];
		expect(first).toBe(idempotencyKey(parts(0, 0)));
		expect(new Set([idempotencyKey(parts(0, 0)), idempotencyKey(parts(1, 0)), idempotencyKey(parts(0, 1))]).size).toBe(3);
	});

	test('invalid items are refused before anything is sent: no recipient, a list as a placeholder value, two campaigns in one item', async () => {
		const parameters = sendMessage({});
		const input = [{ id: '' }, { id: 'u-1', order: ['a', 'b'] }, { id: 'u-2', campaign: 'c1, c2' }];
		const { items } = await runMoEngage(baseUrl(), parameters, input, { continueOnFail: true });
		expect(items.map((item) => item.json.error)).toEqual([
			expect.stringContaining('Recipient'),
			expect.stringContaining('order_id'),
			expect.stringContaining('2 campaigns'),
		]);
		expect(pairedItems(items)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(standIn.requestsTo('sendMessage')).toHaveLength(0);
	});

	test("a campaign that is not an active API-triggered email campaign: MoEngage's 404 is the item's error", async () => {
		const { items } = await runMoEngage(baseUrl(), sendMessage(), [{ id: 'u-1', campaign: '66e93302000000000shell02' }, { id: 'u-2' }], { continueOnFail: true });
		expect(items[0].json.error).toEqual(expect.stringContaining('Campaign not found'));
		expect(items[1].json.status).toBe('queued');
	});

	test('a 5xx is not sent again (MoEngage does not deduplicate on the Idempotency-Key yet): the item fails and says the message may have been queued', async () => {
		standIn.addFault({ api: 'sendMessage', kind: 'status', status: 500, body: { error: { code: 'INTERNAL_ERROR', message: 'An unexpected error occurred' } }, times: 1 });
		const { items } = await runMoEngage(baseUrl(), sendMessage({ maxRetries: 3, maxWaitSeconds: 0.05 }), [{ id: 'u-1' }], { continueOnFail: true });
		expect(standIn.requestsTo('sendMessage')).toHaveLength(1);
		expect(JSON.stringify(items[0].json)).toMatch(/may (already )?have queued this message/);
	});

	test('a 429 waits for its Retry-After and is sent again under the same key', async () => {
		setNodeClock(new VirtualClock());
		standIn.addFault({ api: 'sendMessage', kind: 'status', status: 429, body: { error: { code: 'RATE_LIMITED', message: 'Rate limit exceeded for this workspace' } }, headers: { 'retry-after': '2' }, times: 1 });
		const { items, error } = await runMoEngage(baseUrl(), sendMessage({ maxRetries: 3 }), [{ id: 'u-1' }]);
		expect(error).toBeUndefined();
		expect(items[0].json.status).toBe('queued');
		expect(standIn.requestsTo('sendMessage').map((request) => request.status)).toEqual([429, 202]);
		expect(new Set(keysSent()).size).toBe(1);
	});

	test('one recipient a request: the choice between the overview (exactly one) and the schema (up to 1,000)', () => {
		expect(MESSAGING_RECIPIENTS_PER_REQUEST).toBe(1);
	});

	test("the picker lists the workspace's active API-triggered email campaigns only", async () => {
		const results = [];
		let token: string | undefined;
		do {
			const page = await listSearch(credentialsFor(baseUrl()), 'searchApiTriggeredCampaigns', { resource: 'campaign', operation: 'sendMessage' }, undefined, token);
			results.push(...page.results);
			token = page.paginationToken as string | undefined;
		} while (token !== undefined);
		expect(results).toEqual([{ name: 'Order Confirmation', value: ORDER_CONFIRMATION_SHELL }]);
		expect((standIn.requestsTo('searchCampaigns')[0].body as { campaign_fields: unknown }).campaign_fields).toEqual({ channels: ['EMAIL'], status: ['ACTIVE'] });
	});
});
