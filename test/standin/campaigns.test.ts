/* eslint-disable @n8n/community-nodes/no-restricted-imports -- runs on a developer's machine or in CI, never inside n8n */
import { createHash, randomUUID } from 'node:crypto';
import { gunzipSync } from 'node:zlib';

import { ANN, BOB, WORKSPACE } from '../harness/fixtures';
import { basic, callerFor } from './overHttp';
import { SUBSCRIPTION_UPDATE_DELAY_MS } from './model/campaigns';
import { REPORT_CSV } from './model/reports';
import { MoEngageStandIn } from './server';

/**
 * Search Campaigns, Campaign Stats, Download Campaign Report and the v5 subscription preferences
 * over HTTP against campaigns.yaml, stats-report.yaml and subscription-categories-v5.yaml.
 */

const standIn = new MoEngageStandIn({ workspace: WORKSPACE, users: [ANN, BOB] });
beforeAll(() => standIn.start());
afterAll(() => standIn.stop());
beforeEach(() => standIn.reset());

const call = callerFor(standIn);

describe('Search Campaigns (campaigns.yaml /campaigns/search)', () => {
	test.each([
		['Search by Channel (Email)', { request_id: 'search_req_12345', campaign_fields: { channels: ['EMAIL'] }, limit: 15, page: 1 }],
		['Search by Created Date', { request_id: 'search_req_date', campaign_fields: { created_date: { from_date: '2024-06-16', to_date: '2024-06-21' } }, limit: 10, page: 1 }],
		[
			'Search with Multiple Filters',
			{
				request_id: 'search_req_all',
				campaign_fields: { channels: ['PUSH'], created_by: ['john.doe@example.com'], created_date: { from_date: '2024-01-01', to_date: '2024-12-31' }, delivery_type: ['ONE_TIME'], status: ['ACTIVE'], tags: ['summer', 'sale'] },
				include_child_campaigns: true,
				include_archive_campaigns: false,
				limit: 15,
				page: 1,
			},
		],
	])('documented example passes: %s; the answer is a bare list', async (_name, body) => {
		const reply = await call('searchCampaigns', body);
		expect(reply.status).toBe(200);
		expect(Array.isArray(reply.body)).toBe(true);
	});

	test("a limit over 15, no request_id, an unknown field: 400 in campaigns.yaml's envelope", async () => {
		const envelope = (message: string, target: string) => ({
			status: 400,
			body: { error: { code: '400 Bad Request', message, target, details: [{ target, message }], request_id: expect.any(String) } },
		});
		expect(await call('searchCampaigns', { request_id: 'r', limit: 16, page: 1 })).toEqual(envelope('limit - maximum is 15', 'limit'));
		expect(await call('searchCampaigns', { limit: 15, page: 1 })).toEqual(envelope('request_id key is mandatory field', 'request_id'));
		expect(await call('searchCampaigns', { request_id: 'r', limit: 15, page: 1, campaign_fields: { title: 'x' } })).toEqual(envelope('title is not an allowed field', 'title'));
	});

	test("a wrong key: campaigns.yaml's 401", async () => {
		expect(await call('searchCampaigns', { request_id: 'r', limit: 1, page: 1 }, { headers: { Authorization: basic(WORKSPACE.dataApiKey) } })).toEqual({
			status: 401,
			body: { error: { code: '401 Authentication error', message: 'Authentication required', details: [{ code: 'InvalidValue', target: 'APP_SECRET_KEY', message: expect.any(String) }], request_id: '' } },
		});
	});
});

describe('Campaign Stats (stats-report.yaml /core-services/v1/campaign-stats)', () => {
	test('the documented example passes (campaigns of the workspace only)', async () => {
		const reply = await call('campaignStats', {
			request_id: 'abc',
			campaign_ids: ['c1', '6645fbae1101e4c6611b15c7'],
			start_date: '2024-12-22',
			end_date: '2024-12-23',
			attribution_type: 'VIEW_THROUGH',
			metric_type: 'TOTAL',
		});
		expect(reply).toEqual({ status: 200, body: { response_id: 'abc', total_campaigns: 1, current_page: 1, total_pages: 1, data: { c1: [{ platforms: { android: expect.any(Object), ios: expect.any(Object) } }] } } });
	});

	test('more than 10 campaigns, more than 30 days, a wrong metric: 400 {title, description, code}', async () => {
		const body = { request_id: 'r', campaign_ids: ['c1'], start_date: '2024-06-01', end_date: '2024-07-01', attribution_type: 'VIEW_THROUGH', metric_type: 'TOTAL' };
		const fail = (description: string) => ({ status: 400, body: { title: 'Invalid Field Value', description, code: expect.any(String) } });
		expect(await call('campaignStats', body)).toEqual({ status: 200, body: expect.any(Object) });
		expect(await call('campaignStats', { ...body, end_date: '2024-07-02' })).toEqual(fail('The days between the start and end dates should not exceed 30 days'));
		expect(await call('campaignStats', { ...body, campaign_ids: Array.from({ length: 11 }, (_, i) => `c${i}`) })).toEqual(fail('campaign_ids - at most 10 values are allowed'));
		expect(await call('campaignStats', { ...body, metric_type: 'MEAN' })).toEqual(fail('metric_type must be one of: TOTAL, UNIQUE'));
	});
});

describe('Subscription preferences (subscription-categories-v5.yaml)', () => {
	test('the categories, and a user\'s preferences, by GET with the query the spec names', async () => {
		const categories = await call('subscriptionCategories', undefined, { query: 'channel=sms' });
		expect(categories).toEqual({ status: 200, body: { response_id: expect.any(String), type: 'subscription_category', data: [expect.objectContaining({ name: 'sms_offers', channel: 'sms' })] } });
		const preferences = await call('getSubscriptionPreferences', undefined, { query: 'user_identifier_type=email&user_identifier_value=ann%40example.com' });
		expect(preferences.body.data).toEqual(expect.objectContaining({ user_id: 'usr_moe-0001', is_globally_unsubscribed: false }));
		expect(await call('getSubscriptionPreferences', undefined, { query: 'user_identifier_type=phone&user_identifier_value=1' })).toEqual({
			status: 400,
			body: { error: { code: 'BadArgument', message: 'user_identifier_type must be one of: moe_user_id, uid, email', target: 'user_identifier_type' } },
		});
	});

	test('the documented update passes with a UUID Idempotency-Key (202); the same key with another body is 409', async () => {
		const key = randomUUID();
		const example = { user_identifier_type: 'email', user_identifier_value: 'ann@example.com', channel: 'email', is_globally_unsubscribed: false, categories: { promotional: false, newsletter: true }, event_attributes: { source: 'preference_center', campaign_ref: 'spring_sale' } };
		expect(await call('updateSubscriptionPreferences', example, { headers: { 'Idempotency-Key': key } })).toEqual({
			status: 202,
			body: { response_id: expect.any(String), type: 'subscription_preference', data: { message: 'Your request has been accepted and is being processed.' } },
		});
		expect((await call('updateSubscriptionPreferences', { ...example, is_globally_unsubscribed: true }, { headers: { 'Idempotency-Key': key } })).body).toEqual({
			error: { code: 'Conflict', message: 'Idempotency-Key was already used with a different request body', target: 'Idempotency-Key' },
		});
		expect((await call('updateSubscriptionPreferences', example, { headers: { 'Idempotency-Key': 'not-a-uuid' } })).status).toBe(400);
		expect((await call('updateSubscriptionPreferences', example, { headers: { 'Idempotency-Key': key, Authorization: basic(WORKSPACE.cardsApiKey) } })).body).toEqual({
			error: { code: 'Unauthorized', message: 'Invalid or missing credentials', target: 'Authorization' },
		});
	});
});

describe('Update Subscription Preferences is applied after its 202 (subscription-categories-v5.yaml: asynchronous, poll Get)', () => {
	let now = 1_800_000_000_000;
	// Ann and Bob's second profile share an email.
	const shared = new MoEngageStandIn({ workspace: WORKSPACE, users: [ANN, BOB, { ...BOB, customer_id: 'u-3', id: 'moe-0003', attributes: { email: 'ann@example.com' } }], now: () => now });
	const callShared = callerFor(shared);
	beforeAll(() => shared.start());
	afterAll(() => shared.stop());
	beforeEach(() => shared.reset());

	const newsletterOf = async (query: string) => {
		const { body } = await callShared('getSubscriptionPreferences', undefined, { query });
		return (body.data.categories as unknown as Array<{ name: string; status: string }>).find((category) => category.name === 'newsletter')?.status;
	};
	const unsubscribe = (user: Record<string, string>) =>
		callShared('updateSubscriptionPreferences', { ...user, is_globally_unsubscribed: false, categories: { newsletter: false } }, { headers: { 'Idempotency-Key': randomUUID() } });

	test('a Get right after the 202 still shows the old preference; once the delay has passed on the clock, the new one', async () => {
		expect((await unsubscribe({ user_identifier_type: 'uid', user_identifier_value: 'u-1' })).status).toBe(202);
		expect(await newsletterOf('user_identifier_type=uid&user_identifier_value=u-1')).toBe('subscribed');
		expect(shared.campaignsApi.pendingUpdates).toBe(1);
		now += SUBSCRIPTION_UPDATE_DELAY_MS;
		expect(await newsletterOf('user_identifier_type=uid&user_identifier_value=u-1')).toBe('unsubscribed');
		expect(shared.campaignsApi.pendingUpdates).toBe(0);
	});

	test('updates apply in the order they were accepted', async () => {
		await unsubscribe({ user_identifier_type: 'uid', user_identifier_value: 'u-2' });
		now += 1000;
		await callShared('updateSubscriptionPreferences', { user_identifier_type: 'uid', user_identifier_value: 'u-2', is_globally_unsubscribed: false, categories: { newsletter: true } }, { headers: { 'Idempotency-Key': randomUUID() } });
		now += SUBSCRIPTION_UPDATE_DELAY_MS - 1000;
		// The first is due, the second not yet.
		expect(await newsletterOf('user_identifier_type=uid&user_identifier_value=u-2')).toBe('unsubscribed');
		now += 1000;
		expect(await newsletterOf('user_identifier_type=uid&user_identifier_value=u-2')).toBe('subscribed');
	});

	test('an email several profiles share is 409 Conflict for Get and Update, with the documented messages', async () => {
		expect(await callShared('getSubscriptionPreferences', undefined, { query: 'user_identifier_type=email&user_identifier_value=ann%40example.com' })).toEqual({
			status: 409,
			body: { error: { code: 'Conflict', message: 'Multiple user profiles match this email; cannot resolve unambiguously', target: 'user_identifier_value' } },
		});
		expect(await unsubscribe({ user_identifier_type: 'email', user_identifier_value: 'ann@example.com' })).toEqual({
			status: 409,
			body: { error: { code: 'Conflict', message: 'Multiple user profiles match this email; cannot update unambiguously', target: 'user_identifier_value' } },
		});
		expect(shared.campaignsApi.subscriptionUpdates).toHaveLength(0);
		// By customer ID the same users are found; an email only one profile has is fine.
		expect((await unsubscribe({ user_identifier_type: 'uid', user_identifier_value: 'u-3' })).status).toBe(202);
		expect((await unsubscribe({ user_identifier_type: 'email', user_identifier_value: 'bob@example.com' })).status).toBe(202);
	});

	test('with email-based unsubscribe on, a shared email is no conflict', async () => {
		shared.campaignsApi.emailBasedUnsubscribe = true;
		expect((await unsubscribe({ user_identifier_type: 'email', user_identifier_value: 'ann@example.com' })).status).toBe(202);
		expect((await callShared('getSubscriptionPreferences', undefined, { query: 'user_identifier_type=email&user_identifier_value=ann%40example.com' })).status).toBe(200);
	});
});

describe('Download Campaign Report (stats-report.yaml /campaign_reports/rest_api/{APP_ID}/{FILENAME})', () => {
	const FRESH = 'Daily_Campaigns_20261206.zip';
	const sign = (appId: string, fileName: string, secret: string) => createHash('sha256').update(`${appId}|${fileName}|${secret}`, 'utf8').digest('hex');
	const download = (fileName: string, headers: Record<string, string>, appId = WORKSPACE.workspaceId) =>
		fetch(`${standIn.baseUrl}/campaign_reports/rest_api/${appId}/${encodeURIComponent(fileName)}`, { headers });

	test("the yaml's sample: SHA256(APP_ID|FILENAME|SECRET_KEY) in hex", () => {
		// stats-report.yaml's Python sample, with its sample values.
		expect(sign('YOUR-APP-ID', 'Report_-_test_20210217.zip', 'YOUR-SECRET-KEY')).toMatch(/^[0-9a-f]{64}$/);
	});

	test('signed with the Campaign key: 200 application/gzip, the file; no Basic auth needed', async () => {
		const response = await download(FRESH, { Signature: sign(WORKSPACE.workspaceId, FRESH, WORKSPACE.cardsApiKey) });
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toBe('application/gzip');
		expect(gunzipSync(Buffer.from(await response.arrayBuffer())).toString('utf8')).toBe(REPORT_CSV);
	});

	test('no signature, or one made with another key (even with Basic auth): 401 with an empty body', async () => {
		const unsigned: Record<string, string> = {};
		for (const headers of [unsigned, { Signature: sign(WORKSPACE.workspaceId, FRESH, WORKSPACE.dataApiKey), Authorization: basic(WORKSPACE.cardsApiKey) }]) {
			const response = await download(FRESH, headers);
			expect(response.status).toBe(401);
			expect(await response.json()).toEqual({});
		}
	});

	test('an unknown file, an expired one (over 7 days), another App ID: 400 ErrorResponseCampaignReport', async () => {
		const expired = 'Daily_Campaigns_20261127.zip';
		for (const [fileName, appId] of [['Nope_20261206.zip', WORKSPACE.workspaceId], [expired, WORKSPACE.workspaceId], [FRESH, 'OTHERAPPID']]) {
			const response = await download(fileName, { Signature: sign(appId, fileName, WORKSPACE.cardsApiKey) }, appId);
			expect(response.status).toBe(400);
			expect(await response.json()).toEqual({ error: { attribute: expect.any(String), message: expect.any(String), type: 'BAD REQUEST', request_id: expect.any(String) } });
		}
	});
});
