import type { IDataObject } from 'n8n-workflow';

import { receivedItems, startTrigger, type TriggerServer } from '../harness/runTrigger';
import { ManualClock, useNodeClock } from '../harness/clock';
import { credentialsFor, WORKSPACE } from '../harness/fixtures';
import {
	ALERT_MAX_AGE_MS,
	ALERTS_REMEMBERED,
	ALERTS_SLOT,
	alertSignature,
	alertSource,
} from '../../nodes/MoEngageTrigger/sources/alert';
import type { InboundCall } from '../../nodes/MoEngageTrigger/sources/call';

/**
 * Replays. MoEngage's signature covers the body only (no timestamp header, no nonce), so a
 * captured alert verifies forever. The trigger refuses an alert whose `alert_triggered_at` is more
 * than 15 minutes old or more than 5 minutes ahead (400), and answers an alert it received before
 * with 200 and no run, remembering the last 1,000 alerts in the workflow's static data.
 */
const NOW = Date.parse('2026-01-15T10:00:00Z');
const MINUTE = 60_000;
let clock: ManualClock;
beforeEach(() => {
	clock = new ManualClock(NOW);
});
useNodeClock(() => clock);

const iso = (epochMs: number) => new Date(epochMs).toISOString();
const alertAt = (triggeredAt: string, id = 'a-9') =>
	`{"alert_id":"${id}","alert_name":"Token expiry","alert_type":"APNS_TOKEN_EXPIRY","alert_triggered_at":"${triggeredAt}"}`;
const signed = (raw: string) => ({ 'content-type': 'application/json', signature: alertSignature(WORKSPACE.cardsApiKey, Buffer.from(raw)) });
const REPEAT = { message: 'Received; this alert was received before, nothing started' };

let server: TriggerServer | undefined;
async function listen() {
	server = await startTrigger({ source: 'alert' }, credentialsFor('http://127.0.0.1:9', { triggerSecret: 'unused' }));
	return server;
}
afterEach(async () => {
	await server?.stop();
	server = undefined;
});

test('a genuine alert sent three times starts one run; the copies get 200 and start nothing', async () => {
	const trigger = await listen();
	const raw = alertAt(iso(NOW - MINUTE));
	const calls = [];
	for (let i = 0; i < 3; i++) calls.push(await trigger.post(raw, signed(raw)));
	expect(calls.map((call) => [call.status, call.body])).toEqual([
		[200, undefined],
		[200, REPEAT],
		[200, REPEAT],
	]);
	expect(calls.map((call) => receivedItems(call.run).length)).toEqual([1, 0, 0]);
	// remembered in the workflow's static data, which n8n keeps with the workflow
	expect(trigger.staticData()['node:MoEngage Trigger']).toEqual({ [ALERTS_SLOT]: [[expect.stringMatching(/^[0-9a-f]{16}$/), Math.floor(NOW / 1000)]] });
});

test('the same alert written out again (other spacing, an equal time) is known too; another alert or another time is not', async () => {
	const trigger = await listen();
	const first = alertAt('2026-01-15T09:59:00Z');
	const respaced = `{ "alert_triggered_at": "2026-01-15T11:59:00.000+02:00", "alert_id": "a-9" }`;
	const later = alertAt('2026-01-15T09:59:30Z');
	const other = alertAt('2026-01-15T09:59:00Z', 'a-10');
	const calls = [];
	for (const raw of [first, respaced, later, other]) calls.push(await trigger.post(raw, signed(raw)));
	expect(calls.map((call) => receivedItems(call.run).length)).toEqual([1, 0, 1, 1]);
	expect(calls[1].body).toEqual(REPEAT);
});

test('a correctly signed alert triggered two days ago gets 400 and starts nothing', async () => {
	const trigger = await listen();
	const raw = alertAt(iso(NOW - 2 * 24 * 60 * MINUTE));
	const call = await trigger.post(raw, signed(raw));
	expect([call.status, call.run]).toEqual([400, undefined]);
	expect(call.body).toEqual({
		message:
			'Refused: the alert is more than 15 minutes old (triggered at 2026-01-13T10:00:00.000Z, received at 2026-01-15T10:00:00.000Z). MoEngage sends an alert when it is triggered, so this is a copy sent again later',
	});
});

test('the captured alert of 2020 is refused each time it is sent', async () => {
	const trigger = await listen();
	const raw = alertAt('2020-01-01T00:00:00Z');
	const calls = [];
	for (let i = 0; i < 3; i++) calls.push(await trigger.post(raw, signed(raw)));
	expect(calls.map((call) => [call.status, call.run])).toEqual([
		[400, undefined],
		[400, undefined],
		[400, undefined],
	]);
});

test('the window: 15 minutes old is taken, a minute more is not; 5 minutes ahead is taken, a minute more is not', async () => {
	expect(ALERT_MAX_AGE_MS).toBe(15 * MINUTE);
	const trigger = await listen();
	const cases: Array<[number, number]> = [
		[NOW - 15 * MINUTE, 200],
		[NOW - 16 * MINUTE, 400],
		[NOW + 5 * MINUTE, 200],
		[NOW + 6 * MINUTE, 400],
	];
	for (const [triggeredAt, status] of cases) {
		const raw = alertAt(iso(triggeredAt));
		const call = await trigger.post(raw, signed(raw));
		expect([iso(triggeredAt), call.status, receivedItems(call.run).length]).toEqual([iso(triggeredAt), status, status === 200 ? 1 : 0]);
	}
	const ahead = alertAt(iso(NOW + 6 * MINUTE));
	expect((await trigger.post(ahead, signed(ahead))).body).toEqual({
		message: "Refused: the alert is dated more than 5 minutes ahead of this server's clock (triggered at 2026-01-15T10:06:00.000Z, received at 2026-01-15T10:00:00.000Z)",
	});
});

test('an alert taken once is still a repeat when it comes again within the window, later', async () => {
	const trigger = await listen();
	const raw = alertAt(iso(NOW));
	expect(receivedItems((await trigger.post(raw, signed(raw))).run)).toHaveLength(1);
	clock.advance(14 * MINUTE);
	const again = await trigger.post(raw, signed(raw));
	expect([again.status, again.body, again.run]).toEqual([200, REPEAT, undefined]);
	clock.advance(2 * MINUTE);
	expect((await trigger.post(raw, signed(raw))).status).toBe(400);
});

test.each([
	['a date without a time', '2026-01-15'],
	['not a date', 'yesterday'],
	['a date that does not exist', '2026-02-30T10:00:00Z'],
	['a number', 1768471200],
	['null', null],
])('alert_triggered_at as %s: 400, nothing started', async (_case, triggeredAt) => {
	const trigger = await listen();
	const raw = JSON.stringify({ alert_id: 'a-11', alert_triggered_at: triggeredAt });
	const call = await trigger.post(raw, signed(raw));
	expect([call.status, call.body, call.run]).toEqual([
		400,
		{ message: 'Malformed body: "alert_triggered_at" must be an ISO 8601 date-time such as 2025-03-21T23:59:00Z' },
		undefined,
	]);
});

test('an alert without alert_triggered_at cannot be dated: it is taken once, and its copy starts nothing', async () => {
	const trigger = await listen();
	const raw = '{"alert_id":"a-12","alert_name":"Delivery Rate Breach"}';
	const calls = [await trigger.post(raw, signed(raw)), await trigger.post(raw, signed(raw))];
	expect(calls.map((call) => [call.status, call.body, receivedItems(call.run).length])).toEqual([
		[200, undefined, 1],
		[200, REPEAT, 0],
	]);
});

describe('memory of received alerts', () => {
	const source = alertSource(WORKSPACE.cardsApiKey);
	const admit = (memory: IDataObject, raw: string) => {
		const call: InboundCall = { headers: {}, body: {}, rawBody: Buffer.from(raw) };
		return source.admit!(call, [{ json: JSON.parse(raw) as IDataObject }], { memory, nowMs: NOW }).kind;
	};

	test(`bounded: the last ${ALERTS_REMEMBERED} alerts are kept, the oldest dropped first`, () => {
		const memory: IDataObject = {};
		const alerts = Array.from({ length: ALERTS_REMEMBERED + 1 }, (_, i) => alertAt(iso(NOW - MINUTE), `a-${i}`));
		expect(alerts.map((raw) => admit(memory, raw)).every((kind) => kind === 'run')).toBe(true);
		expect(memory[ALERTS_SLOT]).toHaveLength(ALERTS_REMEMBERED);
		// a-1 … a-1000 are remembered; a-0, the oldest, was dropped
		expect(admit(memory, alerts[1])).toBe('nothingNew');
		expect(admit(memory, alerts[ALERTS_REMEMBERED])).toBe('nothingNew');
		expect(admit(memory, alerts[0])).toBe('run');
		expect(memory[ALERTS_SLOT]).toHaveLength(ALERTS_REMEMBERED);
	});

	test('static data that is not a list of entries is read as empty, and replaced', () => {
		const memory: IDataObject = { [ALERTS_SLOT]: 'not a list', other: 1 };
		expect(admit(memory, alertAt(iso(NOW)))).toBe('run');
		expect(memory).toEqual({ [ALERTS_SLOT]: [[expect.any(String), Math.floor(NOW / 1000)]], other: 1 });
	});
});
