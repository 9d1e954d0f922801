/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- runs on a developer's machine or in CI, never inside n8n */
import { join } from 'node:path';

import { loadOptions } from '../../harness/loadOptions';
import { setNodeClock, VirtualClock } from '../../harness/clock';
import { BUSINESS_EVENTS, credentialsFor, pairedItems, runMoEngage, runWorkflowFile, useStandIn, WORKSPACE } from '../../harness/fixtures';
import { triggerBusinessEvent } from '../../harness/operations';

const HOUR = 3_600_000;
const manyEvents = Array.from({ length: 23 }, (_, i) => ({ id: `be-${i}`, name: `event_${String(i).padStart(2, '0')}`, attributes: [] }));
const { standIn, baseUrl } = useStandIn({
	businessEvents: [...BUSINESS_EVENTS, ...manyEvents],
	// MoEngage's 50 triggers an hour.
	rateLimits: { triggerBusinessEvent: { limit: 50, windowMs: HOUR } },
});

afterEach(() => setNodeClock());

const campaignKey = `Basic ${Buffer.from(`${WORKSPACE.workspaceId}:${WORKSPACE.cardsApiKey}`).toString('base64')}`;
const priceDrops = (count: number) => Array.from({ length: count }, (_, i) => ({ event: 'price_drop', attributes: { product_id: `sku-${i}`, new_price: 10 + i } }));

describe('Business Event → Trigger', () => {
	test('trigger.workflow.json: the event and its attributes (rows), with the Campaign key', async () => {
		const { items, expected, error } = await runWorkflowFile(join(__dirname, 'trigger.workflow.json'), baseUrl());
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json)).toEqual(expected);
		expect(pairedItems(items)).toEqual([{ item: 0 }]);
		const [request] = standIn.requests;
		expect([request.method, request.path, request.query]).toEqual(['POST', '/v1.0/business_event/trigger', {}]);
		expect(request.headers.authorization).toBe(campaignKey);
		expect(request.body).toEqual({ event_name: 'price_drop', event_attributes: { product_id: 'sku-42', new_price: '19.99' }, triggered_by: 'pricing@example.com' });
		expect(standIn.observed.triggeredBusinessEvents).toHaveLength(1);
	});

	test('attributes as JSON keep their types; 50 items, the hour\'s budget, all go through', async () => {
		// 10 per 5 minutes: the run takes 20 minutes of the node's (virtual) time.
		setNodeClock(new VirtualClock());
		const input = priceDrops(50);
		const { items, error } = await runMoEngage(baseUrl(), triggerBusinessEvent(), input);
		expect(error).toBeUndefined();
		expect(pairedItems(items)).toEqual(input.map((_, item) => ({ item })));
		expect(standIn.observed.triggeredBusinessEvents.map((event) => event.event_attributes)).toEqual(input.map(({ attributes }) => attributes));
	});

	test('51 items: refused before any request, every item failing with the reason (Continue On Fail)', async () => {
		const input = priceDrops(51);
		const { items } = await runMoEngage(baseUrl(), triggerBusinessEvent(), input, { continueOnFail: true });
		expect(standIn.requests).toHaveLength(0);
		expect(pairedItems(items)).toEqual(input.map((_, item) => ({ item })));
		expect(items[7].json.error).toBe('This run would trigger 51 business events, but MoEngage allows 50 an hour: nothing was sent (item 7)');
		expect(items.every((item) => String(item.json.description).startsWith('Send at most 50 items per hour'))).toBe(true);
	});

	test('51 items, stop on error: the run fails up front and nothing is sent', async () => {
		const { error } = await runMoEngage(baseUrl(), triggerBusinessEvent(), priceDrops(51));
		expect(error?.message).toBe('This run would trigger 51 business events, but MoEngage allows 50 an hour: nothing was sent (item 0)');
		expect(standIn.requests).toHaveLength(0);
	});

	test("MoEngage's errors name the event and the field (business events' {error: {code, message, details}})", async () => {
		const input = [
			{ event: 'no_such_event' },
			{ event: 'price_drop', attributes: { colour: 'red' } },
		];
		const { items } = await runMoEngage(baseUrl(), triggerBusinessEvent(), input, { continueOnFail: true });
		expect(items.map((item) => item.json.error)).toEqual([
			'MoEngage rejected item 0 (business event "no_such_event"): Business event does not exists',
			'MoEngage rejected item 1 (business event "price_drop"): Wrong business event attribute passed in api request',
		]);
		expect(items[0].json.description).toMatch(/^HTTP 400 · attribute event_name · code 400 Bad Request · request_id \w+ · 1 attempt · sent with the Campaign API Key$/);
		expect(items[1].json.description).toMatch(/attribute colour/);
	});

	test("MoEngage's hourly limit reached anyway (other workflows): its 429 body {status: 'error', data} is read into the message", async () => {
		setNodeClock(new VirtualClock());
		standIn.addFault({ api: 'triggerBusinessEvent', kind: 'status', status: 429, body: { status: 'error', data: { code: 429, title: 'rate limiter exception', description: 'Exceeded rate limit for this app' } } });
		const { items } = await runMoEngage(baseUrl(), triggerBusinessEvent({ maxRetries: 1 }), priceDrops(1), { continueOnFail: true });
		expect(items[0].json.error).toBe(
			"MoEngage's rate limit was still reached for item 0 (business event \"price_drop\") after 2 attempts: rate limiter exception: Exceeded rate limit for this app",
		);
	});

	test('not repeated after a lost answer: a second trigger would fire the campaigns again', async () => {
		setNodeClock(new VirtualClock());
		standIn.addFault({ api: 'triggerBusinessEvent', kind: 'processedThenDropped', times: 1 });
		const { items } = await runMoEngage(baseUrl(), triggerBusinessEvent({ maxRetries: 5 }), priceDrops(1), { continueOnFail: true });
		expect(standIn.requests).toHaveLength(1);
		expect(standIn.observed.triggeredBusinessEvents).toHaveLength(1);
		expect(items[0].json.error).toBe('The connection to MoEngage dropped before it answered item 0 (business event "price_drop")');
		expect(items[0].json.description).toContain('MoEngage may have triggered this business event: running it again could do it twice');
	});

	test.each(['constructor', 'toString', 'valueOf', 'hasOwnProperty'])('an attribute row named "%s" is sent as an attribute, not refused as set twice', async (name) => {
		const parameters = { resource: 'businessEvent', operation: 'trigger', businessEventName: 'price_drop', businessEventAttributesInput: 'rows', businessEventAttributes: { attribute: [{ name, value: 'x' }] } };
		const { items } = await runMoEngage(baseUrl(), parameters, [{}], { continueOnFail: true });
		expect(standIn.requests.map((request) => (request.body as { event_attributes: unknown }).event_attributes)).toEqual([{ [name]: 'x' }]);
		// The workspace's price_drop has no such attribute: MoEngage itself answers.
		expect(items[0].json.error).toBe('MoEngage rejected item 0 (business event "price_drop"): Wrong business event attribute passed in api request');
	});

	test('bad input is refused before any request, naming item and field', async () => {
		const input = [{ event: '' }, { event: 'price_drop', attributes: { moe_x: 1 } }];
		const parameters = { ...triggerBusinessEvent(), options: { triggeredBy: 'not-an-email' } };
		const { items } = await runMoEngage(baseUrl(), parameters, input, { continueOnFail: true });
		expect(items.map((item) => item.json.error)).toEqual([
			'The "Business Event Name or ID" field of item 0 is empty',
			'The "Event Attributes (JSON)" field of item 1 has the attribute "moe_x", but names starting with "moe_" are reserved by MoEngage',
		]);
		const { items: emails } = await runMoEngage(baseUrl(), parameters, [{ event: 'price_drop' }], { continueOnFail: true });
		expect(emails[0].json.error).toBe('The "Triggered By" field of item 0 is "not-an-email", which is not an email address');
		expect(standIn.requests).toHaveLength(0);
	});
});

describe('the Business Event Name list', () => {
	test("shows every business event of the workspace, across pages, with their attributes (Campaign key)", async () => {
		const options = await loadOptions(credentialsFor(baseUrl()), 'getBusinessEvents', { resource: 'businessEvent', operation: 'trigger' });
		expect(options).toHaveLength(25);
		expect(options.slice(0, 3)).toEqual([
			{ name: 'event_00', value: 'event_00', description: 'No attributes' },
			{ name: 'event_01', value: 'event_01', description: 'No attributes' },
			{ name: 'event_02', value: 'event_02', description: 'No attributes' },
		]);
		expect(options.find((option) => option.value === 'price_drop')).toEqual({ name: 'price_drop', value: 'price_drop', description: 'Attributes: product_id, new_price' });
		const pages = standIn.requestsTo('listBusinessEvents');
		expect(pages.map((page) => [page.method, page.path, page.query.limit, page.query.cursor === undefined])).toEqual([
			['GET', '/v5/business-events', '20', true],
			['GET', '/v5/business-events', '20', false],
		]);
		expect(pages.every((page) => page.headers.authorization === campaignKey)).toBe(true);
	});

	test('a wrong key: the list fails with MoEngage\'s message and no key in it', async () => {
		const credentials = credentialsFor(baseUrl(), { cardsApiKey: 'wrong-campaign-key' });
		await expect(loadOptions(credentials, 'getBusinessEvents', {})).rejects.toThrow('MoEngage rejected the request for the list of business events: Authentication required.');
		const failure = await loadOptions(credentials, 'getBusinessEvents', {}).catch((error: Error & { description?: string }) => error);
		expect(JSON.stringify(failure)).not.toContain('wrong-campaign-key');
		expect((failure as { description?: string }).description).toContain('Check the credential\'s Workspace ID and Campaign API Key');
	});
});
