import type { IDataObject, INodeParameters, INodeProperties } from 'n8n-workflow';

import { activateTrigger, receivedItems, startTrigger, triggerNode, type TriggerServer } from '../harness/runTrigger';
import { ManualClock, useNodeClock } from '../harness/clock';
import { credentialsFor } from '../harness/fixtures';
import {
	CONNECTOR_SLOT,
	CONNECTOR_VALUES_REMEMBERED,
	connectorCampaignSource,
} from '../../nodes/MoEngageTrigger/sources/connectorCampaign';
import { RecentKeys } from '../../nodes/MoEngageTrigger/helpers/recentKeys';

/**
 * Connector campaigns: MoEngage can rerun a One Time or Periodic campaign's batch and call again
 * for the same users unless the campaign's "Remove duplicate users" is set
 * (connector-error-reference.mdx). The option Drop Repeats by Field leaves out a call whose value
 * of that field came before; without it, every call runs, as before.
 */
const NOW = Date.parse('2026-01-15T10:00:00Z');
let clock: ManualClock;
beforeEach(() => {
	clock = new ManualClock(NOW);
});
useNodeClock(() => clock);

const SECRET = 'hook-secret-1';
const credentials = credentialsFor('http://127.0.0.1:9', { triggerSecret: SECRET });
const headers = { 'content-type': 'application/json', 'x-moengage-secret': SECRET };
const parameters = (options?: INodeParameters): INodeParameters => ({
	source: 'connectorCampaign',
	authentication: 'headerSecret',
	headerName: 'X-MoEngage-Secret',
	...(options === undefined ? {} : { options }),
});
const user = (customerId: unknown, campaign = 'Uninstall follow-up') => JSON.stringify({ customer_id: customerId, email: 'ann@example.com', campaign_name: campaign });

let server: TriggerServer | undefined;
async function listen(options?: INodeParameters) {
	server = await startTrigger(parameters(options), credentials);
	return server;
}
afterEach(async () => {
	await server?.stop();
	server = undefined;
});

test('without the option, a call sent again runs again (as before), and nothing is remembered', async () => {
	const trigger = await listen();
	const calls = [await trigger.post(user('u-1'), headers), await trigger.post(user('u-1'), headers)];
	expect(calls.map((call) => [call.status, call.body, receivedItems(call.run).length])).toEqual([
		[200, undefined, 1],
		[200, undefined, 1],
	]);
	expect(trigger.staticData()).toEqual({});
});

test('Drop Repeats by Field: a call whose value came before gets 200 and starts nothing; other values run', async () => {
	const trigger = await listen({ dropRepeatsByField: 'customer_id' });
	const calls = [];
	for (const body of [user('u-1'), user('u-2'), user('u-1', 'rerun'), user('u-3')]) calls.push(await trigger.post(body, headers));
	expect(calls.map((call) => [call.status, receivedItems(call.run).length])).toEqual([
		[200, 1],
		[200, 1],
		[200, 0],
		[200, 1],
	]);
	expect(calls[2].body).toEqual({ message: 'Received; a call with the same "customer_id" was received before, nothing started' });
	expect(receivedItems(calls[0].run).map((item) => item.json)).toEqual([JSON.parse(user('u-1'))]);
	// values are kept as digests: no customer data in the workflow's static data
	expect(JSON.stringify(trigger.staticData())).not.toContain('u-1');
});

test('a number and the same number as text are one value; a form body works the same way', async () => {
	const trigger = await listen({ dropRepeatsByField: 'customer_id' });
	expect(receivedItems((await trigger.post(user(42), headers)).run)).toHaveLength(1);
	expect((await trigger.post(user('42'), headers)).run).toBeUndefined();
	const form = { 'content-type': 'application/x-www-form-urlencoded', 'x-moengage-secret': SECRET };
	expect((await trigger.post('customer_id=42&plan=gold', form)).run).toBeUndefined();
	expect(receivedItems((await trigger.post('customer_id=43&plan=gold', form)).run)).toHaveLength(1);
});

test.each([
	['missing', JSON.stringify({ email: 'ann@example.com' })],
	['empty', user('')],
	['blank', user('  ')],
	['null', user(null)],
	['a list', user(['u-1'])],
	['an object', user({ id: 'u-1' })],
])('a call whose field is %s gets 400 and starts nothing', async (_case, body) => {
	const trigger = await listen({ dropRepeatsByField: 'customer_id' });
	const call = await trigger.post(body, headers);
	expect([call.status, call.body, call.run]).toEqual([
		400,
		{ message: 'Malformed body: the field "customer_id" (Drop Repeats by Field) is missing, empty or not a single value, so a repeat of this call cannot be told apart' },
		undefined,
	]);
});

test('an empty option is no option; one that is not text fails activation', async () => {
	const trigger = await listen({ dropRepeatsByField: '' });
	expect(receivedItems((await trigger.post(user('u-1'), headers)).run)).toHaveLength(1);
	expect(receivedItems((await trigger.post(user('u-1'), headers)).run)).toHaveLength(1);
	await expect(activateTrigger(parameters({ dropRepeatsByField: '={{ ["customer_id"] }}' }), credentials)).rejects.toThrow(
		'Drop Repeats by Field must be the name of a field, not a list',
	);
});

test('the node says where MoEngage prevents re-sends: the notice and the option name "Remove Duplicate Users"', () => {
	const properties = triggerNode.description.properties;
	const notice = properties.find((property) => property.name === 'connectorCampaignNotice')!;
	const options = properties.find((property) => property.name === 'options')!;
	const option = (options.options as INodeProperties[]).find((property) => property.name === 'dropRepeatsByField')!;
	expect(notice.displayName).toContain('Remove Duplicate Users');
	expect(option).toMatchObject({ displayName: 'Drop Repeats by Field', type: 'string', default: '' });
	expect(option.description).toContain('Remove Duplicate Users');
	expect(options.displayOptions).toEqual({ show: { source: ['connectorCampaign'] } });
});

test(`bounded memory: the last ${CONNECTOR_VALUES_REMEMBERED.toLocaleString('en-US')} values, the oldest dropped first`, () => {
	const source = connectorCampaignSource({ method: 'headerSecret', headerName: 'x-s', secret: 's' }, 'customer_id');
	const memory: IDataObject = {};
	const admit = (id: string) => source.admit!({ headers: {}, body: {} }, [{ json: { customer_id: id } }], { memory, nowMs: NOW }).kind;
	// a full memory, u-0 … u-9999, as calls would have left it (filled in one go: a call at a time takes minutes)
	const full = new RecentKeys(memory, CONNECTOR_SLOT, { count: CONNECTOR_VALUES_REMEMBERED }, NOW);
	for (let i = 0; i < CONNECTOR_VALUES_REMEMBERED; i++) full.add(`u-${i}`);
	full.save();
	expect(admit('u-0')).toBe('nothingNew');
	expect(admit(`u-${CONNECTOR_VALUES_REMEMBERED}`)).toBe('run');
	expect(memory[CONNECTOR_SLOT]).toHaveLength(CONNECTOR_VALUES_REMEMBERED);
	// u-0 was dropped for it; u-1 is still there
	expect(admit('u-1')).toBe('nothingNew');
	expect(admit('u-0')).toBe('run');
});
