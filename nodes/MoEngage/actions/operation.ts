import type { IDataObject, IExecuteFunctions, INodeParameters, INodeProperties, NodeParameterValueType } from 'n8n-workflow';

import type { ItemRun } from '../run/itemRun';
import type { MoEngageClient } from '../transport';
import type { MoEngageEndpoint } from '../transport/api';

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
 * The execution context for reading items, where a parameter without an expression is read from
 * n8n once and the same value served to every item: it cannot differ between items, and each of
 * n8n's reads costs a copy and a resolution pass, per item and parameter. Parameters holding an
 * expression, paths into parameters and reads with options go to n8n every time. The shared
 * values are frozen, so that no reader can change what the next item gets.
 */
export function readingOnce(context: IExecuteFunctions): IExecuteFunctions {
	const saved: INodeParameters = context.getNode().parameters;
	const fixed = new Map<string, NodeParameterValueType | object>();
	const getNodeParameter = (name: string, itemIndex: number, fallback?: unknown, options?: unknown): unknown => {
		const read = () => (context.getNodeParameter as (...args: unknown[]) => unknown)(name, itemIndex, fallback, options);
		if (options !== undefined || !Object.prototype.hasOwnProperty.call(saved, name) || holdsExpression(saved[name])) return read();
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
