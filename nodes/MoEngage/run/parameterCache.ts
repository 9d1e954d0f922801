import type { IExecuteFunctions, INodeParameters, NodeParameterValueType } from 'n8n-workflow';
import { isSafeObjectProperty } from 'n8n-workflow';

/**
 * A measured optimisation, not a semantic: the node reads item parameters through this cache
 * because n8n 2.x evaluates every expression in an isolated VM (about 0.5 ms of CPU each) and
 * copies and resolves every parameter on every read. Measured: Create or Update with Send in
 * Bulk, 1,000 items, from 0.97 s to 0.13 s. Every value it serves is the one n8n would give
 * (test/run/parameterCache.test.ts compares both ways, errors included).
 *
 * The one switch: set this to false, and every read goes to n8n as if the cache did not exist
 * (for an n8n whose expressions no longer mean what they do in 1.x and 2.x).
 */
const PARAMETER_CACHE_ON = true;

/** Whether a parameter's saved value holds an expression anywhere (n8n evaluates `=…` strings per item). */
function holdsExpression(value: unknown): boolean {
	if (typeof value === 'string') return value.startsWith('=');
	if (Array.isArray(value)) return value.some(holdsExpression);
	if (typeof value === 'object' && value !== null) return Object.values(value).some(holdsExpression);
	return false;
}

function deepFreeze<T>(value: T): T {
	if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
		Object.freeze(value);
		Object.values(value).forEach(deepFreeze);
	}
	return value;
}

/**
 * `={{ $json.a.b }}` or `={{ $json["a b"] }}`: the whole parameter is one path into the item's JSON,
 * as most per-item fields are filled in.
 */
const JSON_PATH = /^=\{\{\s*\$json((?:\.[A-Za-z_$][\w$]*|\[(?:"[^"\\]*"|'[^'\\]*')\])+)\s*\}\}$/;
const PATH_STEP = /\.([A-Za-z_$][\w$]*)|\[(?:"([^"\\]*)"|'([^'\\]*)')\]/g;

/**
 * Keys n8n's expressions refuse with an error (n8n-workflow's list, 2.x), for an n8n whose
 * n8n-workflow does not export its own list (isSafeObjectProperty).
 */
const KEYS_N8N_REFUSES = new Set([
	'__proto__', 'prototype', 'constructor', 'getPrototypeOf', 'setPrototypeOf', 'getOwnPropertyDescriptor', 'getOwnPropertyDescriptors',
	'defineProperty', 'defineProperties', 'mainModule', 'binding', '_linkedBinding', '_load', 'prepareStackTrace', '__lookupGetter__',
	'__lookupSetter__', '__defineGetter__', '__defineSetter__', 'caller', 'callee', 'arguments', 'getBuiltinModule', 'dlopen', 'execve', 'loadEnvFile',
]);

/** Whether n8n's expressions read this key: the running n8n's own list decides where it has one. */
const n8nReadsKey = (key: string): boolean =>
	typeof isSafeObjectProperty === 'function' ? isSafeObjectProperty(key) : !KEYS_N8N_REFUSES.has(key) && !(key in Object.prototype);

function jsonPathOf(saved: unknown): string[] | undefined {
	const match = typeof saved === 'string' ? JSON_PATH.exec(saved) : null;
	const path = match ? [...match[1].matchAll(PATH_STEP)].map((step) => step[1] ?? step[2] ?? step[3]) : undefined;
	return path?.every(n8nReadsKey) ? path : undefined;
}

/** The text, number or boolean at `path` in `json` (own keys only), or undefined for anything else. */
function primitiveAt(json: unknown, path: string[]): string | number | boolean | undefined {
	let value = json;
	for (const key of path) {
		if (typeof value !== 'object' || value === null || !Object.prototype.hasOwnProperty.call(value, key)) return undefined;
		value = (value as Record<string, unknown>)[key];
	}
	return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? value : undefined;
}

/** What a template gives when the item holds something it does not read directly (n8n reads it then). */
const LEFT_TO_N8N = Symbol('left to n8n');

/** A parameter's saved value with its `{{ $json.<path> }}` expressions filled in from one item's JSON. */
type Template = (json: unknown) => unknown;

/**
 * The template of a saved value whose every expression is a `{{ $json.<path> }}` (a field, or the
 * rows of a collection or fixed collection), or undefined when any other expression is in it.
 */
function templateOf(saved: unknown): Template | undefined {
	if (typeof saved === 'string') {
		if (!saved.startsWith('=')) return () => saved;
		const path = jsonPathOf(saved);
		return path ? (json) => primitiveAt(json, path) ?? LEFT_TO_N8N : undefined;
	}
	if (Array.isArray(saved)) {
		const parts = saved.map(templateOf);
		if (!parts.every((part): part is Template => part !== undefined)) return undefined;
		return (json) => {
			const values = parts.map((part) => part(json));
			return values.includes(LEFT_TO_N8N) ? LEFT_TO_N8N : values;
		};
	}
	if (typeof saved === 'object' && saved !== null) {
		const parts = Object.entries(saved).map(([key, value]) => [key, templateOf(value)] as const);
		if (!parts.every((part): part is readonly [string, Template] => part[1] !== undefined)) return undefined;
		return (json) => {
			const filled: Record<string, unknown> = {};
			for (const [key, part] of parts) {
				const value = part(json);
				if (value === LEFT_TO_N8N) return LEFT_TO_N8N;
				filled[key] = value;
			}
			return filled;
		};
	}
	return () => saved;
}

/**
 * The execution context for reading items, sparing n8n's per-read costs where the outcome is
 * known (n8n 2.x evaluates each expression in an isolated VM, ~0.5 ms of CPU, and copies and
 * resolves every parameter on every read):
 * - a parameter without an expression cannot differ between items: it is read from n8n once and
 *   the same value, frozen so that no reader can change it, served to every item;
 * - a parameter whose expressions are all just `{{ $json.<path> }}` (a field, or rows of a
 *   collection) gets the text, number or boolean at each path of the item, read directly; when
 *   a path holds anything else (missing, null, an object), the whole parameter is left to n8n,
 *   so that its result and its errors stay n8n's own.
 * Everything else (other expressions, paths into parameters, reads with options) goes to n8n.
 */
export function readingOnce(context: IExecuteFunctions): IExecuteFunctions {
	if (!PARAMETER_CACHE_ON) return context;
	const saved: INodeParameters = context.getNode().parameters;
	const items = context.getInputData();
	const fixed = new Map<string, NodeParameterValueType | object>();
	const templates = new Map<string, Template | undefined>();
	const withExpression = new Map<string, boolean>();
	const getNodeParameter = (name: string, itemIndex: number, fallback?: unknown, options?: unknown): unknown => {
		const read = () => (context.getNodeParameter as (...args: unknown[]) => unknown)(name, itemIndex, fallback, options);
		if (options !== undefined || !Object.prototype.hasOwnProperty.call(saved, name)) return read();
		const value = saved[name];
		if (!withExpression.has(name)) withExpression.set(name, holdsExpression(value));
		if (withExpression.get(name)) {
			if (!templates.has(name)) templates.set(name, templateOf(value));
			const template = templates.get(name);
			const filled = template ? template(items[itemIndex]?.json) : LEFT_TO_N8N;
			return filled === LEFT_TO_N8N ? read() : filled;
		}
		if (!fixed.has(name)) fixed.set(name, deepFreeze(read()) as NodeParameterValueType | object);
		return fixed.get(name);
	};
	return new Proxy(context, {
		get(target, property, receiver) {
			if (property === 'getNodeParameter') return getNodeParameter;
			const value: unknown = Reflect.get(target, property, receiver);
			// n8n's context methods may use private fields: call them on the context itself.
			return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
		},
	});
}
