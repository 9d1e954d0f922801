import type { IDataObject } from 'n8n-workflow';

import { readMoEngageError, reportsFailure } from '../../nodes/MoEngage/transport/errors';
import { ENDPOINTS } from '../../nodes/MoEngage/transport/api';
import { runMoEngage, useStandIn } from '../harness/fixtures';
import { getUser } from '../harness/operations';

/**
 * What the node sends follows MoEngage's published API (moengage/moengage-documentation:
 * api/data/data.yaml, data-overview.mdx, rate-limits.mdx): checked on the requests the stand-in
 * received, and bad values refused before any request, naming item and field.
 */

const { standIn, baseUrl } = useStandIn();

const track = (options: IDataObject = {}, parameters: IDataObject = {}) => ({
	resource: 'event',
	operation: 'track',
	customerId: '={{ $json.id }}',
	eventName: 'Visited',
	options,
	...parameters,
});
const createOrUpdate = (options: IDataObject = {}, parameters: IDataObject = {}) => ({
	resource: 'user',
	operation: 'createOrUpdate',
	customerId: '={{ $json.id }}',
	options,
	...parameters,
});

const sentAction = (index = 0) => (standIn.requestsTo('trackEvent')[index].body as { actions: IDataObject[] }).actions[0];

describe('limits', () => {
	test('Track Event paces at MoEngage\'s 30,000 events a minute by default', () => {
		expect(ENDPOINTS.trackEvent.rateLimit.perMinute).toBe(30_000);
	});
});

describe('customer IDs MoEngage refuses', () => {
	test.each(['0', '1', '2', '-1', 'null', 'None', 'GUEST', 'id', 'user_id', 'n/a', '7'])('"%s" is refused before any request, naming item and field', async (id) => {
		const { error } = await runMoEngage(baseUrl(), track(), [{ id: 'u-1' }, { id }]);
		expect(error?.message).toBe(`The "Customer ID" field of item 1 is "${id}", which MoEngage does not accept as a customer ID`);
		expect(error?.context?.itemIndex).toBe(1);
		expect(standIn.requests).toHaveLength(0);
	});

	test('every operation that takes a customer ID checks it', async () => {
		const cases: Array<[IDataObject, IDataObject, string]> = [
			[createOrUpdate(), { id: '0' }, 'Customer ID'],
			[getUser(), { id: 'null' }, 'User ID'],
			[{ resource: 'user', operation: 'delete', identityType: 'customer_id', identityValue: '={{ $json.id }}' }, { id: '-1' }, 'User ID'],
			[{ resource: 'user', operation: 'merge', mergedUser: '={{ $json.id }}', retainedUser: 'u-1' }, { id: 'guest' }, 'Customer ID to Merge (Old)'],
		];
		for (const [parameters, item, label] of cases) {
			const { error } = await runMoEngage(baseUrl(), parameters, [item]);
			expect(error?.message).toBe(`The "${label}" field of item 0 is "${String(item.id)}", which MoEngage does not accept as a customer ID`);
		}
		expect(standIn.requests).toHaveLength(0);
	});

	test('a MoEngage ID is not a customer ID: it is not checked against that list', async () => {
		await runMoEngage(baseUrl(), { resource: 'user', operation: 'delete', identityType: 'moengage_id', identityValue: '1' }, [{}], { continueOnFail: true });
		expect(standIn.requests).toHaveLength(1);
	});
});

describe('dates, parsed strictly and sent as ISO 8601', () => {
	test.each([
		['2024-05-31T16:33:35Z', '2024-05-31T16:33:35Z'],
		['2024-05-31T16:33:35.120+05:30', '2024-05-31T11:03:35.120Z'],
		['2024-05-31T16:33:35', '2024-05-31T16:33:35Z'],
		['2024-05-31', '2024-05-31'],
		['1590404615', '2020-05-25T11:03:35Z'],
	])('event time %s is sent as %s', async (eventTime, sent) => {
		await runMoEngage(baseUrl(), track({ eventTime }), [{ id: 'u-1' }]);
		expect(sentAction().current_time).toBe(sent);
	});

	test('epoch seconds as a number, and a Luxon date from an expression', async () => {
		await runMoEngage(baseUrl(), track({ eventTime: '={{ $json.at }}' }), [{ id: 'u-1', at: 1590404615 }]);
		expect(sentAction().current_time).toBe('2020-05-25T11:03:35Z');
		await runMoEngage(baseUrl(), track({ eventTime: "={{ DateTime.fromISO('2024-01-02T03:04:05+01:00') }}" }), [{ id: 'u-1' }]);
		expect(sentAction(1).current_time).toBe('2024-01-02T02:04:05Z');
	});

	test.each(['1', 'x 1', 'March 7', '2024-02-30', '-1', '31/05/2024', '2024-13-01'])('event time "%s" is refused before any request', async (eventTime) => {
		const { error } = await runMoEngage(baseUrl(), track({ eventTime }), [{ id: 'u-1' }]);
		expect(error?.message).toBe(`The "Event Time" field of item 0 is not a date: ${JSON.stringify(eventTime)}`);
		expect(standIn.requests).toHaveLength(0);
	});

	test('an event time in the future is refused: MoEngage does not take future-dated events', async () => {
		const { error } = await runMoEngage(baseUrl(), track({ eventTime: '2999-01-01T00:00:00Z' }), [{ id: 'u-1' }]);
		expect(error?.message).toBe('The "Event Time" field of item 0 is in the future (2999-01-01T00:00:00Z)');
		expect(standIn.requests).toHaveLength(0);
	});

	test('a birthday keeps its day; an impossible one is refused', async () => {
		await runMoEngage(baseUrl(), createOrUpdate({}, { standardAttributes: { birthday: '1990-04-01' } }), [{ id: 'u-1' }]);
		expect((standIn.requestsTo('trackUser')[0].body as { attributes: IDataObject }).attributes.birthday).toBe('1990-04-01');
		const { error } = await runMoEngage(baseUrl(), createOrUpdate({}, { standardAttributes: { birthday: '1990-02-30' } }), [{ id: 'u-1' }]);
		expect(error?.message).toBe('The "Standard Attributes > Birthday" field of item 0 is not a date: "1990-02-30"');
	});
});

describe('Track Event fields', () => {
	test('a time-zone offset of 0 is sent (UTC), and numeric text is read as seconds', async () => {
		await runMoEngage(baseUrl(), track({ userTimezoneOffset: '={{ $json.offset }}' }), [
			{ id: 'u-1', offset: 0 },
			{ id: 'u-2', offset: '19800' },
		]);
		const offsets = standIn.requestsTo('trackEvent').map((request) => (request.body as { actions: IDataObject[] }).actions[0].user_timezone_offset);
		expect(offsets.sort()).toEqual([0, 19800]);
	});

	test('platform TV', async () => {
		await runMoEngage(baseUrl(), track({ platform: 'TV' }), [{ id: 'u-1' }]);
		expect(sentAction().platform).toBe('TV');
	});
});

describe('Create or Update options', () => {
	test('Only Update Existing Users sends update_existing_only; Unset Attributes sends unset_attributes', async () => {
		await runMoEngage(baseUrl(), createOrUpdate({ updateExistingOnly: true, unsetAttributes: 'coupon_code, cart_value' }), [{ id: 'u-1' }]);
		expect(standIn.requestsTo('trackUser')[0].body).toMatchObject({
			type: 'customer',
			customer_id: 'u-1',
			update_existing_only: true,
			unset_attributes: [
				{ type: 'equals', attr: 'coupon_code', case_sensitive: true },
				{ type: 'equals', attr: 'cart_value', case_sensitive: true },
			],
		});
	});

	test('by default neither is sent', async () => {
		await runMoEngage(baseUrl(), createOrUpdate(), [{ id: 'u-1' }]);
		const body = standIn.requestsTo('trackUser')[0].body as IDataObject;
		expect(Object.keys(body).sort()).toEqual(['attributes', 'customer_id', 'type']);
	});

	test('an attribute both set and unset is refused', async () => {
		const { error } = await runMoEngage(
			baseUrl(),
			createOrUpdate({ unsetAttributes: 'plan' }, { customAttributes: { attribute: [{ name: 'plan', value: 'gold' }] } }),
			[{ id: 'u-1' }],
		);
		expect(error?.message).toBe('The "Unset Attributes" field of item 0 removes "plan", which the item also sets');
	});
});

describe('Get User', () => {
	test('Return All Attributes leaves user_fields_to_export out, so MoEngage exports every attribute', async () => {
		await runMoEngage(baseUrl(), getUser({ allAttributes: true }), [{ id: 'u-1' }]);
		const { data } = standIn.requestsTo('exportUsers')[0].body as { data: IDataObject };
		expect(data).toEqual({ identifiers: [{ identifier_type: 'customer_id', identifier: 'u-1' }] });
	});

	test('X-Forwarded-For is sent; items with different values go in different requests', async () => {
		await runMoEngage(baseUrl(), getUser({ forwardedFor: '={{ $json.ip }}', ifNotFound: 'returnItem' }), [
			{ id: 'u-1', ip: '203.0.113.1' },
			{ id: 'u-2', ip: '203.0.113.2' },
			{ id: 'u-100', ip: '203.0.113.1' },
		]);
		const requests = standIn.requestsTo('exportUsers').map((request) => [
			request.headers['x-forwarded-for'],
			(request.body as { data: { identifiers: Array<{ identifier: string }> } }).data.identifiers.map(({ identifier }) => identifier),
		]);
		expect(requests.sort()).toEqual([
			['203.0.113.1', ['u-1', 'u-100']],
			['203.0.113.2', ['u-2']],
		]);
	});

	test.each(['1.2.3.4\r\n,5.6.7.8', '999.1.1.1', '1.2.3', 'fe80::1 x'])('X-Forwarded-For %j is refused', async (forwardedFor) => {
		const { error } = await runMoEngage(baseUrl(), getUser({ forwardedFor }), [{ id: 'u-1' }]);
		expect(error?.message).toBe('The "X-Forwarded-For" field of item 0 must be IP addresses separated by commas');
	});

	test('IPv4 and IPv6 lists with spaces are accepted', async () => {
		await runMoEngage(baseUrl(), getUser({ forwardedFor: '203.0.113.195, 2001:db8::1,\t::ffff:192.0.2.1' }), [{ id: 'u-1' }]);
		expect(standIn.requestsTo('exportUsers')[0].headers['x-forwarded-for']).toBe('203.0.113.195, 2001:db8::1,\t::ffff:192.0.2.1');
	});
});

describe('Merge reports what MoEngage confirmed', () => {
	test('each pair is "accepted", not "merged": MoEngage skips a pair it cannot merge and still answers 200', async () => {
		const { items } = await runMoEngage(baseUrl(), { resource: 'user', operation: 'merge', mergedUser: 'u-2', retainedUser: 'u-1' }, [{}]);
		expect(items[0].json).toEqual({ status: 'accepted', moengage_status: 'success', merged_user: 'u-2', retained_user: 'u-1' });
	});
});

describe('MoEngage\'s other error bodies', () => {
	test('the v5 envelope', () => {
		expect(readMoEngageError({ response_id: 'r-5', error: { code: 'INVALID', message: 'Bad category', target: 'category_id', details: [] } }, 400)).toEqual({
			message: 'Bad category',
			type: undefined,
			attribute: 'category_id',
			code: 'INVALID',
			requestId: 'r-5',
		});
	});

	test('Inform\'s body and Push\'s 200 that reports failure', () => {
		expect(readMoEngageError({ message: 'Duplicate request', err_code: 'DUPLICATE_REQUEST_RECEIVED', status_code: 409 }, 409)).toMatchObject({
			message: 'Duplicate request',
			code: 'DUPLICATE_REQUEST_RECEIVED',
		});
		expect(reportsFailure({ status: 'Fail', Error_Message: 'Invalid campaign' })).toBe(true);
		expect(readMoEngageError({ status: 'Fail', Error_Message: 'Invalid campaign' }, 200).message).toBe('Invalid campaign');
		expect(reportsFailure({ status: 'success' })).toBe(false);
	});
});
