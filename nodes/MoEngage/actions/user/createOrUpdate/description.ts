import type { INodeProperties } from 'n8n-workflow';

import type { AttributeFields } from '../../../helpers/attributes';
import { attributeFields } from '../../../helpers/attributes';
import { customerIdField } from '../../../helpers/customerId';
import { updateDisplayOptions } from '../../../helpers/displayOptions';
import { forwardedForOption } from '../../../helpers/forwardedFor';
import { operationOptions } from '../../../helpers/requestSettings';
import { ENDPOINTS } from '../../../transport/api';

export const STANDARD_ATTRIBUTES = { name: 'standardAttributes', label: 'Standard Attributes' };
export const CUSTOM_ATTRIBUTES: AttributeFields = {
	input: { name: 'customAttributesInput', label: 'Custom Attributes' },
	rows: { name: 'customAttributes', label: 'Custom Attributes' },
	json: { name: 'customAttributesJson', label: 'Custom Attributes (JSON)' },
};

/** MoEngage's standard user attributes a CRM usually holds, under MoEngage's own keys. */
export const STANDARD_ATTRIBUTE_FIELDS: INodeProperties[] = [
	{ displayName: 'Birthday', name: 'birthday', type: 'dateTime', default: '', description: 'Date of birth' },
	{ displayName: 'Email', name: 'email', type: 'string', placeholder: 'name@email.com', default: '' },
	{ displayName: 'First Name', name: 'first_name', type: 'string', default: '' },
	{ displayName: 'Gender', name: 'gender', type: 'string', default: '', placeholder: 'e.g. female' },
	{ displayName: 'Last Name', name: 'last_name', type: 'string', default: '' },
	{
		displayName: 'Mobile',
		name: 'mobile',
		type: 'string',
		default: '',
		placeholder: 'e.g. +15550001',
		description: 'Mobile number, with the country code',
	},
	{ displayName: 'Name', name: 'name', type: 'string', default: '', description: 'Full name' },
];

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
	operationOptions(ENDPOINTS.trackUser, { perItem: true }, [
		forwardedForOption('IP address of the client the update comes from, sent as the X-Forwarded-For header'),
	]),
];

export const description = updateDisplayOptions({ show: { resource: ['user'], operation: ['createOrUpdate'] } }, properties);
