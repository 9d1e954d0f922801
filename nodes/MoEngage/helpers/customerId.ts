import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { Field } from './parameters';
import { fieldError, readRequiredText } from './parameters';

export const CUSTOMER_ID = { name: 'customerId', label: 'Customer ID' };

/**
 * Values MoEngage refuses as a customer ID (its data overview lists them as blocked), compared
 * without case: a CRM whose IDs are small integers sends "1" or "0", which MoEngage would not
 * store under that user.
 */
const REFUSED_CUSTOMER_IDS = new Set([
	'unknown',
	'guest',
	'null',
	'0',
	'1',
	'2',
	'-1',
	'-2',
	'true',
	'false',
	'na',
	'n/a',
	'none',
	'id',
	'uid',
	'userid',
	'user_id',
	'customer_id',
	'user_attribute_unique_id',
	'dummy_seller_code',
]);

/** The ID field of a MoEngage profile, which the write APIs (track user, track event) key on. */
export function customerIdField(description: string, displayOptions?: INodeProperties['displayOptions']): INodeProperties {
	return {
		displayName: CUSTOMER_ID.label,
		name: CUSTOMER_ID.name,
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. u-1001',
		description,
		...(displayOptions ? { displayOptions } : {}),
	};
}

/** Refuses, naming item and field, a customer ID (or another identifier: `what`) MoEngage would not accept. */
export function checkCustomerId(context: IExecuteFunctions, field: Field, itemIndex: number, customerId: string, what = 'a customer ID'): string {
	// MoEngage takes customer IDs of more than one character (api/data/data-overview.mdx).
	if (REFUSED_CUSTOMER_IDS.has(customerId.toLowerCase()) || [...customerId].length < 2) {
		throw fieldError(
			context,
			field,
			itemIndex,
			`is "${customerId}", which MoEngage does not accept as ${what}`,
			'MoEngage blocks placeholder IDs such as 0, 1, 2, -1, null, none, guest or id. Map a value that identifies the user, e.g. prefix small CRM IDs ("crm-1").',
		);
	}
	return customerId;
}

export function readCustomerId(context: IExecuteFunctions, itemIndex: number, field: Field = CUSTOMER_ID): string {
	return checkCustomerId(context, field, itemIndex, readRequiredText(context, field, itemIndex));
}
