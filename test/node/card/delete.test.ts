/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- runs on a developer's machine or in CI, never inside n8n */
import { join } from 'node:path';

import { pairedItems, runMoEngage, runWorkflowFile, useStandIn, WORKSPACE } from '../../harness/fixtures';

const { standIn, baseUrl } = useStandIn();

const deleteCards = (parameters: Record<string, unknown> = {}) => ({
	resource: 'card',
	operation: 'delete',
	identifyBy: 'uid',
	userValue: '={{ $json.email }}',
	campaignIds: 'c1',
	...parameters,
});

const basicAuth = (key: string) => `Basic ${Buffer.from(`${WORKSPACE.workspaceId}:${key}`).toString('base64')}`;

describe('Card → Delete', () => {
	test('delete.workflow.json: DELETE with a JSON body, the Cards key and MOE-APPKEY', async () => {
		const { items, expected, error } = await runWorkflowFile(join(__dirname, 'delete.workflow.json'), baseUrl());
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json)).toEqual(expected.map((json) => ({ ...json, request_id: expect.any(String) })));
		expect(pairedItems(items)).toEqual([{ item: 0 }]);

		const [request] = standIn.requests;
		expect(request.method).toBe('DELETE');
		expect(request.path).toBe('/v1/cards/delete');
		expect(request.query).toEqual({});
		expect(request.headers.authorization).toBe(basicAuth(WORKSPACE.cardsApiKey));
		expect(request.headers['moe-appkey']).toBe(WORKSPACE.workspaceId);
		expect(request.body).toEqual({ uid: 'ann@example.com', campaign_ids: ['c1', 'c2'], platforms: ['ANDROID', 'IOS'] });
	});

	test('no platforms chosen: the field is left out so MoEngage deletes on all of them', async () => {
		const { items } = await runMoEngage(baseUrl(), deleteCards({ identifyBy: 'unique_id', userValue: 'device-ann' }), [{}]);
		expect(standIn.requests[0].body).toEqual({ unique_id: 'device-ann', campaign_ids: ['c1'] });
		expect(Object.keys(items[0].json).sort()).toEqual(['android', 'campaign_ids', 'ios', 'request_id', 'unique_id', 'web']);
	});

	test('campaign IDs and platforms from expressions (lists, lower case)', async () => {
		await runMoEngage(baseUrl(), deleteCards({ campaignIds: '={{ $json.campaigns }}', platforms: '={{ ["web"] }}' }), [
			{ email: 'bob@example.com', campaigns: ['c9', 'c10'] },
		]);
		expect(standIn.requests[0].body).toEqual({ uid: 'bob@example.com', campaign_ids: ['c9', 'c10'], platforms: ['WEB'] });
	});

	test('an empty Cards key falls back to the Data key', async () => {
		await runMoEngage(baseUrl(), deleteCards(), [{ email: 'ann@example.com' }], { credentials: { cardsApiKey: '' } });
		expect(standIn.requests[0].headers.authorization).toBe(basicAuth(WORKSPACE.dataApiKey));
		expect(standIn.requests[0].status).toBe(401);
	});

	test('`status: false` is an item error carrying MoEngage\'s error text and request_id', async () => {
		const { items } = await runMoEngage(baseUrl(), deleteCards(), [{ email: 'nobody@example.com' }, { email: 'ann@example.com' }], {
			continueOnFail: true,
		});
		expect(items[0].json.error).toBe('MoEngage rejected item 0 (uid "nobody@example.com"): User not found for this uid/ unique_id');
		expect(items[0].json.description).toMatch(/^HTTP 400 · request_id \w+ · 1 attempt · sent with the Campaign API Key$/);
		expect(items[1].json.uid).toBe('ann@example.com');
		expect(pairedItems(items)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	test.each([
		[{ campaignIds: '={{ $json.noSuchField }}' }, 'The "Campaign IDs" field of item 0 is empty'],
		[{ campaignIds: ' , ,' }, 'The "Campaign IDs" field of item 0 is empty'],
		[{ campaignIds: '={{ { id: 1 } }}' }, 'The "Campaign IDs" field of item 0 must be a list or comma-separated text, but it is an object'],
		[{ platforms: '={{ ["ANDROID", "BLACKBERRY"] }}' }, 'The "Platforms" field of item 0 has an unknown platform "BLACKBERRY"'],
		[{ userValue: '={{ "  " }}' }, 'The "User ID" field of item 0 is empty'],
		[{ userValue: '={{ true }}' }, 'The "User ID" field of item 0 must be text, but it is a boolean'],
		[{ identifyBy: '={{ "email" }}' }, 'The "Identify User By" field of item 0 has an unknown value "email"'],
	])('bad input %j is rejected before any request', async (parameters, message) => {
		const { error } = await runMoEngage(baseUrl(), deleteCards(parameters), [{ email: 'ann@example.com' }]);
		expect(error?.message).toBe(message);
		expect(error?.context?.itemIndex).toBe(0);
		expect(standIn.requests).toHaveLength(0);
	});

	describe('version 1.2: Campaigns is a picker', () => {
		const picked = (value: unknown, mode = 'id') => deleteCards({ campaignIds: undefined, campaigns: { __rl: true, mode, value } });

		test('a campaign picked from the list', async () => {
			const { items, error } = await runMoEngage(baseUrl(), picked('c1', 'list'), [{ email: 'ann@example.com' }], { typeVersion: 1.2 });
			expect(error).toBeUndefined();
			expect(standIn.requests[0].body).toEqual({ uid: 'ann@example.com', campaign_ids: ['c1'] });
			expect(items[0].json.android).toEqual({ success: ['c1'], failed: [], invalid: [] });
		});

		test("By ID takes Get Cards' campaign_ids as they are (a list), or IDs separated by commas", async () => {
			await runMoEngage(baseUrl(), picked('={{ $json.campaign_ids }}'), [{ email: 'ann@example.com', campaign_ids: ['c1', 'c2'] }], { typeVersion: 1.2 });
			await runMoEngage(baseUrl(), picked('c9, c10'), [{ email: 'bob@example.com' }], { typeVersion: 1.2 });
			expect(standIn.requests.map((request) => request.body)).toEqual([
				{ uid: 'ann@example.com', campaign_ids: ['c1', 'c2'] },
				{ uid: 'bob@example.com', campaign_ids: ['c9', 'c10'] },
			]);
		});

		test('no campaign is refused before any request, naming the field', async () => {
			const { error } = await runMoEngage(baseUrl(), picked('={{ $json.none }}'), [{ email: 'ann@example.com' }], { typeVersion: 1.2 });
			expect(error?.message).toBe('The "Campaigns" field of item 0 is empty');
			expect(standIn.requests).toHaveLength(0);
		});

		test("By URL takes the campaign ID out of the campaign's address in MoEngage's dashboard", async () => {
			const id = '66e933029ff25f3322d8279d';
			for (const url of [
				`https://dashboard-01.moengage.com/v4/#/email/${id}/info`,
				`https://dashboard-101.moengage.com/v4/#/campaigns/push/${id}?tab=analytics`,
				`https://dashboard-02.moengage.com/v4/#/sms/${id}`,
			]) {
				const { error } = await runMoEngage(baseUrl(), picked(url, 'url'), [{ email: 'ann@example.com' }], { typeVersion: 1.4 });
				expect(error).toBeUndefined();
			}
			expect(standIn.requests.map((request) => (request.body as { campaign_ids: string[] }).campaign_ids)).toEqual([[id], [id], [id]]);
		});

		test.each([
			['another host', 'https://example.com/v4/#/email/66e933029ff25f3322d8279d/info'],
			['no campaign ID', 'https://dashboard-01.moengage.com/v4/#/campaigns/all'],
			['an ID too short', 'https://dashboard-01.moengage.com/v4/#/email/66e933029ff25f3322d8279/info'],
		])('By URL with %s: typed, n8n refuses to run the node; from an expression, refused before any request, naming the field', async (_case, url) => {
			await expect(runMoEngage(baseUrl(), picked(url, 'url'), [{ email: 'ann@example.com' }], { typeVersion: 1.4 })).rejects.toThrow('The workflow has issues');
			const { error } = await runMoEngage(baseUrl(), picked('={{ $json.url }}', 'url'), [{ email: 'ann@example.com', url }], { typeVersion: 1.4 });
			expect(error?.message).toBe("The \"Campaigns\" field of item 0 is not a campaign's address in MoEngage's dashboard");
			expect(standIn.requests).toHaveLength(0);
		});

		test('versions 1 and 1.1 keep reading their Campaign IDs text', async () => {
			for (const typeVersion of [1, 1.1]) {
				await runMoEngage(baseUrl(), deleteCards({ campaignIds: 'c2' }), [{ email: 'ann@example.com' }], { typeVersion });
			}
			expect(standIn.requests.map((request) => (request.body as { campaign_ids: string[] }).campaign_ids)).toEqual([['c2'], ['c2']]);
		});
	});
});
