import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { identifierKey, matchExportedUsers } from './matchUsers';
import { defineOperation } from '../operation';
import { checkCustomerId } from '../../helpers/customerId';
import { forwardedForOption, readForwardedForHeader } from '../../helpers/forwardedFor';
import { readChoice, readRequiredText, readTextList } from '../../helpers/parameters';
import { operationOptions } from '../../helpers/requestSettings';
import { checkBodySize, jsonBytes, packBatches } from '../../helpers/requestSize';
import { pick, readSimplify, simplifyFields } from '../../helpers/simplify';
import { STANDARD_ATTRIBUTES as STANDARD_ATTRIBUTES_LIST } from '../../helpers/standardAttributes';
import { IDENTIFY_USER_BY_LABEL, USER_ID_LABEL, userIdFields } from '../../helpers/userIdFields';
import type { ItemRun } from '../../run/itemRun';
import { describeItems } from '../../run/itemRun';
import type { MoEngageClient } from '../../transport';
import type { ExportIdentifier, ExportIdentifierType } from '../../transport/api';
import { ENDPOINTS, EXPORT_IDENTIFIER_ATTRIBUTE, EXPORT_USERS_MAX_IDENTIFIERS, exportUsersBody, MOENGAGE_ID_IDENTIFIER_TYPE } from '../../transport/api';
import { inParallel } from '../../run/schedule';
import type { ItemRequest } from '../../run/schedule';

export const IDENTIFIER_TYPE = { name: 'identifierType', label: IDENTIFY_USER_BY_LABEL };
export const IDENTIFIER = { name: 'identifier', label: USER_ID_LABEL };
export const STANDARD_ATTRIBUTES = { name: 'standardAttributes', label: 'Standard Attributes' };
export const CUSTOM_ATTRIBUTES = { name: 'customAttributes', label: 'Custom Attributes' };
export const IF_NOT_FOUND = { name: 'ifNotFound', label: 'If Not Found' };
export const ALL_ATTRIBUTES = { name: 'allAttributes', label: 'Return All Attributes' };

const properties: INodeProperties[] = [
	{
		displayName: 'MoEngage enables Get User per workspace: if lookups are refused although the key is right, ask your MoEngage CSM or support to enable the Get User API.',
		name: 'getUserNotice',
		type: 'notice',
		default: '',
	},
	...userIdFields(IDENTIFIER_TYPE, 'id', IDENTIFIER, "The user's Customer ID or MoEngage ID, as chosen in Identify User By. Map it from the input to look up many users: the node asks MoEngage for up to 20 users per request."),
	{
		displayName: STANDARD_ATTRIBUTES.label,
		name: STANDARD_ATTRIBUTES.name,
		type: 'multiOptions',
		default: ['name', 'email', 'mobile'],
		description: 'Standard attributes to return. The ID the user is identified by is always returned.',
		options: STANDARD_ATTRIBUTES_LIST.map(({ displayName, name }) => ({ name: displayName, value: name })),
	},
	{
		displayName: CUSTOM_ATTRIBUTES.label,
		name: CUSTOM_ATTRIBUTES.name,
		type: 'string',
		default: '',
		placeholder: 'e.g. plan, loyalty_tier',
		description: 'Names of custom attributes to return, separated by commas',
	},
	...simplifyFields(
		"Applies with Options > Return All Attributes: simplified, the user's standard attributes (Customer ID, MoEngage ID, name, first and last name, email, mobile, gender, birthday) and found.",
	),
	...operationOptions(ENDPOINTS.exportUsers, { perItem: false }, [
		{
			displayName: ALL_ATTRIBUTES.label,
			name: ALL_ATTRIBUTES.name,
			type: 'boolean',
			default: false,
			description:
				"Whether to return every attribute MoEngage exports for the user (standard and custom) instead of the ones chosen above",
		},
		forwardedForOption('IP address of the client the lookup is made for, sent as the X-Forwarded-For header'),
		{
			displayName: IF_NOT_FOUND.label,
			name: IF_NOT_FOUND.name,
			type: 'options',
			default: 'error',
			description: 'What to do when MoEngage has no user with this User ID. Found users carry found: true.',
			options: [
				{
					name: 'Return a Not-Found Item',
					value: 'returnItem',
					description:
						'Output {found: false, identifier_type, identifier} for the item, plus a hint when MoEngage returned users that could not be matched to it',
				},
				{ name: 'Return an Error', value: 'error' },
			],
		},
	]),
];

const IDENTIFIER_TYPES: readonly ExportIdentifierType[] = ['customer_id', MOENGAGE_ID_IDENTIFIER_TYPE];
const IF_NOT_FOUND_CHOICES = ['error', 'returnItem'] as const;

export interface GetUserParams {
	identifier: ExportIdentifier;
	/** Attributes to export, always including the identifying one; 'all' for every attribute. */
	fields: string[] | 'all';
	ifNotFound: (typeof IF_NOT_FOUND_CHOICES)[number];
	/** X-Forwarded-For: items with different values go in different requests. */
	headers?: Record<string, string>;
	/** With every attribute asked for: output only the standard ones. */
	simplify?: boolean;
}

export function readItem(this: IExecuteFunctions, itemIndex: number): GetUserParams {
	const identifierType = readChoice(this, IDENTIFIER_TYPE, itemIndex, IDENTIFIER_TYPES);
	let identifier = readRequiredText(this, IDENTIFIER, itemIndex);
	if (identifierType === 'customer_id') identifier = checkCustomerId(this, IDENTIFIER, itemIndex, identifier);
	const standard = readTextList(this, STANDARD_ATTRIBUTES, itemIndex, this.getNodeParameter(STANDARD_ATTRIBUTES.name, itemIndex, []));
	const custom = readTextList(this, CUSTOM_ATTRIBUTES, itemIndex);
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const ifNotFound = options[IF_NOT_FOUND.name] ?? 'error';
	if (!IF_NOT_FOUND_CHOICES.includes(ifNotFound as GetUserParams['ifNotFound'])) {
		throw new NodeOperationError(this.getNode(), `The "${IF_NOT_FOUND.label}" option of item ${itemIndex} has an unknown value`, { itemIndex });
	}
	const fields = options[ALL_ATTRIBUTES.name] === true ? 'all' : [...new Set([EXPORT_IDENTIFIER_ATTRIBUTE[identifierType], ...standard, ...custom])];
	const params: GetUserParams = {
		identifier: { identifier_type: identifierType, identifier },
		fields,
		ifNotFound: ifNotFound as GetUserParams['ifNotFound'],
		headers: readForwardedForHeader(this, itemIndex),
		...(fields === 'all' && readSimplify(this, itemIndex) ? { simplify: true } : {}),
	};
	checkBodySize(this, itemIndex, exportUsersBody([params.identifier], fields === 'all' ? undefined : fields), [
		{ field: IDENTIFIER, value: identifier },
		{ field: STANDARD_ATTRIBUTES, value: standard },
		{ field: CUSTOM_ATTRIBUTES, value: custom },
	]);
	return params;
}

/** The body around the identifiers and fields: `{"data":{"identifiers":[],"user_fields_to_export":[]}}`. */
const EXPORT_ENVELOPE_BYTES = jsonBytes(exportUsersBody([], []));

/**
 * At most the room a lookup takes in an export body: its identifier, and every field its items
 * ask for as if no other lookup of the request asked for it too.
 */
function lookupBytes({ identifier, items }: UserLookup): number {
	const fields = items.flatMap(({ params }) => (params.fields === 'all' ? [] : params.fields));
	return jsonBytes(identifier) + fields.reduce((sum, field) => sum + jsonBytes(field) + 1, 0);
}

/** The items that ask for one user: MoEngage is asked once for all of them. */
interface UserLookup {
	identifier: ExportIdentifier;
	items: Array<ItemRequest<GetUserParams>>;
}

/** One export request: its identifiers, and the union of the fields their items ask for. */
export interface UserBatch {
	fields: string[] | 'all';
	lookups: UserLookup[];
	headers?: Record<string, string>;
}

/** Every item's fields, or 'all' as soon as one item asks for every attribute. */
function unionOf(fieldLists: Array<string[] | 'all'>): string[] | 'all' {
	if (fieldLists.includes('all')) return 'all';
	return [...new Set(fieldLists.flatMap((fields) => (fields === 'all' ? [] : fields)))];
}

/**
 * Groups the items into export requests of up to 20 distinct identifiers (fewer where the body
 * would pass MoEngage's size cap), whatever fields each item asks for: a request exports the
 * union of its items' fields (each includes its identifying attribute), and each item keeps only
 * its own. Items that ask for the same user share one
 * identifier. MoEngage takes an identifier_type per identifier, so the two types mix freely.
 */
export function getUsersInBatches(requests: Array<ItemRequest<GetUserParams>>): UserBatch[] {
	// Requests differ only by their X-Forwarded-For header, which is per request.
	const byHeader = new Map<string, Map<string, UserLookup>>();
	for (const request of requests) {
		const headerKey = request.params.headers?.['X-Forwarded-For'] ?? '';
		let lookups = byHeader.get(headerKey);
		if (!lookups) byHeader.set(headerKey, (lookups = new Map()));
		const key = identifierKey(request.params.identifier);
		const lookup = lookups.get(key);
		if (lookup) lookup.items.push(request);
		else lookups.set(key, { identifier: request.params.identifier, items: [request] });
	}
	const batches: UserBatch[] = [];
	for (const lookups of byHeader.values()) {
		// 20 identifiers a request, fewer when their identifiers and fields would make the body too large.
		for (const batch of packBatches([...lookups.values()], EXPORT_USERS_MAX_IDENTIFIERS, lookupBytes, EXPORT_ENVELOPE_BYTES)) {
			const fields = unionOf(batch.flatMap(({ items }) => items.map(({ params }) => params.fields)));
			batches.push({ fields, lookups: batch, headers: batch[0].items[0].params.headers });
		}
	}
	return batches;
}

/** The standard attributes, which Simplify keeps of every attribute MoEngage exports. */
const SIMPLE_USER_FIELDS = STANDARD_ATTRIBUTES_LIST.map(({ name }) => name);

/** The user's attributes less those its request exported only for other items (only the standard ones when simplified). */
function ownAttributes(attributes: IDataObject, { fields: ownFields, simplify }: GetUserParams, batchFields: string[] | 'all'): IDataObject {
	if (ownFields === 'all') return simplify === true ? pick(attributes, SIMPLE_USER_FIELDS) : { ...attributes };
	const own = new Set(ownFields);
	if (batchFields === 'all') return Object.fromEntries(Object.entries(attributes).filter(([name]) => own.has(name)));
	const othersOnly = new Set(batchFields.filter((field) => !own.has(field)));
	if (othersOnly.size === 0) return { ...attributes };
	return Object.fromEntries(Object.entries(attributes).filter(([name]) => !othersOnly.has(name)));
}

async function sendAll(
	this: IExecuteFunctions,
	client: MoEngageClient,
	requests: Array<ItemRequest<GetUserParams>>,
	outcomes: ItemRun,
): Promise<void> {
	const batches = getUsersInBatches(requests);
	// Up to Concurrency lookups in flight: they only read, so their order does not matter.
	await inParallel(batches.length, client.settings.concurrency, async (batch) => {
		const { fields, lookups, headers } = batches[batch];
		const identifiers = lookups.map(({ identifier }) => identifier);
		let answer: IDataObject;
		try {
			answer = await client.request(ENDPOINTS.exportUsers, exportUsersBody(identifiers, fields === 'all' ? undefined : fields), {
				headers,
				itemIndex: lookups[0].items[0].itemIndex,
				subject: describeItems(lookups.flatMap(({ items }) => items.map(({ itemIndex }) => itemIndex))),
				batch: true,
				cost: identifiers.length,
			});
		} catch (error) {
			for (const { items } of lookups) for (const { itemIndex } of items) outcomes.fail(itemIndex, error);
			return;
		}
		const matches = matchExportedUsers(identifiers, answer);
		for (const { identifier, items } of lookups) {
			const match = matches.get(identifierKey(identifier)) ?? { found: false };
			for (const { itemIndex, params } of items) {
				if (match.found) outcomes.succeed(itemIndex, { ...ownAttributes(match.attributes, params, fields), found: true });
				else if (params.ifNotFound === 'returnItem') {
					outcomes.succeed(itemIndex, { found: false, ...identifier, ...(match.hint === undefined ? {} : { hint: match.hint }) });
				} else outcomes.fail(itemIndex, userNotFound(this, identifier, itemIndex, match.hint));
			}
		}
	});
}

function userNotFound(context: IExecuteFunctions, identifier: ExportIdentifier, itemIndex: number, hint?: string): NodeOperationError {
	const advice = 'To get an item marking the user as not found instead, set Options > If Not Found.';
	const user = `${identifier.identifier_type} "${identifier.identifier}" (item ${itemIndex})`;
	return hint === undefined
		? new NodeOperationError(context.getNode(), `MoEngage has no user with ${user}`, { itemIndex, description: advice })
		: new NodeOperationError(context.getNode(), `MoEngage's answer has no user that matches ${user}`, {
				itemIndex,
				description: `${hint}. ${advice}`,
			});
}

export const get = defineOperation<GetUserParams, 'user', 'get'>({
	resource: 'user',
	operation: 'get',
	picker: { name: 'Get', description: "Get a user's attributes", action: 'Get a user' },
	properties,
	endpoint: ENDPOINTS.exportUsers,
	readItem,
	sendAll,
});
