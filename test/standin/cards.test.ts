import { ANN, BOB, WORKSPACE } from '../harness/fixtures';
import { basic, callerFor, cardsFail } from './overHttp';
import { MoEngageStandIn } from './server';

/** The Cards APIs over HTTP against cards.yaml: documented examples pass, invalid requests get the documented error body. */

const standIn = new MoEngageStandIn({ workspace: WORKSPACE, users: [ANN, BOB] });
beforeAll(() => standIn.start());
afterAll(() => standIn.stop());
beforeEach(() => standIn.reset());

const call = callerFor(standIn);

describe('Fetch Cards (cards.yaml /cards/fetch)', () => {
	test('documented example passes', async () => {
		const reply = await call('fetchCards', { uid: 'ann@example.com', platforms: ['ANDROID', 'WEB'], last_updated_time: 1695987441, prev_sync_card_ids: ['x'], card_category: 'General' });
		expect(reply.status).toBe(200);
		expect(reply.body.data.cards.map((entry) => entry.id)).toEqual(['c1_F_T_CA_AB_0_P_0_L_0_android', 'c2_F_T_CA_AB_0_P_0_L_0_android']);
	});

	test('neither or both of uid/unique_id, lower-case platforms, an unknown field, a bad page', async () => {
		expect(await call('fetchCards', { platforms: ['WEB'] })).toEqual(cardsFail("Required field missing. Please include either 'uid' or 'unique_id'"));
		expect(await call('fetchCards', { uid: 'ann@example.com', unique_id: 'device-ann' })).toEqual(cardsFail("Required field missing. Please include either 'uid' or 'unique_id'"));
		expect(await call('fetchCards', { uid: 'ann@example.com', platforms: ['android'] })).toEqual(cardsFail("Invalid 'platforms' field. Allowed values: ANDROID, IOS, WEB"));
		expect(await call('fetchCards', { uid: 'ann@example.com', category: 'x' })).toEqual(cardsFail("Invalid 'category' field"));
		expect(await call('fetchCards', { uid: 'ann@example.com' }, { query: 'page=0' })).toEqual(cardsFail("Invalid 'page': it must be a number greater than zero"));
		expect(await call('fetchCards', { uid: 'nobody' })).toEqual(cardsFail('User not found for this uid/ unique_id'));
	});

	test('keys and MOE-APPKEY: the gateway\'s 401s', async () => {
		expect(await call('fetchCards', { uid: 'ann@example.com' }, { headers: { Authorization: basic(WORKSPACE.dataApiKey) } })).toEqual({
			status: 401,
			body: { title: 'Authentication Failure', description: 'Invalid APP_SECRET_KEY is provided', code: expect.any(String) },
		});
		expect(await call('fetchCards', { uid: 'ann@example.com' }, { headers: { 'MOE-APPKEY': undefined } })).toEqual({
			status: 401,
			body: { title: 'HeaderMissing', description: 'MOE-APPKEY is missing in Header', code: expect.any(String) },
		});
	});
});

describe('Delete Cards (cards.yaml /cards/delete)', () => {
	test('documented example passes (lower-case platforms allowed here)', async () => {
		const reply = await call('deleteCards', { uid: 'ann@example.com', campaign_ids: ['c1', 'campaign_id2'], platforms: ['android', 'ios'] });
		expect(reply.status).toBe(200);
		expect(reply.body.data).toEqual({ android: { success: ['c1'], failed: [], invalid: ['campaign_id2'] }, ios: { success: ['c1'], failed: [], invalid: ['campaign_id2'] } });
	});

	test('campaign_ids missing, empty or not strings; a wrong platform; an unknown field', async () => {
		for (const body of [{ uid: 'ann@example.com' }, { uid: 'ann@example.com', campaign_ids: [] }, { uid: 'ann@example.com', campaign_ids: [1] }]) {
			expect(await call('deleteCards', body)).toEqual(cardsFail("Invalid or missing 'campaign_ids' field"));
		}
		expect(await call('deleteCards', { uid: 'ann@example.com', campaign_ids: ['c1'], platforms: ['TV'] })).toEqual(cardsFail("Invalid 'platforms' field. Allowed values: ANDROID, IOS, WEB"));
		expect(await call('deleteCards', { uid: 'ann@example.com', campaign_ids: ['c1'], all: true })).toEqual(cardsFail("Invalid 'all' field"));
	});
});
