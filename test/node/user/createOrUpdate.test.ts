/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- runs on a developer's machine or in CI, never inside n8n */
import { join } from 'node:path';

import { pairedItems, runMoEngage, runWorkflowFile, useStandIn, WORKSPACE } from '../../harness/fixtures';

const { standIn, baseUrl } = useStandIn();

const createOrUpdate = (parameters: Record<string, unknown> = {}) => ({
	resource: 'user',
	operation: 'createOrUpdate',
	customerId: '={{ $json.id }}',
	...parameters,
});

const dataAuth = `Basic ${Buffer.from(`${WORKSPACE.workspaceId}:${WORKSPACE.dataApiKey}`).toString('base64')}`;

describe('User → Create or Update', () => {
	test('createOrUpdate.workflow.json: one track-user request per item, standard and custom attributes merged', async () => {
		const { items, expected, error } = await runWorkflowFile(join(__dirname, 'createOrUpdate.workflow.json'), baseUrl());
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json)).toEqual(expected);
		expect(pairedItems(items)).toEqual([{ item: 0 }, { item: 1 }]);

		const requests = standIn.requestsTo('trackUser');
		expect(requests.map((request) => [request.method, request.path, request.query])).toEqual([
			['POST', `/v1/customer/${WORKSPACE.workspaceId}`, { app_id: WORKSPACE.workspaceId }],
			['POST', `/v1/customer/${WORKSPACE.workspaceId}`, { app_id: WORKSPACE.workspaceId }],
		]);
		expect(requests[0].headers.authorization).toBe(dataAuth);
		expect(requests[0].body).toEqual({
			type: 'customer',
			customer_id: 'u-1',
			attributes: { email: 'ann.lee@example.com', first_name: 'Ann', birthday: '1990-04-01', plan: 'platinum', lifetime_value: 1200 },
		});
		// The stand-in applied both: Ann updated (her other attributes kept), u-9 created.
		expect(standIn.userWith('u-1')?.attributes).toMatchObject({ name: 'Ann Lee', email: 'ann.lee@example.com', plan: 'platinum' });
		expect(standIn.userWith('u-9')?.attributes).toEqual({ email: 'cy@example.com', first_name: 'Cy', plan: 'trial', lifetime_value: 0 });
	});

	test('custom attributes as JSON keep their types; X-Forwarded-For is sent', async () => {
		const { items } = await runMoEngage(
			baseUrl(),
			createOrUpdate({
				customAttributesInput: 'json',
				customAttributesJson: '={{ JSON.stringify({ credits: $json.credits, vip: true, tags: ["a", "b"] }) }}',
				options: { forwardedFor: '203.0.113.195, 198.51.100.7' },
			}),
			[{ id: 'u-2', credits: 120 }],
		);
		expect(items[0].json).toMatchObject({ status: 'success', customer_id: 'u-2' });
		const [request] = standIn.requests;
		expect(request.body).toEqual({ type: 'customer', customer_id: 'u-2', attributes: { credits: 120, vip: true, tags: ['a', 'b'] } });
		expect(request.headers['x-forwarded-for']).toBe('203.0.113.195, 198.51.100.7');
	});

	test('with no attributes, the user is only created', async () => {
		await runMoEngage(baseUrl(), createOrUpdate(), [{ id: 'u-new' }]);
		expect(standIn.requests[0].body).toEqual({ type: 'customer', customer_id: 'u-new', attributes: {} });
		expect(standIn.userWith('u-new')).toBeDefined();
	});

	test('with Continue On Fail, a rejected item is an error item and the others are sent', async () => {
		standIn.addFault({ api: 'trackUser', kind: 'status', status: 400, times: 1, body: { status: 'fail', error: { message: 'Invalid attribute value', type: 'Bad Request', request_id: 'r1' } } });
		const { items } = await runMoEngage(baseUrl(), createOrUpdate({ options: { concurrency: 1 } }), [{ id: 'u-1' }, { id: 'u-2' }], {
			continueOnFail: true,
		});
		expect(items.map((item) => item.json.error ?? item.json.customer_id)).toEqual(['MoEngage rejected item 0 (customer_id "u-1"): Invalid attribute value', 'u-2']);
		expect(pairedItems(items)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	test('custom attribute rows named like members of every object ("constructor", "toString", "valueOf", "hasOwnProperty") are sent as attributes', async () => {
		const names = ['constructor', 'toString', 'valueOf', 'hasOwnProperty'];
		const { items, error } = await runMoEngage(baseUrl(), createOrUpdate({ customAttributes: { attribute: names.map((name) => ({ name, value: name.length })) } }), [{ id: 'u-1' }]);
		expect(error).toBeUndefined();
		expect(items[0].json.status).toBe('success');
		expect((standIn.requests[0].body as { attributes: unknown }).attributes).toEqual({ constructor: 11, toString: 8, valueOf: 7, hasOwnProperty: 14 });
	});

	test.each([
		[{ customerId: '={{ $json.nothing }}' }, 'The "Customer ID" field of item 0 is empty'],
		[{ standardAttributes: { email: 'not-an-email' } }, 'The "Standard Attributes > Email" field of item 0 is not an email address: "not-an-email"'],
		[{ standardAttributes: { birthday: 'someday' } }, 'The "Standard Attributes > Birthday" field of item 0 is not a date: "someday"'],
		[{ standardAttributes: { first_name: '={{ { a: 1 } }}' } }, 'The "Standard Attributes > First Name" field of item 0 must be text, but it is an object'],
		[
			{ customAttributes: { attribute: [{ name: 'moe_score', value: '1' }] } },
			'The "Custom Attributes" field of item 0 has the attribute "moe_score", but names starting with "moe_" are reserved by MoEngage',
		],
		[{ customAttributes: { attribute: [{ name: ' ', value: '1' }] } }, 'The "Custom Attributes" field of item 0 has an attribute without a name'],
		[
			{ customAttributes: { attribute: [{ name: 'plan', value: '1' }, { name: 'plan', value: '2' }] } },
			'The "Custom Attributes" field of item 0 sets the attribute "plan" twice',
		],
		[
			{ standardAttributes: { email: 'a@b.co' }, customAttributes: { attribute: [{ name: 'email', value: 'x@y.z' }] } },
			'The "Custom Attributes" field of item 0 sets "email", which Standard Attributes already sets',
		],
		[{ customAttributesInput: 'json', customAttributesJson: '{"plan": ' }, 'The "Custom Attributes (JSON)" field of item 0 is not valid JSON'],
		[{ customAttributesInput: 'json', customAttributesJson: '[1, 2]' }, 'The "Custom Attributes (JSON)" field of item 0 must be a JSON object'],
	])('bad input %j is rejected before any request', async (parameters, message) => {
		const { error } = await runMoEngage(baseUrl(), createOrUpdate(parameters), [{ id: 'u-1' }]);
		expect(error?.message).toBe(message);
		expect(error?.context?.itemIndex).toBe(0);
		expect(standIn.requests).toHaveLength(0);
	});
});
