import type { INodeExecutionData, INodeParameters, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { activateTrigger, receivedItems, startTrigger, type TriggerServer } from '../harness/runTrigger';
import { ManualClock, useNodeClock } from '../harness/clock';
import { credentialsFor, WORKSPACE } from '../harness/fixtures';
import { MoEngageTrigger } from '../../nodes/MoEngageTrigger/MoEngageTrigger.node';
import { STREAMS_CAMPAIGN_EVENTS, STREAMS_USER_EVENTS } from '../../nodes/MoEngageTrigger/sources/streamsEvents';

/**
 * Streams → Filters → Events: a multi-select of MoEngage's documented event codes (the 33
 * campaign interaction events of its Streams page, the standard user events of its export
 * glossary), next to the Event Names text for any other event; an event that matches either
 * passes. Saved workflows with Event Names only behave as before.
 */
const NOW = Date.parse('2026-01-15T10:00:00Z');
let clock: ManualClock;
beforeEach(() => {
	clock = new ManualClock(NOW);
});
useNodeClock(() => clock);

const SECRET = 's3cret';
const credentials = credentialsFor('http://127.0.0.1:9', { triggerSecret: SECRET });
const headers = { 'content-type': 'application/json', 'x-moengage-secret': SECRET };
const parameters = (filters: INodeParameters = {}): INodeParameters => ({ source: 'streams', authentication: 'headerSecret', headerName: 'X-MoEngage-Secret', filters });
const event = (uuid: string, code: string, name = code, type = 'CAMPAIGN_EVENT') => ({ event_name: name, event_code: code, event_uuid: uuid, event_type: type, uid: `u-${uuid}` });
const batch = (events: unknown[]) => JSON.stringify({ app_name: WORKSPACE.workspaceId, source: 'MOENGAGE', moe_request_id: 'r-1', events });
const uuids = (items: INodeExecutionData[]) => items.map((item) => item.json.event_uuid);

const mixed = [
	event('e-1', 'MOE_EMAIL_HARD_BOUNCE', 'Email Bounced'),
	event('e-2', 'MOE_EMAIL_UNSUBSCRIBE', 'Email Unsubscribed'),
	event('e-3', 'MOE_EMAIL_OPEN', 'Email Opened'),
	event('e-4', 'Purchase', 'Purchase', 'USER_ACTION_EVENT'),
	event('e-5', 'MOE_CARD_IMPRESSION', 'Card Viewed'),
	event('e-6', 'MOE_APP_OPENED', 'App/Site Opened', 'USER_ACTION_EVENT'),
];

let server: TriggerServer | undefined;
async function received(filters: INodeParameters) {
	server = await startTrigger(parameters(filters), credentials);
	const call = await server.post(batch(mixed), headers);
	await server.stop();
	server = undefined;
	return uuids(receivedItems(call.run));
}
afterEach(async () => {
	await server?.stop();
	server = undefined;
});

const eventsFilter = () =>
	(new MoEngageTrigger().description.properties.find((property) => property.name === 'filters')!.options as INodeProperties[]).find(
		(option) => option.name === 'events',
	) as unknown as { type: string; default: unknown; options: INodePropertyOptions[] };

describe('Streams → Events', () => {
	test("the list holds every campaign event of MoEngage's Streams page and the standard user events, by code, alphabetically", () => {
		const filter = eventsFilter();
		expect([filter.type, filter.default]).toEqual(['multiOptions', []]);
		const values = filter.options.map((option) => option.value);
		expect(STREAMS_CAMPAIGN_EVENTS).toHaveLength(33);
		expect(new Set(values)).toEqual(new Set([...STREAMS_CAMPAIGN_EVENTS, ...STREAMS_USER_EVENTS].map(([, code]) => code)));
		expect(values).toHaveLength(new Set(values).size);
		const names = filter.options.map((option) => option.name);
		expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
		expect(names).toContain('Email Bounced (MOE_EMAIL_HARD_BOUNCE)');
	});

	test('picked events pass, the others are left out', async () => {
		expect(await received({ events: ['MOE_EMAIL_HARD_BOUNCE', 'MOE_EMAIL_UNSUBSCRIBE'] })).toEqual(['e-1', 'e-2']);
		expect(await received({ events: ['MOE_APP_OPENED'] })).toEqual(['e-6']);
	});

	test('Events and Event Names together: an event matching either passes (custom events stay possible)', async () => {
		expect(await received({ events: ['MOE_EMAIL_HARD_BOUNCE'], eventNames: 'Purchase, Email Opened' })).toEqual(['e-1', 'e-3', 'e-4']);
	});

	test("Card Viewed matches the glossary's code too (MoEngage's pages give it two)", async () => {
		expect(await received({ events: ['MOE_CARD_VIEWED'] })).toEqual(['e-5']);
	});

	test('with Event Type: both filters apply', async () => {
		expect(await received({ events: ['MOE_EMAIL_HARD_BOUNCE', 'MOE_APP_OPENED'], eventType: 'USER_ACTION_EVENT' })).toEqual(['e-6']);
	});

	test('no event picked and no Event Names: every event passes; saved Event Names alone as before', async () => {
		expect(await received({ events: [] })).toEqual(['e-1', 'e-2', 'e-3', 'e-4', 'e-5', 'e-6']);
		expect(await received({ eventNames: 'MOE_EMAIL_OPEN' })).toEqual(['e-3']);
	});

	test.each([
		['text', '={{ "MOE_EMAIL_OPEN" }}', 'a string'],
		['a number', '={{ 42 }}', 'a number'],
		['a list with a number', '={{ ["MOE_EMAIL_OPEN", 42] }}', 'a list with other values'],
		['a list with an empty code', '={{ [""] }}', 'a list with other values'],
	])('Events as %s fails activation, never lets every event through', async (_case, events, kind) => {
		await expect(activateTrigger(parameters({ events }), credentials)).rejects.toThrow(`The filter Events must be a list of event codes, not ${kind}`);
	});

	test('a list from an expression works, with codes not in the list too', async () => {
		expect(await received({ events: '={{ ["MOE_EMAIL_OPEN", "Purchase"] }}' })).toEqual(['e-3', 'e-4']);
	});
});
