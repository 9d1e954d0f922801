/* eslint-disable @n8n/community-nodes/no-restricted-imports -- runs on a developer's machine or in CI, never inside n8n */
import { randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';

import { ENDPOINTS } from '../../nodes/MoEngage/transport/api';
import { ANN, BOB, WORKSPACE, type Answer } from '../harness/fixtures';
import { MoEngageStandIn } from './server';
import type { SpecApi } from './spec';
import { FAMILIES, SPEC, validateIn } from './spec';
import type { Schema } from './validator';
import { validate } from './validator';

/**
 * The stand-in against MoEngage's documentation: it has a schema for every endpoint the node
 * calls, the validator does what the schemas need, MoEngage's documented examples pass, and
 * invalid requests get MoEngage's documented error bodies.
 */

describe('coverage', () => {
	test.each(Object.entries(ENDPOINTS))('the node calls %s: the stand-in has its schema, method and path', (_api, endpoint) => {
		// By path and method: the node's two Bulk Import entries (users, events) are one endpoint of
		// MoEngage's, and the v5 subscription preferences are read (GET) and updated (PATCH) on one path.
		const spec = Object.values(SPEC).find((candidate) => candidate.path === endpoint.path && candidate.method === endpoint.method);
		expect(spec).toBeDefined();
		if (!spec) return;
		expect(spec.method).toBe(endpoint.method);
		expect(spec.path).toBe(endpoint.path);
		// A GET carries its parameters in a query schema, anything else in a body schema.
		expect(endpoint.method === 'GET' ? spec.query : spec.body).toBeDefined();
		expect(['data', 'campaign', 'inform']).toContain(spec.key);
		if (endpoint.method !== 'GET') expect(spec.headers).toContain('Content-Type');
	});

	test('Test Connection and Bulk Import are there too, and every $ref resolves', () => {
		expect(SPEC.testConnection.path).toBe('/v1/integrations/authentication');
		expect(SPEC.testConnection.headers).toContain('MOE-APPKEY');
		expect(SPEC.bulkImport.path).toBe('/v1/transition/{workspaceId}');
		expect(SPEC.bulkImport.maxBodyBytes).toBe(100 * 1024);
		for (const endpoint of Object.values(SPEC)) {
			for (const schema of [endpoint.body, endpoint.query, ...Object.values(endpoint.elementSchemas ?? {})]) {
				if (schema) expect(() => validateIn(endpoint.family, schema, {})).not.toThrow();
			}
		}
	});

	test('keys: Cards take the Campaign key and MOE-APPKEY; the user APIs the Data key', () => {
		for (const api of ['fetchCards', 'deleteCards'] as const) {
			expect(SPEC[api]).toMatchObject({ key: 'campaign', family: 'cards' });
			expect(SPEC[api].headers).toContain('MOE-APPKEY');
		}
		for (const api of ['trackUser', 'trackEvent', 'exportUsers', 'mergeUsers', 'deleteUser', 'bulkImport', 'testConnection', 'cohortSync'] as const) {
			expect(SPEC[api]).toMatchObject({ key: 'data', family: 'data' });
		}
		for (const api of ['triggerBusinessEvent', 'listBusinessEvents'] as const) expect(SPEC[api]).toMatchObject({ key: 'campaign', family: 'businessEvent' });
		expect(SPEC.sendAlert).toMatchObject({ key: 'inform', family: 'inform' });
		expect(SPEC.sendAlert.headers).toContain('MOE-APPKEY');
		expect(SPEC.cohortSync.headers).toContain('MOE-APPKEY');
		// Campaign search and stats: the Campaign key and MOE-APPKEY (campaigns.yaml, stats-report.yaml).
		for (const api of ['searchCampaigns', 'campaignStats'] as const) {
			expect(SPEC[api]).toMatchObject({ key: 'campaign', family: 'campaigns' });
			expect(SPEC[api].headers).toContain('MOE-APPKEY');
		}
		// v5 subscription preferences: the Data key (see schemas/subscriptions.json), MOE-APPKEY, and an Idempotency-Key for updates.
		for (const api of ['subscriptionCategories', 'getSubscriptionPreferences', 'updateSubscriptionPreferences'] as const) {
			expect(SPEC[api]).toMatchObject({ key: 'data', family: 'subscriptions' });
			expect(SPEC[api].headers).toContain('MOE-APPKEY');
		}
		expect(SPEC.updateSubscriptionPreferences.headers).toContain('Idempotency-Key');
		expect(Object.keys(FAMILIES)).toEqual(['data', 'cards', 'businessEvent', 'inform', 'campaigns', 'subscriptions']);
	});
});

describe('validator', () => {
	const schema: Schema = {
		type: 'object',
		required: ['name', 'list'],
		additionalProperties: false,
		properties: {
			name: { type: 'string', minLength: 2, maxLength: 4, pattern: '^[a-z]+$' },
			list: { type: 'array', minItems: 1, maxItems: 2, items: { type: 'integer', minimum: 0, maximum: 9 } },
			kind: { type: 'string', enum: ['a', 'b'] },
			loose: { type: 'string', enum: ['Yes'], 'x-ignoreCase': true },
			either: { type: ['number', 'string'] },
			ref: { $ref: '#/$defs/Thing' },
			names: { type: 'object', propertyNames: { not: { enum: ['id'] } } },
			one: { oneOf: [{ required: ['x'] }, { required: ['y'] }] },
			any: { anyOf: [{ type: 'boolean' }, { type: 'null' }] },
		},
		$defs: { Thing: { type: 'object', required: ['t'], 'x-error': { required: { message: 'no t', type: 'Custom' } } } },
	};
	const valid = { name: 'abc', list: [1, 2] };
	const keywords = (value: unknown) => validate(schema, value).map((error) => [error.keyword, error.path]);

	test('a valid value has no errors', () => {
		expect(validate(schema, valid)).toEqual([]);
		expect(validate(schema, { ...valid, kind: 'a', loose: 'yES', either: 3, ref: { t: 1 }, names: { a: 1 }, one: { x: 1 }, any: null })).toEqual([]);
	});

	test.each([
		['type', 'text', [['type', '']]],
		['required', { name: 'abc' }, [['required', '/list']]],
		['additionalProperties', { ...valid, extra: 1 }, [['additionalProperties', '/extra']]],
		['minLength', { ...valid, name: 'a' }, [['minLength', '/name']]],
		['maxLength', { ...valid, name: 'abcde' }, [['maxLength', '/name']]],
		['pattern', { ...valid, name: 'AB' }, [['pattern', '/name']]],
		['minItems', { ...valid, list: [] }, [['minItems', '/list']]],
		['maxItems', { ...valid, list: [1, 2, 3] }, [['maxItems', '/list']]],
		['items type', { ...valid, list: [1.5] }, [['type', '/list/0']]],
		['minimum', { ...valid, list: [-1] }, [['minimum', '/list/0']]],
		['maximum', { ...valid, list: [10] }, [['maximum', '/list/0']]],
		['enum', { ...valid, kind: 'c' }, [['enum', '/kind']]],
		['enum is case-sensitive unless x-ignoreCase', { ...valid, kind: 'A', loose: 'no' }, [['enum', '/kind'], ['enum', '/loose']]],
		['type list', { ...valid, either: true }, [['type', '/either']]],
		['$ref', { ...valid, ref: {} }, [['required', '/ref/t']]],
		['propertyNames and not', { ...valid, names: { id: 1 } }, [['propertyNames', '/names/id']]],
		['oneOf: none', { ...valid, one: {} }, [['oneOf', '/one'], ['required', '/one/x']]],
		['oneOf: two', { ...valid, one: { x: 1, y: 1 } }, [['oneOf', '/one']]],
		['anyOf', { ...valid, any: 1 }, [['anyOf', '/any'], ['type', '/any']]],
	])('%s', (_name, value, expected) => {
		expect(keywords(value)).toEqual(expected);
	});

	test('errors carry the attribute and the x-error of their node', () => {
		expect(validate(schema, { ...valid, ref: {} })[0]).toMatchObject({ attribute: 't', override: { message: 'no t', type: 'Custom' } });
		expect(validate(schema, { ...valid, kind: 'c' })[0]).toMatchObject({ attribute: 'kind', expected: ['a', 'b'] });
	});

	test('an x-error for "*" covers what lies inside its node', () => {
		const withStar: Schema = { type: 'array', items: { type: 'string', enum: ['A'] }, 'x-error': { '*': { message: 'bad list' } } };
		expect(validate(withStar, ['B'])[0]).toMatchObject({ keyword: 'enum', override: { message: 'bad list' } });
	});
});

// ---------------------------------------------------------------------------------------------
// Each endpoint over HTTP: MoEngage's documented examples, and invalid requests.

const standIn = new MoEngageStandIn({ workspace: WORKSPACE, users: [ANN, BOB] });
beforeAll(() => standIn.start());
afterAll(() => standIn.stop());
beforeEach(() => standIn.reset());

const basic = (key: string) => `Basic ${Buffer.from(`${WORKSPACE.workspaceId}:${key}`).toString('base64')}`;

interface Reply {
	status: number;
	body: Answer;
}

/** Calls an endpoint the way its spec says (key, headers, app_id), with `headers` overriding. */
async function call(api: SpecApi, body: unknown, { headers = {}, query = '', raw }: { headers?: Record<string, string | undefined>; query?: string; raw?: string } = {}): Promise<Reply> {
	const spec = SPEC[api];
	const path = spec.path.replace('{workspaceId}', WORKSPACE.workspaceId);
	const appId = spec.appIdQuery === 'none' ? '' : `app_id=${WORKSPACE.workspaceId}`;
	const search = [appId, query].filter(Boolean).join('&');
	const all: Record<string, string | undefined> = {
		'Content-Type': 'application/json',
		Authorization: basic(spec.key === 'campaign' ? WORKSPACE.cardsApiKey : WORKSPACE.dataApiKey),
		...(spec.headers.includes('MOE-APPKEY') ? { 'MOE-APPKEY': WORKSPACE.workspaceId } : {}),
		...headers,
	};
	const response = await fetch(`${standIn.baseUrl}${path}${search ? `?${search}` : ''}`, {
		method: spec.method,
		headers: Object.fromEntries(Object.entries(all).filter((entry): entry is [string, string] => entry[1] !== undefined)),
		body: raw ?? JSON.stringify(body),
	});
	const text = await response.text();
	return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

/** The Data APIs' documented error body. */
const dataFail = (status: number, error: Record<string, unknown>) => ({
	status,
	body: { status: 'fail', error: { ...error, request_id: expect.any(String) } },
});

/** The Cards APIs' documented error body. */
const cardsFail = (error: string) => ({ status: 400, body: { status: false, error, request_id: expect.any(String) } });

describe('Track User (data.yaml /customer/{app_id})', () => {
	test.each([
		['Standard Example', { type: 'customer', customer_id: 'john@example.com', attributes: { name: 'JohnDoe', first_name: 'John', platforms: [{ platform: 'ANDROID', active: 'true' }] } }],
		['Array Support', { type: 'customer', customer_id: '123', attributes: { removeValueFromArrayField: {}, addValueToArrayField: { attribute1: ['abc', 'def'] }, platforms: [{ platform: 'iOS', active: 'true' }] } }],
		['Unsetting Attributes', { type: 'customer', customer_id: 'user123', unset_attributes: [{ type: 'equals', attr: 'first_name', case_sensitive: false }, { type: 'prefix', attr: 'temp_' }] }],
	])('documented example passes: %s', async (_name, body) => {
		expect(await call('trackUser', body)).toEqual({ status: 200, body: { status: 'success', message: 'Your request has been accepted and will be processed soon.' } });
	});

	test('the documented missing and empty customer_id answers', async () => {
		expect(await call('trackUser', { type: 'customer', attributes: {} })).toEqual(
			dataFail(400, { attribute: 'customer_id', message: 'customer_id is not found in the payload', type: 'MissingAttributeError' }),
		);
		expect(await call('trackUser', { type: 'customer', customer_id: '' })).toEqual(
			dataFail(400, { attribute: 'customer_id', message: 'customer_id can not be empty Unicode String', type: 'MissingAttributeError' }),
		);
	});

	test.each(['null', 'Guest', 'UNKNOWN', '0', '-1', 'n/a', 'user_id', 'dummy_seller_code'])('customer_id "%s" is refused (data-overview.mdx)', async (id) => {
		const reply = await call('trackUser', { type: 'customer', customer_id: id });
		expect(reply).toEqual(dataFail(400, { attribute: 'customer_id', message: 'customer_id value is not allowed', type: 'InvalidValueError' }));
		expect(standIn.userWith(id)).toBeUndefined();
	});

	test('a wrong type enum, an unknown field, a blocked or moe_ attribute name', async () => {
		expect((await call('trackUser', { type: 'Customer', customer_id: 'u-9' })).body.error).toMatchObject({ attribute: 'type', type: 'ValueError' });
		expect((await call('trackUser', { type: 'customer', customer_id: 'u-9', attrs: {} })).body.error).toMatchObject({ attribute: 'attrs', type: 'AttributeError' });
		for (const name of ['id', '_id', '', 'moe_score']) {
			const reply = await call('trackUser', { type: 'customer', customer_id: 'u-9', attributes: { [name]: 1 } });
			expect(reply.status).toBe(400);
			expect(reply.body.error.type).toBe('AttributeError');
			if (name) expect(reply.body.error.attribute).toBe(name);
		}
		// Documented standard moe_ attributes are allowed, with their types.
		expect((await call('trackUser', { type: 'customer', customer_id: 'u-9', attributes: { moe_unsubscribe: true } })).status).toBe(200);
		expect((await call('trackUser', { type: 'customer', customer_id: 'u-9', attributes: { moe_unsubscribe: 'yes' } })).body.error).toMatchObject({
			attribute: 'moe_unsubscribe',
			message: 'moe_unsubscribe is expected to be Boolean.',
		});
	});

	test('update_existing_only does not create a missing user, and updates an existing one', async () => {
		expect((await call('trackUser', { type: 'customer', customer_id: 'u-new', update_existing_only: true, attributes: { plan: 'x' } })).status).toBe(200);
		expect(standIn.userWith('u-new')).toBeUndefined();
		await call('trackUser', { type: 'customer', customer_id: 'u-1', update_existing_only: true, attributes: { plan: 'platinum' } });
		expect(standIn.userWith('u-1')?.attributes.plan).toBe('platinum');
		await call('trackUser', { type: 'customer', customer_id: 'u-new', attributes: { plan: 'x' } });
		expect(standIn.userWith('u-new')?.attributes).toEqual({ plan: 'x' });
	});

	test('unset_attributes removes the attributes its rules match', async () => {
		await call('trackUser', { type: 'customer', customer_id: 'u-1', attributes: { temp_a: 1, TEMP_b: 2, score_temp: 3 } });
		await call('trackUser', {
			type: 'customer',
			customer_id: 'u-1',
			unset_attributes: [
				{ type: 'equals', attr: 'FIRST_NAME', case_sensitive: false },
				{ type: 'prefix', attr: 'temp_' },
				{ type: 'suffix', attr: '_temp' },
				{ type: 'contains', attr: 'mobil' },
			],
		});
		expect(standIn.userWith('u-1')?.attributes).toEqual({ name: 'Ann Lee', email: 'ann@example.com', plan: 'gold', TEMP_b: 2 });
	});

	test('addValueToArrayField and removeValueFromArrayField; one attribute in both is the documented ArrayFieldError', async () => {
		await call('trackUser', { type: 'customer', customer_id: 'u-1', attributes: { tags: ['a', 'b'] } });
		await call('trackUser', { type: 'customer', customer_id: 'u-1', attributes: { addValueToArrayField: { tags: ['c'] }, removeValueFromArrayField: { other: ['x'] } } });
		await call('trackUser', { type: 'customer', customer_id: 'u-1', attributes: { removeValueFromArrayField: { tags: ['a'] } } });
		expect(standIn.userWith('u-1')?.attributes.tags).toEqual(['b', 'c']);
		expect(await call('trackUser', { type: 'customer', customer_id: 'u-1', attributes: { addValueToArrayField: { tags: ['d'] }, removeValueFromArrayField: { tags: ['b'] } } })).toEqual(
			dataFail(400, { attribute: 'addValueToArrayField', message: "Cannot add and remove 'tags' at the same time", type: 'ArrayFieldError' }),
		);
	});
});

describe('Get User (data.yaml /customers/export)', () => {
	test('documented example passes; users not found are listed', async () => {
		const reply = await call('exportUsers', {
			data: { identifiers: [{ identifier_type: 'customer_id', identifier: '6416d1a318r98264512c0f89' }, { identifier_type: 'id', identifier: 'moe-0001' }], user_fields_to_export: ['last_name', 'customer_id', 'name'] },
		});
		expect(reply).toEqual({
			status: 200,
			body: {
				status: 'success',
				type: 'export_users',
				data: { users_not_found: [{ identifier_type: 'customer_id', identifier: '6416d1a318r98264512c0f89' }], users: [{ user_attributes: { customer_id: 'u-1', name: 'Ann Lee' } }] },
			},
		});
	});

	test('without user_fields_to_export every attribute comes back; moengage_id is accepted too', async () => {
		const reply = await call('exportUsers', { data: { identifiers: [{ identifier_type: 'moengage_id', identifier: 'moe-0002' }] } });
		expect(reply.body.data.users).toEqual([{ user_attributes: { ...BOB.attributes, customer_id: 'u-2', id: 'moe-0002' } }]);
	});

	test('the documented errors: data missing, identifiers missing, more than 20', async () => {
		expect(await call('exportUsers', { identifiers: [] })).toEqual(dataFail(400, { attribute: 'data', message: 'data is not found in the payload', type: 'MissingAttributeError' }));
		expect(await call('exportUsers', { data: {} })).toEqual(dataFail(400, { attribute: 'identifiers', message: 'identifiers is not found in the payload', type: 'MissingAttributeError' }));
		const identifiers = Array.from({ length: 21 }, (_, i) => ({ identifier_type: 'customer_id', identifier: `u-${i}` }));
		expect(await call('exportUsers', { data: { identifiers } })).toEqual(dataFail(400, { attribute: 'users', message: 'max limit allowed is 20', type: 'LimitBreached' }));
		expect((await call('exportUsers', { data: { identifiers: identifiers.slice(0, 20) } })).status).toBe(200);
	});

	test('a wrong identifier_type and an unknown field fail', async () => {
		expect((await call('exportUsers', { data: { identifiers: [{ identifier_type: 'email', identifier: 'a' }] } })).body.error).toMatchObject({ attribute: 'identifier_type', type: 'ValueError' });
		expect((await call('exportUsers', { data: { identifiers: [{ identifier_type: 'id', identifier: 'a' }], fields: [] } })).body.error).toMatchObject({ attribute: 'fields', type: 'AttributeError' });
	});

	test('app_id: missing is 400 ParamsRequired, another workspace is 409 (data-overview.mdx)', async () => {
		const body = { data: { identifiers: [{ identifier_type: 'id', identifier: 'moe-0001' }] } };
		const response = await fetch(`${standIn.baseUrl}/v1/customers/export`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json', Authorization: basic(WORKSPACE.dataApiKey) },
			body: JSON.stringify(body),
		});
		expect({ status: response.status, body: await response.json() }).toEqual(dataFail(400, { message: 'app_id is required in path/query params.', type: 'ParamsRequired' }));
		const other = await fetch(`${standIn.baseUrl}/v1/customers/export?app_id=OTHER`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json', Authorization: basic(WORKSPACE.dataApiKey) },
			body: JSON.stringify(body),
		});
		expect({ status: other.status, body: await other.json() }).toEqual(dataFail(409, { message: 'App key mismatch in params and authentication', type: 'Authentication Mismatch' }));
	});
});

describe('Merge Users (data.yaml /customer/merge)', () => {
	test('a failing pair is skipped and the rest merged, with 200 that does not say which', async () => {
		const reply = await call('mergeUsers', { merge_data: [{ merged_user: 'ghost', retained_user: 'u-1' }, { merged_user: 'u-2', retained_user: 'u-1' }] });
		expect(reply).toEqual({ status: 200, body: { status: 'success', operation: 'created' } });
		expect(standIn.observed.mergedUsers).toEqual([{ merged_user: 'u-2', retained_user: 'u-1' }]);
		expect(standIn.observed.skippedMerges).toEqual([{ merged_user: 'ghost', retained_user: 'u-1' }]);
		expect(standIn.userWith('u-2')).toBeUndefined();
	});

	test('more than 50 pairs, a missing field, a wrong type, an unknown field', async () => {
		const pairs = Array.from({ length: 51 }, (_, i) => ({ merged_user: `a-${i}`, retained_user: `b-${i}` }));
		expect(await call('mergeUsers', { merge_data: pairs })).toEqual(dataFail(400, { attribute: 'merge_data', message: 'max limit allowed is 50', type: 'LimitBreached' }));
		expect((await call('mergeUsers', { merge_data: pairs.slice(0, 50) })).status).toBe(200);
		expect(await call('mergeUsers', { merge_data: [{ retained_user: 'u-1' }] })).toEqual(
			dataFail(400, { attribute: 'merged_user', message: 'merged_user is not found in the payload', type: 'MissingAttributeError' }),
		);
		expect(await call('mergeUsers', { merge_data: [{ merged_user: 7, retained_user: 'u-1' }] })).toEqual(
			dataFail(400, { attribute: 'merged_user', message: 'merged_user is expected to be String or Unicode String.', type: 'MissingAttributeError' }),
		);
		expect((await call('mergeUsers', { merge_data: [{ merged_user: 'u-2', retained_user: 'u-1', keep: true }] })).body.error).toMatchObject({ attribute: 'keep' });
	});

	test('malformed, empty and non-object bodies get data-overview.mdx answers', async () => {
		expect(await call('mergeUsers', undefined, { raw: '{"merge_data": [' })).toEqual(
			dataFail(400, { message: 'Could not decode the request body. The JSON was incorrect or not encoded as UTF-8.', type: 'Malformed JSON' }),
		);
		expect(await call('mergeUsers', undefined, { raw: '' })).toEqual(dataFail(400, { message: 'A valid JSON document is required', type: 'Empty request body' }));
		expect(await call('mergeUsers', ['x'])).toEqual(dataFail(400, { message: 'A valid JSON document is required.', type: 'Body type is not JSON' }));
	});
});

describe('Delete User (data.yaml /customer/delete)', () => {
	test('a user is scheduled for deletion; an unknown one gets the documented 400', async () => {
		expect(await call('deleteUser', { identity_type: 'customer_id', identity_value: 'u-1' })).toEqual({
			status: 200,
			body: { status: 'success', message: 'Your request has been accepted and will be processed soon.' },
		});
		expect(await call('deleteUser', { identity_type: 'customer_id', identity_value: 'ghost' })).toEqual(
			dataFail(400, { message: "User doesn't exists with customer id ghost", type: 'Not Found' }),
		);
	});

	test('a wrong identity_type, a missing value, an unknown field', async () => {
		expect((await call('deleteUser', { identity_type: 'id', identity_value: 'moe-0001' })).body.error).toMatchObject({ attribute: 'identity_type', type: 'ValueError' });
		expect((await call('deleteUser', { identity_type: 'moengage_id' })).body.error).toMatchObject({ attribute: 'identity_value', type: 'MissingAttributeError' });
		expect((await call('deleteUser', { identity_type: 'moengage_id', identity_value: 'moe-0001', reason: 'gdpr' })).body.error).toMatchObject({ attribute: 'reason' });
	});
});

describe('Track Event (data.yaml /event/{Workspace_ID})', () => {
	test.each([
		['Date/Time', { type: 'event', customer_id: 'john@example.com', actions: [{ action: 'Flight Booked', attributes: { price: 3999, departure_date: '2019-05-21T03:47:35Z', premium_seat: true }, platform: 'iOS', app_version: '1.2.3', current_time: 1433837969, user_timezone_offset: 19800 }] }],
		['Array Support (TV)', { type: 'event', customer_id: 'John', actions: [{ action: 'product_selected', attributes: { product: 'Shirt', arraySupport: ['abc', 'xyz'] }, platform: 'TV', moe_os_type: 'Xbox', app_version: '1.2.3', user_time: '1710740192', current_time: '1710740192' }] }],
	])('documented example passes: %s', async (_name, body) => {
		expect((await call('trackEvent', body)).status).toBe(200);
		expect(standIn.observed.trackedEvents).toHaveLength(1);
	});

	test('the Standard Example\'s platform "Android" is not in the enum (the stand-in follows the enum)', async () => {
		const reply = await call('trackEvent', { type: 'event', customer_id: '123', actions: [{ action: 'ProductAdded', platform: 'Android', current_time: '1708939453396' }] });
		expect(reply.body.error).toMatchObject({ attribute: 'platform', type: 'ValueError' });
	});

	test('the documented errors: empty actions, missing customer_id, empty action name', async () => {
		expect(await call('trackEvent', { type: 'event', customer_id: 'u-1', actions: [] })).toEqual(
			dataFail(400, { attribute: 'actions', message: 'actions can not be empty Array', type: 'MissingAttributeError' }),
		);
		expect(await call('trackEvent', { type: 'event', actions: [{ action: 'x' }] })).toEqual(
			dataFail(400, { attribute: 'customer_id', message: 'customer_id is not found in the payload', type: 'MissingAttributeError' }),
		);
		expect(await call('trackEvent', { type: 'event', customer_id: 'u-1', actions: [{}] })).toEqual(
			dataFail(400, { attribute: 'action', message: 'action is not found in the payload', type: 'MissingAttributeError' }),
		);
	});

	test('user_timezone_offset within ±54000, platform and moe_os_type enums, no unknown action fields', async () => {
		const event = (action: Record<string, unknown>) => call('trackEvent', { type: 'event', customer_id: 'u-1', actions: [{ action: 'x', ...action }] });
		expect((await event({ user_timezone_offset: 54000 })).status).toBe(200);
		expect((await event({ user_timezone_offset: -54001 })).body.error).toMatchObject({ attribute: 'user_timezone_offset', type: 'ValueError' });
		expect((await event({ platform: 'windows' })).body.error).toMatchObject({ attribute: 'platform' });
		expect((await event({ moe_os_type: 'roku' })).body.error).toMatchObject({ attribute: 'moe_os_type' });
		expect((await event({ time: 1 })).body.error).toMatchObject({ attribute: 'time', type: 'AttributeError' });
		expect((await event({ attributes: { moe_x: 1 } })).body.error).toMatchObject({ attribute: 'moe_x' });
	});

	test('a future-dated current_time is refused (epoch seconds, milliseconds or ISO 8601); a past one is taken', async () => {
		const future = Date.now() + 3_600_000;
		for (const current_time of [Math.floor(future / 1000), String(future), new Date(future).toISOString()]) {
			const reply = await call('trackEvent', { type: 'event', customer_id: 'u-1', actions: [{ action: 'x', current_time }] });
			expect(reply).toEqual(dataFail(400, { attribute: 'current_time', message: 'current_time can not be a future time', type: 'ValueError' }));
		}
		expect(standIn.observed.trackedEvents).toEqual([]);
		expect((await call('trackEvent', { type: 'event', customer_id: 'u-1', actions: [{ action: 'x', current_time: new Date().toISOString() }] })).status).toBe(200);
	});
});

describe('Bulk Import (data.yaml /transition/{Workspace_ID})', () => {
	test('documented example: 200; valid elements are processed, invalid rows skipped', async () => {
		const reply = await call('bulkImport', {
			type: 'transition',
			elements: [
				{ type: 'customer', customer_id: 'john@example.com', attributes: { name: 'John', platforms: [{ platform: 'ANDROID', active: 'true' }] } },
				{ type: 'event', customer_id: 'john@example.com', device_id: '96bd03b6', actions: [{ action: 'Purchase', attributes: { product: 'MacBook Air' }, platform: 'iOS', app_version: '1.2.3', current_time: 1590404615, user_timezone_offset: 19800 }] },
				{ type: 'device', customer_id: 'OTBoS', device_id: 'OTBoS', attributes: { brand: 'Mi', platform: 'Windows', push_id: 'pushid1186' } },
			],
		});
		expect(reply).toEqual({ status: 200, body: { status: 'success', message: 'Your request has been accepted and will be processed soon.' } });
		expect(standIn.observed.bulkElements.map(({ type }) => type)).toEqual(['customer', 'event']);
		expect(standIn.observed.bulkRejected).toHaveLength(1);
		expect(standIn.observed.bulkRejected[0].reason).toMatch(/platform/);
		expect(standIn.userWith('john@example.com')?.attributes.name).toBe('John');
		expect(standIn.observed.trackedEvents).toHaveLength(1);
	});

	test('the documented 400s: empty elements, an element type, a missing customer_id, an empty action', async () => {
		expect(await call('bulkImport', { type: 'transition', elements: [] })).toEqual(
			dataFail(400, { attribute: 'elements', message: 'elements cannot be empty array', type: 'MissingAttributeError' }),
		);
		expect(await call('bulkImport', { type: 'transition', elements: [{ type: 'Customer', customer_id: 'a' }] })).toEqual(
			dataFail(400, { attribute: 'type', message: 'type in elements should be customer/event/device', type: 'AttributeError' }),
		);
		expect(await call('bulkImport', { type: 'transition', elements: [{ type: 'customer', attributes: {} }] })).toEqual(
			dataFail(400, { attribute: 'customer_id', message: 'customer_id not found in the payload', type: 'MissingAttributeError' }),
		);
		expect(await call('bulkImport', { type: 'transition', elements: [{ type: 'event', customer_id: 'a', actions: [{ action: '' }] }] })).toEqual(
			dataFail(400, { attribute: 'action', message: 'action cannot be empty Unicode string', type: 'MissingAttributeError' }),
		);
		expect((await call('bulkImport', { type: 'bulk', elements: [{ type: 'customer', customer_id: 'a' }] })).body.error).toMatchObject({ attribute: 'type' });
	});

	test('more than 100 KB is refused', async () => {
		const elements = Array.from({ length: 900 }, (_, i) => ({ type: 'customer', customer_id: `user-${i}`, attributes: { note: 'x'.repeat(100) } }));
		expect(await call('bulkImport', { type: 'transition', elements })).toEqual(dataFail(413, { message: 'Payload size exceeds 100 KB', type: 'PayloadTooLarge' }));
	});
});

describe('Test Connection (data.yaml /integrations/authentication)', () => {
	test('documented body passes; a missing field and an unknown field fail', async () => {
		const body = { app_id: WORKSPACE.workspaceId, app_secret: WORKSPACE.dataApiKey, source: 'test', region: '01' };
		expect(await call('testConnection', body)).toEqual({ status: 200, body: { status: 'success', app_name: WORKSPACE.workspaceId } });
		expect(await call('testConnection', { ...body, region: undefined })).toEqual(
			dataFail(400, { attribute: 'region', message: 'region is not found in the payload', type: 'MissingAttributeError' }),
		);
		expect((await call('testConnection', { ...body, dc: '01' })).body.error).toMatchObject({ attribute: 'dc' });
	});
});

describe('Fetch Cards (cards.yaml /cards/fetch)', () => {
	test('documented example passes', async () => {
		const reply = await call('fetchCards', { uid: 'ann@example.com', platforms: ['ANDROID', 'WEB'], last_updated_time: 1695987441, prev_sync_card_ids: ['x'], card_category: 'General' });
		expect(reply.status).toBe(200);
		expect(reply.body.data.cards.map((entry) => entry.id)).toEqual(['c1_F_T_CA_AB_0_P_0_L_0_android', 'c2_F_T_CA_AB_0_P_0_L_0_android']);
	});

	test('neither or both of uid/unique_id, lower-case platforms, an unknown field, a bad page', async () => {
		expect(await call('fetchCards', { platforms: ['WEB'] })).toEqual(cardsFail("Required field missing. Please include either 'uid' or 'unique_id'"));
		expect(await call('fetchCards', { uid: 'ann@example.com', unique_id: 'device-ann' })).toEqual(cardsFail("Required field missing. Please include either 'uid' or 'unique_id'"));
		expect(await call('fetchCards', { uid: 'ann@example.com', platforms: ['android'] })).toEqual(cardsFail("Invalid 'platforms' field. Allowed values: ANDROID, IOS, WEB"));
		expect(await call('fetchCards', { uid: 'ann@example.com', category: 'x' })).toEqual(cardsFail("Invalid 'category' field"));
		expect(await call('fetchCards', { uid: 'ann@example.com' }, { query: 'page=0' })).toEqual(cardsFail("Invalid 'page': it must be a number greater than zero"));
		expect(await call('fetchCards', { uid: 'nobody' })).toEqual(cardsFail('User not found for this uid/ unique_id'));
	});

	test('keys and MOE-APPKEY: the gateway\'s 401s', async () => {
		expect(await call('fetchCards', { uid: 'ann@example.com' }, { headers: { Authorization: basic(WORKSPACE.dataApiKey) } })).toEqual({
			status: 401,
			body: { title: 'Authentication Failure', description: 'Invalid APP_SECRET_KEY is provided', code: expect.any(String) },
		});
		expect(await call('fetchCards', { uid: 'ann@example.com' }, { headers: { 'MOE-APPKEY': undefined } })).toEqual({
			status: 401,
			body: { title: 'HeaderMissing', description: 'MOE-APPKEY is missing in Header', code: expect.any(String) },
		});
	});
});

describe('Delete Cards (cards.yaml /cards/delete)', () => {
	test('documented example passes (lower-case platforms allowed here)', async () => {
		const reply = await call('deleteCards', { uid: 'ann@example.com', campaign_ids: ['c1', 'campaign_id2'], platforms: ['android', 'ios'] });
		expect(reply.status).toBe(200);
		expect(reply.body.data).toEqual({ android: { success: ['c1'], failed: [], invalid: ['campaign_id2'] }, ios: { success: ['c1'], failed: [], invalid: ['campaign_id2'] } });
	});

	test('campaign_ids missing, empty or not strings; a wrong platform; an unknown field', async () => {
		for (const body of [{ uid: 'ann@example.com' }, { uid: 'ann@example.com', campaign_ids: [] }, { uid: 'ann@example.com', campaign_ids: [1] }]) {
			expect(await call('deleteCards', body)).toEqual(cardsFail("Invalid or missing 'campaign_ids' field"));
		}
		expect(await call('deleteCards', { uid: 'ann@example.com', campaign_ids: ['c1'], platforms: ['TV'] })).toEqual(cardsFail("Invalid 'platforms' field. Allowed values: ANDROID, IOS, WEB"));
		expect(await call('deleteCards', { uid: 'ann@example.com', campaign_ids: ['c1'], all: true })).toEqual(cardsFail("Invalid 'all' field"));
	});
});

describe('authentication and headers of the Data APIs (data.yaml 401, data-overview.mdx)', () => {
	test('a wrong key, another workspace, no Authorization, the Cards key', async () => {
		const body = { identity_type: 'customer_id', identity_value: 'u-1' };
		expect(await call('deleteUser', body, { headers: { Authorization: basic('wrong') } })).toEqual(
			dataFail(401, { message: 'App Secret key mismatch. Please login to the dashboard to verify key', type: 'Authentication required' }),
		);
		expect(await call('deleteUser', body, { headers: { Authorization: basic(WORKSPACE.cardsApiKey) } })).toEqual(
			dataFail(401, { message: 'App Secret key mismatch. Please login to the dashboard to verify key', type: 'Authentication required' }),
		);
		expect(await call('deleteUser', body, { headers: { Authorization: `Basic ${Buffer.from(`OTHER:${WORKSPACE.dataApiKey}`).toString('base64')}` } })).toEqual(
			dataFail(401, { message: 'Invalid APP_ID used in Authentication Header', type: 'Authentication required' }),
		);
		expect(await call('deleteUser', body, { headers: { Authorization: undefined } })).toEqual(dataFail(401, { message: 'Authentication Header Required', type: 'Authentication required' }));
		expect(standIn.observed.deletedUsers).toEqual([]);
	});

	test('a workspace without a Data key answers 409 (data-overview.mdx)', async () => {
		standIn.setWorkspace({ ...WORKSPACE, dataApiKey: '' });
		try {
			const reply = await call('deleteUser', { identity_type: 'customer_id', identity_value: 'u-1' }, { headers: { Authorization: basic('') } });
			expect(reply).toEqual(dataFail(409, { message: 'App Secret key is not set. Please login to the dashboard to set a key', type: 'Authentication required' }));
		} finally {
			standIn.setWorkspace(WORKSPACE);
		}
	});

	test('Content-Type missing is 400, another type 415; the workspace in the path must match (409)', async () => {
		const body = { type: 'customer', customer_id: 'u-1' };
		expect(await call('trackUser', body, { headers: { 'Content-Type': 'text/plain' } })).toEqual(dataFail(415, { message: 'Unsupported Media Type', type: 'MediaTypeError' }));
		const withoutType = await new Promise<Reply>((resolve, reject) => {
			const payload = JSON.stringify(body);
			const req = httpRequest(
				`${standIn.baseUrl}/v1/customer/${WORKSPACE.workspaceId}`,
				{ method: 'POST', headers: { Authorization: basic(WORKSPACE.dataApiKey), 'Content-Length': Buffer.byteLength(payload) } },
				(res) => {
					const chunks: Buffer[] = [];
					res.on('data', (chunk: Buffer) => chunks.push(chunk));
					res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) }));
				},
			);
			req.on('error', reject);
			req.end(payload);
		});
		expect(withoutType).toEqual(dataFail(400, { message: 'The Content-Type Header is required', type: 'Missing header value' }));
		const response = await fetch(`${standIn.baseUrl}/v1/customer/OTHER?app_id=${WORKSPACE.workspaceId}`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json', Authorization: basic(WORKSPACE.dataApiKey) },
			body: JSON.stringify(body),
		});
		expect({ status: response.status, body: await response.json() }).toEqual(dataFail(409, { message: 'App key mismatch in params and authentication', type: 'Authentication Mismatch' }));
	});

	test('rate limits answer each endpoint\'s documented 429 body', async () => {
		const limited = new MoEngageStandIn({ workspace: WORKSPACE, users: [ANN], rateLimits: { deleteUser: { limit: 0, windowMs: 60_000 }, trackEvent: { limit: 0, windowMs: 60_000 } } });
		await limited.start();
		try {
			const post = (path: string, body: unknown) =>
				fetch(`${limited.baseUrl}${path}?app_id=${WORKSPACE.workspaceId}`, {
					method: 'POST',
					headers: { 'Content-Type': 'application/json', Authorization: basic(WORKSPACE.dataApiKey) },
					body: JSON.stringify(body),
				});
			const deleted = await post('/v1/customer/delete', { identity_type: 'customer_id', identity_value: 'u-1' });
			expect(deleted.status).toBe(429);
			expect(await deleted.json()).toEqual({ status: 'fail', title: 'Rate limit exceeded', description: 'Exceeded rate limit for this url' });
			const event = await post(`/v1/event/${WORKSPACE.workspaceId}`, { type: 'event', customer_id: 'u-1', actions: [{ action: 'x' }] });
			expect(await event.json()).toEqual({ status: 'fail', error: { message: 'Rate limits for customers exceeded. Please Try After Some Time', type: 'Rate Limits Exceeded', request_id: expect.any(String) } });
			expect(event.headers.get('x-ratelimit-remaining')).toBe('0');
		} finally {
			await limited.stop();
		}
	});

	test('a limit in users counts Get User\'s identifiers, not its requests', async () => {
		const limited = new MoEngageStandIn({ workspace: WORKSPACE, users: [ANN, BOB], rateLimits: { exportUsers: { limit: 3, windowMs: 60_000, unit: 'users' } } });
		await limited.start();
		try {
			const exportUsers = (ids: string[]) =>
				fetch(`${limited.baseUrl}/v1/customers/export?app_id=${WORKSPACE.workspaceId}`, {
					method: 'POST',
					headers: { 'Content-Type': 'application/json', Authorization: basic(WORKSPACE.dataApiKey) },
					body: JSON.stringify({ data: { identifiers: ids.map((identifier) => ({ identifier_type: 'customer_id', identifier })) } }),
				});
			expect((await exportUsers(['u-1', 'u-2'])).status).toBe(200);
			// 2 of 3 users spent: a request for 2 more is over the limit, one for 1 more is not.
			expect((await exportUsers(['u-1', 'u-2'])).status).toBe(429);
			expect((await exportUsers(['u-1'])).status).toBe(200);
			expect((await exportUsers(['u-2'])).status).toBe(429);
		} finally {
			await limited.stop();
		}
	});
});

describe('Bulk Import limits (api/rate-limits.mdx: 60,000 users and 60,000 events a minute, across all requests)', () => {
	test('users and events are two budgets: customers count as users, event actions as events', async () => {
		const limited = new MoEngageStandIn({
			workspace: WORKSPACE,
			users: [ANN],
			rateLimits: { bulkImport: [{ limit: 3, windowMs: 60_000, unit: 'users' }, { limit: 2, windowMs: 60_000, unit: 'events' }] },
		});
		await limited.start();
		try {
			const customer = (id: string) => ({ type: 'customer', customer_id: id, attributes: { plan: 'gold' } });
			const event = (id: string, actions: number) => ({ type: 'event', customer_id: id, actions: Array.from({ length: actions }, () => ({ action: 'Bench', attributes: {} })) });
			const bulk = (elements: unknown[]) =>
				fetch(`${limited.baseUrl}/v1/transition/${WORKSPACE.workspaceId}?app_id=${WORKSPACE.workspaceId}`, {
					method: 'POST',
					headers: { 'Content-Type': 'application/json', Authorization: basic(WORKSPACE.dataApiKey) },
					body: JSON.stringify({ type: 'transition', elements }),
				});
			expect((await bulk([customer('u-1'), customer('u-2')])).status).toBe(200);
			// 2 of 3 users and no event spent: 2 more users are over, 2 events are not.
			expect((await bulk([customer('u-3'), customer('u-4')])).status).toBe(429);
			expect((await bulk([event('u-1', 2)])).status).toBe(200);
			expect((await bulk([event('u-1', 1)])).status).toBe(429);
			// A request over one budget spends neither.
			expect((await bulk([customer('u-3'), event('u-1', 1)])).status).toBe(429);
			expect((await bulk([customer('u-3')])).status).toBe(200);
		} finally {
			await limited.stop();
		}
	});
});

describe('Search Campaigns (campaigns.yaml /campaigns/search)', () => {
	test.each([
		['Search by Channel (Email)', { request_id: 'search_req_12345', campaign_fields: { channels: ['EMAIL'] }, limit: 15, page: 1 }],
		['Search by Created Date', { request_id: 'search_req_date', campaign_fields: { created_date: { from_date: '2024-06-16', to_date: '2024-06-21' } }, limit: 10, page: 1 }],
		[
			'Search with Multiple Filters',
			{
				request_id: 'search_req_all',
				campaign_fields: { channels: ['PUSH'], created_by: ['john.doe@example.com'], created_date: { from_date: '2024-01-01', to_date: '2024-12-31' }, delivery_type: ['ONE_TIME'], status: ['ACTIVE'], tags: ['summer', 'sale'] },
				include_child_campaigns: true,
				include_archive_campaigns: false,
				limit: 15,
				page: 1,
			},
		],
	])('documented example passes: %s; the answer is a bare list', async (_name, body) => {
		const reply = await call('searchCampaigns', body);
		expect(reply.status).toBe(200);
		expect(Array.isArray(reply.body)).toBe(true);
	});

	test("a limit over 15, no request_id, an unknown field: 400 in campaigns.yaml's envelope", async () => {
		const envelope = (message: string, target: string) => ({
			status: 400,
			body: { error: { code: '400 Bad Request', message, target, details: [{ target, message }], request_id: expect.any(String) } },
		});
		expect(await call('searchCampaigns', { request_id: 'r', limit: 16, page: 1 })).toEqual(envelope('limit - maximum is 15', 'limit'));
		expect(await call('searchCampaigns', { limit: 15, page: 1 })).toEqual(envelope('request_id key is mandatory field', 'request_id'));
		expect(await call('searchCampaigns', { request_id: 'r', limit: 15, page: 1, campaign_fields: { title: 'x' } })).toEqual(envelope('title is not an allowed field', 'title'));
	});

	test("a wrong key: campaigns.yaml's 401", async () => {
		expect(await call('searchCampaigns', { request_id: 'r', limit: 1, page: 1 }, { headers: { Authorization: basic(WORKSPACE.dataApiKey) } })).toEqual({
			status: 401,
			body: { error: { code: '401 Authentication error', message: 'Authentication required', details: [{ code: 'InvalidValue', target: 'APP_SECRET_KEY', message: expect.any(String) }], request_id: '' } },
		});
	});
});

describe('Campaign Stats (stats-report.yaml /core-services/v1/campaign-stats)', () => {
	test('the documented example passes (campaigns of the workspace only)', async () => {
		const reply = await call('campaignStats', {
			request_id: 'abc',
			campaign_ids: ['c1', '6645fbae1101e4c6611b15c7'],
			start_date: '2024-12-22',
			end_date: '2024-12-23',
			attribution_type: 'VIEW_THROUGH',
			metric_type: 'TOTAL',
		});
		expect(reply).toEqual({ status: 200, body: { response_id: 'abc', total_campaigns: 1, current_page: 1, total_pages: 1, data: { c1: [{ platforms: { android: expect.any(Object), ios: expect.any(Object) } }] } } });
	});

	test('more than 10 campaigns, more than 30 days, a wrong metric: 400 {title, description, code}', async () => {
		const body = { request_id: 'r', campaign_ids: ['c1'], start_date: '2024-06-01', end_date: '2024-07-01', attribution_type: 'VIEW_THROUGH', metric_type: 'TOTAL' };
		const fail = (description: string) => ({ status: 400, body: { title: 'Invalid Field Value', description, code: expect.any(String) } });
		expect(await call('campaignStats', body)).toEqual({ status: 200, body: expect.any(Object) });
		expect(await call('campaignStats', { ...body, end_date: '2024-07-02' })).toEqual(fail('The days between the start and end dates should not exceed 30 days'));
		expect(await call('campaignStats', { ...body, campaign_ids: Array.from({ length: 11 }, (_, i) => `c${i}`) })).toEqual(fail('campaign_ids - at most 10 values are allowed'));
		expect(await call('campaignStats', { ...body, metric_type: 'MEAN' })).toEqual(fail('metric_type must be one of: TOTAL, UNIQUE'));
	});
});

describe('Subscription preferences (subscription-categories-v5.yaml)', () => {
	test('the categories, and a user\'s preferences, by GET with the query the spec names', async () => {
		const categories = await call('subscriptionCategories', undefined, { query: 'channel=sms' });
		expect(categories).toEqual({ status: 200, body: { response_id: expect.any(String), type: 'subscription_category', data: [expect.objectContaining({ name: 'sms_offers', channel: 'sms' })] } });
		const preferences = await call('getSubscriptionPreferences', undefined, { query: 'user_identifier_type=email&user_identifier_value=ann%40example.com' });
		expect(preferences.body.data).toEqual(expect.objectContaining({ user_id: 'usr_moe-0001', is_globally_unsubscribed: false }));
		expect(await call('getSubscriptionPreferences', undefined, { query: 'user_identifier_type=phone&user_identifier_value=1' })).toEqual({
			status: 400,
			body: { error: { code: 'BadArgument', message: 'user_identifier_type must be one of: moe_user_id, uid, email', target: 'user_identifier_type' } },
		});
	});

	test('the documented update passes with a UUID Idempotency-Key (202); the same key with another body is 409', async () => {
		const key = randomUUID();
		const example = { user_identifier_type: 'email', user_identifier_value: 'ann@example.com', channel: 'email', is_globally_unsubscribed: false, categories: { promotional: false, newsletter: true }, event_attributes: { source: 'preference_center', campaign_ref: 'spring_sale' } };
		expect(await call('updateSubscriptionPreferences', example, { headers: { 'Idempotency-Key': key } })).toEqual({
			status: 202,
			body: { response_id: expect.any(String), type: 'subscription_preference', data: { message: 'Your request has been accepted and is being processed.' } },
		});
		expect((await call('updateSubscriptionPreferences', { ...example, is_globally_unsubscribed: true }, { headers: { 'Idempotency-Key': key } })).body).toEqual({
			error: { code: 'Conflict', message: 'Idempotency-Key was already used with a different request body', target: 'Idempotency-Key' },
		});
		expect((await call('updateSubscriptionPreferences', example, { headers: { 'Idempotency-Key': 'not-a-uuid' } })).status).toBe(400);
		expect((await call('updateSubscriptionPreferences', example, { headers: { 'Idempotency-Key': key, Authorization: basic(WORKSPACE.cardsApiKey) } })).body).toEqual({
			error: { code: 'Unauthorized', message: 'Invalid or missing credentials', target: 'Authorization' },
		});
	});
});
