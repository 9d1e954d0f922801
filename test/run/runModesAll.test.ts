import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import type { OnError } from '../harness/runWorkflow';
import { moEngageExecutions } from '../harness/runWorkflow';
import { FrozenClock, setNodeClock, VirtualClock } from '../harness/clock';
import { pairedItems, runMoEngage, useStandIn } from '../harness/fixtures';
import { atVersion } from '../harness/operations';
import type { RunModeCase } from '../harness/runModeCases';
import { NODE_VERSIONS, RUN_MODE_CAMPAIGNS, RUN_MODE_CASES, RUN_MODE_REPORTS, RUN_MODE_SEGMENTS, RUN_MODE_USERS } from '../harness/runModeCases';

/**
 * Every n8n run mode for every operation (one row each in test/harness/runModeCases.ts), at every node
 * version (NODE_VERSIONS), through n8n-core's engine over real HTTP to the stand-in: On Error (stop,
 * continue on the regular output, continue on the error output), a stop on MoEngage's rejection,
 * the stop button, n8n's Retry On Fail, an answer lost on the wire (sent again only where that is
 * safe), pinned data and loops, with pairedItem on every item.
 * Time is the node's injected clock; requests in flight together are compared as sets.
 */

const { standIn, baseUrl } = useStandIn({ users: RUN_MODE_USERS, campaigns: RUN_MODE_CAMPAIGNS, segments: RUN_MODE_SEGMENTS, reports: RUN_MODE_REPORTS });

afterEach(() => setNodeClock());

const retryOnFail = { retryOnFail: true, maxTries: 2, waitBetweenTries: 1 };

const REJECTED_429 = { kind: 'status' as const, status: 429, times: 1, body: { title: 'Request limit reached', description: 'slow down' } };

const is2xx = (status = 0) => status >= 200 && status < 300;

/** How many requests MoEngage carried out (answered 2xx, or did the work and lost the answer) for each item key. */
function carriedOut(row: RunModeCase): Map<string, number> {
	const counts = new Map<string, number>();
	for (const request of standIn.requestsTo(row.api)) {
		if (!is2xx(request.status) && !is2xx(request.processedStatus)) continue;
		for (const key of row.keysOf(request)) counts.set(key, (counts.get(key) ?? 0) + 1);
	}
	return counts;
}

/** MoEngage carried out each of `items` exactly once, and nothing else. */
function expectEachOnce(row: RunModeCase, items: IDataObject[]): void {
	expect(carriedOut(row)).toEqual(new Map(items.map((item) => [row.keyOf(item), 1])));
}

const ok = (item: INodeExecutionData) => item.json.error === undefined;
const indexes = (count: number) => Array.from({ length: count }, (_, item) => item);

describe.each(RUN_MODE_CASES)('$name', (row) => {
	const { input, failing, rejectedByMoEngage, rejectionDetails = /^HTTP 400 · / } = row;
	const refusedByNode = input[row.refusedByNode];
	/** Where faults that must meet an item's first request go. */
	const firstApi = row.firstApi ?? row.api;
	const requestsPerItem = row.requestsPerItem ?? 1;
	const succeeding = indexes(input.length).filter((index) => !failing.includes(index));

	describe.each(NODE_VERSIONS)('node version %s', (typeVersion) => {
		const parameters = (options: IDataObject = {}) => atVersion(row.parameters(options), typeVersion);
		const run = (items: IDataObject[], settings: Parameters<typeof runMoEngage>[3] = {}, options: IDataObject = {}) =>
			runMoEngage(baseUrl(), parameters(options), items, { typeVersion, ...settings });

		describe('On Error', () => {
			test('continue (using error output): failures on the error output, successes on the main one, all paired, input fields kept', async () => {
				const { items, output, error } = await run(input, { onError: 'continueErrorOutput' });
				expect(error).toBeUndefined();
				const failed = output('MoEngage', 1);
				expect(pairedItems(items)).toEqual(succeeding.map((item) => ({ item })));
				expect(items.every(ok)).toBe(true);
				expect(pairedItems(failed)).toEqual(failing.map((item) => ({ item })));
				failed.forEach((item, index) => {
					expect(item.json).toMatchObject(input[failing[index]]);
					expect(String(item.json.error)).toContain(`item ${failing[index]}`);
				});
				if (rejectedByMoEngage !== undefined) {
					expect(failed[failing.indexOf(rejectedByMoEngage)].json.message).toMatch(rejectionDetails);
				}
			});

			test('continue (regular output): one item per input item, in order and paired; failures carry error and description', async () => {
				const { items, output, error } = await run(input, { onError: 'continueRegularOutput' });
				expect(error).toBeUndefined();
				expect(pairedItems(items)).toEqual(input.map((_, item) => ({ item })));
				expect(output('MoEngage', 1)).toEqual([]);
				expect(items.map((item, index) => (ok(item) ? 'ok' : index))).toEqual(input.map((_, index) => (failing.includes(index) ? index : 'ok')));
				expect(failing.every((index) => typeof items[index].json.description === 'string')).toBe(true);
			});

			test('stop: the run fails naming the item, and an item refused before sending means nothing is sent', async () => {
				const { items, error } = await run(input, { onError: 'stopWorkflow' as OnError });
				expect(items).toEqual([]);
				expect(failing).toContain(error?.context?.itemIndex);
				expect(error?.message).toContain(`item ${String(error?.context?.itemIndex)}`);
				expect(standIn.requests).toEqual([]);
			});

			test('stop on MoEngage\'s answer: no request leaves after the failure, and the error lists what was not sent', async () => {
				// A Rate Limit of 1 on a clock that never moves: after the first request, the others
				// wait for budget that never comes back, unless the failure ends the wait.
				setNodeClock(new FrozenClock());
				standIn.addFault({ api: firstApi, ...REJECTED_429 });
				const { error } = await run(row.valid(3 * row.itemsPerRequest), {}, { ratePerMinute: 1, maxRetries: 0 });
				expect(error?.message).toContain('rate limit');
				expect(error?.description).toMatch(/not sent: items \d+–\d+$/);
				expect(standIn.requests).toHaveLength(1);
			});
		});

		describe('the stop button', () => {
			test('no request is sent after the cancel, and every wait of the node ends', async () => {
				setNodeClock(new FrozenClock());
				let cancel = () => {};
				standIn.onRequest = () => cancel();
				const executionsBefore = moEngageExecutions.length;
				const { run: result } = await run(row.valid(3 * row.itemsPerRequest), { onError: 'continueRegularOutput', onStart: (cancelRun) => (cancel = cancelRun) }, { ratePerMinute: 1 });
				// Settles only if every wait ended: the frozen clock never ends one by itself.
				await Promise.all(moEngageExecutions.slice(executionsBefore));
				expect(result.status).toBe('canceled');
				expect(standIn.requests).toHaveLength(1);
			});

			test('a request on the wire is aborted and not retried', async () => {
				setNodeClock(new VirtualClock());
				// Held until the test ends: only the cancel can end this request.
				standIn.addFault({ api: firstApi, kind: 'held', times: 1 });
				let cancel = () => {};
				standIn.onRequest = () => cancel();
				const executionsBefore = moEngageExecutions.length;
				const { run: result } = await run(row.valid(1), { onError: 'continueRegularOutput', onStart: (cancelRun) => (cancel = cancelRun) }, { maxRetries: 5 });
				await Promise.all(moEngageExecutions.slice(executionsBefore));
				expect(result.status).toBe('canceled');
				expect(standIn.requests).toHaveLength(1);
			});
		});

		describe("n8n's Retry On Fail (the engine runs the whole node again)", () => {
			test('stop: the second try sends only what MoEngage had not carried out, and every item succeeds once', async () => {
				setNodeClock(new VirtualClock());
				standIn.addFault({ api: firstApi, ...REJECTED_429 });
				const items = row.valid(3 * row.itemsPerRequest);
				const result = await run(items, { nodeSettings: retryOnFail }, { maxRetries: 0 });
				expect(result.error).toBeUndefined();
				expect(pairedItems(result.items)).toEqual(items.map((_, item) => ({ item })));
				expect(result.items.every(ok)).toBe(true);
				expectEachOnce(row, items);
			});

			test.each(['continueRegularOutput', 'continueErrorOutput'] as const)('%s: a failing first item makes n8n run the node again; nothing is sent twice', async (onError) => {
				setNodeClock(new VirtualClock());
				const items = [refusedByNode, ...row.valid(2 * row.itemsPerRequest)];
				const result = await run(items, { onError, nodeSettings: retryOnFail });
				expect(result.error).toBeUndefined();
				const all = onError === 'continueErrorOutput' ? [...result.output('MoEngage', 1), ...result.items] : result.items;
				expect(pairedItems(all)).toEqual(items.map((_, item) => ({ item })));
				expect(all.map(ok)).toEqual(items.map((_, index) => index > 0));
				expectEachOnce(row, items.slice(1));
			});
		});

		describe('an answer lost on the wire (MoEngage carried the request out)', () => {
			const lostAnswer = { api: row.api, kind: 'processedThenDropped' as const, times: 1 };

			if (row.safeToRepeat) {
				test('safe to repeat: the node sends the request again', async () => {
					setNodeClock(new VirtualClock());
					standIn.addFault(lostAnswer);
					await run(row.valid(row.itemsPerRequest), { onError: 'continueRegularOutput' });
					expect(standIn.requestsTo(row.api).map((request) => request.status === 0)).toEqual([true, false]);
				});
			} else {
				// MoEngage would do it twice (transport/api.ts). One request at a time: item 0's answer is the one lost.
				test("stop: neither the node nor n8n's Retry On Fail sends it again; the run fails saying it may have been done", async () => {
					setNodeClock(new VirtualClock());
					standIn.addFault(lostAnswer);
					const items = row.valid(2);
					const { error } = await run(items, { nodeSettings: retryOnFail }, { concurrency: 1, maxRetries: 5 });
					expect(error?.context?.itemIndex).toBe(0);
					expect(error?.description).toMatch(/MoEngage may have .*not sent again by n8n's Retry On Fail/);
					expect(standIn.requestsTo(row.api)).toHaveLength(1);
					expectEachOnce(row, items.slice(0, 1));
				});

				test("continue: n8n's Retry On Fail for the failed first item sends nothing again; every item was carried out once", async () => {
					setNodeClock(new VirtualClock());
					standIn.addFault(lostAnswer);
					const items = row.valid(2);
					const { items: output, error } = await run(items, { onError: 'continueRegularOutput', nodeSettings: retryOnFail }, { concurrency: 1, maxRetries: 5 });
					expect(error).toBeUndefined();
					expect(pairedItems(output)).toEqual([{ item: 0 }, { item: 1 }]);
					expect(output.map(ok)).toEqual([false, true]);
					expect(output[0].json.description).toMatch(/MoEngage may have .*not sent again by n8n's Retry On Fail/);
					expect(standIn.requestsTo(row.api)).toHaveLength(2);
					expectEachOnce(row, items);
				});
			}
		});

		describe('pinned data', () => {
			test('a pinned node upstream: the node runs on the pinned items, each output paired with its item', async () => {
				setNodeClock(new VirtualClock());
				const pinned = row.valid(3);
				const { items, error } = await run([], { pinData: { Items: pinned.map((json) => ({ json })) } });
				expect(error).toBeUndefined();
				expect(pairedItems(items)).toEqual(pinned.map((_, item) => ({ item })));
				expect(items.every(ok)).toBe(true);
				expectEachOnce(row, pinned);
			});

			test('the node itself pinned: its pinned output, and nothing sent', async () => {
				const pinned = [{ json: { pinned: true } }];
				const { items, error } = await run(row.valid(2), { pinData: { MoEngage: pinned } });
				expect(error).toBeUndefined();
				expect(items.map((item) => item.json)).toEqual([{ pinned: true }]);
				expect(standIn.requests).toEqual([]);
			});
		});

		describe('loops (Loop Over Items, 2 items a round)', () => {
			test('each round: its own items, paired within the round, a failure in place; pacing starts afresh, every item sent once', async () => {
				const clock = new VirtualClock();
				setNodeClock(clock);
				const valid = row.valid(6);
				const items = [...valid.slice(0, 3), refusedByNode, ...valid.slice(3)];
				const { runsOf, error } = await run(items, { onError: 'continueRegularOutput', loopBatchSize: 2 }, { ratePerMinute: 2 * requestsPerItem });
				expect(error).toBeUndefined();
				const rounds = runsOf('MoEngage').map((round) => round.data?.main[0] ?? []);
				expect(rounds.map((round) => round.length)).toEqual([2, 2, 2, 1]);
				rounds.forEach((round, index) => {
					expect(pairedItems(round)).toEqual(round.map((_, item) => ({ item })));
					expect(round.map(ok)).toEqual(round.map((_, item) => index * 2 + item !== 3));
				});
				// 2 items a round at 2 items a minute: a pacer shared by the rounds would make the later ones wait.
				expect(clock.waits).toEqual([]);
				// Each round's item 0 shares its index with the earlier rounds' item 0, yet is its own item.
				expectEachOnce(row, valid);
			});
		});
	});
});
