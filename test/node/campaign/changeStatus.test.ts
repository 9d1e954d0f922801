import { pairedItems, runMoEngage, useStandIn, WORKSPACE } from '../../harness/fixtures';
import { getCampaign, pauseCampaign } from '../../harness/operations';

const { standIn, baseUrl } = useStandIn();

/** Seeded: "Weekly Newsletter", a running periodic email campaign; c1, a running one-time campaign. */
const NEWSLETTER = '66e933000000000000000003';
const statusOf = (id: string) => standIn.campaignsApi.campaigns.find((campaign) => campaign.campaign_id === id)?.status;

describe('Campaign → Change Status', () => {
	test('pauses a campaign, then resumes it: one request each, with the Campaign key and MOE-APPKEY; MoEngage answers no content', async () => {
		const paused = await runMoEngage(baseUrl(), pauseCampaign(), [{ campaign: NEWSLETTER }]);
		expect(paused.error).toBeUndefined();
		expect(paused.items[0].json).toMatchObject({ status: 'paused', action: 'PAUSE', campaign_ids: [NEWSLETTER] });
		expect(statusOf(NEWSLETTER)).toBe('Paused');
		const resumed = await runMoEngage(baseUrl(), pauseCampaign(), [{ campaign: NEWSLETTER, action: 'RESUME' }]);
		expect(resumed.items[0].json.status).toBe('resumed');
		expect(statusOf(NEWSLETTER)).toBe('Active');
		const requests = standIn.requestsTo('changeCampaignStatus');
		expect(requests.map((request) => [request.method, request.path, request.status, request.headers['moe-appkey']])).toEqual([
			['POST', '/core-services/v1/campaigns/status', 200, WORKSPACE.workspaceId],
			['POST', '/core-services/v1/campaigns/status', 200, WORKSPACE.workspaceId],
		]);
		expect(requests[0].body).toEqual({ request_id: expect.stringMatching(/^n8n-/), action: 'PAUSE', campaign_ids: [NEWSLETTER] });
		expect(standIn.observed.statusChanges.map((change) => change.action)).toEqual(['PAUSE', 'RESUME']);
	});

	test("a campaign MoEngage cannot pause (a one-time campaign, an unknown ID) fails its item with MoEngage's reason; the others go on", async () => {
		const { items } = await runMoEngage(baseUrl(), pauseCampaign(), [{ campaign: 'c1' }, { campaign: 'nope' }, { campaign: NEWSLETTER }], { continueOnFail: true });
		expect(items[0].json.error).toEqual(expect.stringContaining('only a running periodic or event-triggered campaign can be paused'));
		expect(items[1].json.error).toEqual(expect.stringContaining('not found'));
		expect(items[2].json.status).toBe('paused');
		expect(pairedItems(items)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});

	test('more than 10 campaigns in one item, an unknown action: refused before anything is sent', async () => {
		const eleven = Array.from({ length: 11 }, (_, i) => `x${i}`).join(',');
		const { items } = await runMoEngage(baseUrl(), pauseCampaign(), [{ campaign: eleven }, { campaign: NEWSLETTER, action: 'DELETE' }], { continueOnFail: true });
		expect(items[0].json.error).toEqual(expect.stringContaining('11 campaigns'));
		expect(items[1].json.error).toEqual(expect.stringContaining('Action'));
		expect(standIn.requestsTo('changeCampaignStatus')).toHaveLength(0);
	});
});

describe('Campaign → Get', () => {
	test("one campaign's details by ID, archived and child campaigns included; an unknown ID fails its item", async () => {
		const { items } = await runMoEngage(baseUrl(), getCampaign(), [{ campaign: NEWSLETTER }, { campaign: 'nope' }], { continueOnFail: true });
		expect(items[0].json).toMatchObject({ campaign_id: NEWSLETTER, status: 'Active', channel: 'EMAIL', campaign_delivery_type: 'PERIODIC', basic_details: { name: 'Weekly Newsletter' } });
		expect(items[1].json.error).toBe('MoEngage has no campaign with ID "nope" (item 1)');
		expect(standIn.requestsTo('searchCampaigns')[0].body).toMatchObject({ campaign_fields: { id: NEWSLETTER }, include_child_campaigns: true, include_archive_campaigns: true, limit: 1, page: 1 });
	});

	test('Simplify (version 1.4, on by default): the ten fields of Campaign → Search; version 1.3 and Simplify off: the campaign as MoEngage lists it', async () => {
		const simplified = await runMoEngage(baseUrl(), getCampaign(), [{ campaign: NEWSLETTER }], { typeVersion: 1.4 });
		expect(simplified.items[0].json).toEqual({
			campaign_id: NEWSLETTER,
			name: 'Weekly Newsletter',
			channel: 'EMAIL',
			status: 'Active',
			campaign_delivery_type: 'PERIODIC',
			tags: ['newsletter'],
			created_by: 'john.doe@example.com',
			created_at: expect.any(String),
		});
		for (const [typeVersion, options] of [[1.3, {}], [1.4, { simplify: false }]] as const) {
			const { items } = await runMoEngage(baseUrl(), { ...getCampaign(), ...options }, [{ campaign: NEWSLETTER }], { typeVersion });
			expect(items[0].json).toMatchObject({ campaign_id: NEWSLETTER, basic_details: { name: 'Weekly Newsletter' } });
			expect(items[0].json.name).toBeUndefined();
		}
	});
});
