import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { ItemRun, WithBinary } from './itemRun';

/**
 * How an operation's requests take turns: which go together, which wait for which, and how many
 * are in flight at once. Knows nothing of MoEngage: the operations hand it their requests.
 */

/** One input item whose parameters passed validation. */
export interface ItemRequest<Params> {
	itemIndex: number;
	params: Params;
}

/** What the scheduler needs of a client: how many requests it may have in flight. */
export interface Concurrent {
	readonly settings: { readonly concurrency: number };
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
export function sendEachItem<Params, Client extends Concurrent>(
	send: (this: IExecuteFunctions, client: Client, params: Params, itemIndex: number) => Promise<IDataObject | WithBinary>,
	userOf: (params: Params) => string,
): (this: IExecuteFunctions, client: Client, requests: Array<ItemRequest<Params>>, run: ItemRun) => Promise<void> {
	return async function (client, requests, run) {
		const groups = inUserOrder(requests, userOf);
		// Once the run stops, each request returns at once without being sent (RunStopped).
		await inParallel(groups.length, client.settings.concurrency, async (group) => {
			for (const { itemIndex, params } of groups[group]) {
				try {
					run.succeedWith(itemIndex, await send.call(this, client, params, itemIndex));
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
