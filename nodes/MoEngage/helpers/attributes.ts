import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { jsonParse } from 'n8n-workflow';

import type { Field } from './parameters';
import { fieldError, readChoice } from './parameters';
import type { SubscriptionAttribute } from './standardAttributes';
import { BLOCKED_USER_ATTRIBUTE_NAMES, SETTABLE_MOE_ATTRIBUTES } from './standardAttributes';

/**
 * Attributes (of a user or an event) entered as name/value rows or as one JSON object: rows suit
 * a few mapped values, JSON keeps numbers, booleans and lists typed.
 */
export interface AttributeFields {
	/** Which of the two inputs is used. */
	input: Field;
	rows: Field;
	json: Field;
	/** A third input, n8n's field mapping: one field per attribute the method lists (typed), for what `dependsOn` names. */
	mapper?: { field: Field; method: string; dependsOn: string };
}

/** Which names a kind of attribute allows beyond custom ones: user attributes have MoEngage's own rules. */
export interface AttributeNameRules {
	/** The `moe_` names MoEngage lets this API set, each read as its documented type. */
	reservedAllowed: readonly SubscriptionAttribute[];
	/** Names MoEngage blocks. */
	blocked: readonly string[];
}

export const USER_ATTRIBUTE_RULES: AttributeNameRules = { reservedAllowed: SETTABLE_MOE_ATTRIBUTES, blocked: BLOCKED_USER_ATTRIBUTE_NAMES };
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
	const { mapper } = fields;
	return [
		{
			displayName: fields.input.label,
			name: fields.input.name,
			type: 'options',
			default: 'rows',
			options: [
				...(mapper ? [{ name: 'Map Each Attribute', value: 'mapper', description: 'One field per attribute MoEngage lists for the picked event, of its type' }] : []),
				{ name: 'Using Fields Below', value: 'rows' },
				{ name: 'Using JSON', value: 'json' },
			],
		},
		...(mapper ? [mapperField(mapper, fields.input, what)] : []),
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

function mapperField(mapper: NonNullable<AttributeFields['mapper']>, input: Field, what: string): INodeProperties {
	return {
		displayName: mapper.field.label,
		name: mapper.field.name,
		type: 'resourceMapper',
		noDataExpression: true,
		default: { mappingMode: 'defineBelow', value: null },
		required: true,
		description: `${what} to send, one field per attribute`,
		typeOptions: {
			loadOptionsDependsOn: [mapper.dependsOn],
			resourceMapper: {
				resourceMapperMethod: mapper.method,
				mode: 'add',
				fieldWords: { singular: 'attribute', plural: 'attributes' },
				addAllFields: true,
				multiKeyMatch: false,
				supportAutoMap: false,
			},
		},
		displayOptions: { show: { [input.name]: ['mapper'] } },
	};
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
			allowed.length > 0 ? `Only MoEngage's standard moe_ attributes may be set: ${allowed.join(', ')}` : undefined,
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

/** The field the item's attributes were entered in: the rows, the JSON or the mapping, as its input choice says. */
export function attributeField(context: IExecuteFunctions, fields: AttributeFields, itemIndex: number): Field {
	const choices = fields.mapper ? (['rows', 'json', 'mapper'] as const) : (['rows', 'json'] as const);
	const input = readChoice(context, fields.input, itemIndex, choices);
	if (input === 'mapper' && fields.mapper) return fields.mapper.field;
	return input === 'rows' ? fields.rows : fields.json;
}

export function readAttributes(context: IExecuteFunctions, fields: AttributeFields, itemIndex: number, rules: AttributeNameRules = NO_RULES): IDataObject {
	const field = attributeField(context, fields, itemIndex);
	if (field === fields.rows) return readRows(context, fields.rows, itemIndex, rules);
	if (field === fields.json) return readJson(context, fields.json, itemIndex, rules);
	return readMapping(context, field, itemIndex, rules);
}

/** A luxon DateTime, which n8n makes of a mapped date-time field: sent as its ISO 8601 text. */
const isoOf = (value: unknown): string | undefined => {
	const toISO = typeof value === 'object' && value !== null ? (value as { toISO?: unknown }).toISO : undefined;
	return typeof toISO === 'function' ? String(toISO.call(value)) : undefined;
};

/**
 * The mapped attributes (n8n has checked each value against its field's type). A field left
 * empty is not sent, so that MoEngage keeps to what the event was created with.
 */
function readMapping(context: IExecuteFunctions, field: Field, itemIndex: number, rules: AttributeNameRules): IDataObject {
	const value = context.getNodeParameter(`${field.name}.value`, itemIndex, {}) as unknown;
	if (value === null || value === undefined) return {};
	if (!isPlainObject(value)) throw fieldError(context, field, itemIndex, 'must map attributes to values');
	const attributes = new Map<string, IDataObject[string]>();
	for (const [name, mapped] of Object.entries(value)) {
		if (mapped === null || mapped === undefined || mapped === '') continue;
		attributes.set(name, checked(context, field, itemIndex, rules, name, isoOf(mapped) ?? mapped) as IDataObject[string]);
	}
	return Object.fromEntries(attributes);
}
