import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { Field } from './parameters';
import { fieldError } from './parameters';

export const RETURN_ALL: Field = { name: 'returnAll', label: 'Return All' };
export const LIMIT: Field = { name: 'limit', label: 'Limit' };

/** n8n's Return All / Limit pair of a list operation. */
export const returnAllFields: INodeProperties[] = [
	{
		displayName: RETURN_ALL.label,
		name: RETURN_ALL.name,
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: LIMIT.label,
		name: LIMIT.name,
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { returnAll: [false] } },
	},
];

/** The item's Limit, or undefined with Return All; a Limit from an expression must be a whole number of 1 or more. */
export function readLimit(context: IExecuteFunctions, itemIndex: number, what: string): number | undefined {
	if (context.getNodeParameter(RETURN_ALL.name, itemIndex, false) === true) return undefined;
	const limit = context.getNodeParameter(LIMIT.name, itemIndex, 50) as unknown;
	if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1) {
		throw fieldError(context, LIMIT, itemIndex, 'must be a whole number of 1 or more', `Enter how many ${what} to return, or turn on ${RETURN_ALL.label}`);
	}
	return limit;
}
