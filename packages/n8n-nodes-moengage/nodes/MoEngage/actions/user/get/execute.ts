import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { checkCustomerId } from '../../../helpers/customerId';
import { readForwardedForHeader } from '../../../helpers/forwardedFor';
import { readChoice, readRequiredText, readTextList } from '../../../helpers/parameters';
import type { MoEngageClient } from '../../../transport';
import type { ExportIdentifier, ExportIdentifierType } from '../../../transport/api';
import {
	ENDPOINTS,
	EXPORT_IDENTIFIER_ATTRIBUTE,
	EXPORT_USERS_MAX_IDENTIFIERS,
	exportUsersBody,
	MOENGAGE_ID_IDENTIFIER_TYPE,
} from '../../../transport/api';
import type { ItemRequest } from '../../operation';
import { inParallel } from '../../../run/schedule';
import type { ItemRun } from '../../../run/itemRun';
import { describeItems } from '../../../run/itemRun';
import { ALL_ATTRIBUTES, CUSTOM_ATTRIBUTES, IDENTIFIER, IDENTIFIER_TYPE, IF_NOT_FOUND, STANDARD_ATTRIBUTES } from './description';
import { identifierKey, matchExportedUsers } from './matchUsers';

const IDENTIFIER_TYPES: readonly ExportIdentifierType[] = ['customer_id', MOENGAGE_ID_IDENTIFIER_TYPE];
const IF_NOT_FOUND_CHOICES = ['error', 'returnItem'] as const;

export interface GetUserParams {
	identifier: ExportIdentifier;
	/** Attributes to export, always including the identifying one; 'all' for every attribute. */
	fields: string[] | 'all';
	ifNotFound: (typeof IF_NOT_FOUND_CHOICES)[number];
	/** X-Forwarded-For: items with different values go in different requests. */
	headers?: Record<string, string>;
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
	return {
		identifier: { identifier_type: identifierType, identifier },
		fields,
		ifNotFound: ifNotFound as GetUserParams['ifNotFound'],
		headers: readForwardedForHeader(this, itemIndex),
	};
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
 * Groups the items into export requests of up to 20 distinct identifiers, whatever fields each
 * item asks for: a request exports the union of its items' fields (each includes its identifying
 * attribute), and each item keeps only its own. Items that ask for the same user share one
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
		const all = [...lookups.values()];
		for (let start = 0; start < all.length; start += EXPORT_USERS_MAX_IDENTIFIERS) {
			const batch = all.slice(start, start + EXPORT_USERS_MAX_IDENTIFIERS);
			const fields = unionOf(batch.flatMap(({ items }) => items.map(({ params }) => params.fields)));
			batches.push({ fields, lookups: batch, headers: batch[0].items[0].params.headers });
		}
	}
	return batches;
}

/** The user's attributes less those its request exported only for other items. */
function ownAttributes(attributes: IDataObject, ownFields: string[] | 'all', batchFields: string[] | 'all'): IDataObject {
	if (ownFields === 'all') return { ...attributes };
	const own = new Set(ownFields);
	if (batchFields === 'all') return Object.fromEntries(Object.entries(attributes).filter(([name]) => own.has(name)));
	const othersOnly = new Set(batchFields.filter((field) => !own.has(field)));
	if (othersOnly.size === 0) return { ...attributes };
	return Object.fromEntries(Object.entries(attributes).filter(([name]) => !othersOnly.has(name)));
}

export async function execute(
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
				if (match.found) outcomes.succeed(itemIndex, { ...ownAttributes(match.attributes, params.fields, fields), found: true });
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
