/* eslint-disable @n8n/community-nodes/no-restricted-globals -- runs on a developer's machine or in CI, never inside n8n */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import type { BulkImport } from '../../nodes/MoEngage/actions/bulkImport';
import { packForBulkImport, utf8Length } from '../../nodes/MoEngage/actions/bulkImport';
import { batchesToWaitFor } from '../../nodes/MoEngage/run/schedule';
import { ENDPOINTS } from '../../nodes/MoEngage/transport/api';
import { setNodeClock, VirtualClock } from '../harness/clock';
import { manyUsers, pairedItems, runMoEngage, useStandIn, WORKSPACE } from '../harness/fixtures';
import { createOrUpdate, trackEvent } from '../harness/operations';
import type { RecordedRequest } from '../standin/server';

/**
 * Send in Bulk (User → Create or Update, Event → Track) through n8n's engine against the
 * stand-in's Bulk Import route (data.yaml /transition/{Workspace_ID}): what is sent, how items are
 * packed (by the bytes on the wire, never by timing), a user's order, how each output item names
 * its request, and what a failed request does to its items.
 */

/** MoEngage's cap as the node reads it (api.ts BULK_IMPORT_MAX_BYTES): 100 KB of 1,000 bytes. */
const MAX_BYTES = 100_000;

const { standIn, baseUrl } = useStandIn({ users: manyUsers(5) });

beforeEach(() => setNodeClock(new VirtualClock()));
afterEach(() => setNodeClock());

type Element = { type: string; customer_id: string; attributes?: IDataObject; actions?: IDataObject[] };
const elementsOf = (request: RecordedRequest) => (request.body as { elements: Element[] }).elements;
const bulkRequests = () => standIn.requestsTo('bulkImport');

/** The recorded bulk requests in the order the node numbered them (by their first item's customer_id). */
function inNodeOrder(items: INodeExecutionData[], requests: RecordedRequest[]): RecordedRequest[] {
	const numberOf = (request: RecordedRequest) => items.find((item) => item.json.customer_id === elementsOf(request)[0].customer_id)?.json.bulk_request as number;
	return [...requests].sort((a, b) => numberOf(a) - numberOf(b));
}

describe('what Send in Bulk sends', () => {
	test('Create or Update: one request to /v1/transition/{workspace} whose elements are the Track User bodies; each item paired and told its request', async () => {
		const input = [
			{ id: 'u-100', plan: 'gold' },
			{ id: 'u-new', plan: 'trial' },
			{ id: 'u-101', plan: 'silver' },
		];
		const { items, error } = await runMoEngage(baseUrl(), createOrUpdate({ sendInBulk: true, updateExistingOnly: false, forwardedFor: '203.0.113.7' }), input);
		expect(error).toBeUndefined();
		expect(standIn.requests).toHaveLength(1);
		const [request] = standIn.requests;
		expect([request.api, request.method, request.path, request.query]).toEqual(['bulkImport', 'POST', `/v1/transition/${WORKSPACE.workspaceId}`, {}]);
		expect(request.headers.authorization).toBe(`Basic ${Buffer.from(`${WORKSPACE.workspaceId}:${WORKSPACE.dataApiKey}`).toString('base64')}`);
		expect(request.headers['x-forwarded-for']).toBe('203.0.113.7');
		expect(request.body).toEqual({
			type: 'transition',
			elements: input.map(({ id, plan }) => ({ type: 'customer', customer_id: id, attributes: { plan } })),
		});
		// The stand-in took every element (none skipped) and applied it.
		expect(standIn.observed.bulkRejected).toEqual([]);
		expect(standIn.userWith('u-new')?.attributes).toEqual({ plan: 'trial' });
		expect(standIn.userWith('u-101')?.attributes.plan).toBe('silver');
		expect(pairedItems(items)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(items.map((item) => item.json)).toEqual(
			input.map(({ id, plan }) => ({
				status: 'accepted',
				moengage_status: 'success',
				message: 'Your request has been accepted and will be processed soon.',
				bulk_request: 1,
				items_in_request: 3,
				customer_id: id,
				attributes: { plan },
			})),
		);
	});

	test('Track Event: the elements are the Track Event bodies, one event each, and the events are recorded', async () => {
		const input = [
			{ id: 'u-100', event: 'Signed Up' },
			{ id: 'u-101', event: 'Ordered' },
		];
		const { items, error } = await runMoEngage(baseUrl(), trackEvent({ sendInBulk: true, platform: 'web' }), input);
		expect(error).toBeUndefined();
		expect(standIn.requests.map((request) => request.body)).toEqual([
			{
				type: 'transition',
				elements: input.map(({ id, event }) => ({ type: 'event', customer_id: id, actions: [{ action: event, attributes: {}, platform: 'web' }] })),
			},
		]);
		expect(standIn.observed.trackedEvents.map(({ customer_id, action }) => [customer_id, action.action])).toEqual([
			['u-100', 'Signed Up'],
			['u-101', 'Ordered'],
		]);
		expect(items.map((item) => [item.json.status, item.json.bulk_request, item.json.items_in_request, (item.json.event as IDataObject).action])).toEqual([
			['accepted', 1, 2, 'Signed Up'],
			['accepted', 1, 2, 'Ordered'],
		]);
	});

	test('off by default: the same items go one request per item to Track User', async () => {
		await runMoEngage(baseUrl(), createOrUpdate(), [{ id: 'u-100', plan: 'gold' }, { id: 'u-101', plan: 'gold' }]);
		expect(standIn.requests.map((request) => request.api)).toEqual(['trackUser', 'trackUser']);
	});
});

describe('packing by size', () => {
	// ~9 KB an item, with 2-, 3- and 4-byte characters: counting characters instead of bytes would overfill.
	const plan = (i: number) => `${i}-${'é€😀x'.repeat(900)}`;

	test.each([
		['Create or Update', createOrUpdate({ sendInBulk: true }), (i: number) => ({ id: `u-${1000 + i}`, plan: plan(i) })],
		['Track Event', trackEvent({ sendInBulk: true }), (i: number) => ({ id: `u-${1000 + i}`, event: plan(i) })],
	])('%s: requests as full as 100,000 bytes allow, every item once, in input order', async (_name, parameters, itemFor) => {
		const input = Array.from({ length: 40 }, (_, i) => itemFor(i));
		const { items, error } = await runMoEngage(baseUrl(), parameters, input);
		expect(error).toBeUndefined();
		const requests = inNodeOrder(items, bulkRequests());
		expect(requests.length).toBeGreaterThanOrEqual(4);
		for (const [index, request] of requests.entries()) {
			// Measured on the bytes the stand-in received.
			expect(Buffer.byteLength(request.rawBody)).toBeLessThanOrEqual(MAX_BYTES);
			const next = requests[index + 1];
			// Full: the next request's first element (and its comma) would not have fit.
			if (next) expect(Buffer.byteLength(request.rawBody) + 1 + Buffer.byteLength(JSON.stringify(elementsOf(next)[0]))).toBeGreaterThan(MAX_BYTES);
		}
		expect(requests.flatMap(elementsOf).map((element) => element.customer_id)).toEqual(input.map(({ id }) => id));
		// Each output item names the request its element went in, and that request's size.
		expect(pairedItems(items)).toEqual(input.map((_, item) => ({ item })));
		requests.forEach((request, index) => {
			const ids = elementsOf(request).map((element) => element.customer_id);
			const own = items.filter((item) => item.json.bulk_request === index + 1);
			expect(own.map((item) => item.json.customer_id)).toEqual(ids);
			expect(own.every((item) => item.json.items_in_request === ids.length)).toBe(true);
		});
	});

	test('an item alone over the limit fails, named with its size; the others are sent', async () => {
		const input = [
			{ id: 'u-100', plan: 'gold' },
			{ id: 'u-101', plan: 'x'.repeat(MAX_BYTES) },
			{ id: 'u-102', plan: 'gold' },
		];
		const { items } = await runMoEngage(baseUrl(), createOrUpdate({ sendInBulk: true }), input, { continueOnFail: true });
		expect(items.map((item) => item.json.status ?? 'failed')).toEqual(['accepted', 'failed', 'accepted']);
		// The body that item alone would make, as MoEngage documents it.
		const alone = Buffer.byteLength(JSON.stringify({ type: 'transition', elements: [{ type: 'customer', customer_id: 'u-101', attributes: { plan: input[1].plan } }] }));
		expect(alone).toBeGreaterThan(MAX_BYTES);
		expect(items[1].json.error).toBe(`Item 1 is too large for a Bulk Import request: ${alone.toLocaleString('en-US')} bytes, where MoEngage takes at most 100,000`);
		expect(items[1].json.description).toContain('turn off Options > Send in Bulk');
		expect(bulkRequests().flatMap(elementsOf).map((element) => element.customer_id)).toEqual(['u-100', 'u-102']);
	});

	test('X-Forwarded-For differs per item: items go in the request of their own header', async () => {
		const input = [
			{ id: 'u-100', plan: 'a', ip: '203.0.113.1' },
			{ id: 'u-101', plan: 'b', ip: '203.0.113.2' },
			{ id: 'u-102', plan: 'c', ip: '203.0.113.1' },
		];
		const { items } = await runMoEngage(baseUrl(), createOrUpdate({ sendInBulk: true, forwardedFor: '={{ $json.ip }}' }), input);
		const byHeader = Object.fromEntries(bulkRequests().map((request) => [request.headers['x-forwarded-for'], elementsOf(request).map((element) => element.customer_id)]));
		expect(byHeader).toEqual({ '203.0.113.1': ['u-100', 'u-102'], '203.0.113.2': ['u-101'] });
		expect(items.map((item) => item.json.bulk_request)).toEqual([1, 2, 1]);
	});
});

describe("one user's writes keep the input order", () => {
	test('a later request with an earlier user leaves only once the earlier request is answered; the others go at once', async () => {
		// 60 KB an item: one item a request. Requests 1–3 may go together; request 4 updates u-100 again.
		const big = 'x'.repeat(60_000);
		const input = [
			{ id: 'u-100', plan: `older ${big}` },
			{ id: 'u-101', plan: big },
			{ id: 'u-102', plan: big },
			{ id: 'u-100', plan: `newer ${big}` },
		];
		// The older update is held until the two other users' requests have arrived, and a moment
		// longer: a newer update sent without waiting for it would overtake it. (The moment only
		// gives such a bug time to show; the node passes however long it is.)
		standIn.addFault({ api: 'bulkImport', kind: 'held', bodyIncludes: '"plan":"older', times: 1 });
		const arrivals: Array<{ request: RecordedRequest; unanswered: RecordedRequest[] }> = [];
		standIn.onRequest = (request) => {
			arrivals.push({ request, unanswered: standIn.requests.filter((earlier) => earlier !== request && earlier.status === 0) });
			const others = arrivals.filter(({ request: arrived }) => /"customer_id":"u-10[12]"/.test(arrived.rawBody));
			if (others.length === 2) setTimeout(() => standIn.openGate(), 100);
		};
		const { items, error } = await runMoEngage(baseUrl(), createOrUpdate({ sendInBulk: true }), input);
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json.bulk_request)).toEqual([1, 2, 3, 4]);
		const planOf = (request: RecordedRequest) => String((elementsOf(request)[0].attributes as IDataObject).plan).slice(0, 8);
		const order = arrivals.map(({ request }) => planOf(request));
		expect(order[3]).toBe('newer xx');
		// When the newer update arrived, the older one had been answered.
		expect(arrivals[3].unanswered.map(planOf)).not.toContain('older xx');
		expect(arrivals.find(({ request }) => planOf(request) === 'older xx')?.request.status).toBe(200);
		expect(standIn.userWith('u-100')?.attributes.plan).toBe(`newer ${big}`);
	});

	test('packing: a user never sits in a request before one holding their earlier item, and waits for it', () => {
		const bulk: BulkImport<{ user: string; size: number; ip: string }> = {
			endpoint: ENDPOINTS.bulkImportUsers,
			element: ({ user, size }) => ({ type: 'customer', customer_id: user, attributes: { pad: 'x'.repeat(size) } }),
			userOf: ({ user }) => user,
			echo: () => ({}),
			headersOf: ({ ip }) => ({ 'X-Forwarded-For': ip }),
		};
		// Two headers interleaved: u-a's second item comes after an item of u-b with the other header.
		const params = [
			{ user: 'u-a', size: 10, ip: '1' },
			{ user: 'u-b', size: 10, ip: '2' },
			{ user: 'u-b', size: 10, ip: '1' },
			{ user: 'u-a', size: 10, ip: '2' },
			{ user: 'u-c', size: 10, ip: '1' },
		];
		const { packed, oversized } = packForBulkImport(
			params.map((p, itemIndex) => ({ itemIndex, params: p })),
			bulk,
		);
		expect(oversized).toEqual([]);
		const requestOf = (itemIndex: number) => packed.findIndex(({ items }) => items.some((item) => item.itemIndex === itemIndex));
		for (const [i, a] of params.entries()) {
			for (const [j, b] of params.entries()) {
				if (i < j && a.user === b.user) expect(requestOf(i)).toBeLessThanOrEqual(requestOf(j));
			}
		}
		const waitFor = batchesToWaitFor(
			packed.map(({ items }) => items),
			({ params: p }) => [p.user],
		);
		// Every request that holds a later item of a user waits for the request with the earlier one.
		for (const [i, a] of params.entries()) {
			for (const [j, b] of params.entries()) {
				if (i < j && a.user === b.user && requestOf(i) !== requestOf(j)) expect(waitFor[requestOf(j)]).toContain(requestOf(i));
			}
		}
		expect(packed.every(({ items }) => new Set(items.map(({ params: p }) => p.ip)).size === 1)).toBe(true);
	});

	test('utf8Length counts the bytes Node sends', () => {
		for (const text of ['plain', 'é€😀', JSON.stringify({ lone: '\ud800', pair: '😀' })]) {
			expect(utf8Length(text)).toBe(Buffer.byteLength(text));
		}
	});
});

describe('a bulk request that fails fails its own items only', () => {
	const big = 'x'.repeat(30_000);
	// 30 KB an item: three items a request, four requests.
	const input = Array.from({ length: 12 }, (_, i) => ({ id: `u-${200 + i}`, plan: `${i} ${big}` }));

	test('MoEngage rejects the request with item 4: items 3–5 fail with its answer, the other nine are accepted', async () => {
		standIn.addFault({
			api: 'bulkImport',
			kind: 'status',
			status: 400,
			bodyIncludes: '"customer_id":"u-204"',
			body: { status: 'fail', error: { message: 'elements cannot be empty array', type: 'MissingAttributeError', request_id: 'r-9' } },
		});
		const { items, error } = await runMoEngage(baseUrl(), createOrUpdate({ sendInBulk: true }), input, { continueOnFail: true });
		expect(error).toBeUndefined();
		expect(pairedItems(items)).toEqual(input.map((_, item) => ({ item })));
		expect(items.map((item) => item.json.bulk_request ?? 'failed')).toEqual([1, 1, 1, 'failed', 'failed', 'failed', 3, 3, 3, 4, 4, 4]);
		for (const item of items.slice(3, 6)) {
			expect(item.json.error).toBe('MoEngage rejected the request for items 3–5 (bulk request 2): elements cannot be empty array');
			expect(item.json.description).toContain('request_id r-9');
		}
		expect(standIn.observed.bulkElements.map(({ element }) => element.customer_id).sort()).toEqual(
			input.filter((_, i) => i < 3 || i > 5).map(({ id }) => id),
		);
	});

	test('on the error output: the failed request\'s items there, the others on the success output, each paired', async () => {
		standIn.addFault({ api: 'bulkImport', kind: 'status', status: 400, bodyIncludes: '"customer_id":"u-210"', body: { status: 'fail', error: { message: 'bad', type: 'Bad Request' } } });
		const { items, output } = await runMoEngage(baseUrl(), createOrUpdate({ sendInBulk: true }), input, { onError: 'continueErrorOutput' });
		expect(pairedItems(items)).toEqual(Array.from({ length: 9 }, (_, item) => ({ item })));
		expect(pairedItems(output('MoEngage', 1))).toEqual([{ item: 9 }, { item: 10 }, { item: 11 }]);
		expect(output('MoEngage', 1).map((item) => item.json.error)).toEqual(Array(3).fill('MoEngage rejected the request for items 9–11 (bulk request 4): bad'));
	});

	test('Track Event: an answer lost after MoEngage processed the request is reported as possibly recorded, not sent again', async () => {
		standIn.addFault({ api: 'bulkImport', kind: 'processedThenDropped', times: 1 });
		const { items } = await runMoEngage(baseUrl(), trackEvent({ sendInBulk: true, maxRetries: 5 }), [{ id: 'u-100', event: 'Paid' }, { id: 'u-101', event: 'Paid' }], {
			continueOnFail: true,
		});
		expect(bulkRequests()).toHaveLength(1);
		expect(standIn.observed.trackedEvents).toHaveLength(2);
		for (const item of items) {
			expect(item.json.error).toBe('The connection to MoEngage dropped before it answered the request for items 0–1 (bulk request 1)');
			expect(item.json.description).toContain('MoEngage may have recorded these events: running it again could do it twice');
		}
	});

	test('Create or Update: a 5xx is retried, since setting the same attributes again changes nothing', async () => {
		standIn.addFault({ api: 'bulkImport', kind: 'status', status: 503, times: 1, body: { title: 'Service Unavailable', description: 'later' } });
		const { items, error } = await runMoEngage(baseUrl(), createOrUpdate({ sendInBulk: true }), [{ id: 'u-100', plan: 'gold' }]);
		expect(error).toBeUndefined();
		expect(bulkRequests().map((request) => request.status)).toEqual([503, 200]);
		expect(items[0].json.status).toBe('accepted');
	});
});

describe('pace: the bulk limit, counted in users or events', () => {
	const big = 'x'.repeat(60_000);

	test('by default 60,000 users a minute: 10,001 updates (over Track User\'s 10,000) go without a wait', async () => {
		const clock = new VirtualClock();
		setNodeClock(clock);
		// Fixed parameters (no expression to evaluate per item) keep the engine's share small.
		const parameters = { resource: 'user', operation: 'createOrUpdate', customerId: 'u-100', customAttributes: { attribute: [{ name: 'plan', value: 'p' }] }, options: { sendInBulk: true } };
		const { items, error } = await runMoEngage(baseUrl(), parameters, Array.from({ length: 10_001 }, () => ({})));
		expect(error).toBeUndefined();
		expect(items).toHaveLength(10_001);
		expect(standIn.observed.bulkElements).toHaveLength(10_001);
		expect(clock.elapsed).toBe(0);
	});

	test('Rate Limit counts elements, not requests: 2 a minute with 6 one-item requests waits two windows', async () => {
		const clock = new VirtualClock();
		setNodeClock(clock);
		const input = Array.from({ length: 6 }, (_, i) => ({ id: `u-${i}`, event: `${i} ${big}` }));
		const { error } = await runMoEngage(baseUrl(), trackEvent({ sendInBulk: true, ratePerMinute: 2 }), input);
		expect(error).toBeUndefined();
		expect(bulkRequests()).toHaveLength(6);
		// Two units a window: requests 3–4 wait one window, 5–6 two (a window is a minute plus 3 %).
		expect(clock.elapsed).toBeGreaterThanOrEqual(2 * 60_000);
		expect(clock.elapsed).toBeLessThan(3 * 60_000);
	});
});
