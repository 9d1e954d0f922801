import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { defineOperation } from '../operation';
import { checkCustomerId } from '../../helpers/customerId';
import { forwardedForOption, readForwardedForHeader } from '../../helpers/forwardedFor';
import { readChoice, readRequiredText } from '../../helpers/parameters';
import { operationOptions } from '../../helpers/requestSettings';
import { checkBodySize } from '../../helpers/requestSize';
import { IDENTIFY_USER_BY_LABEL, USER_ID_LABEL, userIdFields } from '../../helpers/userIdFields';
import type { MoEngageClient } from '../../transport';
import { ENDPOINTS } from '../../transport/api';

export const IDENTITY_TYPE = { name: 'identityType', label: IDENTIFY_USER_BY_LABEL };
export const IDENTITY_VALUE = { name: 'identityValue', label: USER_ID_LABEL };

const properties: INodeProperties[] = [
	{
		displayName:
			'MoEngage hard-deletes the user 24 hours after the request. It cannot be undone; until then the user stays visible and can still be updated.',
		name: 'deleteNotice',
		type: 'notice',
		default: '',
	},
	...userIdFields(IDENTITY_TYPE, 'moengage_id', IDENTITY_VALUE, 'The Customer ID or MoEngage ID of the user to delete, as chosen in Identify User By. MoEngage removes the user for good after a 24-hour buffer; this cannot be undone.'),
	...operationOptions(ENDPOINTS.deleteUser, { perItem: true }, [
		forwardedForOption('IP address of the client that asked for the deletion, sent as the X-Forwarded-For header'),
	]),
];

const IDENTITY_TYPES = ['customer_id', 'moengage_id'] as const;

export interface DeleteUserParams {
	identity_type: (typeof IDENTITY_TYPES)[number];
	identity_value: string;
	headers?: Record<string, string>;
}

export function readItem(this: IExecuteFunctions, itemIndex: number): DeleteUserParams {
	const identity_type = readChoice(this, IDENTITY_TYPE, itemIndex, IDENTITY_TYPES);
	const value = readRequiredText(this, IDENTITY_VALUE, itemIndex);
	const identity_value = identity_type === 'customer_id' ? checkCustomerId(this, IDENTITY_VALUE, itemIndex, value) : value;
	checkBodySize(this, itemIndex, { identity_type, identity_value }, [{ field: IDENTITY_VALUE, value: identity_value }]);
	return { identity_type, identity_value, headers: readForwardedForHeader(this, itemIndex) };
}

// Delete User takes one user per request.
async function sendEach(this: IExecuteFunctions, client: MoEngageClient, params: DeleteUserParams, itemIndex: number): Promise<IDataObject> {
	const { identity_type, identity_value, headers } = params;
	const answer = await client.request(ENDPOINTS.deleteUser, { identity_type, identity_value }, { itemIndex, subject: `${identity_type} "${identity_value}"`, headers });
	return { status: answer.status, message: answer.message, identity_type, identity_value };
}

export const del = defineOperation<DeleteUserParams, 'user', 'delete'>({
	resource: 'user',
	operation: 'delete',
	picker: { name: 'Delete', description: 'Delete a user for good (GDPR erasure), after a 24-hour buffer', action: 'Delete a user' },
	properties,
	endpoint: ENDPOINTS.deleteUser,
	readItem,
	sendEach,
	userOf: (params) => `${params.identity_type}:${params.identity_value}`,
});
