import type { IDataObject, IExecuteFunctions, INodeParameters, INodeProperties, NodeParameterValueType } from 'n8n-workflow';
import { isSafeObjectProperty } from 'n8n-workflow';

import type { ItemRun } from '../run/itemRun';
import type { MoEngageClient } from '../transport';
import type { MoEngageEndpoint } from '../transport/api';
import type { BulkImport } from './bulkImport';

/** One input item whose parameters passed validation. */
export interface ItemRequest<Params> {
	itemIndex: number;
	params: Params;
}

/**
 * Every operation is read in two steps: `readItem` validates each item's parameters (throwing a
 * NodeOperationError that names field and item) before `execute` sends anything.
 */
export interface Operation<Params> {
	description: INodeProperties[];
	/** The endpoint the operation calls: its limits set the default pace. */
	endpoint: MoEngageEndpoint;
	readItem(this: IExecuteFunctions, itemIndex: number): Params;
	/** How the items go to Bulk Import instead, for operations that offer "Send in Bulk". */
	bulk?: BulkImport<Params>;
	execute(
		this: IExecuteFunctions,
		client: MoEngageClient,
		requests: Array<ItemRequest<Params>>,
		run: ItemRun,
	): Promise<void>;
}

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

/**
 * The items in groups that must reach MoEngage one after the other, in input order: those for
 * the same user (two updates of one profile sent at once could land in either order). Groups
 * keep the order of their first item.
 */
export function inUserOrder<Params>(
	requests: Array<ItemRequest<Params>>,
	userOf: (params: Params) => string,
): Array<Array<ItemRequest<Params>>> {
	const groups = new Map<string, Array<ItemRequest<Params>>>();
	for (const request of requests) {
		const key = userOf(request.params);
		const group = groups.get(key);
		if (group) group.push(request);
		else groups.set(key, [request]);
	}
	return [...groups.values()];
}

/**
 * For endpoints that take one item per request: sends the items with up to
 * `settings.concurrency` requests in flight, requests for the same user one after the other in
 * input order, and records each answer under its own item (output order and lineage stay those
 * of the input). When the run stops (see ItemRun), the requests not yet sent are not sent.
 */
export function sendEachItem<Params>(
	send: (
		this: IExecuteFunctions,
		client: MoEngageClient,
		params: Params,
		itemIndex: number,
	) => Promise<IDataObject>,
	userOf: (params: Params) => string,
): Operation<Params>['execute'] {
	return async function (client, requests, run) {
		const groups = inUserOrder(requests, userOf);
		// Once the run stops, each request returns at once without being sent (RunStopped).
		await inParallel(groups.length, client.settings.concurrency, async (group) => {
			for (const { itemIndex, params } of groups[group]) {
				try {
					run.succeed(itemIndex, await send.call(this, client, params, itemIndex));
				} catch (error) {
					run.fail(itemIndex, error);
				}
			}
		});
	};
}

/**
 * Runs `task` for jobs 0 to `count` − 1, taken in order, with up to `concurrency` running at
 * once. Each task records its own outcomes; should one throw all the same, no further job
 * starts, and the error is thrown once the running ones have finished.
 */
export async function inParallel(count: number, concurrency: number, task: (job: number) => Promise<void>): Promise<void> {
	let next = 0;
	let failed: { error: unknown } | undefined;
	const worker = async () => {
		while (next < count && !failed) {
			try {
				await task(next++);
			} catch (error) {
				failed ??= { error };
			}
		}
	};
	await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
	if (failed) throw failed.error;
}

/**
 * For each batch, the earlier batches it must wait for: the last one before it that names one of
 * its users (which itself waited for the one before). Writes that concern one user so keep their
 * input order across batches; batches without a user in common go at once.
 */
export function batchesToWaitFor<Item>(batches: Item[][], usersOf: (item: Item) => string[]): number[][] {
	const lastBatchOf = new Map<string, number>();
	return batches.map((batch, index) => {
		const earlier = new Set<number>();
		for (const item of batch) {
			for (const user of usersOf(item)) {
				const last = lastBatchOf.get(user);
				if (last !== undefined) earlier.add(last);
				lastBatchOf.set(user, index);
			}
		}
		earlier.delete(index);
		return [...earlier];
	});
}

/**
 * Like inParallel, but job `i` starts only once every job in `waitFor[i]` (all earlier than `i`)
 * has finished. Jobs are taken in order, so every job waited for has started and finishes: no
 * deadlock, whatever the concurrency.
 */
export async function inParallelAfter(waitFor: number[][], concurrency: number, task: (job: number) => Promise<void>): Promise<void> {
	const finished = waitFor.map(() => {
		let done = () => {};
		const promise = new Promise<void>((resolve) => (done = resolve));
		return { promise, done };
	});
	await inParallel(waitFor.length, concurrency, async (job) => {
		try {
			await Promise.all(waitFor[job].map(async (earlier) => await finished[earlier].promise));
			await task(job);
		} finally {
			finished[job].done();
		}
	});
}
