import type { ValidationError } from './validator';

/**
 * What MoEngage says about a request that fails its schema: the message, the field it names and
 * (Data APIs) the error type. A schema's `x-error` overrides the wording. refusals.ts puts the
 * words into each endpoint's error body.
 */

export interface Wording {
	message: string;
	/** The field at fault, if any. */
	target?: string;
	/** The Data APIs' error type (MissingAttributeError, ValueError, …). */
	type?: string;
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

/** The generic message and type of the Data APIs' wording. */
function dataMessage({ keyword, attribute, expected }: ValidationError): { message: string; type: string } {
	const name = attribute || 'payload';
	switch (keyword) {
		case 'required':
			return { message: `${name} is not found in the payload`, type: 'MissingAttributeError' };
		case 'type':
			return { message: `${name} is expected to be ${typeName(expected)}.`, type: 'MissingAttributeError' };
		case 'minLength':
			return { message: `${name} can not be empty Unicode String`, type: 'MissingAttributeError' };
		case 'minItems':
			return { message: `${name} can not be empty Array`, type: 'MissingAttributeError' };
		case 'maxItems':
			return { message: `max limit allowed is ${String(expected)}`, type: 'LimitBreached' };
		// stand-in's own choice: the wording of an unknown field, a value outside an enum or a range, and a blocked attribute name, which data.yaml does not give.
		case 'additionalProperties':
			return { message: `${name} is not an allowed attribute in the payload`, type: 'AttributeError' };
		case 'enum':
		case 'const':
			return { message: `'${name}' is not a valid ${name}. Allowed values: ${[expected].flat().join(', ')}`, type: 'ValueError' };
		case 'minimum':
		case 'maximum':
			return { message: `${name} is out of range (${keyword} ${String(expected)})`, type: 'ValueError' };
		case 'propertyNames':
			return { message: `attribute name '${name}' is not allowed (blocked name or reserved moe_ prefix)`, type: 'AttributeError' };
		default:
			return { message: `${name} has an invalid value`, type: 'ValueError' };
	}
}

/**
 * The Data APIs' wording, after the templates of data.yaml's 400 examples (`X is not found in the
 * payload`, `X is expected to be String or Unicode String.`, `X can not be empty Array`, `max limit
 * allowed is N`); where MoEngage documents none (unknown fields, enums, ranges) the text is the
 * stand-in's own, in the same style. Business Events and Inform use it too.
 */
export function dataWording(error: ValidationError): Wording {
	const described = dataMessage(error);
	const { override } = error;
	return {
		message: override?.message ?? described.message,
		type: override?.type ?? described.type,
		target: override?.attribute ?? (error.attribute || undefined),
	};
}

/** The Cards APIs (cards.yaml 400): `Invalid '<field>' field`. */
export function cardsWording(error: ValidationError): Wording {
	const { override } = error;
	return {
		message: override?.message ?? `Invalid '${error.attribute || 'payload'}' field`,
		type: override?.type ?? '',
		target: override?.attribute ?? (error.attribute || undefined),
	};
}

/**
 * The campaign and v5 subscription APIs: `<field> - <what is wrong>`, after stats-report.yaml's and
 * subscription-categories-v5.yaml's examples; `required` is worded by the API (campaigns.yaml:
 * `request_id key is mandatory field`, the v5 API: `user_identifier_value is required`).
 */
export function fieldWording(error: ValidationError, required: (name: string) => string): Wording {
	const target = error.override?.attribute ?? error.attribute ?? '';
	if (error.override) return { message: error.override.message, target };
	const name = target || 'payload';
	switch (error.keyword) {
		case 'required':
			return { message: required(name), target };
		// stand-in's own choice: the wording of an unknown field, an enum or a range, which these APIs' pages do not give.
		case 'additionalProperties':
			return { message: `${name} is not an allowed field`, target };
		case 'enum':
			return { message: `${name} must be one of: ${[error.expected].flat().join(', ')}`, target };
		case 'maxItems':
			return { message: `${name} - at most ${String(error.expected)} values are allowed`, target };
		case 'minimum':
		case 'maximum':
			return { message: `${name} - ${error.keyword} is ${String(error.expected)}`, target };
		default:
			return { message: `${name} - Invalid value passed`, target };
	}
}
