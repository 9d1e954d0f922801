import { createHash } from 'node:crypto';

import { MoEngageApi } from '../../../credentials/MoEngageApi.credentials';
import { ENDPOINTS } from '../../../nodes/MoEngage/transport/api';
import { setNodeClock, VirtualClock } from '../../harness/clock';
import { pairedItems, runMoEngage, useStandIn, WORKSPACE } from '../../harness/fixtures';
import { sendPush } from '../../harness/operations';

const MINUTE = 60_000;
let clock = new VirtualClock();
const { standIn, baseUrl } = useStandIn({ now: () => clock.now() });

beforeEach(() => {
	clock = new VirtualClock();
	setNodeClock(clock);
	standIn.rateLimits = {};
});
afterEach(() => setNodeClock());

/** The signature as push-v2-1.yaml's Python example makes it: sha256(app_id|campaign_name|api_key).hexdigest(). */
const signature = (campaignName: string, key = WORKSPACE.pushApiKey) => createHash('sha256').update(`${WORKSPACE.workspaceId}|${campaignName}|${key}`).digest('hex');

describe('Push → Send', () => {
	test('one signed request per item to the Push API: headers and body as push-v2-1.yaml documents, no Basic auth, the answer "accepted"', async () => {
		const { items, error } = await runMoEngage(baseUrl(), sendPush({ ignoreFrequencyCap: true }), [{ id: 'u-1', order: '7' }, { id: 'u-2' }]);
		expect(error).toBeUndefined();
		expect(pairedItems(items)).toEqual([{ item: 0 }, { item: 1 }]);
		const requests = standIn.requestsTo('sendPush');
		expect(requests.map((request) => [request.method, request.path, request.status])).toEqual([
			['POST', '/v2.1/transaction/sendpush', 200],
			['POST', '/v2.1/transaction/sendpush', 200],
		]);
		const [first] = requests;
		expect(first.headers.authorization).toBeUndefined();
		expect(first.headers['x-moe-appkey']).toBe(WORKSPACE.workspaceId);
		expect(first.headers['x-moe-pushapi-signature']).toBe(signature('Order Shipped Push'));
		expect(first.headers['x-moe-query-type']).toBe('user');
		expect(first.body).toEqual({
			campaignName: 'Order Shipped Push',
			requestType: 'push',
			targetPlatform: ['ANDROID', 'IOS'],
			targetAudience: 'User',
			targetUserAttributes: { attribute: 'USER_ATTRIBUTE_UNIQUE_ID', comparisonParameter: 'is', attributeValue: 'u-1' },
			payload: {
				ANDROID: { title: 'Your order has shipped', message: 'Order 7 arrives tomorrow', defaultAction: { type: 'deeplinking', value: 'myapp://orders' } },
				IOS: { title: 'Your order has shipped', message: 'Order 7 arrives tomorrow', defaultAction: { type: 'deeplinking', value: 'myapp://orders' } },
			},
			campaignDelivery: { type: 'soon' },
			advancedSettings: { ignoreFC: 'true' },
			appId: WORKSPACE.workspaceId,
			signature: signature('Order Shipped Push'),
		});
		expect(items[0].json).toMatchObject({ status: 'accepted', campaign_name: 'Order Shipped Push', identify_by: 'USER_ATTRIBUTE_UNIQUE_ID', user: 'u-1', platforms: ['ANDROID', 'IOS'] });
		// Both pushes are filed under the one campaign the name created.
		expect(items[1].json.campaign_id).toBe(items[0].json.campaign_id);
		expect(typeof items[0].json.request_id).toBe('string');
		expect(standIn.observed.pushes.map((push) => push.targetUserAttributes?.attributeValue)).toEqual(['u-1', 'u-2']);
	});

	test('Web: the click-through URL and icon go to redirectURL and iconURL, the image to imageURL; Android takes the image as rich content', async () => {
		const parameters = { ...sendPush({ webIconUrl: 'https://shop.example.com/icon.png' }), platforms: ['ANDROID', 'WEB'], clickUrl: 'https://shop.example.com/o', imageUrl: 'https://cdn.example.com/p.png', identifyBy: 'USER_ATTRIBUTE_USER_EMAIL' };
		const { error } = await runMoEngage(baseUrl(), parameters, [{ id: 'ann@example.com' }]);
		expect(error).toBeUndefined();
		const [push] = standIn.observed.pushes;
		expect(push.targetUserAttributes).toEqual({ attribute: 'USER_ATTRIBUTE_USER_EMAIL', comparisonParameter: 'is', attributeValue: 'ann@example.com' });
		expect(push.payload.WEB).toEqual({ title: 'Your order has shipped', message: 'Order 1042 arrives tomorrow', redirectURL: 'https://shop.example.com/o', iconURL: 'https://shop.example.com/icon.png', imageURL: 'https://cdn.example.com/p.png' });
		expect(push.payload.ANDROID).toMatchObject({ richContent: [{ type: 'image', value: 'https://cdn.example.com/p.png' }] });
	});

	test('Extra Payload (JSON) adds fields to a platform, under the fields of the form', async () => {
		const { error } = await runMoEngage(baseUrl(), sendPush(), [{ id: 'u-1', extra: { ANDROID: { channel_id: 'orders', title: 'ignored' }, IOS: { subtitle: 'Arriving tomorrow' } } }]);
		expect(error).toBeUndefined();
		expect(standIn.observed.pushes[0].payload).toMatchObject({ ANDROID: { channel_id: 'orders', title: 'Your order has shipped' }, IOS: { subtitle: 'Arriving tomorrow' } });
	});

	test('invalid items are refused before anything is sent, naming item and field', async () => {
		const input = [
			{ id: '' },
			{ id: 'u-1', extra: { WEB: { autoDismiss: true } } },
			{ id: 'u-1', extra: { DESKTOP: {} } },
		];
		const { items } = await runMoEngage(baseUrl(), sendPush(), input, { continueOnFail: true });
		const short = await runMoEngage(baseUrl(), { ...sendPush(), campaignName: 'OTP' }, [{ id: 'u-1' }], { continueOnFail: true });
		const web = await runMoEngage(baseUrl(), { ...sendPush(), platforms: ['WEB'] }, [{ id: 'u-1' }], { continueOnFail: true });
		expect([...items, ...short.items, ...web.items].map((item) => item.json.error)).toEqual([
			'The "User" field of item 0 is empty',
			'The "Extra Payload (JSON)" field of item 1 has fields for WEB, which is not among the Platforms',
			'The "Extra Payload (JSON)" field of item 2 has "DESKTOP", which is not ANDROID, IOS or WEB with an object of fields',
			'The "Campaign Name" field of item 0 is "OTP", shorter than the 5 characters MoEngage requires',
			'The "Web Icon URL" field of item 0 is empty, and MoEngage requires it for Web',
		]);
		expect(standIn.requestsTo('sendPush')).toHaveLength(0);
	});

	test("MoEngage's failure answered with HTTP 200 (status \"Fail\") is the item's error, with MoEngage's message; the other items go on", async () => {
		const input = [{ id: 'u-1', extra: { ANDROID: { richContent: 'not a list' } } }, { id: 'u-2' }];
		const { items } = await runMoEngage(baseUrl(), sendPush(), input, { continueOnFail: true });
		expect(standIn.requestsTo('sendPush').map((request) => request.status)).toEqual([200, 200]);
		expect(items[0].json.error).toBe('MoEngage rejected item 0 (customer ID "u-1"): Key not of Type List or Value not allowed');
		expect(items[0].json.description).toMatch(/^HTTP 200 · 1 attempt · sent with the Push API Key/);
		expect(items[1].json.status).toBe('accepted');
		expect(standIn.observed.pushes).toHaveLength(1);
	});

	test('a wrong Push API Key: MoEngage answers "Signature is not verified", and the error points at the credential', async () => {
		const { items } = await runMoEngage(baseUrl(), sendPush(), [{ id: 'u-1' }], { continueOnFail: true, credentials: { pushApiKey: 'not-the-push-key' } });
		expect(items[0].json.error).toBe('MoEngage rejected item 0 (customer ID "u-1"): Signature is not verified');
		expect(items[0].json.description).toContain("Check the credential's Workspace ID and Push API Key");
		expect(standIn.observed.pushes).toHaveLength(0);
	});

	test('no Push API Key in the credential: nothing is sent, and the error says which field to fill (the Data key never signs)', async () => {
		const { items } = await runMoEngage(baseUrl(), sendPush(), [{ id: 'u-1' }, { id: 'u-2' }], { continueOnFail: true, credentials: { pushApiKey: '' } });
		expect(items.map((item) => item.json.error)).toEqual([
			'The MoEngage credential has no Push API Key: nothing was sent (item 0)',
			'The MoEngage credential has no Push API Key: nothing was sent (item 1)',
		]);
		expect(standIn.requestsTo('sendPush')).toHaveLength(0);
	});

	test("MoEngage's limit reached: the 429 (empty body, x-envoy-ratelimited, reset in seconds) waits for the reset and is sent again", async () => {
		standIn.rateLimits = { sendPush: { limit: 2, windowMs: MINUTE } };
		const input = [{ id: 'u-1' }, { id: 'u-2' }, { id: 'u-3' }];
		const { items, error } = await runMoEngage(baseUrl(), sendPush({ maxRetries: 3 }), input);
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json.status)).toEqual(['accepted', 'accepted', 'accepted']);
		const requests = standIn.requestsTo('sendPush');
		expect(requests.map((request) => request.status).sort()).toEqual([200, 200, 200, 429]);
		expect(standIn.observed.pushes).toHaveLength(3);
		// the retry waited for the window's reset (virtual time)
		expect(clock.elapsed).toBeGreaterThanOrEqual(MINUTE);
	});

	test("the stand-in's 429 as push-v2-1.yaml documents it: empty body, x-envoy-ratelimited, x-ratelimit-reset in seconds left", async () => {
		standIn.rateLimits = { sendPush: { limit: 1, windowMs: MINUTE } };
		const body = JSON.stringify({ campaignName: 'Order Shipped Push', targetPlatform: ['ANDROID'], targetAudience: 'User', targetUserAttributes: { attribute: 'PUSH_ID', comparisonParameter: 'is', attributeValue: 't' }, payload: { ANDROID: { title: 'a', message: 'b' } }, campaignDelivery: { type: 'soon' } });
		const headers = { 'Content-Type': 'application/json', 'X-MOE-APPKEY': WORKSPACE.workspaceId, 'X-MOE-PushAPI-Signature': signature('Order Shipped Push'), 'X-MOE-Query-Type': 'user' };
		const send = () => fetch(`${baseUrl()}/v2.1/transaction/sendpush`, { method: 'POST', headers, body });
		expect((await send()).status).toBe(200);
		const limited = await send();
		expect([limited.status, await limited.text(), limited.headers.get('x-envoy-ratelimited'), limited.headers.get('x-ratelimit-reset')]).toEqual([429, '', 'true', '60']);
	});

	test('a lost answer is not sent again (the Push API does not deduplicate): the item fails and says the push may have been sent', async () => {
		standIn.addFault({ api: 'sendPush', kind: 'processedThenDropped', times: 1 });
		const { items } = await runMoEngage(baseUrl(), sendPush({ maxRetries: 5 }), [{ id: 'u-1' }], { continueOnFail: true });
		expect(standIn.requestsTo('sendPush')).toHaveLength(1);
		expect(standIn.observed.pushes).toHaveLength(1);
		expect(items[0].json.error).toBe('The connection to MoEngage dropped before it answered item 0 (customer ID "u-1")');
		expect(items[0].json.description).toContain('MoEngage may have sent this push: running it again could do it twice');
	});

	test('the endpoint: not repeated after a 5xx or a lost answer, 10,000 requests a minute', () => {
		expect(ENDPOINTS.sendPush).toMatchObject({ method: 'POST', path: '/v2.1/transaction/sendpush', safeToRepeat: false, rateLimit: { perMinute: 10000, unit: 'requests' } });
	});
});

describe("the credential's authenticate for the Push API (also the HTTP Request node's)", () => {
	const credential = new MoEngageApi();
	const credentials = { workspaceId: WORKSPACE.workspaceId, dataApiKey: WORKSPACE.dataApiKey, pushApiKey: WORKSPACE.pushApiKey, dataCenter: '02' };

	test("signs the request on the data center's Push host, with no Basic auth; the key itself is not sent", async () => {
		const body = { campaignName: 'Order Shipped Push', targetAudience: 'User' };
		const signed = await credential.authenticate(credentials, { method: 'POST', url: '/v2.1/transaction/sendpush', body: JSON.stringify(body) });
		expect(signed.baseURL).toBe('https://pushapi-02.moengage.com');
		expect(signed.auth).toBeUndefined();
		expect(signed.headers).toEqual({ 'X-MOE-APPKEY': WORKSPACE.workspaceId, 'X-MOE-PushAPI-Signature': signature('Order Shipped Push'), 'X-MOE-Query-Type': 'user' });
		expect(JSON.parse(String(signed.body))).toEqual({ ...body, appId: WORKSPACE.workspaceId, signature: signature('Order Shipped Push') });
		expect(JSON.stringify(signed)).not.toContain(WORKSPACE.pushApiKey);
	});

	test('an object body (HTTP Request node) stays an object; a query type set by the request is kept', async () => {
		const signed = await credential.authenticate(credentials, { method: 'POST', url: 'https://pushapi-02.moengage.com/v2.1/transaction/sendpush', headers: { 'x-moe-query-type': 'all users' }, body: { campaignName: 'Spring Sale', targetAudience: 'All Users' } });
		expect(signed.body).toEqual({ campaignName: 'Spring Sale', targetAudience: 'All Users', appId: WORKSPACE.workspaceId, signature: signature('Spring Sale') });
		expect(signed.headers).toEqual({ 'x-moe-query-type': 'all users', 'X-MOE-APPKEY': WORKSPACE.workspaceId, 'X-MOE-PushAPI-Signature': signature('Spring Sale') });
	});

	test('the other APIs keep their host and Basic auth', async () => {
		const signed = await credential.authenticate(credentials, { method: 'POST', url: '/v1/event/X' });
		expect(signed.baseURL).toBe('https://api-02.moengage.com');
		expect(signed.auth).toEqual({ username: WORKSPACE.workspaceId, password: WORKSPACE.dataApiKey });
	});
});
