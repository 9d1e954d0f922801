import type { IDataObject, IHttpRequestMethods } from 'n8n-workflow';

/**
 * The MoEngage endpoints this node calls, and the API facts whose details are uncertain,
 * kept here so that each is a one-line change.
 */
export interface MoEngageEndpoint {
	method: IHttpRequestMethods;
	path: string;
	/** The user APIs repeat the workspace ID as `?app_id=`. */
	workspaceIdInQuery: boolean;
}

export const ENDPOINTS = {
	exportUsers: { method: 'POST', path: '/v1/customers/export', workspaceIdInQuery: true },
	deleteUser: { method: 'POST', path: '/v1/customer/delete', workspaceIdInQuery: true },
	deleteCards: { method: 'DELETE', path: '/v1/cards/delete', workspaceIdInQuery: false },
} satisfies Record<string, MoEngageEndpoint>;

/** Get User Details accepts at most this many identifiers in one request (more: 400 LimitBreached). */
export const EXPORT_USERS_MAX_IDENTIFIERS = 20;

/** `identifier_type` values of Get User Details: the profile's ID field, or the MoEngage ID. */
export type ExportIdentifierType = 'customer_id' | 'id';

/**
 * The user attribute that carries each identifier type, exported alongside the requested fields
 * so that users can be matched back to the identifiers that asked for them.
 */
export const EXPORT_IDENTIFIER_ATTRIBUTE: Record<ExportIdentifierType, string> = {
	customer_id: 'customer_id',
	id: 'id',
};

export interface ExportIdentifier {
	identifier_type: ExportIdentifierType;
	identifier: string;
}

/**
 * MoEngage's OpenAPI file and public connectors wrap the export request in `data`; the live page
 * lists the two keys without it. The wrapper is sent.
 */
export function exportUsersBody(identifiers: ExportIdentifier[], fields: string[]): IDataObject {
	return { data: { identifiers, user_fields_to_export: fields } } as unknown as IDataObject;
}
