import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { defineOperation } from '../operation';
import { checkCustomerId } from '../../helpers/customerId';
import { fieldError, readChoice, readRequiredText } from '../../helpers/parameters';
import { operationOptions } from '../../helpers/requestSettings';
import { checkBodySize } from '../../helpers/requestSize';
import type { MoEngageClient } from '../../transport';
import { ENDPOINTS, GDPR_API_VERSION, GDPR_REQUEST_MAX_BYTES } from '../../transport/api';

export const ERASE_BY = { name: 'eraseBy', label: 'Erase User By' };
export const ERASE_VALUE = { name: 'eraseValue', label: 'Identity Value' };

/** MoEngage's `identity_type` values (api/gdpr-ccpa/gdpr-ccpa.yaml, UserIdentity), in the picker's order. */
const IDENTITY_TYPES = ['email', 'mobile', 'ID', 'user_secondary_id', 'google_advertising_id', 'advertising_identifier'] as const;
type IdentityType = (typeof IDENTITY_TYPES)[number];

const properties: INodeProperties[] = [
	{
		displayName:
			'Files a GDPR/CCPA erasure request. MoEngage erases every user with this identity: an email address shared by several users erases all of them. It cannot be undone.',
		name: 'eraseNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: ERASE_BY.label,
		name: ERASE_BY.name,
		type: 'options',
		default: 'email',
		description: 'What the data subject gave you to identify them',
		options: [
			{ name: 'Advertising ID (Android)', value: 'google_advertising_id', description: "Google's advertising ID of the user's device" },
			{ name: 'Advertising ID (iOS)', value: 'advertising_identifier', description: "Apple's advertising identifier (IDFA) of the user's device" },
			{ name: 'Customer ID', value: 'ID', description: 'The ID field of the user profile, e.g. the CRM ID' },
			{ name: 'Email', value: 'email', description: 'Every user with this email address is erased' },
			{ name: 'Mobile Number', value: 'mobile', description: 'Every user with this mobile number is erased' },
			{ name: 'Secondary ID', value: 'user_secondary_id', description: "The user's secondary ID in MoEngage" },
		],
	},
	{
		displayName: ERASE_VALUE.label,
		name: ERASE_VALUE.name,
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. jane@example.com',
		description: 'The email address, mobile number or ID of the user to erase, as chosen in Erase User By',
	},
	...operationOptions(ENDPOINTS.gdprRequest, { perItem: true }),
];

export interface EraseUserParams {
	identity_type: IdentityType;
	identity_value: string;
}

/** An email address as far as the node can tell: one @ with text on both sides and no spaces. */
const EMAIL = /^[^\s@]+@[^\s@]+$/;
/** A mobile number: digits, optionally after a +, with the spaces, dashes, dots and brackets people write. */
const MOBILE = /^\+?[\d\s().-]{4,}$/;

export function readItem(this: IExecuteFunctions, itemIndex: number): EraseUserParams {
	const identity_type = readChoice(this, ERASE_BY, itemIndex, IDENTITY_TYPES);
	const identity_value = readRequiredText(this, ERASE_VALUE, itemIndex);
	if (identity_type === 'email' && !EMAIL.test(identity_value)) {
		throw fieldError(this, ERASE_VALUE, itemIndex, `is "${identity_value}", which is not an email address`, 'Map the email address the data subject gave, e.g. {{ $json.email }}');
	}
	if (identity_type === 'mobile' && !MOBILE.test(identity_value)) {
		throw fieldError(this, ERASE_VALUE, itemIndex, `is "${identity_value}", which is not a mobile number`, 'Enter the number as stored in MoEngage, e.g. +15550001234');
	}
	if (identity_type === 'ID') checkCustomerId(this, ERASE_VALUE, itemIndex, identity_value);
	const params = { identity_type, identity_value };
	checkBodySize(this, itemIndex, gdprBody(params, new Date(0)), [{ field: ERASE_VALUE, value: identity_value }], GDPR_REQUEST_MAX_BYTES);
	return params;
}

/** The erasure request for one user, submitted at `now` (ISO 8601, UTC, whole seconds, as MoEngage's example). */
function gdprBody({ identity_type, identity_value }: EraseUserParams, now: Date): IDataObject {
	return {
		request_type: 'erasure',
		submitted_time: now.toISOString().replace(/\.\d{3}Z$/, 'Z'),
		identities: [{ identity_type, identity_value }],
		api_version: GDPR_API_VERSION,
	};
}

// MoEngage takes one user per GDPR request.
async function sendEach(this: IExecuteFunctions, client: MoEngageClient, params: EraseUserParams, itemIndex: number): Promise<IDataObject> {
	const { identity_type, identity_value } = params;
	const body = gdprBody(params, new Date(client.now()));
	const answer = await client.request(ENDPOINTS.gdprRequest, body, { itemIndex, subject: `${identity_type} "${identity_value}"` });
	return {
		status: answer.status,
		message: answer.message,
		request_id: answer.request_id,
		identity_type,
		identity_value,
		submitted_time: body.submitted_time,
	};
}

export const erase = defineOperation<EraseUserParams, 'user', 'erase'>({
	resource: 'user',
	operation: 'erase',
	picker: {
		name: 'Erase (GDPR Request)',
		description:
			'File a GDPR/CCPA erasure request for a user by email, mobile number, customer ID or advertising ID; MoEngage answers with a request ID and erases every user with that identity',
		action: 'Erase a user (GDPR request)',
	},
	properties,
	endpoint: ENDPOINTS.gdprRequest,
	readItem,
	sendEach,
	userOf: (params) => `${params.identity_type}:${params.identity_value}`,
});
