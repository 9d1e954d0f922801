import { EDITOR_LIST_MAX_MS, editorRequestSettings } from '../../nodes/MoEngage/methods/editorClient';
import { ENDPOINTS } from '../../nodes/MoEngage/transport/api';
import { setNodeClock, VirtualClock } from '../harness/clock';
import { listSearch, loadOptions } from '../harness/loadOptions';
import { credentialsFor, runMoEngage, useStandIn } from '../harness/fixtures';
import { getCampaign, sendMessage } from '../harness/operations';
import { MoEngage } from '../../nodes/MoEngage/MoEngage.node';
import { seededCampaigns } from '../standin/model/campaigns';
import type { Api, Fault } from '../standin/server';

const { standIn, baseUrl } = useStandIn();

afterEach(() => setNodeClock());

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

describe("the editor's lists give up within seconds, not the run's retry budget", () => {
	/** Each list, as the editor calls it. */
	const LISTS: Array<[string, Api, () => Promise<unknown>]> = [
		['the campaign picker', 'searchCampaigns', async () => await listSearch(credentialsFor(baseUrl()), 'searchCampaigns', {})],
		['the business events dropdown', 'listBusinessEvents', async () => await loadOptions(credentialsFor(baseUrl()), 'getBusinessEvents', {})],
		['the subscription categories dropdown', 'subscriptionCategories', async () => await loadOptions(credentialsFor(baseUrl()), 'getSubscriptionCategories', { channel: 'email' })],
	];
	const FAULTS: Array<[string, Omit<Fault, 'api'>, RegExp]> = [
		['a 429 whose reset is an hour away', { kind: 'status', status: 429, resetInMs: 3_600_000, body: { title: 'Request limit reached', description: 'rate_limit' } }, /rate limit was still reached .* after 2 attempts/],
		['a 503 on every try', { kind: 'status', status: 503, body: { title: 'Service Unavailable', description: 'down' } }, /^MoEngage failed on its side/],
		["a proxy's HTML 502", { kind: 'html', status: 502 }, /^MoEngage failed on its side/],
	];

	describe.each(LISTS)('%s', (_name, api, open) => {
		test.each(FAULTS)('%s: two attempts, under 15 s of waiting, and an error that says the list stopped early', async (_fault, fault, message) => {
			const clock = new VirtualClock();
			setNodeClock(clock);
			standIn.addFault({ api, ...fault });
			const error = (await open().then(
				() => undefined,
				(thrown: unknown) => thrown,
			)) as (Error & { description?: string }) | undefined;
			expect(error?.message).toMatch(message);
			expect(error?.description).toMatch(/^The list stops after 2 attempts, so that the editor does not wait\. Try again in a minute, or enter the value instead: by ID, or with an expression \(HTTP 5?\d+ · /);
			expect(standIn.requestsTo(api)).toHaveLength(2);
			expect(clock.elapsed).toBeLessThanOrEqual(EDITOR_LIST_MAX_MS);
		});

		test('a 429 that resets within a second is waited out: the list shows', async () => {
			const clock = new VirtualClock();
			setNodeClock(clock);
			standIn.addFault({ api, times: 1, kind: 'status', status: 429, resetInMs: 800, body: { title: 'Request limit reached', description: 'slow down' } });
			await expect(open()).resolves.toBeDefined();
			expect(standIn.requestsTo(api).map((request) => request.status)).toEqual([429, 200]);
		});
	});

	test('even when MoEngage never answers, two attempts and the wait fit in 15 s', () => {
		for (const endpoint of [ENDPOINTS.searchCampaigns, ENDPOINTS.listBusinessEvents, ENDPOINTS.subscriptionCategories]) {
			const settings = editorRequestSettings(endpoint);
			expect(settings.maxRetries).toBe(1);
			expect((settings.maxRetries + 1) * settings.timeoutMs + settings.maxRetries * settings.maxWaitMs).toBeLessThanOrEqual(EDITOR_LIST_MAX_MS);
			expect(settings.timeoutMs).toBeGreaterThanOrEqual(5_000);
		}
	});
});

describe('the single-campaign pickers (Send Message, Campaign → Get) take a campaign By URL too', () => {
	const NEWSLETTER = '66e933000000000000000003';
	const url = `https://dashboard-01.moengage.com/v4/#/email/${NEWSLETTER}/info`;
	const byMode = (mode: string, value: string) => ({ __rl: true, mode, value });

	test('the modes of every campaign picker: From List, By URL, By ID', () => {
		const fields = new MoEngage().description.properties.filter((property) => ['campaign', 'campaigns'].includes(property.name) && property.type === 'resourceLocator');
		expect(fields.length).toBeGreaterThanOrEqual(4);
		for (const field of fields) expect(field.modes?.map((mode) => mode.name)).toEqual(['list', 'url', 'id']);
	});

	test('Campaign → Get: the ID is taken out of the address; saved From List and By ID values keep working', async () => {
		for (const campaign of [byMode('url', url), byMode('list', NEWSLETTER), byMode('id', NEWSLETTER)]) {
			const { items, error } = await runMoEngage(baseUrl(), { ...getCampaign(), campaign }, [{}], { typeVersion: 1.4 });
			expect(error).toBeUndefined();
			expect(items[0].json).toMatchObject({ campaign_id: NEWSLETTER, name: 'Weekly Newsletter' });
		}
		expect(standIn.requestsTo('searchCampaigns').map((request) => (request.body as { campaign_fields: unknown }).campaign_fields)).toEqual(Array(3).fill({ id: NEWSLETTER }));
	});

	test('Send Message: the message goes to the campaign of the address', async () => {
		const { items } = await runMoEngage(baseUrl(), { ...sendMessage(), campaign: byMode('url', url) }, [{ id: 'u-1' }], { typeVersion: 1.4, continueOnFail: true });
		// the Newsletter is no API-triggered campaign: MoEngage answers 404, but the request names the campaign of the address
		expect(items[0].json.error).toEqual(expect.stringContaining('Campaign not found'));
		expect(standIn.requestsTo('sendMessage').map((request) => request.path)).toEqual([`/v5/campaigns/${NEWSLETTER}/send`]);
	});

	test('an address that is no campaign\'s, from an expression, is refused before any request, naming the field', async () => {
		const { error } = await runMoEngage(baseUrl(), { ...getCampaign(), campaign: byMode('url', '={{ $json.url }}') }, [{ url: 'https://example.com/campaigns/1' }], { typeVersion: 1.4 });
		expect(error?.message).toBe("The \"Campaign\" field of item 0 is not a campaign's address in MoEngage's dashboard");
		expect(standIn.requests).toHaveLength(0);
	});
});
