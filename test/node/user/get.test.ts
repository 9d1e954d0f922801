import { join } from 'node:path';

import { ANN, BOB, manyUsers, pairedItems, runMoEngage, runWorkflowFile, useStandIn, WORKSPACE } from '../../helpers/fixtures';

const users = manyUsers(45);
const { standIn, baseUrl } = useStandIn({ users: [ANN, BOB, ...users] });

const getUser = (parameters: Record<string, unknown> = {}) => ({
	resource: 'user',
	operation: 'get',
	identifierType: 'customer_id',
	identifier: '={{ $json.id }}',
	...parameters,
});

describe('User → Get', () => {
	test('get.workflow.json: attributes per item, not-found item, one request', async () => {
		const { items, expected, error } = await runWorkflowFile(join(__dirname, 'get.workflow.json'), baseUrl());
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json)).toEqual(expected);
		expect(pairedItems(items)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);

		const [request] = standIn.requests;
		expect(standIn.requests).toHaveLength(1);
		expect(request.method).toBe('POST');
		expect(request.path).toBe('/v1/customers/export');
		expect(request.query).toEqual({ app_id: WORKSPACE.workspaceId });
		expect(request.headers['content-type']).toMatch(/^application\/json/);
		expect(request.body).toEqual({
			data: {
				identifiers: [
					{ identifier_type: 'customer_id', identifier: 'u-1' },
					{ identifier_type: 'customer_id', identifier: 'u-404' },
					{ identifier_type: 'customer_id', identifier: 'u-2' },
				],
				user_fields_to_export: ['customer_id', 'name', 'email', 'plan'],
			},
		});
	});

	test('45 items go out in 3 requests of at most 20 identifiers, outputs aligned with inputs', async () => {
		const input = users.map((user) => ({ id: user.customer_id }));
		const { items, error } = await runMoEngage(baseUrl(), getUser({ standardAttributes: ['name'] }), input);
		expect(error).toBeUndefined();

		const requests = standIn.requestsTo('exportUsers');
		const sizes = requests.map((request) => (request.body as { data: { identifiers: unknown[] } }).data.identifiers.length);
		expect(sizes).toEqual([20, 20, 5]);
		expect(items).toHaveLength(45);
		items.forEach((item, index) => {
			expect(item.json).toEqual({ customer_id: users[index].customer_id, name: users[index].attributes.name });
			expect(item.pairedItem).toEqual({ item: index });
		});
	});

	test('items asking for the same user share one identifier in the request', async () => {
		const { items } = await runMoEngage(baseUrl(), getUser(), [{ id: 'u-1' }, { id: 'u-1' }, { id: 'u-100' }]);
		const body = standIn.requests[0].body as { data: { identifiers: unknown[] } };
		expect(body.data.identifiers).toHaveLength(2);
		expect(items.map((item) => item.json.customer_id)).toEqual(['u-1', 'u-1', 'u-100']);
		expect(pairedItems(items)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});

	test('by MoEngage ID, with the id attribute exported for matching', async () => {
		const { items } = await runMoEngage(baseUrl(), getUser({ identifierType: 'id', standardAttributes: ['email'] }), [{ id: ANN.id }]);
		expect(items.map((item) => item.json)).toEqual([{ id: ANN.id, email: ANN.attributes.email }]);
		expect((standIn.requests[0].body as { data: { user_fields_to_export: string[] } }).data.user_fields_to_export).toEqual(['id', 'email']);
	});

	test('a user MoEngage does not know stops the run with an error naming the item (default)', async () => {
		const { error } = await runMoEngage(baseUrl(), getUser(), [{ id: 'u-1' }, { id: 'ghost' }]);
		expect(error?.message).toBe('MoEngage has no user with customer_id "ghost" (item 1)');
		expect(error?.context?.itemIndex).toBe(1);
	});

	test('with Continue On Fail, the unknown user becomes an error item and the others are kept', async () => {
		const { items } = await runMoEngage(baseUrl(), getUser(), [{ id: 'ghost' }, { id: 'u-1' }], { continueOnFail: true });
		expect(items[0].json.error).toBe('MoEngage has no user with customer_id "ghost" (item 0)');
		expect(items[1].json.customer_id).toBe('u-1');
		expect(pairedItems(items)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	test('numeric identifiers from expressions are sent as text', async () => {
		await runMoEngage(baseUrl(), getUser({ identifier: '={{ 100 + $itemIndex }}' }), [{}, {}]);
		const body = standIn.requests[0].body as { data: { identifiers: Array<{ identifier: unknown }> } };
		expect(body.data.identifiers.map((entry) => entry.identifier)).toEqual(['100', '101']);
	});
});
