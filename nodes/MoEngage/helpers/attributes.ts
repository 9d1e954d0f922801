import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { jsonParse } from 'n8n-workflow';

import type { Field } from './parameters';
import { fieldError, readChoice } from './parameters';
import type { SubscriptionAttribute } from './standardAttributes';
import { BLOCKED_USER_ATTRIBUTE_NAMES, SUBSCRIPTION_ATTRIBUTES } from './standardAttributes';

/**
 * Attributes (of a user or an event) entered as name/value rows or as one JSON object: rows suit
 * a few mapped values, JSON keeps numbers, booleans and lists typed.
 */
export interface AttributeFields {
	/** Which of the two inputs is used. */
	input: Field;
	rows: Field;
	json: Field;
}

/** Which names a kind of attribute allows beyond custom ones: user attributes have MoEngage's own rules. */
export interface AttributeNameRules {
	/** The `moe_` names MoEngage lets this API set, each read as its documented type. */
	reservedAllowed: readonly SubscriptionAttribute[];
	/** Names MoEngage blocks. */
	blocked: readonly string[];
}

export const USER_ATTRIBUTE_RULES: AttributeNameRules = { reservedAllowed: SUBSCRIPTION_ATTRIBUTES, blocked: BLOCKED_USER_ATTRIBUTE_NAMES };
const NO_RULES: AttributeNameRules = { reservedAllowed: [], blocked: [] };

/**
 * A subscription attribute's value as MoEngage's type for it: booleans from true/false or their
 * text (rows are text), text as text, the opt-in status one of its values. Undefined if it does not fit.
 */
export function subscriptionValue(attribute: SubscriptionAttribute, value: unknown): boolean | string | undefined {
	if (attribute.kind === 'boolean') {
		if (typeof value === 'boolean') return value;
		const text = typeof value === 'string' ? value.trim().toLowerCase() : undefined;
		return text === 'true' ? true : text === 'false' ? false : undefined;
	}
	if (typeof value !== 'string') return undefined;
	if (attribute.kind === 'options') return attribute.values?.includes(value) ? value : undefined;
	return value;
}

function expected(attribute: SubscriptionAttribute): string {
	if (attribute.kind === 'boolean') return 'true or false';
	if (attribute.kind === 'options') return `one of ${(attribute.values ?? []).join(', ')}`;
	return 'text';
}

export function attributeFields(fields: AttributeFields, what: string): INodeProperties[] {
	return [
		{
			displayName: fields.input.label,
			name: fields.input.name,
			type: 'options',
			default: 'rows',
			options: [
				{ name: 'Using Fields Below', value: 'rows' },
				{ name: 'Using JSON', value: 'json' },
			],
		},
		{
			displayName: fields.rows.label,
			name: fields.rows.name,
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			placeholder: 'Add attribute',
			default: {},
			description: `${what} to send. Names starting with "moe_" are reserved by MoEngage.`,
			displayOptions: { show: { [fields.input.name]: ['rows'] } },
			options: [
				{
					name: 'attribute',
					displayName: 'Attribute',
					values: [
						{ displayName: 'Name', name: 'name', type: 'string', default: '', placeholder: 'e.g. plan' },
						{ displayName: 'Value', name: 'value', type: 'string', default: '', placeholder: 'e.g. gold' },
					],
				},
			],
		},
		{
			displayName: fields.json.label,
			name: fields.json.name,
			type: 'json',
			default: '{}',
			description: `${what} as one JSON object, e.g. {"plan": "gold", "credits": 120}`,
			displayOptions: { show: { [fields.input.name]: ['json'] } },
		},
	];
}

const isPlainObject = (value: unknown): value is IDataObject =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * `__proto__` names an object's prototype in JavaScript: copied into an item or a request the
 * usual way (an assignment, Object.assign) it would replace the prototype or vanish instead of
 * being an attribute. It is refused; other names of Object's members are ordinary names.
 */
const PROTOTYPE_KEY = '__proto__';

/** The value to send under the name, after checking the name against MoEngage's rules. */
function checked(context: IExecuteFunctions, field: Field, itemIndex: number, rules: AttributeNameRules, name: string, value: unknown): unknown {
	if (name === PROTOTYPE_KEY) {
		throw fieldError(context, field, itemIndex, `has the attribute "${name}", a name that cannot be sent as an attribute`, 'Rename the attribute, e.g. proto');
	}
	if (rules.blocked.includes(name)) {
		throw fieldError(context, field, itemIndex, `has the attribute "${name}", a name MoEngage blocks`, 'Rename the attribute');
	}
	const reserved = rules.reservedAllowed.find((attribute) => attribute.name === name);
	if (reserved !== undefined) {
		const sent = subscriptionValue(reserved, value);
		if (sent === undefined) throw fieldError(context, field, itemIndex, `sets "${name}" to ${JSON.stringify(value)}, but MoEngage takes ${expected(reserved)} there`);
		return sent;
	}
	if (name.toLowerCase().startsWith('moe_')) {
		const allowed = rules.reservedAllowed.map((attribute) => attribute.name);
		throw fieldError(
			context,
			field,
			itemIndex,
			`has the attribute "${name}", but names starting with "moe_" are reserved by MoEngage`,
			allowed.length > 0 ? `Only MoEngage's subscription attributes may be set: ${allowed.join(', ')}` : undefined,
		);
	}
	return value;
}

/**
 * The rows as one object. Names are collected in a Map, so that a name such as "constructor" or
 * "toString" is an attribute like any other, not a member every object inherits.
 */
function readRows(context: IExecuteFunctions, field: Field, itemIndex: number, rules: AttributeNameRules): IDataObject {
	const value = context.getNodeParameter(field.name, itemIndex, {}) as { attribute?: unknown };
	const rows = Array.isArray(value?.attribute) ? value.attribute : [];
	const attributes = new Map<string, IDataObject[string]>();
	for (const row of rows as Array<{ name?: unknown; value?: unknown }>) {
		const name = typeof row.name === 'string' ? row.name.trim() : '';
		if (name === '') {
			throw fieldError(context, field, itemIndex, 'has an attribute without a name', 'Give every row a name, or remove the empty row');
		}
		const value = checked(context, field, itemIndex, rules, name, row.value);
		if (attributes.has(name)) throw fieldError(context, field, itemIndex, `sets the attribute "${name}" twice`);
		attributes.set(name, value as IDataObject[string]);
	}
	return Object.fromEntries(attributes);
}

function readJson(context: IExecuteFunctions, field: Field, itemIndex: number, rules: AttributeNameRules): IDataObject {
	let value = context.getNodeParameter(field.name, itemIndex, '{}') as unknown;
	if (typeof value === 'string') {
		const text = value.trim() === '' ? '{}' : value;
		try {
			value = jsonParse(text);
		} catch {
			throw fieldError(context, field, itemIndex, 'is not valid JSON', 'Enter one JSON object, e.g. {"plan": "gold"}');
		}
	}
	if (!isPlainObject(value)) {
		throw fieldError(context, field, itemIndex, 'must be a JSON object', 'Enter one JSON object, e.g. {"plan": "gold"}');
	}
	const object = value;
	const attributes = new Map<string, IDataObject[string]>();
	for (const name of Object.keys(object)) attributes.set(name, checked(context, field, itemIndex, rules, name, object[name]) as IDataObject[string]);
	return Object.fromEntries(attributes);
}

/** The field the item's attributes were entered in: the rows or the JSON, as its input choice says. */
export function attributeField(context: IExecuteFunctions, fields: AttributeFields, itemIndex: number): Field {
	return readChoice(context, fields.input, itemIndex, ['rows', 'json'] as const) === 'rows' ? fields.rows : fields.json;
}

export function readAttributes(context: IExecuteFunctions, fields: AttributeFields, itemIndex: number, rules: AttributeNameRules = NO_RULES): IDataObject {
	const field = attributeField(context, fields, itemIndex);
	return field === fields.rows ? readRows(context, fields.rows, itemIndex, rules) : readJson(context, fields.json, itemIndex, rules);
}
