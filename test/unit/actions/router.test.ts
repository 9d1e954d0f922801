import { pairedItems, runMoEngage, useStandIn } from '../../harness/fixtures';

const { standIn, baseUrl } = useStandIn();

const getUser = { resource: 'user', operation: 'get', identifierType: 'customer_id', identifier: '={{ $json.id }}' };
const deleteUser = { resource: 'user', operation: 'delete', identityType: 'customer_id', identityValue: '={{ $json.id }}' };

describe('items, errors and lineage', () => {
	test('bad input anywhere stops the run before any request, naming item and field', async () => {
		const { error } = await runMoEngage(baseUrl(), deleteUser, [{ id: 'u-1' }, { id: 'u-2' }, { id: { nested: true } }]);
		expect(error?.message).toBe('The "User ID" field of item 2 must be text, but it is an object');
		expect(error?.context?.itemIndex).toBe(2);
		expect(standIn.requests).toHaveLength(0);
	});

	test('fields filled with $json paths (dots, brackets, numbers) read what n8n would', async () => {
		const nested = { ...deleteUser, identityValue: '={{ $json.user["customer id"] }}', options: { forwardedFor: '={{ $json.ip }}' } };
		const { items } = await runMoEngage(baseUrl(), nested, [
			{ user: { 'customer id': 'u-1' }, ip: '203.0.113.7' },
			{ user: { 'customer id': 'u-2' }, ip: '203.0.113.8' },
			{ user: { 'customer id': 7 }, ip: '203.0.113.9' },
		], { continueOnFail: true });
		expect(items.map((item) => item.json.error ?? item.json.identity_value)).toEqual(['u-1', 'u-2', 'The "User ID" field of item 2 is "7", which MoEngage does not accept as a customer ID']);
		expect(new Set(standIn.requestsTo('deleteUser').map((request) => [request.headers['x-forwarded-for'], (request.body as { identity_value: string }).identity_value].join(' ')))).toEqual(
			new Set(['203.0.113.7 u-1', '203.0.113.8 u-2']),
		);
	});

	test('with Continue On Fail, bad items become error items and good items are still sent', async () => {
		const { items } = await runMoEngage(baseUrl(), getUser, [{ id: 'u-1' }, { id: null }, { id: 'u-2' }, { id: [1] }], {
			continueOnFail: true,
		});
		expect(items.map((item) => item.json.error ?? item.json.customer_id)).toEqual([
			'u-1',
			'The "User ID" field of item 1 is empty',
			'u-2',
			'The "User ID" field of item 3 must be text, but it is a list',
		]);
		expect(pairedItems(items)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }, { item: 3 }]);
		expect(standIn.requests).toHaveLength(1);
	});

	test('a failed batch fails only its own items; other batches come through', async () => {
		standIn.addFault({ kind: 'status', status: 503, body: { title: 'Service Unavailable', message: 'Try later' }, times: 1 });
		// 25 distinct identifiers: a batch of 20, then one of 5.
		const distinct = Array.from({ length: 25 }, (_, i) => ({ id: i === 0 ? 'u-1' : `u-x${i}` }));
		const { items } = await runMoEngage(baseUrl(), { ...getUser, options: { ifNotFound: 'returnItem', maxRetries: 0 } }, distinct, {
			continueOnFail: true,
		});
		expect(items).toHaveLength(25);
		expect(items.slice(0, 20).every((item) => item.json.error === 'MoEngage failed on its side for the request for items 0–19: Service Unavailable: Try later')).toBe(true);
		expect(items.slice(20).every((item) => item.json.found === false)).toBe(true);
		expect(pairedItems(items)).toEqual(distinct.map((_, item) => ({ item })));
		expect(standIn.requestsTo('exportUsers').map((request) => request.status)).toEqual([503, 200]);
	});

	test('a credential without a Workspace ID fails every item before any request', async () => {
		const { items } = await runMoEngage(baseUrl(), deleteUser, [{ id: 'u-1' }, { id: 'u-2' }], {
			continueOnFail: true,
			credentials: { workspaceId: '  ' },
		});
		expect(items.map((item) => item.json.error)).toEqual([
			'The MoEngage credential has no Workspace ID',
			'The MoEngage credential has no Workspace ID',
		]);
		expect(pairedItems(items)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(standIn.requests).toHaveLength(0);
	});

	test('a custom data center without a base URL is rejected before any request', async () => {
		const { error } = await runMoEngage(baseUrl(), deleteUser, [{ id: 'u-1' }], { credentials: { baseUrl: '' } });
		expect(error?.message).toBe("The MoEngage credential's Base URL is not a URL");
		expect(error?.context?.itemIndex).toBe(0);
		expect(standIn.requests).toHaveLength(0);
	});

	test('a base URL with a trailing slash still reaches the endpoint', async () => {
		const { items } = await runMoEngage(baseUrl(), deleteUser, [{ id: 'u-1' }], { credentials: { baseUrl: `${baseUrl()}/` } });
		expect(items[0].json.status).toBe('success');
		expect(standIn.requests[0].path).toBe('/v1/customer/delete');
	});

	test('an empty input produces no output and no request', async () => {
		const { items, error } = await runMoEngage(baseUrl(), deleteUser, []);
		expect(error).toBeUndefined();
		expect(items).toEqual([]);
		expect(standIn.requests).toHaveLength(0);
	});
});
