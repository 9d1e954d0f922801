import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { activateTrigger, receivedItems, startTrigger, type TriggerServer } from '../harness/runTrigger';
import { credentialsFor, WORKSPACE } from '../harness/fixtures';
import { alertSignature } from '../../nodes/MoEngageTrigger/sources/alert';

/**
 * The trigger through n8n-core (WebhookContext, then WorkflowExecute), called over real HTTP the
 * way MoEngage calls: what each call is answered, whether it starts a run, and the items the next
 * node receives.
 */
const SECRET = 'hook-secret-1';
const credentials = (overrides: IDataObject = {}) => credentialsFor('http://127.0.0.1:9', { triggerSecret: SECRET, ...overrides });
const JSON_TYPE = { 'content-type': 'application/json' };
const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
const UNAUTHORIZED = { message: 'Unauthorized' };

let server: TriggerServer | undefined;
async function listen(parameters: INodeParameters, overrides: IDataObject = {}, mode: 'webhook' | 'manual' = 'webhook') {
	server = await startTrigger(parameters, credentials(overrides), mode);
	return server;
}
afterEach(async () => {
	await server?.stop();
	server = undefined;
});

describe('connector campaign', () => {
	const body = { customer_id: 'u-1', email: 'ann@example.com', campaign_name: 'Uninstall follow-up' };

	test('header secret: the right one starts a run with the body as one item; a wrong or missing one gets the same 401 and starts nothing', async () => {
		const trigger = await listen({ source: 'connectorCampaign', authentication: 'headerSecret', headerName: 'X-MoEngage-Secret' });
		const accepted = await trigger.post(JSON.stringify(body), { ...JSON_TYPE, 'x-moengage-secret': SECRET });
		expect([accepted.status, accepted.body]).toEqual([200, undefined]);
		expect(receivedItems(accepted.run).map((item) => item.json)).toEqual([body]);

		const wrong = await trigger.post(JSON.stringify(body), { ...JSON_TYPE, 'x-moengage-secret': 'hook-secret-2' });
		const missing = await trigger.post(JSON.stringify(body), JSON_TYPE);
		for (const refused of [wrong, missing]) {
			expect([refused.status, refused.body, refused.run]).toEqual([401, UNAUTHORIZED, undefined]);
		}
	});

	test('Basic auth: a wrong username and a wrong password get the same 401; a form body arrives as fields', async () => {
		const trigger = await listen({ source: 'connectorCampaign', authentication: 'basicAuth', username: 'moengage' });
		const form = { 'content-type': 'application/x-www-form-urlencoded' };
		const accepted = await trigger.post('customer_id=u-1&plan=gold', { ...form, authorization: basic('moengage', SECRET) });
		expect(accepted.status).toBe(200);
		expect(receivedItems(accepted.run).map((item) => item.json)).toEqual([{ customer_id: 'u-1', plan: 'gold' }]);

		const wrongUser = await trigger.post('customer_id=u-1', { ...form, authorization: basic('moengage2', SECRET) });
		const wrongPassword = await trigger.post('customer_id=u-1', { ...form, authorization: basic('moengage', 'nope') });
		expect([wrongUser.status, wrongUser.body, wrongUser.run]).toEqual([401, UNAUTHORIZED, undefined]);
		expect([wrongPassword.status, wrongPassword.body, wrongPassword.run]).toEqual([401, UNAUTHORIZED, undefined]);
	});

	test('"Listen for test event" (manual mode) takes the same path', async () => {
		const trigger = await listen({ source: 'connectorCampaign', authentication: 'headerSecret', headerName: 'X-MoEngage-Secret' }, {}, 'manual');
		const accepted = await trigger.post(JSON.stringify(body), { ...JSON_TYPE, 'x-moengage-secret': SECRET });
		expect(receivedItems(accepted.run).map((item) => item.json)).toEqual([body]);
		expect((await trigger.post('{}', JSON_TYPE)).status).toBe(401);
	});
});

describe('Streams', () => {
	const bounce = { event_name: 'Email Bounced', event_code: 'MOE_EMAIL_HARD_BOUNCE', event_uuid: 'e-2', event_type: 'CAMPAIGN_EVENT', uid: 'u-1', email_id: 'ann@example.com' };
	const opened = { event_name: 'Email Opened', event_code: 'MOE_EMAIL_OPEN', event_uuid: 'e-3', event_type: 'CAMPAIGN_EVENT', uid: 'u-2' };
	const purchase = { event_name: 'Purchase', event_code: 'Purchase', event_uuid: 'e-4', event_type: 'USER_ACTION_EVENT', uid: 'u-2' };
	const batch = (events: unknown[]) => JSON.stringify({ app_name: 'Shop', source: 'MOENGAGE', moe_request_id: 'req-9', events });
	const parameters = (filters: INodeParameters = {}): INodeParameters => ({
		source: 'streams',
		authentication: 'basicAuth',
		username: WORKSPACE.workspaceId,
		filters,
	});
	const auth = { ...JSON_TYPE, authorization: basic(WORKSPACE.workspaceId, SECRET) };

	test('one item per event that passes the filters, a repeated event_uuid once', async () => {
		const trigger = await listen(parameters({ eventNames: 'MOE_EMAIL_HARD_BOUNCE, Email Opened', eventType: 'CAMPAIGN_EVENT' }));
		const call = await trigger.post(batch([bounce, opened, bounce, purchase]), auth);
		expect(call.status).toBe(200);
		expect(receivedItems(call.run).map((item) => item.json)).toEqual([
			{ ...bounce, app_name: 'Shop', moe_request_id: 'req-9' },
			{ ...opened, app_name: 'Shop', moe_request_id: 'req-9' },
		]);
	});

	test('a batch where no event passes is answered 200 and starts nothing', async () => {
		const trigger = await listen(parameters({ eventType: 'USER_ACTION_EVENT' }));
		const call = await trigger.post(batch([bounce, opened]), auth);
		expect([call.status, call.run]).toEqual([200, undefined]);
	});

	test('a malformed batch gets 400 and starts nothing; unauthenticated, it gets 401 first', async () => {
		const trigger = await listen(parameters());
		const malformed = await trigger.post(JSON.stringify({ app_name: 'Shop', events: 'none' }), auth);
		expect([malformed.status, malformed.body, malformed.run]).toEqual([400, { message: 'Malformed body: "events" must be a list' }, undefined]);
		const anonymous = await trigger.post(JSON.stringify({ events: 'none' }), JSON_TYPE);
		expect([anonymous.status, anonymous.body, anonymous.run]).toEqual([401, UNAUTHORIZED, undefined]);
	});
});

describe('alert', () => {
	// spacing as a sender may write it: the signature covers these bytes, not a re-serialisation
	const raw = '{ "alert_id": "a-1", "alert_name": "Delivery Rate Breach", "alert_type": "CAMPAIGN_STATS",\n  "entity_data": {"count": 1, "content": [{"campaign_id": "c-9", "current_value": 70.5}]} }';

	test('signed with the Campaign key: one item, the alert; signed otherwise or not at all: 401, nothing started', async () => {
		const trigger = await listen({ source: 'alert' });
		const signed = await trigger.post(raw, { ...JSON_TYPE, signature: alertSignature(WORKSPACE.cardsApiKey, Buffer.from(raw)) });
		expect(signed.status).toBe(200);
		expect(receivedItems(signed.run).map((item) => item.json)).toEqual([JSON.parse(raw)]);

		const withDataKey = await trigger.post(raw, { ...JSON_TYPE, signature: alertSignature(WORKSPACE.dataApiKey, Buffer.from(raw)) });
		const unsigned = await trigger.post(raw, JSON_TYPE);
		const reSerialised = JSON.stringify(JSON.parse(raw));
		const overOtherBytes = await trigger.post(raw, { ...JSON_TYPE, signature: alertSignature(WORKSPACE.cardsApiKey, Buffer.from(reSerialised)) });
		for (const refused of [withDataKey, unsigned, overOtherBytes]) {
			expect([refused.status, refused.body, refused.run]).toEqual([401, UNAUTHORIZED, undefined]);
		}
	});
});

describe('set-up errors surface to the workflow owner, not as 401s', () => {
	test('activation fails without the secret the source needs, and passes with it', async () => {
		const connector = { source: 'connectorCampaign', authentication: 'headerSecret', headerName: 'X-MoEngage-Secret' };
		await expect(activateTrigger(connector, credentialsFor('http://127.0.0.1:9'))).rejects.toThrow('The MoEngage credential has no Trigger Secret');
		await expect(activateTrigger({ source: 'alert' }, credentials({ cardsApiKey: '' }))).rejects.toThrow('The MoEngage credential has no Campaign API Key');
		await expect(activateTrigger({ source: 'streams', authentication: 'basicAuth', username: '' }, credentials())).rejects.toThrow('Enter the Basic auth Username');
		await expect(activateTrigger(connector, credentials())).resolves.toBe(true);
		await expect(activateTrigger({ source: 'alert' }, credentials())).resolves.toBe(true);
	});

	test('a call to a node without its secret fails the call (500) with the reason, and is not answered 401', async () => {
		const trigger = await listen({ source: 'connectorCampaign', authentication: 'headerSecret', headerName: 'X-MoEngage-Secret' }, { triggerSecret: '' });
		const call = await trigger.post('{}', { ...JSON_TYPE, 'x-moengage-secret': '' });
		expect(call.status).toBe(500);
		expect(call.thrown?.message).toBe('The MoEngage credential has no Trigger Secret');
		expect(call.run).toBeUndefined();
	});
});
