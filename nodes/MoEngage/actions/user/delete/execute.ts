import type { IExecuteFunctions } from 'n8n-workflow';

import { checkCustomerId } from '../../../helpers/customerId';
import { readForwardedForHeader } from '../../../helpers/forwardedFor';
import { readChoice, readRequiredText } from '../../../helpers/parameters';
import { ENDPOINTS } from '../../../transport/api';
import { sendEachItem } from '../../operation';
import { IDENTITY_TYPE, IDENTITY_VALUE } from './description';

const IDENTITY_TYPES = ['customer_id', 'moengage_id'] as const;

export interface DeleteUserParams {
	identity_type: (typeof IDENTITY_TYPES)[number];
	identity_value: string;
	headers?: Record<string, string>;
}

export function readItem(this: IExecuteFunctions, itemIndex: number): DeleteUserParams {
	const identity_type = readChoice(this, IDENTITY_TYPE, itemIndex, IDENTITY_TYPES);
	const value = readRequiredText(this, IDENTITY_VALUE, itemIndex);
	return {
		identity_type,
		identity_value: identity_type === 'customer_id' ? checkCustomerId(this, IDENTITY_VALUE, itemIndex, value) : value,
		headers: readForwardedForHeader(this, itemIndex),
	};
}

// Delete User takes one user per request.
export const execute = sendEachItem<DeleteUserParams>(async function (client, params, itemIndex) {
	const { identity_type, identity_value, headers } = params;
	const answer = await client.request(ENDPOINTS.deleteUser, { identity_type, identity_value }, { itemIndex, subject: `${identity_type} "${identity_value}"`, headers });
	return { status: answer.status, message: answer.message, identity_type, identity_value };
}, (params) => `${params.identity_type}:${params.identity_value}`);
