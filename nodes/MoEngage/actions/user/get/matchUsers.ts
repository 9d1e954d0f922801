import type { IDataObject } from 'n8n-workflow';

import type { ExportIdentifier, ExportIdentifierType } from '../../../transport/api';
import { EXPORT_IDENTIFIER_ATTRIBUTE } from '../../../transport/api';

export function identifierKey({ identifier_type, identifier }: ExportIdentifier): string {
	return `${identifier_type}\u0000${identifier}`;
}

function isObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function attributeKey(attributes: IDataObject, type: ExportIdentifierType): string | undefined {
	const value = attributes[EXPORT_IDENTIFIER_ATTRIBUTE[type]];
	if (typeof value !== 'string' && typeof value !== 'number') return undefined;
	return identifierKey({ identifier_type: type, identifier: String(value) });
}

/**
 * Pairs the users of one export answer with the identifiers that asked for them. MoEngage returns
 * bare attribute maps, so each user is matched by its identifying attribute (which the request
 * always exports). Should MoEngage omit that attribute, the users it returned are paired in
 * request order with the identifiers it did not report as not found, but only when the counts
 * agree. An identifier left without a user is treated as not found.
 */
export function matchExportedUsers(
	requested: ExportIdentifier[],
	answer: IDataObject,
): Map<string, IDataObject | undefined> {
	const data = isObject(answer.data) ? answer.data : {};
	const users = (Array.isArray(data.users) ? data.users : [])
		.map((user) => (isObject(user) && isObject(user.user_attributes) ? user.user_attributes : undefined))
		.filter((attributes): attributes is IDataObject => attributes !== undefined);
	const notFound = new Set(
		(Array.isArray(data.users_not_found) ? data.users_not_found : [])
			.filter(isObject)
			.map((entry) =>
				identifierKey({
					identifier_type: entry.identifier_type as ExportIdentifier['identifier_type'],
					identifier: String(entry.identifier),
				}),
			),
	);

	const requestedKeys = new Set(requested.map(identifierKey));
	const matches = new Map<string, IDataObject | undefined>();
	const unmatchedUsers: IDataObject[] = [];
	const identifierTypes = [...new Set(requested.map(({ identifier_type }) => identifier_type))];
	for (const attributes of users) {
		const key = identifierTypes
			.map((type) => attributeKey(attributes, type))
			.find((candidate) => candidate !== undefined && requestedKeys.has(candidate));
		if (key === undefined) unmatchedUsers.push(attributes);
		else matches.set(key, attributes);
	}

	const unanswered = requested.map(identifierKey).filter((key) => !matches.has(key) && !notFound.has(key));
	if (unmatchedUsers.length > 0 && unmatchedUsers.length === unanswered.length) {
		unanswered.forEach((key, position) => matches.set(key, unmatchedUsers[position]));
	}
	for (const key of requestedKeys) {
		if (!matches.has(key)) matches.set(key, undefined);
	}
	return matches;
}
