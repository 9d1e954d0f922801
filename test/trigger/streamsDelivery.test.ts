import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { activateTrigger, receivedItems, startTrigger, type TriggerServer } from '../harness/runTrigger';
import { ManualClock, useNodeClock } from '../harness/clock';
import { credentialsFor, WORKSPACE } from '../harness/fixtures';
import {
	admitEvents,
	STREAMS_EVENTS_REMEMBERED,
	STREAMS_REPEAT_WINDOW_MS,
	STREAMS_SLOT,
} from '../../nodes/MoEngageTrigger/sources/streams';

/**
 * Streams as MoEngage delivers it: after any answer that is not 2xx it sends the whole batch
 * again, three times, 30, 60 and 120 seconds apart, and names `event_uuid` as the key to drop
 * repeats (moengage-streams.mdx). The trigger leaves out events it already emitted, says so in its
 * answer, and starts nothing when no event is new. Its filters fail closed: a value it cannot read
 * is an error, never a filter that lets everything through.
 */
const NOW = Date.parse('2026-01-15T10:00:00Z');
const SECOND = 1000;
let clock: ManualClock;
beforeEach(() => {
	clock = new ManualClock(NOW);
});
useNodeClock(() => clock);

const SECRET = 's3cret';
const credentials = credentialsFor('http://127.0.0.1:9', { triggerSecret: SECRET });
const headers = { 'content-type': 'application/json', 'x-moengage-secret': SECRET };
const parameters = (filters: INodeParameters = {}): INodeParameters => ({ source: 'streams', authentication: 'headerSecret', headerName: 'X-MoEngage-Secret', filters });

const event = (uuid: string, code = 'MOE_EMAIL_HARD_BOUNCE', type = 'CAMPAIGN_EVENT') => ({ event_name: code, event_code: code, event_uuid: uuid, event_type: type, uid: `u-${uuid}` });
const batch = (requestId: string, events: unknown[]) => JSON.stringify({ app_name: WORKSPACE.workspaceId, source: 'MOENGAGE', moe_request_id: requestId, events });
const uuids = (items: INodeExecutionData[]) => items.map((item) => item.json.event_uuid);

let server: TriggerServer | undefined;
async function listen(filters: INodeParameters = {}) {
	server = await startTrigger(parameters(filters), credentials);
	return server;
}
afterEach(async () => {
	await server?.stop();
	server = undefined;
});

describe('filters fail closed', () => {
	test('Event Names as a list from an expression: activation fails, and a call starts nothing (500)', async () => {
		const filters = { eventNames: '={{ ["MOE_EMAIL_HARD_BOUNCE"] }}' };
		await expect(activateTrigger(parameters(filters), credentials)).rejects.toThrow('The filter Event Names must be text, not a list');
		const trigger = await listen(filters);
		const call = await trigger.post(batch('r-1', [event('e-1'), event('e-2', 'Purchase', 'USER_ACTION_EVENT')]), headers);
		expect([call.status, call.thrown?.message, call.run]).toEqual([500, 'The filter Event Names must be text, not a list', undefined]);
	});

	test.each([
		['a number', '={{ 42 }}', 'a number'],
		['null', '={{ null }}', 'null'],
	])('Event Names as %s is an error too', async (_case, eventNames, kind) => {
		await expect(activateTrigger(parameters({ eventNames }), credentials)).rejects.toThrow(`The filter Event Names must be text, not ${kind}`);
	});

	test('an Event Type the node does not know: activation fails, and a call starts nothing (500)', async () => {
		const filters = { eventType: 'CAMPAIGN_EVENTS' };
		await expect(activateTrigger(parameters(filters), credentials)).rejects.toThrow('Unknown Event Type "CAMPAIGN_EVENTS"');
		const trigger = await listen(filters);
		const call = await trigger.post(batch('r-1', [event('e-1')]), headers);
		expect([call.status, call.thrown?.message, call.run]).toEqual([500, 'Unknown Event Type "CAMPAIGN_EVENTS"', undefined]);
	});

	test('still read as before: text from an expression, an empty Event Names (no filter), each Event Type', async () => {
		await expect(activateTrigger(parameters({ eventNames: '={{ ["MOE_EMAIL_HARD_BOUNCE"].join(", ") }}' }), credentials)).resolves.toBe(true);
		await expect(activateTrigger(parameters({ eventNames: '' }), credentials)).resolves.toBe(true);
		await expect(activateTrigger(parameters({ eventType: 'USER_ACTION_EVENT' }), credentials)).resolves.toBe(true);
		const trigger = await listen({ eventNames: '={{ ["MOE_EMAIL_HARD_BOUNCE"].join(", ") }}' });
		const call = await trigger.post(batch('r-1', [event('e-1'), event('e-2', 'Purchase', 'USER_ACTION_EVENT')]), headers);
		expect(uuids(receivedItems(call.run))).toEqual(['e-1']);
	});
});

describe('a batch sent again', () => {
	test('the same batch again (after a lost answer): 200 saying so, no run', async () => {
		const trigger = await listen();
		const first = await trigger.post(batch('r-1', [event('e-1'), event('e-2')]), headers);
		expect([first.status, first.body, uuids(receivedItems(first.run))]).toEqual([200, undefined, ['e-1', 'e-2']]);
		for (const wait of [30, 60, 120]) {
			clock.advance(wait * SECOND);
			const again = await trigger.post(batch('r-1', [event('e-1'), event('e-2')]), headers);
			expect([again.status, again.body, again.run]).toEqual([200, { message: 'Received; 2 events received before left out, nothing started' }, undefined]);
		}
	});

	test('a batch put together again with a new event: only the new one runs, and the answer counts the rest', async () => {
		const trigger = await listen();
		await trigger.post(batch('r-1', [event('e-1'), event('e-2')]), headers);
		const mixed = await trigger.post(batch('r-2', [event('e-2'), event('e-3'), event('e-1')]), headers);
		expect(mixed.status).toBe(200);
		expect(mixed.body).toEqual({ message: 'Received; 1 event started the workflow, 2 events received before left out' });
		expect(receivedItems(mixed.run).map((item) => item.json)).toEqual([{ ...event('e-3'), app_name: WORKSPACE.workspaceId, moe_request_id: 'r-2' }]);
	});

	test('events left out by the filters are not remembered: they are not emitted, so not repeats', async () => {
		const trigger = await listen({ eventType: 'CAMPAIGN_EVENT' });
		const purchase = event('e-9', 'Purchase', 'USER_ACTION_EVENT');
		const first = await trigger.post(batch('r-1', [event('e-1'), purchase]), headers);
		expect(uuids(receivedItems(first.run))).toEqual(['e-1']);
		const again = await trigger.post(batch('r-1', [event('e-1'), purchase]), headers);
		expect([again.status, again.body, again.run]).toEqual([200, { message: 'Received; 1 event received before left out, nothing started' }, undefined]);
	});

	test(`an event_uuid is remembered for ${STREAMS_REPEAT_WINDOW_MS / 60000} minutes, well past MoEngage's last retry (3.5 minutes)`, async () => {
		const trigger = await listen();
		await trigger.post(batch('r-1', [event('e-1')]), headers);
		clock.advance(STREAMS_REPEAT_WINDOW_MS);
		expect((await trigger.post(batch('r-1', [event('e-1')]), headers)).run).toBeUndefined();
		clock.advance(SECOND);
		expect(uuids(receivedItems((await trigger.post(batch('r-1', [event('e-1')]), headers)).run))).toEqual(['e-1']);
	});

	test('events without an event_uuid cannot be told apart and always run', async () => {
		const trigger = await listen();
		const anonymous = { event_name: 'X', event_code: 'X', event_type: 'USER_ACTION_EVENT' };
		for (let i = 0; i < 2; i++) {
			expect(receivedItems((await trigger.post(batch('r-1', [anonymous]), headers)).run)).toHaveLength(1);
		}
	});

	test('a refused call (401, 400) remembers nothing: MoEngage sends it again and it is taken', async () => {
		const trigger = await listen();
		const unauthenticated = await trigger.post(batch('r-1', [event('e-1')]), { 'content-type': 'application/json' });
		const malformed = await trigger.post(JSON.stringify({ events: [event('e-1'), 'x'] }), headers);
		expect([unauthenticated.status, malformed.status]).toEqual([401, 400]);
		expect(trigger.staticData()).toEqual({});
		expect(uuids(receivedItems((await trigger.post(batch('r-1', [event('e-1')]), headers)).run))).toEqual(['e-1']);
	});
});

describe('memory of received events', () => {
	const items = (from: number, count: number) => Array.from({ length: count }, (_, i) => ({ json: event(`e-${from + i}`) as IDataObject }));

	test(`bounded: the last ${STREAMS_EVENTS_REMEMBERED.toLocaleString('en-US')} events are kept, the oldest dropped first`, () => {
		const memory: IDataObject = {};
		for (let from = 0; from <= STREAMS_EVENTS_REMEMBERED; from += 100) admitEvents(items(from, 100), { memory, nowMs: NOW });
		expect(memory[STREAMS_SLOT]).toHaveLength(STREAMS_EVENTS_REMEMBERED);
		// 10,100 events were received: e-0 … e-99 were dropped, e-100 … e-10099 are kept
		expect(admitEvents(items(99, 2), { memory, nowMs: NOW })).toEqual({
			kind: 'run',
			items: items(99, 1),
			message: 'Received; 1 event started the workflow, 1 event received before left out',
		});
	});

	test('entries older than the window are dropped when the next call is admitted', () => {
		const memory: IDataObject = {};
		admitEvents(items(0, 3), { memory, nowMs: NOW });
		admitEvents(items(3, 1), { memory, nowMs: NOW + STREAMS_REPEAT_WINDOW_MS });
		admitEvents(items(4, 1), { memory, nowMs: NOW + STREAMS_REPEAT_WINDOW_MS + SECOND });
		expect((memory[STREAMS_SLOT] as unknown[]).map((entry) => (entry as [string, number])[1])).toEqual([
			(NOW + STREAMS_REPEAT_WINDOW_MS) / 1000,
			(NOW + STREAMS_REPEAT_WINDOW_MS + SECOND) / 1000,
		]);
	});
});
