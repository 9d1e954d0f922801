import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { readChoice, readRequiredText, readTextList } from '../../../helpers/parameters';
import type { MoEngageClient } from '../../../transport';
import type { ExportIdentifier, ExportIdentifierType } from '../../../transport/api';
import {
	ENDPOINTS,
	EXPORT_IDENTIFIER_ATTRIBUTE,
	EXPORT_USERS_MAX_IDENTIFIERS,
	exportUsersBody,
} from '../../../transport/api';
import type { ItemRequest } from '../../operation';
import type { ItemRun } from '../../../run/itemRun';
import { describeItems } from '../../../run/itemRun';
import { CUSTOM_ATTRIBUTES, IDENTIFIER, IDENTIFIER_TYPE, IF_NOT_FOUND, STANDARD_ATTRIBUTES } from './description';
import { identifierKey, matchExportedUsers } from './matchUsers';

const IDENTIFIER_TYPES: readonly ExportIdentifierType[] = ['customer_id', 'id'];
const IF_NOT_FOUND_CHOICES = ['error', 'returnItem'] as const;

export interface GetUserParams {
	identifier: ExportIdentifier;
	/** Attributes to export, always including the identifying one. */
	fields: string[];
	ifNotFound: (typeof IF_NOT_FOUND_CHOICES)[number];
}

export function readItem(this: IExecuteFunctions, itemIndex: number): GetUserParams {
	const identifierType = readChoice(this, IDENTIFIER_TYPE, itemIndex, IDENTIFIER_TYPES);
	const identifier = readRequiredText(this, IDENTIFIER, itemIndex);
	const standard = readTextList(this, STANDARD_ATTRIBUTES, itemIndex, this.getNodeParameter(STANDARD_ATTRIBUTES.name, itemIndex, []));
	const custom = readTextList(this, CUSTOM_ATTRIBUTES, itemIndex);
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const ifNotFound = options[IF_NOT_FOUND.name] ?? 'error';
	if (!IF_NOT_FOUND_CHOICES.includes(ifNotFound as GetUserParams['ifNotFound'])) {
		throw new NodeOperationError(this.getNode(), `The "${IF_NOT_FOUND.label}" option of item ${itemIndex} has an unknown value`, { itemIndex });
	}
	const fields = [...new Set([EXPORT_IDENTIFIER_ATTRIBUTE[identifierType], ...standard, ...custom])];
	return {
		identifier: { identifier_type: identifierType, identifier },
		fields,
		ifNotFound: ifNotFound as GetUserParams['ifNotFound'],
	};
}

/** The items that ask for one user with one set of fields: MoEngage is asked once for all of them. */
interface UserLookup {
	identifier: ExportIdentifier;
	items: Array<ItemRequest<GetUserParams>>;
}

/**
 * Groups the items into export requests of up to 20 distinct identifiers. Items that ask for
 * the same user share one identifier; items with a different field list go in other requests.
 */
export function getUsersInBatches(requests: Array<ItemRequest<GetUserParams>>): Array<{ fields: string[]; lookups: UserLookup[] }> {
	const byFields = new Map<string, { fields: string[]; lookups: Map<string, UserLookup> }>();
	for (const request of requests) {
		const fieldsKey = request.params.fields.join('\u0000');
		let group = byFields.get(fieldsKey);
		if (!group) {
			group = { fields: request.params.fields, lookups: new Map() };
			byFields.set(fieldsKey, group);
		}
		const key = identifierKey(request.params.identifier);
		const lookup = group.lookups.get(key) ?? { identifier: request.params.identifier, items: [] };
		lookup.items.push(request);
		group.lookups.set(key, lookup);
	}
	const batches: Array<{ fields: string[]; lookups: UserLookup[] }> = [];
	for (const { fields, lookups } of byFields.values()) {
		const all = [...lookups.values()];
		for (let start = 0; start < all.length; start += EXPORT_USERS_MAX_IDENTIFIERS) {
			batches.push({ fields, lookups: all.slice(start, start + EXPORT_USERS_MAX_IDENTIFIERS) });
		}
	}
	return batches;
}

export async function execute(
	this: IExecuteFunctions,
	client: MoEngageClient,
	requests: Array<ItemRequest<GetUserParams>>,
	outcomes: ItemRun,
): Promise<void> {
	for (const { fields, lookups } of getUsersInBatches(requests)) {
		const identifiers = lookups.map(({ identifier }) => identifier);
		let answer: IDataObject;
		try {
			answer = await client.request(ENDPOINTS.exportUsers, exportUsersBody(identifiers, fields), {
				itemIndex: lookups[0].items[0].itemIndex,
				subject: describeItems(lookups.flatMap(({ items }) => items.map(({ itemIndex }) => itemIndex))),
				batch: true,
				cost: identifiers.length,
			});
		} catch (error) {
			for (const { items } of lookups) for (const { itemIndex } of items) outcomes.fail(itemIndex, error);
			continue;
		}
		const users = matchExportedUsers(identifiers, answer);
		for (const { identifier, items } of lookups) {
			const user = users.get(identifierKey(identifier));
			for (const { itemIndex, params } of items) {
				if (user) outcomes.succeed(itemIndex, { ...user });
				else if (params.ifNotFound === 'returnItem') outcomes.succeed(itemIndex, { found: false, ...identifier });
				else outcomes.fail(itemIndex, userNotFound(this, identifier, itemIndex));
			}
		}
	}
}

function userNotFound(context: IExecuteFunctions, identifier: ExportIdentifier, itemIndex: number): NodeOperationError {
	return new NodeOperationError(
		context.getNode(),
		`MoEngage has no user with ${identifier.identifier_type} "${identifier.identifier}" (item ${itemIndex})`,
		{ itemIndex, description: 'To get an item marking the user as not found instead, set Options > If Not Found.' },
	);
}
