import { BODY_LIMIT_BYTES } from '../../nodes/MoEngageTrigger/sources/call';
import { connectorCampaignSource } from '../../nodes/MoEngageTrigger/sources/connectorCampaign';
import { parseBatch, type StreamsFilters } from '../../nodes/MoEngageTrigger/sources/streams';

/** The request body of moengage-streams.mdx ("API Request Format"), with a second event. */
const EMAIL_BOUNCE = {
	event_name: 'Email Bounced',
	event_code: 'MOE_EMAIL_HARD_BOUNCE',
	event_uuid: 'e-2',
	event_time: 1580967480,
	event_type: 'CAMPAIGN_EVENT',
	event_source: 'MOENGAGE',
	email_id: 'ann@example.com',
	uid: 'u-1',
	event_attributes: { campaign_id: 'c-9', campaign_name: 'Welcome', campaign_type: 'One Time', campaign_channel: 'Email' },
	user_attributes: { moengage_user_id: 'moe-0001' },
	device_attributes: {},
};
const PUSH_RECEIVED = {
	event_name: 'Notification Received Android',
	event_code: 'NOTIFICATION_RECEIVED_MOE',
	event_uuid: 'e-1',
	event_time: 1580967474,
	event_type: 'CAMPAIGN_EVENT',
	event_source: 'MOENGAGE',
	push_id: 'token',
	uid: 'u-2',
	event_attributes: { campaign_id: '353df897hkbh67658', campaign_name: 'Name of the Campaign', campaign_type: 'Event Trigger', campaign_channel: 'Push' },
	user_attributes: { moengage_user_id: 'moe_internal_user_id' },
	device_attributes: { moengage_device_id: 'moe_internal_device_id' },
};
const PURCHASE = { event_name: 'Purchase', event_code: 'Purchase', event_uuid: 'e-3', event_time: 1580967490, event_type: 'USER_ACTION_EVENT', uid: 'u-1' };

const batch = (events: unknown[]) => ({ app_name: 'Shop', source: 'MOENGAGE', moe_request_id: 'req-1', events });
const NO_FILTERS: StreamsFilters = { eventNames: [] };
const jsonOf = (parsed: ReturnType<typeof parseBatch>) => (parsed.kind === 'items' ? parsed.items.map((item) => item.json) : parsed);

describe('Streams batch', () => {
	test('one item per event, in order, with the batch app_name and moe_request_id', () => {
		expect(jsonOf(parseBatch(batch([PUSH_RECEIVED, EMAIL_BOUNCE]), NO_FILTERS))).toEqual([
			{ ...PUSH_RECEIVED, app_name: 'Shop', moe_request_id: 'req-1' },
			{ ...EMAIL_BOUNCE, app_name: 'Shop', moe_request_id: 'req-1' },
		]);
	});

	test('a repeated event_uuid is dropped (the first one stays); events without one are all kept', () => {
		const noUuid = { event_name: 'X', event_type: 'USER_ACTION_EVENT' };
		const parsed = jsonOf(parseBatch(batch([EMAIL_BOUNCE, PUSH_RECEIVED, { ...EMAIL_BOUNCE, uid: 'changed' }, noUuid, noUuid]), NO_FILTERS));
		expect(parsed).toEqual([
			{ ...EMAIL_BOUNCE, app_name: 'Shop', moe_request_id: 'req-1' },
			{ ...PUSH_RECEIVED, app_name: 'Shop', moe_request_id: 'req-1' },
			{ ...noUuid, app_name: 'Shop', moe_request_id: 'req-1' },
			{ ...noUuid, app_name: 'Shop', moe_request_id: 'req-1' },
		]);
	});

	test('filters: event codes or names, and the event type', () => {
		const all = batch([PUSH_RECEIVED, EMAIL_BOUNCE, PURCHASE]);
		const uuids = (filters: StreamsFilters) => (jsonOf(parseBatch(all, filters)) as Array<{ event_uuid: string }>).map((e) => e.event_uuid);
		expect(uuids({ eventNames: ['MOE_EMAIL_HARD_BOUNCE'] })).toEqual(['e-2']);
		expect(uuids({ eventNames: ['Email Bounced', 'Purchase'] })).toEqual(['e-2', 'e-3']);
		expect(uuids({ eventNames: [], eventType: 'USER_ACTION_EVENT' })).toEqual(['e-3']);
		expect(uuids({ eventNames: [], eventType: 'CAMPAIGN_EVENT' })).toEqual(['e-1', 'e-2']);
		expect(uuids({ eventNames: ['Purchase'], eventType: 'CAMPAIGN_EVENT' })).toEqual([]);
		// names are matched exactly
		expect(uuids({ eventNames: ['moe_email_hard_bounce'] })).toEqual([]);
	});

	test('an empty batch is accepted and gives no item', () => {
		expect(parseBatch(batch([]), NO_FILTERS)).toEqual({ kind: 'items', items: [] });
	});

	test('no size limit of the node\'s own: a batch three times MoEngage\'s default of 100 events passes whole', () => {
		expect(BODY_LIMIT_BYTES).toBeUndefined();
		const events = Array.from({ length: 300 }, (_, i) => ({ ...EMAIL_BOUNCE, event_uuid: `e-${i}` }));
		expect(jsonOf(parseBatch(batch(events), NO_FILTERS))).toHaveLength(300);
	});

	test.each([
		['a list instead of a batch', [PUSH_RECEIVED], 'a Streams batch is a JSON object with an "events" list'],
		['text', 'events', 'a Streams batch is a JSON object with an "events" list'],
		['no events', { app_name: 'Shop' }, '"events" must be a list'],
		['events not a list', { events: { 0: PUSH_RECEIVED } }, '"events" must be a list'],
		['an event that is not an object', batch([PUSH_RECEIVED, 'x']), 'events[1] must be an object'],
		['an event_uuid that is not text', batch([{ ...PUSH_RECEIVED, event_uuid: 7 }]), 'events[0].event_uuid must be text'],
		['an event_type that is not text', batch([{ ...PUSH_RECEIVED, event_type: ['CAMPAIGN_EVENT'] }]), 'events[0].event_type must be text'],
	])('malformed: %s', (_case, body, reason) => {
		expect(parseBatch(body, NO_FILTERS)).toEqual({ kind: 'malformed', reason });
	});
});

describe('connector campaign body', () => {
	const source = connectorCampaignSource({ method: 'headerSecret', headerName: 'x-s', secret: 's' });

	test('a JSON object becomes one item with its fields at the top', () => {
		const body = { customer_id: 'u-1', email: 'ann@example.com', campaign_name: 'Uninstall follow-up' };
		expect(source.parse({ headers: {}, body })).toEqual({ kind: 'items', items: [{ json: body }] });
	});

	test('raw text, a list or no body arrive under "body"', () => {
		expect(source.parse({ headers: {}, body: 'uid=u-1' })).toEqual({ kind: 'items', items: [{ json: { body: 'uid=u-1' } }] });
		expect(source.parse({ headers: {}, body: [1, 2] })).toEqual({ kind: 'items', items: [{ json: { body: [1, 2] } }] });
		expect(source.parse({ headers: {}, body: undefined })).toEqual({ kind: 'items', items: [{ json: { body: null } }] });
	});
});
