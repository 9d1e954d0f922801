import { ALERTS, ANN, BOB, BUSINESS_EVENTS, WORKSPACE } from '../harness/fixtures';
import { MoEngageStandIn } from './server';
import type { SpecApi } from './spec';
import { SPEC, validateIn } from './spec';

/**
 * The stand-in's Cohort Sync, Business Events and Inform routes against MoEngage's pages
 * (cohort-audience.yaml, business-events.yaml, inform.yaml): the documented examples pass, and
 * refusals come in each API's own documented error body.
 */

const standIn = new MoEngageStandIn({
	workspace: WORKSPACE,
	users: [ANN, BOB],
	businessEvents: BUSINESS_EVENTS,
	alerts: ALERTS,
	rateLimits: { triggerBusinessEvent: { limit: 3, windowMs: 3_600_000 } },
});
beforeAll(() => standIn.start());
afterAll(() => standIn.stop());
beforeEach(() => standIn.reset());

const basic = (key: string) => `Basic ${Buffer.from(`${WORKSPACE.workspaceId}:${key}`).toString('base64')}`;
const KEYS = { data: WORKSPACE.dataApiKey, campaign: WORKSPACE.cardsApiKey, inform: WORKSPACE.informApiKey, push: WORKSPACE.pushApiKey };

/** Calls an endpoint the way its spec says (key, headers), with `headers` overriding. */
async function call(api: SpecApi, body?: unknown, { headers = {}, query = '' }: { headers?: Record<string, string | undefined>; query?: string } = {}) {
	const spec = SPEC[api];
	const all: Record<string, string | undefined> = {
		'Content-Type': 'application/json',
		Authorization: basic(KEYS[spec.key]),
		...(spec.headers.includes('MOE-APPKEY') ? { 'MOE-APPKEY': WORKSPACE.workspaceId } : {}),
		...headers,
	};
	const response = await fetch(`${standIn.baseUrl}${spec.path}${query ? `?${query}` : ''}`, {
		method: spec.method,
		headers: Object.fromEntries(Object.entries(all).filter((entry): entry is [string, string] => entry[1] !== undefined)),
		body: spec.method === 'GET' ? undefined : JSON.stringify(body),
	});
	const text = await response.text();
	// eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers are checked field by field below
	return { status: response.status, body: text ? (JSON.parse(text) as Record<string, any>) : undefined };
}

describe('Cohort Sync (cohort-audience.yaml)', () => {
	// The page's AddMembers / RemoveMembers examples, with the users of this workspace.
	const example = (action: string, cohort_name = 'Partner_Name') => ({
		action,
		partner: '6HNBXFm7ZS',
		parameters: { cohort_name, cohort_id: 'JKTAuqTRhC', cohort_description: 'A cohort of users from a partner.', members: [{ uid: 'u-1' }, { uid: 'u-2' }] },
	});

	test('the documented examples pass; a name starting with a period is refused (the current page: "must not start with a period")', async () => {
		const accepted = { status: 200, body: { status: 'success', message: 'Your request has been accepted and will be processed soon.' } };
		expect(await call('cohortSync', example('add_members'))).toEqual(accepted);
		const leadingPeriod = await call('cohortSync', example('add_members', '.Partner_Name'));
		expect([leadingPeriod.status, leadingPeriod.body?.error?.attribute]).toEqual([400, 'cohort_name']);
		expect([...standIn.cohorts.get('JKTAuqTRhC')!.members]).toEqual(['u-1', 'u-2']);
		expect(await call('cohortSync', example('remove_members'))).toEqual(accepted);
		expect(standIn.cohorts.get('JKTAuqTRhC')!.members.size).toBe(0);
	});

	test('the documented refusals, in the Data APIs\' shape', async () => {
		const noAction: Partial<ReturnType<typeof example>> = example('add_members');
		delete noAction.action;
		expect(await call('cohortSync', noAction)).toEqual({
			status: 400,
			body: { status: 'fail', error: { attribute: 'action', message: 'action is not found in the payload', type: 'MissingAttributeError', request_id: expect.any(String) } },
		});
		expect((await call('cohortSync', example('add_members'), { headers: { 'MOE-APPKEY': undefined } })).status).toBe(401);
		expect((await call('cohortSync', example('add_members'), { headers: { Authorization: basic('wrong') } })).body?.error).toMatchObject({
			message: 'App Secret key mismatch. Please login to the dashboard to verify key',
			type: 'Authentication required',
		});
		expect((await call('cohortSync', example('add_members', 'a:b'))).body?.error).toMatchObject({ attribute: 'cohort_name', type: 'ValueError' });
		expect((await call('cohortSync', { ...example('add_members'), action: 'add' })).body?.error).toMatchObject({ attribute: 'action', type: 'ValueError' });
	});
});

describe('Business Events (business-events.yaml)', () => {
	test("the trigger's documented example matches its schema; a known event is triggered", async () => {
		const documented = { event_name: 'Series_Name', event_attributes: { season: 'Season 1', episodes: 12, cast: ['John Doe', 'Jane Doe'], date: '11/11/2023' }, triggered_by: 'john.doe@example.com' };
		expect(validateIn('businessEvent', SPEC.triggerBusinessEvent.body!, documented)).toEqual([]);
		expect(await call('triggerBusinessEvent', { event_name: 'price_drop', event_attributes: { product_id: 'p1' } })).toEqual({
			status: 200,
			body: { message: 'The business event has been triggered' },
		});
	});

	test('the documented 400s and 401 in their {error: {code, message, details, request_id}} shape', async () => {
		expect(await call('triggerBusinessEvent', { event_name: 'Series_Name', event_attributes: {} })).toEqual({
			status: 400,
			body: {
				error: {
					code: '400 Bad Request',
					message: 'Business event does not exists',
					details: [{ code: 'InvalidValue', target: 'event_name', message: 'Business event does not exist' }],
					request_id: expect.any(String),
				},
			},
		});
		expect((await call('triggerBusinessEvent', { event_name: 'price_drop', event_attributes: { rating1: 1 } })).body?.error).toMatchObject({
			message: 'Wrong business event attribute passed in api request',
			details: [{ target: 'rating1' }],
		});
		expect((await call('triggerBusinessEvent', { event_name: 'price_drop', event_attributes: {}, triggered_by: 'abc' })).body?.error.details[0]).toMatchObject({
			code: 'MissingValue',
			target: 'triggered_by',
		});
		const refused = await call('triggerBusinessEvent', { event_name: 'price_drop', event_attributes: {} }, { headers: { Authorization: basic(WORKSPACE.dataApiKey) } });
		expect(refused).toMatchObject({ status: 401, body: { error: { code: '401 Authentication error', message: 'Authentication required', details: [{ target: 'APP_SECRET_KEY' }] } } });
	});

	test('over the hourly limit: 429 {status: "error", data: {…}}, as documented', async () => {
		const body = { event_name: 'price_drop', event_attributes: {} };
		for (let i = 0; i < 3; i++) expect((await call('triggerBusinessEvent', body)).status).toBe(200);
		expect(await call('triggerBusinessEvent', body)).toEqual({
			status: 429,
			body: { status: 'error', data: { code: 429, title: 'rate limiter exception', description: 'Exceeded rate limit for this app' } },
		});
	});

	test('the v5 list: pages of `limit`, a cursor to the next, one event by name; v5 error envelope', async () => {
		const first = await call('listBusinessEvents', undefined, { query: 'limit=1' });
		expect(first).toMatchObject({ status: 200, body: { type: 'business-events', data: [{ id: BUSINESS_EVENTS[0].id, name: 'price_drop' }], pagination: { has_more: true } } });
		const second = await call('listBusinessEvents', undefined, { query: `limit=1&cursor=${first.body?.pagination.next_cursor as string}` });
		expect(second.body).toMatchObject({ data: [{ name: 'flight_delayed' }], pagination: { has_more: false, next_cursor: null } });
		expect((await call('listBusinessEvents', undefined, { query: 'name=flight_delayed' })).body?.data).toHaveLength(1);
		expect(await call('listBusinessEvents', undefined, { query: 'name=a&id=b' })).toMatchObject({ status: 400, body: { error: { code: 'INVALID_REQUEST' }, response_id: expect.any(String) } });
		expect(await call('listBusinessEvents', undefined, { query: 'limit=21' })).toMatchObject({ status: 400, body: { error: { code: 'INVALID_REQUEST', target: 'limit' } } });
		expect(await call('listBusinessEvents', undefined, { headers: { Authorization: basic('wrong') } })).toMatchObject({ status: 401, body: { error: { code: 'UNAUTHORIZED' } } });
	});
});

describe('Inform (inform.yaml /alerts/send)', () => {
	test("the documented examples match the request schema", () => {
		const examples = [
			{ alert_id: '636b77e6e2cf83277195fb60', alert_reference_name: 'Demo_ID', user_id: 'USER_12345', transaction_id: 'TXN_ABCDEF123', payloads: { SMS: { recipient: '1234567890' } } },
			{ alert_id: '636b77e6e2cf83277195fb60', user_id: 'USER_ID', transaction_id: 'X', payloads: { PUSH: { recipient: '<push-token>' }, EMAIL: { recipient: 'john.doe@moengage.com' } } },
			{ alert_id: 'a', user_id: 'u', transaction_id: 'T', payloads: { SMS: { recipient: '123456789', personalized_attributes: { firstname: 'John', orderid: 'ORD_554433' } } } },
		];
		for (const example of examples) expect(validateIn('inform', SPEC.sendAlert.body!, example)).toEqual([]);
	});

	test('sent once per transaction_id in 5 minutes: the repeat answers the documented 409', async () => {
		const body = { alert_reference_name: 'order_shipped', transaction_id: 'TXN_1', payloads: { SMS: { recipient: '+15550001' } } };
		expect(await call('sendAlert', body)).toEqual({ status: 200, body: { message: 'Successfully Received', request_id: expect.any(String) } });
		expect(await call('sendAlert', body)).toEqual({ status: 409, body: { message: 'Duplicate Transaction ID', err_code: 'DUPLICATE_REQUEST_RECEIVED', status_code: 120105 } });
		expect(standIn.observed.sentAlerts).toHaveLength(1);
	});

	test('the documented 400 and 401, in Inform\'s {message, err_code, status_code}', async () => {
		expect(await call('sendAlert', { alert_id: 'nope', transaction_id: 'T', payloads: { SMS: { recipient: '1' } } })).toEqual({
			status: 400,
			body: { message: 'Invalid Alert ID', err_code: 'BAD_REQUEST', status_code: 120002 },
		});
		expect((await call('sendAlert', { transaction_id: 'T', payloads: { SMS: { recipient: '1' } } })).body).toMatchObject({ message: 'Invalid Alert ID' });
		expect((await call('sendAlert', { alert_id: ALERTS[0].id, transaction_id: 'x'.repeat(51), payloads: { SMS: { recipient: '1' } } })).status).toBe(400);
		expect((await call('sendAlert', { alert_id: ALERTS[0].id, transaction_id: 'T', payloads: { WHATSAPP: { recipient: '1' } } })).status).toBe(400);
		const wrongKey = { headers: { Authorization: basic(WORKSPACE.dataApiKey) } };
		expect(await call('sendAlert', { alert_id: ALERTS[0].id, transaction_id: 'T', payloads: { SMS: { recipient: '1' } } }, wrongKey)).toEqual({
			status: 401,
			body: { message: 'Invalid App Key or Basic Auth', err_code: 'UNAUTHORIZED', status_code: 120001 },
		});
	});
});
