import type { INodeProperties } from 'n8n-workflow';

import type { Field } from './parameters';

/** The labels every operation that can name a user by either ID uses. */
export const IDENTIFY_USER_BY_LABEL = 'Identify User By';
export const USER_ID_LABEL = 'User ID';

/**
 * The two fields that name a user: Identify User By (the profile's Customer ID or the MoEngage
 * ID) and the User ID. MoEngage spells the MoEngage ID type differently per API (`id`,
 * `moengage_id`).
 */
export function userIdFields(
	typeField: Field,
	moEngageIdValue: string,
	valueField: Field,
	valueDescription: string,
): INodeProperties[] {
	return [
		{
			displayName: typeField.label,
			name: typeField.name,
			type: 'options',
			default: 'customer_id',
			options: [
				{ name: 'Customer ID', value: 'customer_id', description: 'The ID field of the user profile, e.g. the CRM ID' },
				{ name: 'MoEngage ID', value: moEngageIdValue, description: 'The ID MoEngage gave the user' },
			],
		},
		{
			displayName: valueField.label,
			name: valueField.name,
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. u-1001',
			description: valueDescription,
		},
	];
}
