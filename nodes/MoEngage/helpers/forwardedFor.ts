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

// IPv4/IPv6 addresses separated by commas (spaces or tabs around them, never line breaks):
// anything else could smuggle text into a header.
const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const IPV6 = /^(?=.*:)[0-9A-Fa-f:]{2,39}(:(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3})?$/;
const isIpList = (value: string) =>
	value.split(',').every((entry) => /^[ \t]*[0-9A-Fa-f:.]+[ \t]*$/.test(entry) && (IPV4.test(entry.trim()) || IPV6.test(entry.trim())));

/** The optional X-Forwarded-For header of the user APIs, read from the operation's Options. */
export function readForwardedForHeader(
	context: IExecuteFunctions,
	itemIndex: number,
): Record<string, string> | undefined {
	const options = context.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const field: Field = FORWARDED_FOR;
	const value = readOptionalText(context, field, itemIndex, options[FORWARDED_FOR.name]);
	if (value === undefined) return undefined;
	if (!isIpList(value)) {
		throw fieldError(context, field, itemIndex, 'must be IP addresses separated by commas', 'e.g. 203.0.113.195');
	}
	return { 'X-Forwarded-For': value };
}
