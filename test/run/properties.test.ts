import fc from 'fast-check';
import type { IDataObject } from 'n8n-workflow';

import { ANN, BOB, runMoEngage, useStandIn, WORKSPACE } from '../harness/fixtures';
import { dump } from '../harness/dump';
import type { Fault } from '../standin/server';
import { RATE_LIMITED } from '../standin/server';

/**
 * Property-based tests through the engine: generated bad inputs are all rejected before any
 * request, naming item and field; generated keys never show up in anything a run leaves behind.
 */

const { standIn, baseUrl } = useStandIn({ users: [ANN, BOB] });
jest.setTimeout(120_000);

interface FieldCase {
	operation: IDataObject;
	/** Where `={{ $json.v }}` goes: a parameter name, or `options.<name>`. */
	parameter: string;
	label: string;
	good: unknown;
	bad: fc.Arbitrary<unknown>;
}

const ALLOWED_IP_TEXT = /^[0-9A-Fa-f:.]+(\s*,\s*[0-9A-Fa-f:.]+)*$/;
const empty = fc.constantFrom('', ' ', '\t\n', null);
const notText = fc.oneof(fc.boolean(), fc.constant({}), fc.dictionary(fc.string(), fc.string()), fc.array(fc.boolean(), { minLength: 1 }));
const notAnIdentifier = fc.oneof(empty, notText);
const unknownWord = (allowed: string[]) => fc.string({ minLength: 1, maxLength: 12 }).filter((word) => !allowed.includes(word));

const getUser = { resource: 'user', operation: 'get', identifierType: 'customer_id', identifier: 'u-1' };
const deleteUser = { resource: 'user', operation: 'delete', identityType: 'customer_id', identityValue: 'u-1' };
const deleteCards = { resource: 'card', operation: 'delete', identifyBy: 'uid', userValue: 'ann@example.com', campaignIds: 'c1', platforms: [] };

const createOrUpdate = { resource: 'user', operation: 'createOrUpdate', customerId: 'u-1', customAttributesInput: 'json', customAttributesJson: '{}' };
const mergeUsers = { resource: 'user', operation: 'merge', mergedUser: 'u-2', retainedUser: 'u-1' };
const trackEvent = { resource: 'event', operation: 'track', customerId: 'u-1', eventName: 'Signed Up' };
const getCards = { resource: 'card', operation: 'get', identifyBy: 'uid', userValue: 'ann@example.com', platforms: [] };

const notAJsonObject = fc.oneof(
	fc.constantFrom('[1]', '"x"', '{', '1', 'null', 'true', '{"moe_score": 1}', '{"MOE_x": {}}'),
	fc.array(fc.integer(), { minLength: 1 }),
	fc.boolean(),
	fc.integer(),
);
const notATimezoneOffset = fc.oneof(
	fc.integer({ min: 54001 }),
	fc.integer({ max: -54001 }),
	fc.double({ noInteger: true, noDefaultInfinity: true, noNaN: true }),
	fc.string({ minLength: 1 }),
);
const notADate = fc.oneof(fc.string({ minLength: 1 }).filter((text) => text.trim() !== '' && Number.isNaN(Date.parse(text.trim()))), fc.boolean(), fc.constant({}), fc.array(fc.string(), { minLength: 1 }));
const notALimit = fc.oneof(fc.integer({ max: 0 }), fc.double({ noInteger: true, noDefaultInfinity: true, noNaN: true }), fc.string({ minLength: 1 }), fc.boolean());

const FIELDS: FieldCase[] = [
	{ operation: createOrUpdate, parameter: 'customerId', label: 'Customer ID', good: 'u-1', bad: notAnIdentifier },
	{ operation: createOrUpdate, parameter: 'customAttributesJson', label: 'Custom Attributes (JSON)', good: '{"plan": "gold"}', bad: notAJsonObject },
	{ operation: mergeUsers, parameter: 'mergedUser', label: 'Customer ID to Merge (Old)', good: 'u-2', bad: notAnIdentifier },
	{ operation: mergeUsers, parameter: 'retainedUser', label: 'Customer ID to Keep', good: 'u-1', bad: fc.oneof(notAnIdentifier, fc.constantFrom('u-2', ' u-2 ')) },
	{ operation: trackEvent, parameter: 'eventName', label: 'Event Name', good: 'Signed Up', bad: notAnIdentifier },
	{ operation: trackEvent, parameter: 'options.platform', label: 'Platform', good: 'web', bad: fc.oneof(unknownWord([]).filter((word) => word.trim() !== '' && !['android', 'ios', 'web', 'unknown'].includes(word.trim().toLowerCase())), notText) },
	{ operation: trackEvent, parameter: 'options.userTimezoneOffset', label: 'User Time Zone Offset (Seconds)', good: 19800, bad: notATimezoneOffset },
	{ operation: trackEvent, parameter: 'options.eventTime', label: 'Event Time', good: '2026-11-24T10:00:00Z', bad: notADate },
	{ operation: getCards, parameter: 'options.limit', label: 'Limit', good: 10, bad: notALimit },
	{ operation: getCards, parameter: 'userValue', label: 'User ID', good: 'ann@example.com', bad: notAnIdentifier },
	{ operation: getUser, parameter: 'identifier', label: 'User ID', good: 'u-1', bad: notAnIdentifier },
	{ operation: getUser, parameter: 'identifierType', label: 'Identify User By', good: 'customer_id', bad: fc.oneof(unknownWord(['customer_id', 'id']), notText) },
	{ operation: getUser, parameter: 'customAttributes', label: 'Custom Attributes', good: 'plan', bad: fc.oneof(fc.constant({}), fc.array(fc.constant({}), { minLength: 1 }), fc.boolean()) },
	{ operation: deleteUser, parameter: 'identityValue', label: 'User ID', good: 'u-1', bad: notAnIdentifier },
	{ operation: deleteUser, parameter: 'identityType', label: 'Identify User By', good: 'customer_id', bad: fc.oneof(unknownWord(['customer_id', 'moengage_id']), notText) },
	{ operation: deleteUser, parameter: 'options.forwardedFor', label: 'X-Forwarded-For', good: '203.0.113.195', bad: fc.oneof(fc.string({ minLength: 1 }).filter((text) => text.trim() !== '' && !ALLOWED_IP_TEXT.test(text.trim())), notText) },
	{ operation: deleteCards, parameter: 'userValue', label: 'User ID', good: 'ann@example.com', bad: notAnIdentifier },
	{ operation: deleteCards, parameter: 'identifyBy', label: 'Identify User By', good: 'uid', bad: fc.oneof(unknownWord(['uid', 'unique_id']), notText) },
	{ operation: deleteCards, parameter: 'campaignIds', label: 'Campaign IDs', good: 'c1', bad: fc.oneof(empty, fc.constantFrom(',', ' , ,', []), fc.constant({}), fc.array(fc.constant({}), { minLength: 1 }), fc.boolean()) },
	{ operation: deleteCards, parameter: 'platforms', label: 'Platforms', good: ['WEB'], bad: fc.oneof(fc.array(unknownWord([]).filter((word) => !['android', 'ios', 'web'].includes(word.trim().toLowerCase()) && word.trim() !== ''), { minLength: 1, maxLength: 3 }), fc.constant({}), fc.boolean()) },
];

function withExpression(operation: IDataObject, parameter: string): IDataObject {
	const expression = '={{ $json.v }}';
	if (!parameter.startsWith('options.')) return { ...operation, [parameter]: expression };
	return { ...operation, options: { [parameter.slice('options.'.length)]: expression } };
}

test('1,000 generated bad inputs: each rejected before any request, naming item and field', async () => {
	await fc.assert(
		fc.asyncProperty(
			fc.nat({ max: FIELDS.length - 1 }).chain((fieldIndex) =>
				fc.record({ fieldIndex: fc.constant(fieldIndex), bad: FIELDS[fieldIndex].bad, count: fc.integer({ min: 1, max: 5 }), at: fc.nat() }),
			),
			async ({ fieldIndex, bad, count, at }) => {
				const field = FIELDS[fieldIndex];
				standIn.reset();
				const badIndex = at % count;
				const items = Array.from({ length: count }, (_, index) => ({ v: index === badIndex ? bad : field.good }));
				const { error } = await runMoEngage(baseUrl(), withExpression(field.operation, field.parameter), items as IDataObject[]);
				expect(error?.name).toBe('NodeOperationError');
				expect(error?.message.startsWith(`The "${field.label}" field of item ${badIndex} `)).toBe(true);
				expect(error?.context?.itemIndex).toBe(badIndex);
				expect(standIn.requests).toHaveLength(0);
			},
		),
		{ numRuns: 1000, seed: 20261124 },
	);
});


test('generated keys never appear in any error, description or output', async () => {
	const key = fc.stringMatching(/^[A-Za-z0-9_-]{16,40}$/);
	const faults: Array<Fault | undefined> = [
		undefined,
		{ kind: 'status', status: 429, body: RATE_LIMITED },
		{ kind: 'status', status: 500, body: { title: 'Internal Server Error', message: 'x' } },
		{ kind: 'reset' },
		{ kind: 'malformed' },
	];
	await fc.assert(
		fc.asyncProperty(
			fc.record({
				dataApiKey: key,
				cardsApiKey: key,
				sendWrongKey: fc.boolean(),
				operation: fc.constantFrom(getUser, deleteUser, deleteCards),
				fault: fc.constantFrom(...faults),
				continueOnFail: fc.boolean(),
			}),
			async ({ dataApiKey, cardsApiKey, sendWrongKey, operation, fault, continueOnFail }) => {
				standIn.reset();
				standIn.setWorkspace({ ...WORKSPACE, dataApiKey, cardsApiKey });
				if (fault) standIn.addFault(fault);
				// A wrong key is a secret too: the stand-in answers 401 and the key must not leak either.
				const sent = sendWrongKey ? { dataApiKey: `${dataApiKey}x`, cardsApiKey: `${cardsApiKey}x` } : { dataApiKey, cardsApiKey };
				const { run } = await runMoEngage(baseUrl(), { ...operation, options: { maxRetries: 0 } }, [{}, {}], {
					continueOnFail,
					credentials: sent,
				});
				const text = dump(run);
				for (const secret of Object.values(sent)) {
					expect(text).not.toContain(secret);
					expect(text).not.toContain(Buffer.from(`${WORKSPACE.workspaceId}:${secret}`).toString('base64'));
				}
				expect(standIn.requests.length).toBeGreaterThan(0);
			},
		),
		{ numRuns: 150, seed: 11242026 },
	);
	standIn.setWorkspace(WORKSPACE);
});
