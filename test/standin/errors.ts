import { randomBytes } from 'node:crypto';

import type { Family } from './spec';
import type { ValidationError } from './validator';

/**
 * MoEngage's answers, in the shapes its pages document:
 * - Data APIs (data.yaml, data-overview.mdx): `{status: "fail", error: {message, type, attribute?, request_id}}`;
 * - the gateway (cards.yaml 401/429/500, data.yaml File Import 401/500): `{title, description, code}`;
 * - Cards (cards.yaml 400): `{status: false, error, request_id}`.
 * The v5 envelope `{response_id, error: {code, message, target, details}}` (introduction.mdx) is
 * documented for newer v5 APIs only, none of which the stand-in serves.
 */

export interface Answer {
	status: number;
	body: unknown;
	headers?: Record<string, string>;
	/** Default application/json. */
	contentType?: string;
}

export const requestId = () => randomBytes(12).toString('hex');

/** Shape 1: the Data APIs. */
export const dataError = (status: number, message: string, type: string, attribute?: string): Answer => ({
	status,
	body: { status: 'fail', error: { message, type, ...(attribute ? { attribute } : {}), request_id: requestId() } },
});

/** Shape 2: the gateway. */
export const gatewayError = (status: number, title: string, description: string, code = 'KMxkunyz'): Answer => ({
	status,
	body: { title, description, code },
});

/** Shape 3: the Cards APIs. */
export const cardsError = (status: number, error: string): Answer => ({
	status,
	body: { status: false, error, request_id: requestId() },
});

/** An answer for a 400 in the family's shape. */
export const badRequest = (family: Family, message: string, type = 'Bad Request', attribute?: string): Answer =>
	family === 'cards' ? cardsError(400, message) : dataError(400, message, type, attribute);

const TYPE_NAMES: Record<string, string> = {
	string: 'String or Unicode String',
	number: 'Number',
	integer: 'Integer',
	boolean: 'Boolean',
	object: 'JSON Object',
	array: 'Array',
	null: 'null',
};

const typeName = (type: unknown) => (Array.isArray(type) ? type.map((t) => TYPE_NAMES[t] ?? t).join(' or ') : (TYPE_NAMES[String(type)] ?? String(type)));

/**
 * The message, type and attribute MoEngage answers for a schema failure. The Data APIs' messages
 * follow the templates of data.yaml's 400 examples (`X is not found in the payload`,
 * `X is expected to be String or Unicode String.`, `X can not be empty Array`, `max limit
 * allowed is N`); where MoEngage documents none (unknown fields, enums, ranges) the text is the
 * stand-in's own, in the same shape. A schema's `x-error` overrides all of it.
 */
export function describeFailure(family: Family, error: ValidationError): { message: string; type: string; attribute?: string } {
	const { keyword, attribute, expected } = error;
	const name = attribute || 'payload';
	let described: { message: string; type: string };
	switch (keyword) {
		case 'required':
			described = { message: `${name} is not found in the payload`, type: 'MissingAttributeError' };
			break;
		case 'type':
			described = { message: `${name} is expected to be ${typeName(expected)}.`, type: 'MissingAttributeError' };
			break;
		case 'minLength':
			described = { message: `${name} can not be empty Unicode String`, type: 'MissingAttributeError' };
			break;
		case 'minItems':
			described = { message: `${name} can not be empty Array`, type: 'MissingAttributeError' };
			break;
		case 'maxItems':
			described = { message: `max limit allowed is ${String(expected)}`, type: 'LimitBreached' };
			break;
		case 'additionalProperties':
			described = { message: `${name} is not an allowed attribute in the payload`, type: 'AttributeError' };
			break;
		case 'enum':
		case 'const':
			described = { message: `'${name}' is not a valid ${name}. Allowed values: ${[expected].flat().join(', ')}`, type: 'ValueError' };
			break;
		case 'minimum':
		case 'maximum':
			described = { message: `${name} is out of range (${keyword} ${String(expected)})`, type: 'ValueError' };
			break;
		case 'propertyNames':
			described = { message: `attribute name '${name}' is not allowed (blocked name or reserved moe_ prefix)`, type: 'AttributeError' };
			break;
		default:
			described = { message: `${name} has an invalid value`, type: 'ValueError' };
	}
	if (family === 'cards') described = { message: `Invalid '${name}' field`, type: '' };
	const override = error.override;
	return {
		message: override?.message ?? described.message,
		type: override?.type ?? described.type,
		attribute: override?.attribute ?? (attribute || undefined),
	};
}

/** The 400 answer for a schema failure, in the family's shape. */
export function failureAnswer(family: Family, error: ValidationError): Answer {
	const { message, type, attribute } = describeFailure(family, error);
	return badRequest(family, message, type, attribute);
}
