import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { Field } from './parameters';
import { fieldError, readOptionalText } from './parameters';

export const FORWARDED_FOR = { name: 'forwardedFor', label: 'X-Forwarded-For' };

/** The option, for the Options collection of the user and event APIs. */
export function forwardedForOption(description: string): INodeProperties {
	return {
		displayName: FORWARDED_FOR.label,
		name: FORWARDED_FOR.name,
		type: 'string',
		default: '',
		placeholder: 'e.g. 203.0.113.195',
		description,
	};
}

// IPv4/IPv6 addresses separated by commas; anything else could smuggle text into a header.
const IP_LIST = /^[0-9A-Fa-f:.]+(\s*,\s*[0-9A-Fa-f:.]+)*$/;

/** The optional X-Forwarded-For header of the user APIs, read from the operation's Options. */
export function readForwardedForHeader(
	context: IExecuteFunctions,
	itemIndex: number,
): Record<string, string> | undefined {
	const options = context.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const field: Field = FORWARDED_FOR;
	const value = readOptionalText(context, field, itemIndex, options[FORWARDED_FOR.name]);
	if (value === undefined) return undefined;
	if (!IP_LIST.test(value)) {
		throw fieldError(context, field, itemIndex, 'must be IP addresses separated by commas', 'e.g. 203.0.113.195');
	}
	return { 'X-Forwarded-For': value };
}
