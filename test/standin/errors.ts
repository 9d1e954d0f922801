import { randomBytes } from 'node:crypto';

import type { ValidationError } from './validator';

/**
 * MoEngage's answers, in the shapes its pages document:
 * - Data APIs (data.yaml, data-overview.mdx): `{status: "fail", error: {message, type, attribute?, request_id}}`;
 * - the gateway (cards.yaml 401/429/500, data.yaml File Import 401/500): `{title, description, code}`;
 * - Cards (cards.yaml 400): `{status: false, error, request_id}`.
 * - Business Events (business-events.yaml): `{error: {code, message, details: [{code, target, message}], request_id}}`,
 *   429 `{status: "error", data: {code, title, description}}`;
 * - the v5 envelope `{response_id, error: {code, message, target, details}}` (GET /v5/business-events);
 * - Inform (inform.yaml): `{message, err_code, status_code}`.
 */

/** Which of MoEngage's error bodies an endpoint answers with. */
// Campaigns and subscriptions start from the Data shape; campaigns.ts reshapes their refusals.
export type ErrorShape = 'data' | 'cards' | 'businessEvent' | 'v5' | 'inform' | 'campaigns' | 'subscriptions';

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

/** Business Events (v1.0): `code` is the HTTP status in words, `details` names the field. */
export const businessEventError = (status: number, code: string, message: string, target: string, detailCode = 'InvalidValue', detail = message): Answer => ({
	status,
	body: { error: { code, message, details: [{ code: detailCode, target, message: detail }], request_id: requestId() } },
});

/** The v5 envelope. */
export const v5Error = (status: number, code: string, message: string, target?: string): Answer => ({
	status,
	body: { error: { code, message, ...(target ? { target } : {}), details: target ? [{ code: 'INVALID_VALUE', target, message }] : [] }, response_id: `resp_${requestId()}` },
});

/** Inform: its own code names and numeric status codes. */
export const informError = (status: number, message: string, errCode: string, statusCode: number): Answer => ({
	status,
	body: { message, err_code: errCode, status_code: statusCode },
});

/** An answer for a 400 in the shape's words. */
export function badRequest(shape: ErrorShape, message: string, type = 'Bad Request', attribute?: string): Answer {
	switch (shape) {
		case 'cards':
			return cardsError(400, message);
		case 'businessEvent':
			return businessEventError(400, '400 Bad Request', message, attribute ?? 'payload', type === 'MissingAttributeError' ? 'MissingValue' : 'InvalidValue');
		case 'v5':
			return v5Error(400, 'INVALID_REQUEST', message, attribute);
		case 'inform':
			return informError(400, message, 'BAD_REQUEST', 120002);
		default:
			return dataError(400, message, type, attribute);
	}
}

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
export function describeFailure(family: ErrorShape, error: ValidationError): { message: string; type: string; attribute?: string } {
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
export function failureAnswer(family: ErrorShape, error: ValidationError): Answer {
	const { message, type, attribute } = describeFailure(family, error);
	return badRequest(family, message, type, attribute);
}
