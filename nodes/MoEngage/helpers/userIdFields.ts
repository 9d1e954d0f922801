import type { INodeProperties } from 'n8n-workflow';

import type { Field } from './parameters';

/**
 * The two fields that name a user: which ID (the profile's customer ID or the MoEngage ID) and
 * its value. MoEngage spells the MoEngage ID type differently per API (`id`, `moengage_id`).
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
				{ name: 'Customer ID', value: 'customer_id', description: 'The ID field of the user profile' },
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
