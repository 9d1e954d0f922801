import type { IHttpRequestOptions } from 'n8n-workflow';

import { MoEngageApi } from '../credentials/MoEngageApi.credentials';
import { testCredential } from './engine/testCredential';
import { credentialsFor, useStandIn, WORKSPACE } from './helpers/fixtures';

const credential = new MoEngageApi();
const basicAuth = (user: string, password: string) => ({ username: user, password });
const request = (url: string): IHttpRequestOptions => ({ url, method: 'POST' });

describe('credential test (as n8n runs it)', () => {
	const { standIn, baseUrl } = useStandIn();

	test('passes with the right Data key, without side effects', async () => {
		const result = await testCredential(credentialsFor(baseUrl()).moEngageApi);
		expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(standIn.requests).toHaveLength(1);
		expect(standIn.requests[0]).toMatchObject({ path: '/v1/customers/export', query: { app_id: WORKSPACE.workspaceId }, status: 200 });
		expect(standIn.deletedUsers).toHaveLength(0);
	});

	test('fails with a wrong Data key', async () => {
		const result = await testCredential(credentialsFor(baseUrl(), { dataApiKey: 'not-the-key' }).moEngageApi);
		expect(result.status).toBe('Error');
		expect(standIn.requests[0].status).toBe(401);
	});

	test('fails with a wrong workspace ID', async () => {
		const result = await testCredential(credentialsFor(baseUrl(), { workspaceId: 'OTHER' }).moEngageApi);
		expect(result.status).toBe('Error');
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

	test('the credential test never follows a redirect', () => {
		expect(credential.test.request.disableFollowRedirect).toBe(true);
	});

	test('user APIs use the Data key; Cards APIs the Cards key, or the Data key when it is empty', async () => {
		expect((await credential.authenticate(stored, request('/v1/customers/export'))).auth).toEqual(basicAuth('WS1', 'data'));
		expect((await credential.authenticate(stored, request('/v1/cards/delete'))).auth).toEqual(basicAuth('WS1', 'cards'));
		expect((await credential.authenticate({ ...stored, cardsApiKey: '' }, request('/v1/cards/delete'))).auth).toEqual(basicAuth('WS1', 'data'));
		// n8n's HTTP Request node passes full URLs: the key still follows the path.
		expect((await credential.authenticate(stored, request('https://api-02.moengage.com/v1/cards/fetch'))).auth).toEqual(basicAuth('WS1', 'cards'));
	});

	test('adds MOE-APPKEY and keeps the request\'s own headers', async () => {
		const options = await credential.authenticate(stored, { ...request('/v1/cards/delete'), headers: { 'X-Forwarded-For': '1.2.3.4' } });
		expect(options.headers).toEqual({ 'X-Forwarded-For': '1.2.3.4', 'MOE-APPKEY': 'WS1' });
	});
});
