import type { IDataObject } from 'n8n-workflow';

import type { ExportIdentifier, ExportIdentifierType } from '../../transport/api';
import { EXPORT_IDENTIFIER_ATTRIBUTE } from '../../transport/api';

export function identifierKey({ identifier_type, identifier }: ExportIdentifier): string {
	return `${identifier_type}\u0000${identifier}`;
}

/** What one export answer says about one requested identifier. */
export type UserMatch =
	| { found: true; attributes: IDataObject }
	/** `hint`: why the answer's users could not be matched to the identifier, when it has some. */
	| { found: false; hint?: string };

function isObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The user's value of the attribute that carries `type`, as text, if it has one. */
function identifyingValue(attributes: IDataObject, type: ExportIdentifierType): string | undefined {
	// An own key only (`constructor` is no attribute); the target library has no Object.hasOwn.
	const value = new Map(Object.entries(attributes)).get(EXPORT_IDENTIFIER_ATTRIBUTE[type]);
	return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
}

/**
 * Pairs the users of one export answer with the identifiers that asked for them. MoEngage returns
 * bare attribute maps, so a user is matched only by its identifying attribute (which the request
 * always exports), never by its position in the answer: a user without that attribute, or whose
 * value no identifier asked for, is given to no one. An identifier left without a user is not
 * found; when the answer had users that could not be matched, it carries a hint saying so,
 * unless MoEngage listed the identifier in `users_not_found`.
 */
export function matchExportedUsers(requested: ExportIdentifier[], answer: IDataObject): Map<string, UserMatch> {
	const data = isObject(answer.data) ? answer.data : {};
	const users = (Array.isArray(data.users) ? data.users : [])
		.map((user) => (isObject(user) && isObject(user.user_attributes) ? user.user_attributes : undefined))
		.filter((attributes): attributes is IDataObject => attributes !== undefined);
	const notFound = new Set(
		(Array.isArray(data.users_not_found) ? data.users_not_found : [])
			.filter(isObject)
			.map((entry) =>
				identifierKey({ identifier_type: entry.identifier_type as ExportIdentifierType, identifier: String(entry.identifier) }),
			),
	);

	const requestedKeys = new Set(requested.map(identifierKey));
	const identifierTypes = [...new Set(requested.map(({ identifier_type }) => identifier_type))];
	const found = new Map<string, IDataObject>();
	const unmatchedUsers: IDataObject[] = [];
	for (const attributes of users) {
		// One user may answer several identifiers (asked for by customer ID and by MoEngage ID).
		const keys = identifierTypes
			.map((type) => {
				const value = identifyingValue(attributes, type);
				return value === undefined ? undefined : identifierKey({ identifier_type: type, identifier: value });
			})
			.filter((key): key is string => key !== undefined && requestedKeys.has(key));
		if (keys.length === 0) unmatchedUsers.push(attributes);
		for (const key of keys) if (!found.has(key)) found.set(key, attributes);
	}

	const matches = new Map<string, UserMatch>();
	for (const identifier of requested) {
		const key = identifierKey(identifier);
		const attributes = found.get(key);
		if (attributes !== undefined) matches.set(key, { found: true, attributes });
		else if (notFound.has(key) || unmatchedUsers.length === 0) matches.set(key, { found: false });
		else matches.set(key, { found: false, hint: unmatchedHint(unmatchedUsers, identifier.identifier_type) });
	}
	return matches;
}

function unmatchedHint(unmatchedUsers: IDataObject[], type: ExportIdentifierType): string {
	const attribute = EXPORT_IDENTIFIER_ATTRIBUTE[type];
	const without = unmatchedUsers.filter((attributes) => identifyingValue(attributes, type) === undefined).length;
	if (without > 0) {
		return `MoEngage returned ${without} user(s) without the "${attribute}" attribute, so they could not be matched to the identifiers asked for`;
	}
	return `MoEngage returned ${unmatchedUsers.length} user(s) whose "${attribute}" matches none of the identifiers asked for`;
}
