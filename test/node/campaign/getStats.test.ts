/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- runs on a developer's machine or in CI, never inside n8n */
import { join } from 'node:path';

import { MAX_RANGE_DAYS } from '../../../nodes/MoEngage/actions/campaign/getStats.operation';
import { MoEngage } from '../../../nodes/MoEngage/MoEngage.node';
import { setNodeClock } from '../../harness/clock';
import { pairedItems, runMoEngage, runWorkflowFile, useStandIn } from '../../harness/fixtures';
import { seededCampaigns } from '../../standin/model/campaigns';

const { standIn, baseUrl } = useStandIn();

afterEach(() => setNodeClock());

const ids = seededCampaigns().map((campaign) => campaign.campaign_id);

const getStats = (parameters: Record<string, unknown> = {}) => ({
	resource: 'campaign',
	operation: 'getStats',
	campaigns: { __rl: true, mode: 'id', value: '={{ $json.campaigns }}' },
	period: 'custom',
	startDate: '2024-06-01',
	endDate: '2024-06-07T00:00:00',
	...parameters,
});

type StatsBody = { campaign_ids: string[]; start_date: string; end_date: string };
const bodies = () => standIn.requestsTo('campaignStats').map((request) => request.body as StatsBody);

describe('Campaign → Get Stats', () => {
	test('getStats.workflow.json: a campaign picked from the list, a week, one flat row', async () => {
		const { items, expected, error } = await runWorkflowFile(join(__dirname, 'getStats.workflow.json'), baseUrl());
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json)).toEqual(expected);
		expect(pairedItems(items)).toEqual([{ item: 0 }]);
	});

	test("the items' campaigns go 10 to a request (12 campaigns of two items: 2 requests); rows are flat and paired with the item that asked", async () => {
		const first = ids.slice(0, 10);
		const second = [ids[9], ids[10], ids[11]];
		const { items, error } = await runMoEngage(baseUrl(), getStats(), [{ campaigns: first }, { campaigns: second.join(', ') }]);
		expect(error).toBeUndefined();

		const sent = bodies();
		expect(sent).toHaveLength(2);
		expect(new Set(sent.map((body) => body.campaign_ids.join()))).toEqual(new Set([first.join(), [ids[10], ids[11]].join()]));
		expect(standIn.requestsTo('campaignStats')[0].body).toEqual(
			expect.objectContaining({ start_date: '2024-06-01', end_date: '2024-06-07', attribution_type: 'VIEW_THROUGH', metric_type: 'TOTAL', request_id: expect.any(String) }),
		);
		expect(standIn.requestsTo('campaignStats').every((request) => request.status === 200)).toBe(true);

		// c1 is a push campaign: a row for Android and one for iOS, its totals over all locales and variations.
		const c1 = items.filter((item) => item.json.campaign_id === 'c1');
		expect(c1.map((item) => item.json)).toEqual([
			expect.objectContaining({ campaign_id: 'c1', platform: 'android', start_date: '2024-06-01', end_date: '2024-06-07', sent: 700, impression: 560, click: 56, ctr: 10, conversions: 14 }),
			expect.objectContaining({ campaign_id: 'c1', platform: 'ios', sent: 700 }),
		]);
		// Each item gets the rows of its own campaigns, in its order, ids[9] for both.
		const campaignsOf = (item: number) => [...new Set(items.filter((row) => (row.pairedItem as { item: number }).item === item).map((row) => row.json.campaign_id))];
		expect(campaignsOf(0)).toEqual(first);
		expect(campaignsOf(1)).toEqual(second);
		expect(pairedItems(items).every((paired) => [0, 1].includes((paired as { item: number }).item))).toBe(true);
	});

	test('Last 90 Days is asked for in three parts of at most 30 days; each part is a row', async () => {
		setNodeClock({ now: () => Date.UTC(2024, 5, 30, 15), sleep: async () => {} });
		const { items, error } = await runMoEngage(baseUrl(), getStats({ period: 'last90Days' }), [{ campaigns: 'c9' }]);
		expect(error).toBeUndefined();
		const ranges = bodies().map(({ start_date, end_date }) => `${start_date}..${end_date}`);
		expect(new Set(ranges)).toEqual(new Set(['2024-04-02..2024-05-01', '2024-05-02..2024-05-31', '2024-06-01..2024-06-30']));
		// c9 is an SMS campaign (one platform): one row per part, in date order.
		expect(items.map((item) => [item.json.start_date, item.json.end_date, item.json.sent])).toEqual([
			['2024-04-02', '2024-05-01', 50 * 3 * 30 * 2],
			['2024-05-02', '2024-05-31', 50 * 3 * 30 * 2],
			['2024-06-01', '2024-06-30', 50 * 3 * 30 * 2],
		]);
	});

	test("Simplify off: MoEngage's full answer per campaign and period; Unique and another attribution reach MoEngage", async () => {
		const { items } = await runMoEngage(baseUrl(), getStats({ simplify: false, metricType: 'UNIQUE', attributionType: 'CLICK_THROUGH' }), [{ campaigns: ['c2'] }]);
		expect(bodies()[0]).toEqual(expect.objectContaining({ metric_type: 'UNIQUE', attribution_type: 'CLICK_THROUGH' }));
		expect(items).toHaveLength(1);
		expect(items[0].json).toEqual({
			campaign_id: 'c2',
			start_date: '2024-06-01',
			end_date: '2024-06-07',
			attribution_type: 'CLICK_THROUGH',
			metric_type: 'UNIQUE',
			stats: [{ platforms: { web: expect.objectContaining({ locales: expect.any(Object) }) } }],
		});
	});

	test('a campaign MoEngage has no stats for is a row with found: false', async () => {
		const { items } = await runMoEngage(baseUrl(), getStats(), [{ campaigns: 'no-such-campaign' }]);
		expect(items.map((item) => item.json)).toEqual([
			{ campaign_id: 'no-such-campaign', start_date: '2024-06-01', end_date: '2024-06-07', attribution_type: 'VIEW_THROUGH', metric_type: 'TOTAL', found: false },
		]);
	});

	test("a failed request fails only the items whose campaigns it carried, with MoEngage's message", async () => {
		standIn.addFault({ api: 'campaignStats', times: 1, kind: 'status', status: 400, body: { title: 'Invalid Field Value', description: 'campaign_ids - Some of the field values are invalid', code: 'wUcwPRZF' } });
		const { items } = await runMoEngage(baseUrl(), getStats({ advanced: { concurrency: 1 } }), [{ campaigns: ids.slice(0, 10) }, { campaigns: ids[10] }], {
			continueOnFail: true,
		});
		const failed = items.filter((item) => item.json.error !== undefined);
		expect(failed.map((item) => [item.pairedItem, item.json.error])).toEqual([
			[{ item: 0 }, `MoEngage rejected item 0 (campaigns ${ids.slice(0, 10).join(', ')}, 2024-06-01 to 2024-06-07): Invalid Field Value: campaign_ids - Some of the field values are invalid`],
		]);
		expect(items.filter((item) => item.json.error === undefined).every((item) => (item.pairedItem as { item: number }).item === 1)).toBe(true);
		expect(items.some((item) => item.json.campaign_id === ids[10])).toBe(true);
	});

	describe('bounded ranges, refused before anything is sent', () => {
		// Today is 2024-06-30 (UTC, 15:00): already 2024-07-01 in UTC+14, the furthest zone ahead.
		beforeEach(() => setNodeClock({ now: () => Date.UTC(2024, 5, 30, 15), sleep: async () => {} }));

		test('a range of decades (1924 for 2024): refused naming the Start Date, with what it would cost', async () => {
			const { items, error } = await runMoEngage(baseUrl(), getStats({ startDate: '1924-06-01', endDate: '2024-06-07' }), [{ campaigns: 'c1' }, { campaigns: 'c2' }], { continueOnFail: true });
			expect(error).toBeUndefined();
			expect(standIn.requests).toHaveLength(0);
			expect(items.map((item) => item.json.error)).toEqual([0, 1].map((item) => `The "Start Date" field of item ${item} (1924-06-01) starts a range of 36,532 days, more than the ${MAX_RANGE_DAYS} the node asks MoEngage for at once`));
			expect(items[0].json.description).toBe(
				`The range would cost 1,218 requests per 10 campaigns (one per 30 days), 13 minutes of the 100 Campaign Stats requests a minute MoEngage allows the whole workspace. Check the dates, or split the period over several items of up to ${MAX_RANGE_DAYS} days each.`,
			);
		});

		test('an end date in the future (2204 for 2024): refused naming the End Date', async () => {
			const { error } = await runMoEngage(baseUrl(), getStats({ startDate: '2024-06-01', endDate: '2204-06-07' }), [{ campaigns: 'c1' }]);
			expect(error?.message).toBe('The "End Date" field of item 0 (2204-06-07) is in the future');
			expect(error?.description).toBe('MoEngage has no stats for days that have not begun: end the range today at the latest, or choose a Last … period');
			expect(standIn.requests).toHaveLength(0);
		});

		test('the day after today everywhere on Earth is in the future', async () => {
			const { error } = await runMoEngage(baseUrl(), getStats({ startDate: '2024-06-25', endDate: '2024-07-02' }), [{ campaigns: 'c1' }]);
			expect(error?.message).toBe('The "End Date" field of item 0 (2024-07-02) is in the future');
			expect(standIn.requests).toHaveLength(0);
		});

		test(`not refused: a range of exactly ${MAX_RANGE_DAYS} days ending today (13 requests), and today in the furthest zone ahead`, async () => {
			const { error } = await runMoEngage(baseUrl(), getStats({ startDate: '2023-07-01', endDate: '2024-06-30' }), [{ campaigns: 'c9' }]);
			expect(error).toBeUndefined();
			expect(standIn.requestsTo('campaignStats')).toHaveLength(13);
			standIn.reset();
			const ahead = await runMoEngage(baseUrl(), getStats({ startDate: '2024-06-25', endDate: '2024-07-01' }), [{ campaigns: 'c9' }]);
			expect(ahead.error).toBeUndefined();
			expect(standIn.requestsTo('campaignStats')).toHaveLength(1);
		});

		test(`one day more than ${MAX_RANGE_DAYS} is refused; the item next to it is not`, async () => {
			const input = [{ campaigns: 'c9', start: '2023-06-30' }, { campaigns: 'c9', start: '2023-07-01' }];
			const { items } = await runMoEngage(baseUrl(), getStats({ startDate: '={{ $json.start }}', endDate: '2024-06-30' }), input, { continueOnFail: true });
			expect(String(items[0].json.error)).toBe(`The "Start Date" field of item 0 (2023-06-30) starts a range of 367 days, more than the ${MAX_RANGE_DAYS} the node asks MoEngage for at once`);
			expect(items.slice(1).every((item) => item.json.error === undefined && (item.pairedItem as { item: number }).item === 1)).toBe(true);
			expect(standIn.requestsTo('campaignStats')).toHaveLength(13);
		});

		test("the Period's hint says what a range costs", () => {
			const period = new MoEngage().description.properties.find((property) => property.name === 'period' && property.displayOptions?.show?.operation?.includes('getStats'));
			expect(period?.hint).toContain(`Each part costs one request per 10 campaigns, of the 100 a minute MoEngage allows the workspace (90 days: 3; a custom range of up to ${MAX_RANGE_DAYS} days: 13)`);
		});
	});

	test.each([
		[{ campaigns: { __rl: true, mode: 'id', value: '={{ $json.none }}' } }, 'The "Campaigns" field of item 0 is empty'],
		[{ endDate: '2024-05-31' }, 'The "End Date" field of item 0 (2024-05-31) is before the Start Date (2024-06-01)'],
		[{ startDate: '2024-02-30' }, 'The "Start Date" field of item 0 is not a date: "2024-02-30"'],
		[{ startDate: '={{ "" }}' }, 'The "Start Date" field of item 0 is empty'],
		[{ attributionType: '={{ "LAST_CLICK" }}' }, 'The "Attribution" field of item 0 has an unknown value "LAST_CLICK"'],
	])('bad input %j is rejected before any request', async (parameters, message) => {
		const { error } = await runMoEngage(baseUrl(), getStats(parameters), [{ campaigns: 'c1' }]);
		expect(error?.message).toBe(message);
		expect(standIn.requests).toHaveLength(0);
	});
});
