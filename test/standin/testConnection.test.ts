import { ANN, BOB, WORKSPACE, type Answer } from '../harness/fixtures';
import { EXPORT_NOT_ENABLED, MoEngageStandIn } from './server';

/** Test Connection and the Get-User-not-enabled workspace, over plain HTTP (no node). */

const standIn = new MoEngageStandIn({ workspace: { ...WORKSPACE, name: 'Test Shop' }, users: [ANN, BOB] });
beforeAll(() => standIn.start());
afterAll(() => standIn.stop());
beforeEach(() => standIn.reset());

const basic = (key: string) => `Basic ${Buffer.from(`${WORKSPACE.workspaceId}:${key}`).toString('base64')}`;

async function post(path: string, body: unknown, headers: Record<string, string> = {}) {
	const response = await fetch(`${standIn.baseUrl}${path}`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json', Authorization: basic(WORKSPACE.dataApiKey), 'MOE-APPKEY': WORKSPACE.workspaceId, ...headers },
		body: JSON.stringify(body),
	});
	return { status: response.status, body: (await response.json()) as Answer };
}

const testBody = { app_id: WORKSPACE.workspaceId, app_secret: WORKSPACE.dataApiKey, source: 'n8n', region: '01' };

describe('Test Connection', () => {
	test('the right Data key: 200 with the workspace name', async () => {
		expect(await post('/v1/integrations/authentication', testBody)).toEqual({ status: 200, body: { status: 'success', app_name: 'Test Shop' } });
		expect(standIn.requestsTo('testConnection')).toHaveLength(1);
	});

	test('a wrong key in the header or in the body: 401 with MoEngage body', async () => {
		const expected = {
			status: 401,
			body: { status: 'fail', error: { message: 'App Secret key mismatch. Please login to the dashboard to verify key', type: 'Authentication required', request_id: expect.any(String) } },
		};
		expect(await post('/v1/integrations/authentication', testBody, { Authorization: basic('wrong') })).toEqual(expected);
		expect(await post('/v1/integrations/authentication', { ...testBody, app_secret: 'wrong' })).toEqual(expected);
		expect(await post('/v1/integrations/authentication', testBody, { Authorization: basic(WORKSPACE.cardsApiKey) })).toEqual(expected);
	});

	test('MOE-APPKEY missing: 401', async () => {
		const response = await fetch(`${standIn.baseUrl}/v1/integrations/authentication`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json', Authorization: basic(WORKSPACE.dataApiKey) },
			body: JSON.stringify(testBody),
		});
		expect(response.status).toBe(401);
		expect(((await response.json()) as Answer).error.message).toBe('MOE-APPKEY is missing in Header');
	});

	test('a missing body field: 400 MissingAttributeError', async () => {
		const body: Partial<typeof testBody> = { ...testBody };
		delete body.region;
		const answer = await post('/v1/integrations/authentication', body);
		expect(answer.status).toBe(400);
		expect(answer.body).toMatchObject({ status: 'fail', error: { attribute: 'region', type: 'MissingAttributeError' } });
	});
});

describe('a workspace without Get User', () => {
	const exportBody = { data: { identifiers: [{ identifier_type: 'customer_id', identifier: 'u-1' }], user_fields_to_export: ['name'] } };
	const exportPath = `/v1/customers/export?app_id=${WORKSPACE.workspaceId}`;

	test('exportEnabled = false: export answers 403, other APIs and Test Connection still work; reset() enables it again', async () => {
		expect((await post(exportPath, exportBody)).status).toBe(200);
		standIn.exportEnabled = false;
		expect(await post(exportPath, exportBody)).toEqual({ status: 403, body: EXPORT_NOT_ENABLED });
		expect((await post('/v1/integrations/authentication', testBody)).status).toBe(200);
		standIn.reset();
		expect((await post(exportPath, exportBody)).status).toBe(200);
	});

	test('the constructor option survives reset()', async () => {
		const disabled = new MoEngageStandIn({ workspace: WORKSPACE, users: [ANN], exportEnabled: false });
		await disabled.start();
		try {
			disabled.reset();
			const response = await fetch(`${disabled.baseUrl}${exportPath}`, {
				method: 'POST',
				headers: { 'Content-Type': 'application/json', Authorization: basic(WORKSPACE.dataApiKey) },
				body: JSON.stringify(exportBody),
			});
			expect(response.status).toBe(403);
		} finally {
			await disabled.stop();
		}
	});
});
