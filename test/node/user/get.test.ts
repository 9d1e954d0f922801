/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- runs on a developer's machine or in CI, never inside n8n */
import { join } from 'node:path';

import { ANN, BOB, manyUsers, pairedItems, runMoEngage, runWorkflowFile, useStandIn, WORKSPACE } from '../../harness/fixtures';

const users = manyUsers(45);
/** Users u-300 … u-329, each with the attributes score_0 … score_29 (user i's score_k is 100 i + k). */
const scored = Array.from({ length: 30 }, (_, i) => ({
	customer_id: `u-${300 + i}`,
	id: `moe-${300 + i}`,
	attributes: { name: `Scored ${i}`, ...Object.fromEntries(Array.from({ length: 30 }, (_, k) => [`score_${k}`, 100 * i + k])) },
}));
const { standIn, baseUrl } = useStandIn({ users: [ANN, BOB, ...users, ...scored] });

type ExportBody = { data: { identifiers: Array<{ identifier_type: string; identifier: string }>; user_fields_to_export: string[] } };
const exportBodies = () => standIn.requestsTo('exportUsers').map((request) => request.body as ExportBody);

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

		const sizes = exportBodies().map(({ data }) => data.identifiers.length);
		expect(sizes.sort((a, b) => a - b)).toEqual([5, 20, 20]);
		expect(items).toHaveLength(45);
		items.forEach((item, index) => {
			expect(item.json).toEqual({ customer_id: users[index].customer_id, name: users[index].attributes.name, found: true });
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
		expect(items.map((item) => item.json)).toEqual([{ id: ANN.id, email: ANN.attributes.email, found: true }]);
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

	test('30 items with a field list each share 2 requests of the union; each item gets only its own fields', async () => {
		const input = scored.map((user, i) => ({ id: user.customer_id, fields: `score_${i}` }));
		const { items, error } = await runMoEngage(baseUrl(), getUser({ standardAttributes: ['name'], customAttributes: '={{ $json.fields }}' }), input);
		expect(error).toBeUndefined();

		const bodies = exportBodies();
		expect(bodies).toHaveLength(2);
		expect(bodies.map(({ data }) => data.identifiers.length).sort((a, b) => a - b)).toEqual([10, 20]);
		const asked = bodies.flatMap(({ data }) => data.identifiers.map(({ identifier }) => identifier));
		expect(new Set(asked)).toEqual(new Set(scored.map((user) => user.customer_id)));
		for (const { data } of bodies) {
			const scores = data.identifiers.map(({ identifier }) => `score_${Number(identifier.slice(2)) - 300}`);
			expect(new Set(data.user_fields_to_export)).toEqual(new Set(['customer_id', 'name', ...scores]));
		}

		expect(items).toHaveLength(30);
		items.forEach((item, i) => {
			expect(item.json).toEqual({ customer_id: `u-${300 + i}`, name: `Scored ${i}`, [`score_${i}`]: 101 * i, found: true });
			expect(item.pairedItem).toEqual({ item: i });
		});
	});

	test('items asking for the same user with different fields share one identifier and keep their own fields', async () => {
		const { items } = await runMoEngage(baseUrl(), getUser({ standardAttributes: ['email'], customAttributes: '={{ $json.fields }}' }), [
			{ id: 'u-1', fields: 'plan' },
			{ id: 'u-1', fields: '' },
			{ id: 'u-2', fields: 'plan' },
		]);
		const bodies = exportBodies();
		expect(bodies).toHaveLength(1);
		expect(bodies[0].data.identifiers).toEqual([
			{ identifier_type: 'customer_id', identifier: 'u-1' },
			{ identifier_type: 'customer_id', identifier: 'u-2' },
		]);
		expect(bodies[0].data.user_fields_to_export).toEqual(['customer_id', 'email', 'plan']);
		expect(items.map((item) => item.json)).toEqual([
			{ customer_id: 'u-1', email: ANN.attributes.email, plan: 'gold', found: true },
			{ customer_id: 'u-1', email: ANN.attributes.email, found: true },
			{ customer_id: 'u-2', email: BOB.attributes.email, plan: 'silver', found: true },
		]);
		expect(pairedItems(items)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});

	test('customer IDs and MoEngage IDs share a request; each item gets the attribute it was identified by', async () => {
		const { items } = await runMoEngage(baseUrl(), getUser({ identifierType: '={{ $json.type }}', standardAttributes: ['name'] }), [
			{ type: 'customer_id', id: 'u-1' },
			{ type: 'id', id: BOB.id },
			{ type: 'id', id: ANN.id },
		]);
		const bodies = exportBodies();
		expect(bodies).toHaveLength(1);
		expect(new Set(bodies[0].data.user_fields_to_export)).toEqual(new Set(['customer_id', 'id', 'name']));
		expect(items.map((item) => item.json)).toEqual([
			{ customer_id: 'u-1', name: ANN.attributes.name, found: true },
			{ id: BOB.id, name: BOB.attributes.name, found: true },
			{ id: ANN.id, name: ANN.attributes.name, found: true },
		]);
	});

	describe('when MoEngage answers users without the identifying attribute', () => {
		const swapped = () =>
			standIn.addFault({
				api: 'exportUsers',
				kind: 'status',
				status: 200,
				body: {
					status: 'success',
					type: 'export_users',
					data: { users_not_found: [], users: [{ user_attributes: { name: BOB.attributes.name } }, { user_attributes: { name: ANN.attributes.name } }] },
				},
			});
		const hint = 'MoEngage returned 2 user(s) without the "customer_id" attribute, so they could not be matched to the identifiers asked for';

		test('no user is given to an identifier by position: both are reported unmatched, with a hint', async () => {
			swapped();
			const { items, error } = await runMoEngage(baseUrl(), getUser({ options: { ifNotFound: 'returnItem' } }), [{ id: 'u-1' }, { id: 'u-2' }]);
			expect(error).toBeUndefined();
			expect(items.map((item) => item.json)).toEqual([
				{ found: false, identifier_type: 'customer_id', identifier: 'u-1', hint },
				{ found: false, identifier_type: 'customer_id', identifier: 'u-2', hint },
			]);
			expect(pairedItems(items)).toEqual([{ item: 0 }, { item: 1 }]);
		});

		test('by default the run stops with an error that carries the hint', async () => {
			swapped();
			const { error } = await runMoEngage(baseUrl(), getUser(), [{ id: 'u-1' }, { id: 'u-2' }]);
			expect(error?.message).toBe('MoEngage\'s answer has no user that matches customer_id "u-1" (item 0)');
			expect(error?.description).toBe(`${hint}. To get an item marking the user as not found instead, set Options > If Not Found.`);
			expect(error?.context?.itemIndex).toBe(0);
		});
	});

	describe('Simplify', () => {
		test('version 1.4 with Return All Attributes: only the standard attributes and found, not the custom ones', async () => {
			const { items, error } = await runMoEngage(baseUrl(), getUser({ options: { allAttributes: true } }), [{ id: 'u-1' }], { typeVersion: 1.4 });
			expect(error).toBeUndefined();
			expect(items.map((item) => item.json)).toEqual([{ customer_id: 'u-1', id: 'moe-0001', name: 'Ann Lee', first_name: 'Ann', email: 'ann@example.com', mobile: '+15550001', found: true }]);
			expect(exportBodies()[0].data.user_fields_to_export).toBeUndefined();
		});

		test('version 1.4 with Simplify off, and version 1.3: every attribute MoEngage exports', async () => {
			for (const [typeVersion, parameters] of [[1.4, { simplify: false }], [1.3, {}]] as const) {
				const { items, error } = await runMoEngage(baseUrl(), getUser({ options: { allAttributes: true }, ...parameters }), [{ id: 'u-1' }], { typeVersion });
				expect(error).toBeUndefined();
				expect(items[0].json).toMatchObject({ customer_id: 'u-1', plan: 'gold', found: true });
			}
		});

		test('without Return All Attributes, Simplify changes nothing: the chosen attributes come back', async () => {
			const { items } = await runMoEngage(baseUrl(), getUser({ standardAttributes: ['name'], customAttributes: 'plan' }), [{ id: 'u-1' }], { typeVersion: 1.4 });
			expect(items.map((item) => item.json)).toEqual([{ customer_id: 'u-1', name: 'Ann Lee', plan: 'gold', found: true }]);
		});

		test('a Simplify that is not true or false is refused before anything is sent', async () => {
			const { error } = await runMoEngage(baseUrl(), getUser({ options: { allAttributes: true }, simplify: '={{ "yes" }}' }), [{ id: 'u-1' }], { typeVersion: 1.4 });
			expect(error?.message).toMatch(/Simplify/);
			expect(standIn.requests).toHaveLength(0);
		});
	});
});
