/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- runs on a developer's machine or in CI, never inside n8n */
import { join } from 'node:path';

import { idempotencyKey } from '../../../nodes/MoEngage/actions/user/updateSubscriptionPreferences.operation';
import { pairedItems, runMoEngage, runWorkflowFile, useStandIn, WORKSPACE } from '../../harness/fixtures';
import { getSubscriptionPreferences, unsubscribeFromNewsletter } from '../../harness/operations';

const { standIn, baseUrl } = useStandIn();

const basicAuth = (key: string) => `Basic ${Buffer.from(`${WORKSPACE.workspaceId}:${key}`).toString('base64')}`;
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

const ann = () => standIn.campaignsApi.subscribers.find((subscriber) => subscriber.uid === 'u-1')!;

describe('User → Get Subscription Preferences', () => {
	test('a GET with the user in the query, the Data key and MOE-APPKEY; the item holds the user and their categories', async () => {
		ann().categories.newsletter = false;
		const { items, error } = await runMoEngage(baseUrl(), getSubscriptionPreferences(), [{ id: 'u-1' }]);
		expect(error).toBeUndefined();
		const [request] = standIn.requests;
		expect([request.method, request.path, request.status, request.rawBody]).toEqual(['GET', '/v5/subscription-preferences', 200, '']);
		expect(request.query).toEqual({ user_identifier_type: 'uid', user_identifier_value: 'u-1' });
		expect(request.headers.authorization).toBe(basicAuth(WORKSPACE.dataApiKey));
		expect(request.headers['moe-appkey']).toBe(WORKSPACE.workspaceId);
		expect(items[0].json).toEqual({
			user_identifier_type: 'uid',
			user_identifier_value: 'u-1',
			user_id: 'usr_moe-0001',
			is_globally_unsubscribed: false,
			categories: expect.arrayContaining([
				{ name: 'newsletter', display_name: 'Newsletter', channel: 'email', group: 'Updates', status: 'unsubscribed' },
				{ name: 'promotional', display_name: 'Promotional', channel: 'email', group: 'Marketing', status: 'subscribed' },
			]),
		});
	});

	test("a user MoEngage does not know is an item error with MoEngage's message; the other items go on", async () => {
		const { items } = await runMoEngage(baseUrl(), { ...getSubscriptionPreferences(), subscriberIdType: 'email', channel: 'sms' }, [{ id: 'nobody@example.com' }, { id: 'bob@example.com' }], {
			continueOnFail: true,
		});
		expect(items[0].json.error).toBe('MoEngage rejected item 0 (email "nobody@example.com"): No user found for the given identifier');
		expect(items[0].json.description).toBe('HTTP 404 · attribute user_identifier_value · code NotFound · 1 attempt · sent with the Data API Key');
		expect(items[1].json.categories).toEqual([{ name: 'sms_offers', display_name: 'SMS Offers', channel: 'sms', group: 'Marketing', status: 'subscribed' }]);
		expect(pairedItems(items)).toEqual([{ item: 0 }, { item: 1 }]);
	});
});

describe('an email several profiles share (subscription-categories-v5.yaml 409)', () => {
	test("Get and Update are item errors with MoEngage's message; the other items go on", async () => {
		standIn.campaignsApi.subscribers.push({ uid: 'u-9', email: 'ann@example.com', moe_user_id: 'usr_moe-0009', is_globally_unsubscribed: false, categories: {} });
		const read = await runMoEngage(baseUrl(), { ...getSubscriptionPreferences(), subscriberIdType: 'email' }, [{ id: 'ann@example.com' }, { id: 'bob@example.com' }], { continueOnFail: true });
		expect(read.items[0].json.error).toBe('MoEngage rejected item 0 (email "ann@example.com"): Multiple user profiles match this email; cannot resolve unambiguously');
		expect(read.items[1].json.user_id).toBe('usr_moe-0002');
		const update = await runMoEngage(baseUrl(), { ...unsubscribeFromNewsletter(), subscriberIdType: 'email', globalUnsubscribe: 'clear' }, [{ id: 'ann@example.com' }], { continueOnFail: true });
		expect(update.items[0].json.error).toBe('MoEngage rejected item 0 (email "ann@example.com"): Multiple user profiles match this email; cannot update unambiguously');
	});
});

describe('User → Update Subscription Preferences', () => {
	test("a CRM unsubscribe: Keep As Is reads the user's global state, then a PATCH changes only the newsletter, with an Idempotency-Key", async () => {
		const { items, error } = await runMoEngage(baseUrl(), unsubscribeFromNewsletter(), [{ id: 'u-1' }]);
		expect(error).toBeUndefined();
		const [read, update] = standIn.requests;
		expect([read.method, update.method, update.status]).toEqual(['GET', 'PATCH', 202]);
		expect(update.body).toEqual({ user_identifier_type: 'uid', user_identifier_value: 'u-1', channel: 'email', is_globally_unsubscribed: false, categories: { newsletter: false } });
		expect(update.headers['idempotency-key']).toMatch(UUID_V4);
		// MoEngage applies the update after its 202: not yet, then once it has caught up.
		expect(ann().categories).toEqual({});
		standIn.campaignsApi.settle();
		expect(ann().categories).toEqual({ newsletter: false });
		expect(items[0].json).toEqual({ ...(update.body as object), accepted: true, message: 'Your request has been accepted and is being processed.', response_id: expect.stringMatching(/^resp_/) });
	});

	test('Keep As Is keeps a global unsubscribe: it sends what MoEngage holds', async () => {
		ann().is_globally_unsubscribed = true;
		await runMoEngage(baseUrl(), unsubscribeFromNewsletter(), [{ id: 'u-1' }]);
		expect(standIn.requestsTo('updateSubscriptionPreferences')[0].body).toEqual(expect.objectContaining({ is_globally_unsubscribed: true }));
		expect(ann().is_globally_unsubscribed).toBe(true);
	});

	test('Unsubscribe From All sends no read first', async () => {
		await runMoEngage(baseUrl(), { ...unsubscribeFromNewsletter(), globalUnsubscribe: 'unsubscribe', categories: {} }, [{ id: 'u-2' }]);
		expect(standIn.requests.map((request) => [request.method, request.body])).toEqual([
			['PATCH', { user_identifier_type: 'uid', user_identifier_value: 'u-2', channel: 'email', is_globally_unsubscribed: true }],
		]);
	});

	test('a retried update carries the same Idempotency-Key, so MoEngage applies it once', async () => {
		// The first PATCH is applied but its answer is lost: the node retries with the same key and body.
		standIn.addFault({ api: 'updateSubscriptionPreferences', times: 1, kind: 'processedThenDropped' });
		const { items, error } = await runMoEngage(baseUrl(), { ...unsubscribeFromNewsletter(), globalUnsubscribe: 'clear' }, [{ id: 'u-1' }]);
		expect(error).toBeUndefined();
		const patches = standIn.requestsTo('updateSubscriptionPreferences');
		expect(patches).toHaveLength(2);
		expect(patches[0].headers['idempotency-key']).toBe(patches[1].headers['idempotency-key']);
		expect(patches[1].status).toBe(202);
		expect(standIn.campaignsApi.subscriptionUpdates).toHaveLength(1);
		expect(items[0].json.accepted).toBe(true);
	});

	test('another item, or another execution, is another update: another key', async () => {
		await runMoEngage(baseUrl(), unsubscribeFromNewsletter(), [{ id: 'u-1' }, { id: 'u-1' }]);
		await runMoEngage(baseUrl(), unsubscribeFromNewsletter(), [{ id: 'u-1' }]);
		const keys = standIn.requestsTo('updateSubscriptionPreferences').map((request) => request.headers['idempotency-key']);
		expect(new Set(keys).size).toBe(3);
	});

	test('each round of a loop is another update: the same change in a later round is applied again', async () => {
		// Item 0 of rounds 1 and 3 sends the same body (unsubscribe), with a resubscribe in between.
		const newsletter = { category: [{ name: 'newsletter', subscribed: '={{ $json.subscribed }}' }] };
		const input = [false, true, false].map((subscribed) => ({ id: 'u-1', subscribed }));
		const { error } = await runMoEngage(baseUrl(), { ...unsubscribeFromNewsletter(), globalUnsubscribe: 'clear', categories: newsletter }, input, { loopBatchSize: 1 });
		expect(error).toBeUndefined();
		expect(standIn.campaignsApi.subscriptionUpdates.map((update) => update.categories)).toEqual([{ newsletter: false }, { newsletter: true }, { newsletter: false }]);
		standIn.campaignsApi.settle();
		expect(ann().categories.newsletter).toBe(false);
	});

	test("a category MoEngage does not know is refused with MoEngage's message", async () => {
		const { error } = await runMoEngage(baseUrl(), { ...unsubscribeFromNewsletter(), categories: { category: [{ name: 'gossip', subscribed: true }] } }, [{ id: 'u-1' }]);
		expect(error?.message).toBe('MoEngage rejected item 0 (uid "u-1"): Unknown category name(s)');
	});

	test.each([
		[{ categories: {} }, 'The "Categories" field of item 0 is empty, so there is nothing to update'],
		[{ categories: { category: [{ name: '', subscribed: true }] } }, 'The "Category 1" field of item 0 is empty'],
		[{ categories: { category: [{ name: 'newsletter', subscribed: true }, { name: 'newsletter', subscribed: false }] } }, 'The "Category 2" field of item 0 repeats the category "newsletter"'],
		[{ subscriberId: '={{ "" }}' }, 'The "User ID" field of item 0 is empty'],
		[{ subscriberIdType: '={{ "phone" }}' }, 'The "Identify User By" field of item 0 has an unknown value "phone"'],
	])('bad input %j is rejected before any request', async (parameters, message) => {
		const { error } = await runMoEngage(baseUrl(), { ...unsubscribeFromNewsletter(), ...parameters }, [{ id: 'u-1' }]);
		expect(error?.message).toBe(message);
		expect(standIn.requests).toHaveLength(0);
	});
});

describe('the workflow files', () => {
	test.each(['getSubscriptionPreferences', 'updateSubscriptionPreferences'])('%s.workflow.json', async (operation) => {
		const { items, expected, error } = await runWorkflowFile(join(__dirname, `${operation}.workflow.json`), baseUrl());
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json)).toEqual(expected.map((json) => ('response_id' in json ? { ...json, response_id: expect.stringMatching(/^resp_/) } : json)));
		expect(pairedItems(items)).toEqual([{ item: 0 }]);
	});
});

describe('the Idempotency-Key', () => {
	test('a UUID v4, the same for the same parts, different for 20,000 updates that differ in one part', () => {
		const keys = new Set<string>();
		for (let item = 0; item < 10_000; item++) {
			for (const execution of ['81', '82']) keys.add(idempotencyKey([execution, 'node-1', String(item), '{"categories":{"newsletter":false}}']));
		}
		expect(keys.size).toBe(20_000);
		expect([...keys].every((key) => UUID_V4.test(key))).toBe(true);
		expect(idempotencyKey(['a', 'b'])).toBe(idempotencyKey(['a', 'b']));
		expect(idempotencyKey(['a', 'b'])).not.toBe(idempotencyKey(['ab', '']));
	});
});
