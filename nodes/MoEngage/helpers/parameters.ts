import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/**
 * Reads item parameters and rejects bad values (often produced by expressions) with an error
 * that names the field and the item, before any request is sent.
 */
export interface Field {
	/** Parameter name in the node description. */
	name: string;
	/** The label the user sees, used in error messages. */
	label: string;
}

function describe(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'a list';
	return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** How much of a quoted value an error repeats: enough to recognise it, never a whole 200 KB value. */
export const QUOTED_VALUE_MAX_CHARS = 60;

/** A value quoted in a problem ("…") is cut to its first QUOTED_VALUE_MAX_CHARS characters, with its length. */
function withShortQuotes(problem: string): string {
	return problem.replace(new RegExp(`"([^"]{${QUOTED_VALUE_MAX_CHARS + 1},})"`, 'g'), (_, value: string) => `"${value.slice(0, QUOTED_VALUE_MAX_CHARS)}…" (${value.length} characters)`);
}

export function fieldError(
	context: IExecuteFunctions,
	field: Field,
	itemIndex: number,
	problem: string,
	hint?: string,
): NodeOperationError {
	return new NodeOperationError(
		context.getNode(),
		`The "${field.label}" field of item ${itemIndex} ${withShortQuotes(problem)}`,
		{ itemIndex, description: hint },
	);
}

/** Text or a number (IDs often arrive as numbers from a CRM), trimmed; undefined when empty. */
function toText(context: IExecuteFunctions, field: Field, itemIndex: number, value: unknown): string | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	if (typeof value !== 'string') {
		throw fieldError(context, field, itemIndex, `must be text, but it is ${describe(value)}`);
	}
	return value.trim() === '' ? undefined : value.trim();
}

export function readOptionalText(
	context: IExecuteFunctions,
	field: Field,
	itemIndex: number,
	value: unknown = context.getNodeParameter(field.name, itemIndex, ''),
): string | undefined {
	return toText(context, field, itemIndex, value);
}

export function readRequiredText(context: IExecuteFunctions, field: Field, itemIndex: number): string {
	const text = readOptionalText(context, field, itemIndex);
	if (text === undefined) {
		throw fieldError(context, field, itemIndex, 'is empty', 'Enter a value or map one from the input, e.g. {{ $json.id }}');
	}
	return text;
}

/** One of a fixed set of values (an options field, or an expression that feeds one). */
export function readChoice<T extends string>(
	context: IExecuteFunctions,
	field: Field,
	itemIndex: number,
	allowed: readonly T[],
): T {
	const value = context.getNodeParameter(field.name, itemIndex);
	if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
	throw fieldError(
		context,
		field,
		itemIndex,
		typeof value === 'string' ? `has an unknown value "${value}"` : `must be text, but it is ${describe(value)}`,
		`Allowed values: ${allowed.join(', ')}`,
	);
}

/**
 * A list of texts: a comma-separated string or, from an expression, an array of texts or numbers.
 * Empty entries are dropped; the result may be empty.
 */
export function readTextList(
	context: IExecuteFunctions,
	field: Field,
	itemIndex: number,
	value: unknown = context.getNodeParameter(field.name, itemIndex, ''),
): string[] {
	const entries = typeof value === 'string' ? value.split(',') : value;
	if (entries === undefined || entries === null) return [];
	if (!Array.isArray(entries)) {
		throw fieldError(context, field, itemIndex, `must be a list or comma-separated text, but it is ${describe(value)}`);
	}
	const texts: string[] = [];
	for (const entry of entries) {
		const text = toText(context, field, itemIndex, entry);
		if (text !== undefined) texts.push(text);
	}
	return texts;
}
