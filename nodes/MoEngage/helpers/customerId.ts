import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readRequiredText } from './parameters';

export const CUSTOMER_ID = { name: 'customerId', label: 'Customer ID' };

/** The ID field of a MoEngage profile, which the write APIs (track user, track event) key on. */
export function customerIdField(description: string): INodeProperties {
	return {
		displayName: CUSTOMER_ID.label,
		name: CUSTOMER_ID.name,
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. u-1001',
		description,
	};
}

export function readCustomerId(context: IExecuteFunctions, itemIndex: number): string {
	return readRequiredText(context, CUSTOMER_ID, itemIndex);
}
