/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- runs on a developer's machine or in CI, never inside n8n */
import { join } from 'node:path';

import { ANN, BOB, pairedItems, runMoEngage, runWorkflowFile, useStandIn, WORKSPACE } from '../../harness/fixtures';

const { standIn, baseUrl } = useStandIn({ users: [{ ...ANN, cardCategories: { c2: 'Announcements' } }, BOB] });

const getCards = (parameters: Record<string, unknown> = {}) => ({
	resource: 'card',
	operation: 'get',
	identifyBy: 'uid',
	userValue: '={{ $json.email }}',
	...parameters,
});

const cardIds = (json: Record<string, unknown>) => (json.cards as Array<{ id: string }>).map(({ id }) => id);

describe('Card → Get', () => {
	test('get.workflow.json: POST /v1/cards/fetch with the Cards key and MOE-APPKEY; one item holds the user\'s cards', async () => {
		const { items, expected, error } = await runWorkflowFile(join(__dirname, 'get.workflow.json'), baseUrl());
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json)).toEqual(expected.map((json) => ({ ...json, request_id: expect.any(String) })));
		expect(pairedItems(items)).toEqual([{ item: 0 }]);

		const [request] = standIn.requests;
		expect([request.method, request.path, request.query]).toEqual(['POST', '/v1/cards/fetch', {}]);
		expect(request.headers.authorization).toBe(`Basic ${Buffer.from(`${WORKSPACE.workspaceId}:${WORKSPACE.cardsApiKey}`).toString('base64')}`);
		expect(request.headers['moe-appkey']).toBe(WORKSPACE.workspaceId);
		expect(request.body).toEqual({ uid: 'ann@example.com', platforms: ['IOS'] });
	});

	test('by device ID, all platforms, with category and limit', async () => {
		const { items } = await runMoEngage(baseUrl(), getCards({ identifyBy: 'unique_id', userValue: 'device-ann', options: { category: 'Announcements', limit: 5 } }), [{}]);
		const [request] = standIn.requests;
		expect(request.body).toEqual({ unique_id: 'device-ann', card_category: 'Announcements' });
		expect(request.query).toEqual({ page: '1', limit: '5' });
		expect(items[0].json.unique_id).toBe('device-ann');
		expect(cardIds(items[0].json)).toEqual(['c2_F_T_CA_AB_0_P_0_L_0_android']);
	});

	test('each input item gets its own user\'s cards; an unknown user is an error item (Continue On Fail)', async () => {
		const { items } = await runMoEngage(baseUrl(), getCards(), [{ email: 'bob@example.com' }, { email: 'nobody@example.com' }, { email: 'ann@example.com' }], {
			continueOnFail: true,
		});
		expect(cardIds(items[0].json)).toEqual(['c9_F_T_CA_AB_0_P_0_L_0_web']);
		expect(items[1].json.error).toBe('MoEngage rejected item 1 (uid "nobody@example.com"): User not found for this uid/ unique_id');
		expect(cardIds(items[2].json)).toHaveLength(3);
		expect(pairedItems(items)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});

	test.each([
		[{ userValue: '={{ "" }}' }, 'The "User ID" field of item 0 is empty'],
		[{ platforms: '={{ ["TV"] }}' }, 'The "Platforms" field of item 0 has an unknown platform "TV"'],
		[{ options: { limit: 2.5 } }, 'The "Limit" field of item 0 must be a whole number of 1 or more'],
		[{ options: { category: '={{ [1] }}' } }, 'The "Category" field of item 0 must be text, but it is a list'],
	])('bad input %j is rejected before any request', async (parameters, message) => {
		const { error } = await runMoEngage(baseUrl(), getCards(parameters), [{ email: 'ann@example.com' }]);
		expect(error?.message).toBe(message);
		expect(standIn.requests).toHaveLength(0);
	});

	describe('Simplify', () => {
		test('version 1.4: ten fields per card, the campaign, click and expiry lifted out of their objects', async () => {
			const { items, error } = await runMoEngage(baseUrl(), getCards({ platforms: ['IOS'] }), [{ email: 'ann@example.com' }], { typeVersion: 1.4 });
			expect(error).toBeUndefined();
			const [card] = items[0].json.cards as Array<Record<string, unknown>>;
			expect(card).toEqual({
				id: 'c1_F_T_CA_AB_0_P_0_L_0_ios',
				platform: 'ios',
				category: 'General',
				campaign_id: 'c1',
				campaign_name: 'Campaign c1',
				delivery_type: 'One Time',
				created_at: 1695987441,
				updated_at: 1695987441,
				is_clicked: false,
				expire_at: 0,
			});
			expect(items[0].json.campaign_ids).toEqual(['c1']);
		});

		test('version 1.4 with Simplify off, and version 1.3: the cards as MoEngage answers them', async () => {
			for (const [typeVersion, parameters] of [[1.4, { simplify: false }], [1.3, {}]] as const) {
				const { items, error } = await runMoEngage(baseUrl(), getCards({ platforms: ['IOS'], ...parameters }), [{ email: 'ann@example.com' }], { typeVersion });
				expect(error).toBeUndefined();
				expect((items[0].json.cards as Array<Record<string, unknown>>)[0]).toMatchObject({ template_data: expect.any(Object), meta_data: { cid: 'c1_card' } });
			}
		});
	});
});
