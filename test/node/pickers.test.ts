import { listSearch, loadOptions } from '../harness/loadOptions';
import { credentialsFor, useStandIn } from '../harness/fixtures';
import { seededCampaigns } from '../standin/model/campaigns';

const { standIn, baseUrl } = useStandIn();

const listed = seededCampaigns().filter((campaign) => campaign.status !== 'Archived' && campaign.parent_campaign_id === undefined);

describe("the editor's lists, from MoEngage", () => {
	test("the campaign picker pages through MoEngage's campaigns, 15 at a time, until a short page", async () => {
		const credentials = credentialsFor(baseUrl());
		const pages = [];
		let token: string | undefined;
		do {
			const page = await listSearch(credentials, 'searchCampaigns', { resource: 'campaign', operation: 'getStats' }, undefined, token);
			pages.push(page.results);
			token = page.paginationToken as string | undefined;
		} while (token !== undefined);
		expect(pages.map((page) => page.length)).toEqual([15, 15, listed.length - 30]);
		expect(pages.flat().map((result) => result.value)).toEqual(listed.map((campaign) => campaign.campaign_id));
		expect(pages[0][0]).toEqual({ name: 'Spring Sale · PUSH · Active', value: 'c1' });
		expect(standIn.requestsTo('searchCampaigns').map((request) => (request.body as { page: number }).page)).toEqual([1, 2, 3]);
	});

	test('typing in the picker searches by name', async () => {
		const { results, paginationToken } = await listSearch(credentialsFor(baseUrl()), 'searchCampaigns', {}, 'newsletter');
		expect(results).toEqual([{ name: 'Weekly Newsletter · EMAIL · Active', value: listed[3].campaign_id }]);
		expect(paginationToken).toBeUndefined();
		expect((standIn.requestsTo('searchCampaigns')[0].body as { campaign_fields: unknown }).campaign_fields).toEqual({ name: 'newsletter' });
	});

	test("a refused key is the picker's error, with MoEngage's message and no key in it", async () => {
		const credentials = credentialsFor(baseUrl(), { cardsApiKey: 'wrong-key-123' });
		const error = await listSearch(credentials, 'searchCampaigns', {}).catch((thrown: Error) => thrown);
		expect((error as Error).message).toBe('MoEngage rejected the request: Authentication required');
		expect(JSON.stringify(error)).not.toContain('wrong-key-123');
	});

	test("the subscription categories of the chosen channel, by MoEngage's display name, with the Data key", async () => {
		const options = await loadOptions(credentialsFor(baseUrl()), 'getSubscriptionCategories', { channel: 'email' });
		expect(options).toEqual([
			{ name: 'Newsletter', value: 'newsletter', description: 'email · Updates · Monthly newsletter' },
			{ name: 'Product Update', value: 'product_update', description: 'email · Updates · What is new in the product' },
			{ name: 'Promotional', value: 'promotional', description: 'email · Marketing · Offers and promotions' },
		]);
		const [request] = standIn.requestsTo('subscriptionCategories');
		expect(request.method).toBe('GET');
		expect(request.query).toEqual({ channel: 'email' });
		expect(request.rawBody).toBe('');
		expect(request.status).toBe(200);
	});
});
