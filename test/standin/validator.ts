/**
 * A small JSON Schema subset, enough for the stand-in's request schemas (test/standin/schemas/):
 * type, required, properties, additionalProperties, propertyNames, enum, const, not, items, minItems,
 * maxItems, minLength, maxLength, minimum, maximum, pattern, oneOf, anyOf, and `$ref` to
 * `#/$defs/<name>` of the root schema.
 *
 * Vendor keywords (ignored by other JSON Schema tools):
 * - `x-ignoreCase: true` next to `enum` (or inside `not: {enum}`): strings compare case-insensitively.
 * - `x-error`: MoEngage's documented error for a failure at this node, by keyword (`"*"` for any
 *   keyword here or inside this node): `{ message, type?, attribute? }`. The stand-in answers it
 *   instead of its generic text.
 * - `$comment`, `description`, `x-*`: notes, ignored.
 */

export type JsonType = 'object' | 'array' | 'string' | 'number' | 'integer' | 'boolean' | 'null';

export interface ErrorOverride {
	message: string;
	type?: string;
	attribute?: string;
}

export interface Schema {
	type?: JsonType | JsonType[];
	required?: string[];
	properties?: Record<string, Schema>;
	additionalProperties?: boolean | Schema;
	propertyNames?: Schema;
	$ref?: string;
	$defs?: Record<string, Schema>;
	enum?: unknown[];
	const?: unknown;
	not?: Schema;
	items?: Schema;
	minItems?: number;
	maxItems?: number;
	minLength?: number;
	maxLength?: number;
	minimum?: number;
	maximum?: number;
	pattern?: string;
	oneOf?: Schema[];
	anyOf?: Schema[];
	'x-ignoreCase'?: boolean;
	'x-error'?: Record<string, ErrorOverride>;
	[note: string]: unknown;
}

export type Keyword =
	| 'type'
	| 'required'
	| 'additionalProperties'
	| 'propertyNames'
	| 'enum'
	| 'const'
	| 'not'
	| 'minItems'
	| 'maxItems'
	| 'minLength'
	| 'maxLength'
	| 'minimum'
	| 'maximum'
	| 'pattern'
	| 'oneOf'
	| 'anyOf';

export interface ValidationError {
	keyword: Keyword;
	/** JSON-pointer-like path of the offending value, e.g. `/data/identifiers/3/identifier_type`. */
	path: string;
	/** The property the error is about: the missing or unknown one, else the last property name on the path. */
	attribute: string;
	/** What the keyword demanded (the missing name, the allowed values, the limit …). */
	expected: unknown;
	/** MoEngage's documented error for this failure, when the schema names one. */
	override?: ErrorOverride;
}

const typeOf = (value: unknown): JsonType => {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'array';
	if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
	return typeof value as JsonType;
};

const matchesType = (value: unknown, type: JsonType): boolean => {
	const actual = typeOf(value);
	return actual === type || (type === 'number' && actual === 'integer');
};

const isObject = (value: unknown): value is Record<string, unknown> => typeOf(value) === 'object';

function equal(a: unknown, b: unknown, ignoreCase: boolean): boolean {
	if (ignoreCase && typeof a === 'string' && typeof b === 'string') return a.toLowerCase() === b.toLowerCase();
	return JSON.stringify(a) === JSON.stringify(b);
}

/** The schema a `$ref` names (only `#/$defs/<name>` of the root). */
function resolve(schema: Schema, root: Schema): Schema {
	let current = schema;
	for (let hops = 0; current.$ref !== undefined; hops++) {
		const name = /^#\/\$defs\/(.+)$/.exec(current.$ref)?.[1];
		const target = name === undefined ? undefined : root.$defs?.[name];
		if (!target || hops > 20) throw new Error(`Unresolvable $ref ${current.$ref}`);
		// Keywords next to the $ref (an x-error, say) apply too.
		const siblings = { ...current };
		delete siblings.$ref;
		current = { ...target, ...siblings };
	}
	return current;
}

/** Every way `value` breaks `schema`, outermost first; [] when it is valid. */
export function validate(schema: Schema, value: unknown, root: Schema = schema): ValidationError[] {
	return check(schema, value, root, '', '', undefined);
}

/** `inherited`: the nearest enclosing `x-error` for "*", which covers what lies inside that node too. */
function check(given: Schema, value: unknown, root: Schema, path: string, attribute: string, inherited: ErrorOverride | undefined): ValidationError[] {
	const schema = resolve(given, root);
	const any = schema['x-error']?.['*'] ?? inherited;
	const validate = (inner: Schema, item: unknown, at: string, name: string) => check(inner, item, root, at, name, any);
	const errors: ValidationError[] = [];
	const fail = (keyword: Keyword, expected: unknown, at = path, name = attribute) =>
		errors.push({ keyword, path: at, attribute: name, expected, override: schema['x-error']?.[keyword] ?? any });

	if (schema.type !== undefined) {
		const types = Array.isArray(schema.type) ? schema.type : [schema.type];
		if (!types.some((type) => matchesType(value, type))) {
			fail('type', schema.type);
			return errors; // The other keywords would only repeat it.
		}
	}
	const ignoreCase = schema['x-ignoreCase'] === true;
	if (schema.enum && !schema.enum.some((allowed) => equal(allowed, value, ignoreCase))) fail('enum', schema.enum);
	if ('const' in schema && !equal(schema.const, value, ignoreCase)) fail('const', schema.const);
	if (schema.not) {
		const inner = { ...resolve(schema.not, root), 'x-ignoreCase': schema.not['x-ignoreCase'] ?? ignoreCase };
		if (validate(inner, value, path, attribute).length === 0) fail('not', schema.not);
	}

	if (typeof value === 'string') {
		const length = [...value].length;
		if (schema.minLength !== undefined && length < schema.minLength) fail('minLength', schema.minLength);
		if (schema.maxLength !== undefined && length > schema.maxLength) fail('maxLength', schema.maxLength);
		if (schema.pattern !== undefined && !new RegExp(schema.pattern, 'u').test(value)) fail('pattern', schema.pattern);
	}
	if (typeof value === 'number') {
		if (schema.minimum !== undefined && value < schema.minimum) fail('minimum', schema.minimum);
		if (schema.maximum !== undefined && value > schema.maximum) fail('maximum', schema.maximum);
	}
	if (Array.isArray(value)) {
		if (schema.minItems !== undefined && value.length < schema.minItems) fail('minItems', schema.minItems);
		if (schema.maxItems !== undefined && value.length > schema.maxItems) fail('maxItems', schema.maxItems);
		if (schema.items) {
			value.forEach((item, index) => errors.push(...validate(schema.items as Schema, item, `${path}/${index}`, attribute)));
		}
	}
	if (isObject(value)) {
		for (const name of schema.required ?? []) {
			if (!(name in value)) fail('required', name, `${path}/${name}`, name);
		}
		for (const [name, item] of Object.entries(value)) {
			const known = schema.properties?.[name];
			if (known) {
				errors.push(...validate(known, item, `${path}/${name}`, name));
			} else if (schema.additionalProperties === false) {
				fail('additionalProperties', Object.keys(schema.properties ?? {}), `${path}/${name}`, name);
			} else if (isObject(schema.additionalProperties)) {
				errors.push(...validate(schema.additionalProperties, item, `${path}/${name}`, name));
			}
			if (schema.propertyNames && validate(schema.propertyNames, name, `${path}/${name}`, name).length > 0) {
				fail('propertyNames', schema.propertyNames, `${path}/${name}`, name);
			}
		}
	}

	// The option with the fewest errors is probably the one meant; its errors follow the anyOf/oneOf's own.
	const closest = (options: Schema[]) =>
		options.map((option) => validate(option, value, path, attribute)).reduce((best, next) => (next.length < best.length ? next : best));
	if (schema.anyOf && !schema.anyOf.some((option) => validate(option, value, path, attribute).length === 0)) {
		fail('anyOf', schema.anyOf.length);
		errors.push(...closest(schema.anyOf));
	}
	if (schema.oneOf) {
		const passing = schema.oneOf.filter((option) => validate(option, value, path, attribute).length === 0).length;
		if (passing !== 1) {
			fail('oneOf', passing);
			if (passing === 0) errors.push(...closest(schema.oneOf));
		}
	}
	return errors;
}
