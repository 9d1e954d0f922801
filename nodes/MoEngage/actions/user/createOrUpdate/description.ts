import type { INodeProperties } from 'n8n-workflow';

import { sendInBulkOption } from '../../bulkImport';
import type { AttributeFields } from '../../../helpers/attributes';
import { attributeFields } from '../../../helpers/attributes';
import { customerIdField } from '../../../helpers/customerId';
import { updateDisplayOptions } from '../../../helpers/displayOptions';
import { STANDARD_ATTRIBUTES as STANDARD_ATTRIBUTES_LIST } from '../../../helpers/standardAttributes';
import { forwardedForOption } from '../../../helpers/forwardedFor';
import { operationOptions } from '../../../helpers/requestSettings';
import { ENDPOINTS } from '../../../transport/api';

export const STANDARD_ATTRIBUTES = { name: 'standardAttributes', label: 'Standard Attributes' };
export const UPDATE_EXISTING_ONLY = { name: 'updateExistingOnly', label: 'Only Update Existing Users' };
export const UNSET_ATTRIBUTES = { name: 'unsetAttributes', label: 'Unset Attributes' };
export const CUSTOM_ATTRIBUTES: AttributeFields = {
	input: { name: 'customAttributesInput', label: 'Specify Custom Attributes' },
	rows: { name: 'customAttributes', label: 'Custom Attributes' },
	json: { name: 'customAttributesJson', label: 'Custom Attributes (JSON)' },
};

/** Extra detail for the standard attributes Create or Update sets. */
const WRITE_DETAILS: Record<string, Partial<INodeProperties>> = {
	birthday: { type: 'dateTime', description: 'Date of birth' },
	email: { placeholder: 'name@email.com' },
	gender: { placeholder: 'e.g. female' },
	mobile: { placeholder: 'e.g. +15550001', description: 'Mobile number, with the country code' },
	name: { description: 'Full name' },
};

/** MoEngage's standard user attributes a CRM usually holds, under MoEngage's own names. */
export const STANDARD_ATTRIBUTE_FIELDS: INodeProperties[] = STANDARD_ATTRIBUTES_LIST.filter(({ writable }) => writable).map(
	({ name, displayName }) => ({ displayName, name, type: 'string', default: '', ...WRITE_DETAILS[name] }),
);

const properties: INodeProperties[] = [
	customerIdField('The ID field of the profile to create or update. MoEngage creates the user when no profile has this ID.'),
	{
		displayName: STANDARD_ATTRIBUTES.label,
		name: STANDARD_ATTRIBUTES.name,
		type: 'collection',
		placeholder: 'Add attribute',
		default: {},
		options: STANDARD_ATTRIBUTE_FIELDS,
	},
	...attributeFields(CUSTOM_ATTRIBUTES, 'Custom user attributes'),
	...operationOptions(ENDPOINTS.trackUser, { perItem: true }, [
		{
			displayName: UPDATE_EXISTING_ONLY.label,
			name: UPDATE_EXISTING_ONLY.name,
			type: 'boolean',
			default: false,
			description:
				'Whether to leave users MoEngage does not know alone instead of creating them. Turn it on for CRM syncs: a user deleted for GDPR is not re-created by the next sync.',
		},
		{
			displayName: UNSET_ATTRIBUTES.label,
			name: UNSET_ATTRIBUTES.name,
			type: 'string',
			default: '',
			placeholder: 'e.g. coupon_code, cart_value',
			description: 'Names of attributes to remove from the profile, separated by commas (exact names, case-sensitive)',
			hint: 'Unsetting attributes is an early-access MoEngage feature: ask MoEngage to enable it for the workspace. Its own attributes cannot be unset.',
		},
		forwardedForOption('IP address of the client the update comes from, sent as the X-Forwarded-For header'),
		sendInBulkOption({ items: 'user updates', endpoint: ENDPOINTS.bulkImportUsers, singleLimit: ENDPOINTS.trackUser.rateLimit.perMinute }),
	]),
];

export const description = updateDisplayOptions({ show: { resource: ['user'], operation: ['createOrUpdate'] } }, properties);
