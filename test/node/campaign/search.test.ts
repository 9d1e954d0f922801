/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- runs on a developer's machine or in CI, never inside n8n */
import { seededCampaigns } from '../../standin/model/campaigns';
import { join } from 'node:path';

import { SEARCH_CAMPAIGNS_MAX_PAGES } from '../../../nodes/MoEngage/helpers/campaignSearch';
import { setNodeClock, VirtualClock } from '../../harness/clock';
import { pairedItems, runMoEngage, runWorkflowFile, useStandIn, WORKSPACE } from '../../harness/fixtures';
import { searchCampaigns } from '../../harness/operations';

const { standIn, baseUrl } = useStandIn();

const basicAuth = (key: string) => `Basic ${Buffer.from(`${WORKSPACE.workspaceId}:${key}`).toString('base64')}`;

/** What Search lists by default: no archived campaigns, no periodic runs, in the stand-in's (newest first) order. */
const listed = seededCampaigns().filter((campaign) => campaign.status !== 'Archived' && campaign.parent_campaign_id === undefined);

const search = (parameters: Record<string, unknown> = {}) => ({ resource: 'campaign', operation: 'search', ...parameters });

afterEach(() => setNodeClock());

/** A campaign as Search Campaigns lists it. */
const campaign = (id: string) => ({ campaign_id: id, channel: 'EMAIL', status: 'ACTIVE', basic_details: { name: `Campaign ${id}`, tags: [] } });
const campaigns = (prefix: string, count: number, from = 0) => Array.from({ length: count }, (_, i) => campaign(`${prefix}-${from + i}`));
/** MoEngage's answer to one page (`page` is the body's last key). */
const answerPage = (page: number, body: unknown) => ({ api: 'searchCampaigns' as const, kind: 'status' as const, status: 200, bodyIncludes: `"page":${page}}`, body });
const pagesAsked = () => standIn.requestsTo('searchCampaigns').map((request) => (request.body as { page: number }).page);

describe('Campaign → Search', () => {
	test('search.workflow.json: a name and a channel, one campaign found, as MoEngage lists it', async () => {
		const { items, expected, error } = await runWorkflowFile(join(__dirname, 'search.workflow.json'), baseUrl());
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json)).toEqual(expected);
		expect(pairedItems(items)).toEqual([{ item: 0 }]);
		expect((standIn.requests[0].body as { campaign_fields: unknown }).campaign_fields).toEqual({ channels: ['PUSH'], name: 'Spring' });
	});

	test('Return All pages through every campaign, 15 a page, with the Campaign key and MOE-APPKEY; each is paired with the item', async () => {
		const { items, error } = await runMoEngage(baseUrl(), search({ returnAll: true }), [{}]);
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json.campaign_id)).toEqual(listed.map((campaign) => campaign.campaign_id));
		expect(new Set(pairedItems(items).map((paired) => JSON.stringify(paired)))).toEqual(new Set([JSON.stringify({ item: 0 })]));

		const requests = standIn.requestsTo('searchCampaigns');
		expect(requests.map((request) => (request.body as { page: number }).page)).toEqual([1, 2, 3]);
		expect(requests.every((request) => request.status === 200 && (request.body as { limit: number }).limit === 15)).toBe(true);
		expect(requests[0].path).toBe('/core-services/v1/campaigns/search');
		expect(requests[0].headers.authorization).toBe(basicAuth(WORKSPACE.cardsApiKey));
		expect(requests[0].headers['moe-appkey']).toBe(WORKSPACE.workspaceId);
		expect(requests[0].body).toEqual({
			request_id: expect.stringMatching(/-p1$/),
			campaign_fields: {},
			include_child_campaigns: false,
			include_archive_campaigns: false,
			limit: 15,
			page: 1,
		});
	});

	test('Return All stops at a page that brings no campaign it has not seen (a server that repeats a page, or ignores `page`)', async () => {
		setNodeClock(new VirtualClock());
		standIn.addFault({ api: 'searchCampaigns', kind: 'status', status: 200, body: campaigns('cmp', 15) });
		const { items, error } = await runMoEngage(baseUrl(), search({ returnAll: true, filters: {} }), [{}]);
		expect(error).toBeUndefined();
		expect(pagesAsked()).toEqual([1, 2]);
		expect(items.map((item) => item.json.campaign_id)).toEqual(campaigns('cmp', 15).map(({ campaign_id }) => campaign_id));
	});

	test('a page that repeats some campaigns and brings new ones: the search goes on, and each campaign is output once', async () => {
		standIn.addFault(answerPage(1, campaigns('a', 15)));
		standIn.addFault(answerPage(2, [...campaigns('a', 5, 10), ...campaigns('b', 10)]));
		standIn.addFault(answerPage(3, campaigns('c', 3)));
		const { items, error } = await runMoEngage(baseUrl(), search({ returnAll: true }), [{}]);
		expect(error).toBeUndefined();
		expect(pagesAsked()).toEqual([1, 2, 3]);
		expect(items.map((item) => item.json.campaign_id)).toEqual([...campaigns('a', 15), ...campaigns('b', 10), ...campaigns('c', 3)].map(({ campaign_id }) => campaign_id));
	});

	test(`Return All asks for at most ${SEARCH_CAMPAIGNS_MAX_PAGES} pages; a search still finding new campaigns there fails its item, naming what to do`, async () => {
		const clock = new VirtualClock();
		setNodeClock(clock);
		for (let page = 1; page <= SEARCH_CAMPAIGNS_MAX_PAGES + 1; page++) standIn.addFault(answerPage(page, campaigns(`p${page}`, 15)));
		const { items, error } = await runMoEngage(baseUrl(), search({ returnAll: true }), [{}], { continueOnFail: true });
		expect(error).toBeUndefined();
		expect(pagesAsked()).toEqual(Array.from({ length: SEARCH_CAMPAIGNS_MAX_PAGES }, (_, i) => i + 1));
		expect(items.map((item) => [item.pairedItem, item.json.error])).toEqual([
			[{ item: 0 }, `The campaign search of item 0 stopped after ${SEARCH_CAMPAIGNS_MAX_PAGES} pages (6,000 campaigns), and MoEngage still had more`],
		]);
		expect(items[0].json.description).toMatch(/^Narrow the search with Filters .*, or turn off Return All and set a Limit\./);
	});

	test('Limit: as many campaigns as asked for, with no more pages than needed', async () => {
		const { items } = await runMoEngage(baseUrl(), search({ returnAll: false, limit: 20 }), [{}]);
		expect(items.map((item) => item.json.campaign_id)).toEqual(listed.slice(0, 20).map((campaign) => campaign.campaign_id));
		expect(standIn.requestsTo('searchCampaigns').map((request) => (request.body as { page: number }).page)).toEqual([1, 2]);

		standIn.reset();
		await runMoEngage(baseUrl(), search({ returnAll: false, limit: 5 }), [{}]);
		expect(standIn.requestsTo('searchCampaigns').map((request) => request.body)).toEqual([expect.objectContaining({ limit: 5, page: 1 })]);
	});

	test('filters by channel, status, name and tags reach MoEngage as campaign_fields; each item runs its own search', async () => {
		const { items } = await runMoEngage(
			baseUrl(),
			search({
				returnAll: true,
				filters: { channels: '={{ $json.channel }}', status: ['ACTIVE'], name: 'campaign', tags: 'sale', includeArchivedCampaigns: true },
			}),
			[{ channel: 'PUSH' }, { channel: ['EMAIL', 'SMS'] }],
		);
		const bodies = standIn.requestsTo('searchCampaigns').map((request) => request.body as { campaign_fields: unknown });
		expect(bodies.map((body) => body.campaign_fields)).toEqual(
			expect.arrayContaining([
				{ channels: ['PUSH'], status: ['ACTIVE'], name: 'campaign', tags: ['sale'] },
				{ channels: ['EMAIL', 'SMS'], status: ['ACTIVE'], name: 'campaign', tags: ['sale'] },
			]),
		);
		expect(items.length).toBeGreaterThan(0);
		for (const item of items) {
			expect(item.json.status).toBe('Active');
			const paired = (item.pairedItem as { item: number }).item;
			expect(paired === 0 ? ['PUSH'] : ['EMAIL', 'SMS']).toContain(item.json.channel);
		}
	});

	test('Include Child Campaigns lists the periodic runs too', async () => {
		const { items } = await runMoEngage(baseUrl(), search({ returnAll: true, filters: { includeChildCampaigns: true, name: 'Weekly Newsletter' } }), [{}]);
		expect(items.map((item) => (item.json.basic_details as { name: string }).name)).toEqual(['Weekly Newsletter', 'Weekly Newsletter run 1', 'Weekly Newsletter run 2']);
	});

	test('a search that finds nothing gives no items for that input item, and the others still run', async () => {
		const { items, error } = await runMoEngage(baseUrl(), search({ returnAll: true, filters: { name: '={{ $json.name }}' } }), [{ name: 'no such campaign' }, { name: 'Spring Sale' }]);
		expect(error).toBeUndefined();
		expect(items.map((item) => [item.json.campaign_id, item.pairedItem])).toEqual([['c1', { item: 1 }]]);
	});

	test("MoEngage's error envelope becomes an item error naming the search", async () => {
		const { items } = await runMoEngage(baseUrl(), searchCampaigns(), [{ name: 'Spring Sale' }], { continueOnFail: true, credentials: { cardsApiKey: 'wrong' } });
		expect(items).toHaveLength(1);
		expect(items[0].json.error).toBe('MoEngage rejected item 0 (campaign search): Authentication required');
		expect(items[0].json.description).toBe(
			"HTTP 401 · attribute APP_SECRET_KEY · code 401 Authentication error · 1 attempt · sent with the Campaign API Key · Check the credential's Workspace ID and Campaign API Key",
		);
	});

	test.each([
		[{ returnAll: false, limit: 0 }, 'The "Limit" field of item 0 must be a whole number of 1 or more'],
		[{ returnAll: true, filters: { channels: '={{ "FAX" }}' } }, 'The "Channels" field of item 0 has an unknown value "FAX"'],
		[{ returnAll: true, filters: { status: '={{ ["LIVE"] }}' } }, 'The "Status" field of item 0 has an unknown value "LIVE"'],
		[{ returnAll: true, filters: { name: '={{ { a: 1 } }}' } }, 'The "Name" field of item 0 must be text, but it is an object'],
	])('bad input %j is rejected before any request', async (parameters, message) => {
		const { error } = await runMoEngage(baseUrl(), search(parameters), [{}]);
		expect(error?.message).toBe(message);
		expect(standIn.requests).toHaveLength(0);
	});

	describe('Simplify', () => {
		const weekly = { campaign_id: listed[3].campaign_id, name: 'Weekly Newsletter', channel: 'EMAIL', status: 'Active', campaign_delivery_type: 'PERIODIC', tags: ['newsletter'], created_by: 'john.doe@example.com', created_at: listed[3].created_at };

		test('version 1.4: on by default, ten fields a campaign at most, name and tags out of basic_details', async () => {
			const { items, error } = await runMoEngage(baseUrl(), search({ filters: { name: 'Weekly Newsletter' } }), [{}], { typeVersion: 1.4 });
			expect(error).toBeUndefined();
			expect(items.map((item) => item.json)).toEqual([weekly]);
		});

		test('version 1.4 with Simplify off, and version 1.3 (saved workflows): the campaign as MoEngage lists it', async () => {
			const full = { ...weekly, basic_details: { name: 'Weekly Newsletter', tags: ['newsletter'] } } as Record<string, unknown>;
			delete full.name;
			delete full.tags;
			for (const [typeVersion, parameters] of [[1.4, { simplify: false }], [1.3, {}]] as const) {
				const { items, error } = await runMoEngage(baseUrl(), search({ filters: { name: 'Weekly Newsletter' }, ...parameters }), [{}], { typeVersion });
				expect(error).toBeUndefined();
				expect(items.map((item) => item.json)).toEqual([full]);
			}
		});

		test('periodic runs keep their parent campaign', async () => {
			const { items } = await runMoEngage(baseUrl(), search({ filters: { name: 'Weekly Newsletter run', includeChildCampaigns: true } }), [{}], { typeVersion: 1.4 });
			expect(items.map((item) => item.json.parent_campaign_id)).toEqual([listed[3].campaign_id, listed[3].campaign_id]);
			expect(items.every((item) => Object.keys(item.json).length <= 10)).toBe(true);
		});
	});
});
