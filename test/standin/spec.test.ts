import { STANDARD_ATTRIBUTES } from '../../nodes/MoEngage/helpers/standardAttributes';
import { ENDPOINTS, GET_USER_READING } from '../../nodes/MoEngage/transport/api';
import { EXPORT_NAMES } from './model/data';
import { FAMILIES, SPEC, validateIn } from './spec';
import type { Schema } from './validator';
import { validate } from './validator';

/**
 * The stand-in against MoEngage's documentation: it has a schema for every endpoint the node
 * calls, and the validator does what the schemas need. Each family's documented examples and
 * invalid requests are tested over HTTP in its own file (data, cards, campaigns,
 * specSegmentsEventsInform; the gateway's checks in gateway.test.ts).
 */

describe("Get User: the stand-in and the node follow one reading (GET_USER_READING)", () => {
	test('identifier_type: customer_id, or the reading\'s type for a MoEngage ID', () => {
		expect(FAMILIES.data.$defs.IdentifierObject.properties?.identifier_type?.enum).toEqual(['customer_id', GET_USER_READING.moengageIdType]);
	});

	test('export names: the names Track User writes, for each internal key', () => {
		expect(GET_USER_READING.exportUnder).toBe('trackUserName');
		const nodeNames = Object.fromEntries(STANDARD_ATTRIBUTES.filter(({ writable }) => writable).map(({ internalKey, name }) => [internalKey, name]));
		expect(EXPORT_NAMES).toEqual(nodeNames);
	});
});

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
		expect(['data', 'campaign', 'inform', 'push']).toContain(spec.key);
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
		for (const api of ['trackUser', 'trackEvent', 'exportUsers', 'mergeUsers', 'deleteUser', 'gdprRequest', 'bulkImport', 'testConnection', 'cohortSync'] as const) {
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
		// Filter segments v3: the Data key and MOE-APPKEY (custom-segments.yaml AppKeyHeader).
		for (const api of ['listSegments', 'getSegment'] as const) {
			expect(SPEC[api]).toMatchObject({ key: 'data', family: 'segments', errors: 'customSegments' });
			expect(SPEC[api].headers).toContain('MOE-APPKEY');
		}
				expect(SPEC.sendMessage).toMatchObject({ key: 'campaign', family: 'messaging', retryAfter: true });
		expect(SPEC.sendMessage.headers).toContain('Idempotency-Key');
		expect(Object.keys(FAMILIES)).toEqual(['data', 'cards', 'businessEvent', 'inform', 'campaigns', 'subscriptions', 'segments', 'messaging', 'flows', 'push']);
		// The Push API: a signature instead of Basic auth, on its own host (push-v2-1.yaml).
		expect(SPEC.sendPush).toMatchObject({ key: 'push', family: 'push', errors: 'push', rateLimitedBody: '', rateLimitReset: 'secondsLeft' });
		expect(SPEC.sendPush.headers).toEqual(expect.arrayContaining(['X-MOE-APPKEY', 'X-MOE-PushAPI-Signature', 'X-MOE-Query-Type']));
		for (const api of ['searchFlows', 'getFlow', 'changeFlowStatus'] as const) expect(SPEC[api]).toMatchObject({ key: 'campaign', family: 'flows', retryAfter: true });
		expect(SPEC.changeFlowStatus.headers).toContain('Idempotency-Key');
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
