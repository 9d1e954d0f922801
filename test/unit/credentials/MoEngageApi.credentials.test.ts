/* eslint-disable @n8n/community-nodes/no-restricted-imports -- runs on a developer's machine or in CI, never inside n8n */
import { createHash } from 'node:crypto';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';

import { CredentialTestContext } from 'n8n-core';
import type { ICredentialTestFunctions, IDataObject, IHttpRequestOptions } from 'n8n-workflow';

import { MoEngageApi } from '../../../credentials/MoEngageApi.credentials';
import { keyFor, regionOf, reportSignature, secretsOf } from '../../../nodes/MoEngage/transport/credential';
import { findCredentialTest, testCredential } from '../../harness/credentialTest';
import { credentialsFor, useStandIn, WORKSPACE } from '../../harness/fixtures';

const credential = new MoEngageApi();
const basicAuth = (user: string, password: string) => ({ username: user, password });
const basicHeader = (key: string) => `Basic ${Buffer.from(`${WORKSPACE.workspaceId}:${key}`).toString('base64')}`;
const request = (url: string): IHttpRequestOptions => ({ url, method: 'POST' });

/** n8n's own credential-test context, with every request's options recorded. */
function watchedContext(): { context: ICredentialTestFunctions; sent: IDataObject[] } {
	const real = new CredentialTestContext();
	const sent: IDataObject[] = [];
	const context = {
		logger: undefined as unknown as ICredentialTestFunctions['logger'],
		helpers: {
			...real.helpers,
			request: async (options: object) => {
				sent.push(options as IDataObject);
				return await real.helpers.request(options);
			},
		},
	} as ICredentialTestFunctions;
	return { context, sent };
}

/** A port on this machine where nothing listens. */
async function closedPort(): Promise<number> {
	const server = createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	await new Promise<void>((resolve) => server.close(() => resolve()));
	return port;
}

describe('credential test (the node\'s testedBy, as n8n runs it)', () => {
	const { standIn, baseUrl } = useStandIn({ workspace: { ...WORKSPACE, name: 'Test Shop' } });
	const stored = (overrides: IDataObject = {}) => credentialsFor(baseUrl(), overrides).moEngageApi;

	test('n8n finds the node\'s function: the credential has no declarative test to shadow it', () => {
		expect(credential).not.toHaveProperty('test');
		expect(typeof findCredentialTest()).toBe('function');
	});

	test('a correct Data key passes in a workspace where Get User is not enabled, with both keys checked', async () => {
		standIn.exportEnabled = false;
		const result = await testCredential(stored());
		expect(result.status).toBe('OK');
		expect(result.message).toContain('Data API Key');
		expect(result.message).toContain('Campaign API Key');
		expect(result.message).toContain('Test Shop');
		expect(standIn.requestsTo('exportUsers')).toHaveLength(0);
		const [connection] = standIn.requestsTo('testConnection');
		expect(connection).toMatchObject({
			status: 200,
			body: { app_id: WORKSPACE.workspaceId, app_secret: WORKSPACE.dataApiKey, source: 'n8n', region: '01' },
		});
		expect(connection.headers.authorization).toBe(basicHeader(WORKSPACE.dataApiKey));
		expect(connection.headers['moe-appkey']).toBe(WORKSPACE.workspaceId);
		const [cards] = standIn.requestsTo('fetchCards');
		expect(cards.headers.authorization).toBe(basicHeader(WORKSPACE.cardsApiKey));
		expect(cards.headers['moe-appkey']).toBe(WORKSPACE.workspaceId);
		// A user that cannot exist: MoEngage answers "user not found", which proves the key and reads nothing.
		expect(cards.status).toBe(400);
		expect(standIn.requests.map((r) => r.api)).toEqual(['testConnection', 'fetchCards']);
	});

	test('a wrong Data key fails naming the Data API Key field, and the Campaign key is not tried', async () => {
		const result = await testCredential(stored({ dataApiKey: 'not-the-data-key' }));
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/^The Data API Key was rejected/);
		expect(result.message).toContain('App Secret key mismatch');
		expect(result.message).not.toContain('not-the-data-key');
		expect(standIn.requests.map((r) => [r.api, r.status])).toEqual([['testConnection', 401]]);
	});

	test('a wrong Campaign key fails naming the Campaign API Key field', async () => {
		const result = await testCredential(stored({ cardsApiKey: 'not-the-campaign-key' }));
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/^The Campaign API Key was rejected/);
		expect(result.message).not.toContain('not-the-campaign-key');
		expect(standIn.requests.map((r) => [r.api, r.status])).toEqual([
			['testConnection', 200],
			['fetchCards', 401],
		]);
	});

	test('no Campaign key: only the Data key is checked', async () => {
		for (const cardsApiKey of ['', '   ', undefined]) {
			standIn.reset();
			const result = await testCredential(stored({ cardsApiKey }));
			expect(result.status).toBe('OK');
			expect(result.message).toContain('Campaign API Key is empty');
			expect(standIn.requests.map((r) => r.api)).toEqual(['testConnection']);
		}
	});

	test('a wrong Workspace ID fails and says to check it', async () => {
		const result = await testCredential(stored({ workspaceId: 'OTHER' }));
		expect(result.status).toBe('Error');
		expect(result.message).toContain('Workspace ID');
	});

	test.each(['testConnection', 'fetchCards'] as const)('a redirect from %s is not followed: the foreign host gets nothing', async (api) => {
		standIn.addFault({ kind: 'redirect', api, status: 307 });
		const { context, sent } = watchedContext();
		const result = await testCredential(stored(), context);
		expect(result.status).toBe('Error');
		expect(result.message).toContain('redirect');
		expect(result.message).toContain(api === 'testConnection' ? 'Data API Key' : 'Campaign API Key');
		expect(standIn.observed.foreignRequests).toHaveLength(0);
		expect(sent.every((options) => options.followRedirect === false && options.followAllRedirects === false)).toBe(true);
	});

	test.each(['testConnection', 'fetchCards'] as const)('keys never appear in messages, even when %s echoes the Authorization header', async (api) => {
		standIn.addFault({ kind: 'echoAuth', api, status: 401 });
		const data = stored();
		const result = await testCredential(data);
		expect(result.status).toBe('Error');
		expect(result.message).toContain(api === 'testConnection' ? 'The Data API Key was rejected' : 'The Campaign API Key was rejected');
		// MoEngage's words stay, the token in them is masked.
		expect(result.message).toContain('***');
		for (const secret of secretsOf(data)) expect(result.message).not.toContain(secret);
	});

	test('fields that cannot work fail before any request', async () => {
		const cases: Array<[IDataObject, RegExp]> = [
			[{ workspaceId: ' ' }, /Workspace ID is empty/],
			[{ dataApiKey: '' }, /Data API Key is empty/],
			[{ baseUrl: 'http://proxy.example.com' }, /Base URL must start with https:\/\//],
			[{ baseUrl: 'not a url' }, /Base URL is not a URL/],
		];
		for (const [overrides, message] of cases) {
			const result = await testCredential(stored(overrides));
			expect(result).toEqual({ status: 'Error', message: expect.stringMatching(message) });
		}
		expect(standIn.requests).toHaveLength(0);
	});

	test('an unreachable Base URL fails naming it', async () => {
		const result = await testCredential(stored({ baseUrl: `http://127.0.0.1:${await closedPort()}` }));
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/could not be reached .* \(ECONNREFUSED\)\. Check the Base URL/);
	});
});

describe('authenticate', () => {
	const stored = { workspaceId: ' WS1 ', dataApiKey: 'data', cardsApiKey: 'cards', dataCenter: '02', baseUrl: '' };

	test.each(['01', '02', '03', '04', '05', '06', '101'])('data center %s → https://api-%s.moengage.com', async (dataCenter) => {
		const options = await credential.authenticate({ ...stored, dataCenter }, request('/v1/customer/delete'));
		expect(options.baseURL).toBe(`https://api-${dataCenter}.moengage.com`);
	});

	test('every data center of the picker is covered', () => {
		const picker = credential.properties.find((property) => property.name === 'dataCenter');
		const values = (picker?.options as Array<{ value: string }>).map((option) => option.value);
		expect(values).toEqual(['01', '02', '03', '04', '05', '06', '101', 'custom']);
	});

	test('custom base URL, trailing slashes trimmed', async () => {
		const options = await credential.authenticate({ ...stored, dataCenter: 'custom', baseUrl: 'https://proxy.example.com:8443//' }, request('/v1/x'));
		expect(options.baseURL).toBe('https://proxy.example.com:8443');
	});

	test('custom base URL: the keys travel over https only, plain http only to this machine', async () => {
		for (const baseUrl of ['http://proxy.example.com', 'http://10.0.0.5:8080', 'ftp://proxy.example.com', 'proxy.example.com']) {
			await expect(credential.authenticate({ ...stored, dataCenter: 'custom', baseUrl }, request('/v1/x'))).rejects.toThrow(/Base URL/);
		}
		for (const baseUrl of ['http://127.0.0.1:8080', 'http://localhost:3000', 'http://[::1]:9000']) {
			expect((await credential.authenticate({ ...stored, dataCenter: 'custom', baseUrl }, request('/v1/x'))).baseURL).toBe(baseUrl);
		}
	});

	test('user APIs use the Data key; Cards APIs the Campaign key, or the Data key when it is empty', async () => {
		expect((await credential.authenticate(stored, request('/v1/customers/export'))).auth).toEqual(basicAuth('WS1', 'data'));
		expect((await credential.authenticate(stored, request('/v1/cards/delete'))).auth).toEqual(basicAuth('WS1', 'cards'));
		expect((await credential.authenticate({ ...stored, cardsApiKey: '' }, request('/v1/cards/delete'))).auth).toEqual(basicAuth('WS1', 'data'));
		// n8n's HTTP Request node passes full URLs: the key still follows the path.
		expect((await credential.authenticate(stored, request('https://api-02.moengage.com/v1/cards/fetch'))).auth).toEqual(basicAuth('WS1', 'cards'));
	});

	test('the HTTP Request node gets the right key for campaign, business-event, catalog, Inform and Personalize URLs', async () => {
		const all = { ...stored, informApiKey: 'inform', personalizeApiKey: 'personalize' };
		// n8n's HTTP Request node hands over request-style options (`uri`).
		const viaHttpNode = async (uri: string) =>
			(await credential.authenticate(all, { method: 'POST', uri } as unknown as IHttpRequestOptions)).auth;
		expect(await viaHttpNode('https://api-02.moengage.com/core-services/v1/campaigns/search')).toEqual(basicAuth('WS1', 'cards'));
		expect(await viaHttpNode('https://api-02.moengage.com/v1.0/business_event/trigger')).toEqual(basicAuth('WS1', 'cards'));
		expect(await viaHttpNode('https://api-02.moengage.com/v1/catalog/507f1f77bcf86cd799439011/items')).toEqual(basicAuth('WS1', 'cards'));
		expect(await viaHttpNode('https://api-02.moengage.com/v1.0/alerts/send')).toEqual(basicAuth('WS1', 'inform'));
		expect(await viaHttpNode('https://sdk-02.moengage.com/v1/experiences/fetch')).toEqual(basicAuth('WS1', 'personalize'));
		expect(await viaHttpNode('https://api-02.moengage.com/v1/event/WS1')).toEqual(basicAuth('WS1', 'data'));
	});

	test('campaigns v5, flows and the Messaging API get the Campaign key', async () => {
		const viaHttpNode = async (uri: string) => (await credential.authenticate(stored, { method: 'POST', uri } as unknown as IHttpRequestOptions)).auth;
		expect(await viaHttpNode('https://api-02.moengage.com/v5/campaigns/search')).toEqual(basicAuth('WS1', 'cards'));
		expect(await viaHttpNode('https://api-02.moengage.com/v5/campaigns/6650a1b2c3d4e5f6a7b8c9d0/send')).toEqual(basicAuth('WS1', 'cards'));
		expect(await viaHttpNode('https://api-02.moengage.com/v5/campaigns')).toEqual(basicAuth('WS1', 'cards'));
		expect(await viaHttpNode('https://api-02.moengage.com/v5/flows/search')).toEqual(basicAuth('WS1', 'cards'));
		expect(await viaHttpNode('https://api-02.moengage.com/v5/flows/f-1/status')).toEqual(basicAuth('WS1', 'cards'));
		// the v5 subscription APIs stay on the Data key
		expect(await viaHttpNode('https://api-02.moengage.com/v5/subscription-preferences')).toEqual(basicAuth('WS1', 'data'));
	});

	test('adds MOE-APPKEY and keeps the request\'s own headers', async () => {
		const options = await credential.authenticate(stored, { ...request('/v1/cards/delete'), headers: { 'X-Forwarded-For': '1.2.3.4' } });
		expect(options.headers).toEqual({ 'X-Forwarded-For': '1.2.3.4', 'MOE-APPKEY': 'WS1' });
	});

	test('Portfolio: the Project Code goes as project_code to Track User, Track Event and Bulk Import, as MOE-PROJECT-CODE to the subscription APIs, nowhere else', async () => {
		const portfolio = { ...stored, projectCode: 'brand_a' };
		const sent = async (url: string) => {
			const options = await credential.authenticate(portfolio, { ...request(url), qs: { app_id: 'WS1' } });
			return [options.qs, options.headers?.['MOE-PROJECT-CODE' as keyof typeof options.headers]];
		};
		expect(await sent('/v1/customer/WS1')).toEqual([{ app_id: 'WS1', project_code: 'brand_a' }, undefined]);
		expect(await sent('https://api-02.moengage.com/v1/event/WS1')).toEqual([{ app_id: 'WS1', project_code: 'brand_a' }, undefined]);
		expect(await sent('/v1/transition/WS1')).toEqual([{ app_id: 'WS1', project_code: 'brand_a' }, undefined]);
		expect(await sent('/v5/subscription-preferences')).toEqual([{ app_id: 'WS1' }, 'brand_a']);
		expect(await sent('/v5/subscription-categories')).toEqual([{ app_id: 'WS1' }, 'brand_a']);
		expect(await sent('/v1/category-subscription/user-preferences')).toEqual([{ app_id: 'WS1' }, 'brand_a']);
		for (const url of ['/v1/customer/delete', '/v1/customer/merge', '/v1/customers/export', '/v1/cards/fetch', '/v1.0/alerts/send']) {
			expect(await sent(url)).toEqual([{ app_id: 'WS1' }, undefined]);
		}
		// Not a Portfolio workspace: nothing is added.
		expect((await credential.authenticate(stored, { ...request('/v1/customer/WS1'), qs: { app_id: 'WS1' } })).qs).toEqual({ app_id: 'WS1' });
	});

	test('the form keeps the stored property names; the Cards key is now named for its tile', () => {
		const fields = credential.properties.map(({ name, displayName }) => [name, displayName]);
		expect(fields).toEqual([
			['workspaceId', 'Workspace ID'],
			['dataApiKey', 'Data API Key'],
			['cardsApiKey', 'Campaign API Key'],
			['informApiKey', 'Inform API Key'],
			['personalizeApiKey', 'Personalize API Key'],
			['pushApiKey', 'Push API Key'],
			['projectCode', 'Project Code'],
			['databaseName', 'Database Name'],
			['dataCenter', 'Data Center'],
			['baseUrl', 'Base URL'],
			['triggerSecret', 'Trigger Secret'],
		]);
		for (const name of ['dataApiKey', 'cardsApiKey', 'informApiKey', 'personalizeApiKey', 'triggerSecret']) {
			expect(credential.properties.find((property) => property.name === name)?.typeOptions).toEqual({ password: true });
		}
	});
});

/**
 * The key of each API family, from MoEngage's API reference (api/introduction.mdx "Using the APIs
 * Page", and each family's servers and securitySchemes): documented endpoints, written out.
 */
const DOCUMENTED_ENDPOINTS: Array<[family: string, url: string, field: 'dataApiKey' | 'cardsApiKey' | 'informApiKey' | 'personalizeApiKey']> = [
	// api/data/data.yaml, cohort-audience.yaml: the Data key
	['Track User', '/v1/customer/WS1', 'dataApiKey'],
	['Get User', '/v1/customers/export?app_id=WS1', 'dataApiKey'],
	['Merge User', '/v1/customer/merge', 'dataApiKey'],
	['Delete User', '/v1/customer/delete', 'dataApiKey'],
	['Track Event', '/v1/event/WS1', 'dataApiKey'],
	['Bulk Import', '/v1/transition/WS1', 'dataApiKey'],
	['Test Connection', '/v1/integrations/authentication', 'dataApiKey'],
	['Cohort Sync', '/v1/integrations/cohortsync', 'dataApiKey'],
	// api/cards/cards.yaml: the Campaign key
	['Fetch Cards', '/v1/cards/fetch', 'cardsApiKey'],
	['Delete Cards', '/v1/cards/delete', 'cardsApiKey'],
	// api/campaigns/campaigns.yaml, api/stats-report/stats-report.yaml
	['Search Campaigns', '/core-services/v1/campaigns/search', 'cardsApiKey'],
	['Create Campaign', '/core-services/v1/campaigns', 'cardsApiKey'],
	['Campaign Stats', '/core-services/v1/campaign-stats', 'cardsApiKey'],
	// api/business-events/business-events.yaml (legacy) and business-events-v5.yaml
	['Create Business Event', '/v1.0/business_event', 'cardsApiKey'],
	['Trigger Business Event', '/v1.0/business_event/trigger', 'cardsApiKey'],
	['Search Business Events', '/v1.0/business_event/search', 'cardsApiKey'],
	['List Business Events (v5)', '/v5/business-events?limit=20', 'cardsApiKey'],
	['Trigger Business Event (v5)', '/v5/business-events/triggers', 'cardsApiKey'],
	// api/catalog/catalog.yaml
	['Create Catalog', '/v1/catalog', 'cardsApiKey'],
	['Search Catalog Items', '/v1/catalog/507f1f77bcf86cd799439011/items/search', 'cardsApiKey'],
	// api/recommendations/recommendations.yaml
	['Fetch All Recommendations', '/v1/recommendations', 'cardsApiKey'],
	['Fetch Recommendation Results', '/v1/recommendations/a1b2c3/items', 'cardsApiKey'],
	// api/in-app-templates/in-app-templates.yaml (custom templates) and content-blocks.yaml
	['Search In-app Templates', '/v1.0/custom-templates/inapp/search', 'cardsApiKey'],
	['Search Content Blocks', '/v1/external/campaigns/content-blocks/search', 'cardsApiKey'],
	// api/inform/inform.yaml: the Inform key, live and sandbox hosts
	['Inform alert', '/v1.0/alerts/send', 'informApiKey'],
	['Inform alert (sandbox)', 'https://sandbox-api-01.moengage.com/v1.0/alerts/send', 'informApiKey'],
	// api/personalize-experience/personalize-experience.yaml: the Personalize key, host sdk-{dc}
	['Fetch Experience', 'https://sdk-01.moengage.com/v1/experiences/fetch', 'personalizeApiKey'],
	['Experience Metadata', 'https://sdk-01.moengage.com/v1/experiences/metadata?status=Active', 'personalizeApiKey'],
];

describe('keyFor: the key of each documented API family', () => {
	const keys = { workspaceId: 'WS1', dataApiKey: 'data', cardsApiKey: 'campaign', informApiKey: 'inform', personalizeApiKey: 'personalize' };
	const expected = {
		dataApiKey: { key: 'data', label: 'Data API Key' },
		cardsApiKey: { key: 'campaign', label: 'Campaign API Key' },
		informApiKey: { key: 'inform', label: 'Inform API Key' },
		personalizeApiKey: { key: 'personalize', label: 'Personalize API Key' },
	};

	test.each(DOCUMENTED_ENDPOINTS)('%s (%s) → %s', (_family, url, field) => {
		expect(keyFor(url, keys)).toEqual(expected[field]);
		// The same as a full URL (HTTP Request node), and behind a proxy that adds a path prefix.
		const full = url.startsWith('https://') ? url : `https://api-01.moengage.com${url}`;
		expect(keyFor(full, keys)).toEqual(expected[field]);
		const proxied = full.replace(/^https:\/\/[^/]+/, 'https://proxy.example.com/moengage');
		expect(keyFor(proxied, keys)).toEqual(expected[field]);
	});

	test('the query string does not choose the key', () => {
		expect(keyFor('/v1/customers/export?next=/v1/cards/fetch', keys)).toEqual(expected.dataApiKey);
	});

	test.each([
		['/v1/cards/fetch', 'Campaign API Key', 'cardsApiKey'],
		['/v1/catalog', 'Campaign API Key', 'cardsApiKey'],
		['/v1.0/alerts/send', 'Inform API Key', 'informApiKey'],
		['https://sdk-01.moengage.com/v1/experiences/fetch', 'Personalize API Key', 'personalizeApiKey'],
	])('%s with an empty %s: the Data key is sent, and the note says so', (url, label, field) => {
		expect(keyFor(url, { ...keys, [field]: ' ' })).toEqual({
			key: 'data',
			label: 'Data API Key',
			note: `the credential's ${label} is empty, so the Data API Key was sent`,
		});
	});
});

describe('regionOf and secretsOf', () => {
	test('Test Connection is told the data center; a custom URL on a MoEngage host gives its code, any other DC-01', () => {
		expect(regionOf({ dataCenter: '02' })).toBe('02');
		expect(regionOf({ dataCenter: '101' })).toBe('101');
		expect(regionOf({ dataCenter: 'custom', baseUrl: 'https://api-03.moengage.com' })).toBe('03');
		expect(regionOf({ dataCenter: 'custom', baseUrl: 'https://proxy.example.com' })).toBe('01');
	});

	test('every key field is a secret, alone and as a Basic token', () => {
		const secrets = secretsOf({ workspaceId: 'WS1', dataApiKey: 'd', cardsApiKey: 'c', informApiKey: 'i', personalizeApiKey: 'p' });
		for (const key of ['d', 'c', 'i', 'p']) {
			expect(secrets).toContain(key);
			expect(secrets).toContain(Buffer.from(`WS1:${key}`).toString('base64'));
		}
	});
});

describe('the campaign report download: signed with the Campaign key', () => {
	const credentials = { workspaceId: 'WS1', dataApiKey: 'data-key', cardsApiKey: 'campaign-key', dataCenter: '01' };
	const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

	test('Signature = SHA256(APP_ID|FILENAME|SECRET_KEY) of the decoded file name, for the node and for HTTP Request URLs', async () => {
		for (const url of ['/campaign_reports/rest_api/WS1/Report_-_test%2020210217.zip', 'https://api-01.moengage.com/campaign_reports/rest_api/WS1/Report_-_test%2020210217.zip']) {
			const signed = await credential.authenticate(credentials, { url, method: 'GET' });
			expect(signed.headers?.Signature).toBe(sha256('WS1|Report_-_test 20210217.zip|campaign-key'));
			// the key signs the request and does not travel with it
			expect(signed.auth).toBeUndefined();
			expect(JSON.stringify(signed)).not.toContain('campaign-key');
		}
		expect(reportSignature('WS1', 'a.zip', 'k')).toBe(sha256('WS1|a.zip|k'));
	});

	test('no Signature on any other path', async () => {
		const signed = await credential.authenticate(credentials, request('/core-services/v1/campaign-stats'));
		expect(signed.headers).not.toHaveProperty('Signature');
	});
});

describe('the file-segment APIs: MOE-DBNAME from the Database Name', () => {
	const credentials = { workspaceId: 'WS1', dataApiKey: 'data-key', dataCenter: '01', databaseName: 'acme_db' };

	test('sent to /v2/custom-segments/file-segment (and its add, remove, replace), for the node and HTTP Request URLs', async () => {
		for (const url of ['/v2/custom-segments/file-segment', 'https://api-01.moengage.com/v2/custom-segments/file-segment/add-users']) {
			const signed = await credential.authenticate(credentials, request(url));
			expect(signed.headers?.['MOE-DBNAME']).toBe('acme_db');
		}
	});

	test('not sent elsewhere, nor when the field is empty', async () => {
		expect((await credential.authenticate(credentials, request('/v3/custom-segments'))).headers).not.toHaveProperty('MOE-DBNAME');
		expect((await credential.authenticate({ ...credentials, databaseName: '' }, request('/v2/custom-segments/file-segment'))).headers).not.toHaveProperty('MOE-DBNAME');
	});
});
