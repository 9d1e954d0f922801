import type { IDataObject } from 'n8n-workflow';

import { moEngageExecutions, type OnError } from '../harness/runWorkflow';
import { FrozenClock, setNodeClock, VirtualClock } from '../harness/clock';
import { ANN, BOB, manyUsers, pairedItems, runMoEngage, useStandIn } from '../harness/fixtures';
import { addUsersToSegment, createOrUpdate, deleteUser, mergeUsers, sendAlert, trackEvent, triggerBusinessEvent } from '../harness/operations';
import type { Api } from '../standin/server';

/**
 * n8n's run modes at the seams with the node's batching and concurrency: a stop after a failure,
 * cancelling, retries and outages. On Error, the stop button, Retry On Fail, pinned data and loops
 * for every operation are in runModesAll.test.ts (one row per operation). Time is the node's
 * injected clock: no assertion depends on how fast the machine is, and requests sent at once are
 * compared as sets.
 */

const users = manyUsers(30);
const { standIn, baseUrl } = useStandIn({ users: [ANN, BOB, ...users] });

afterEach(() => setNodeClock());

/**
 * On Error modes of Send in Bulk, which is not in the one-row-per-operation table of
 * runModesAll.test.ts: it packs many items into one request (that table's stop and cancel cases
 * count requests per item). Per case: its parameters, an input of good and bad items, and which
 * items fail.
 */
const onErrorCases: Array<{ name: string; parameters: IDataObject; input: IDataObject[]; failing: number[]; sentTo: Api }> = [
	{
		name: 'User → Create or Update, Send in Bulk (many items a request)',
		parameters: createOrUpdate({ sendInBulk: true }),
		input: [
			{ id: 'u-1', plan: 'gold' },
			{ id: 'guest', plan: 'gold' },
			{ id: 'u-2', plan: 'silver' },
			{ id: '', plan: 'gold' },
			{ id: 'u-100', plan: 'bronze' },
		],
		failing: [1, 3],
		sentTo: 'bulkImport',
	},
	{
		name: 'Event → Track, Send in Bulk (many items a request)',
		parameters: trackEvent({ sendInBulk: true }),
		input: [
			{ id: 'u-1', event: 'Signed Up' },
			{ id: 'u-2', event: '' },
			{ id: 'u-100', event: 'Signed Up' },
			{ id: 'null', event: 'Signed Up' },
		],
		failing: [1, 3],
		sentTo: 'bulkImport',
	},
];

describe.each(onErrorCases)('On Error, $name', ({ parameters, input, failing, sentTo }) => {
	const succeeding = input.map((_, index) => index).filter((index) => !failing.includes(index));

	test('continue (using error output): failures on the error output, each paired with its item and with the input fields', async () => {
		const { items, output, error } = await runMoEngage(baseUrl(), parameters, input, { onError: 'continueErrorOutput' });
		expect(error).toBeUndefined();
		const failed = output('MoEngage', 1);
		expect(pairedItems(items)).toEqual(succeeding.map((item) => ({ item })));
		expect(items.every((item) => item.json.error === undefined)).toBe(true);
		expect(pairedItems(failed)).toEqual(failing.map((item) => ({ item })));
		expect(new Set(standIn.requests.map((request) => request.api))).toEqual(new Set([sentTo]));
		failed.forEach((item, index) => {
			expect(item.json).toMatchObject(input[failing[index]]);
			expect(String(item.json.error)).toContain(`item ${failing[index]}`);
		});
	});

	test('continue (regular output): one item per input item, failures carry error and description', async () => {
		const { items, output } = await runMoEngage(baseUrl(), parameters, input, { onError: 'continueRegularOutput' });
		expect(pairedItems(items)).toEqual(input.map((_, item) => ({ item })));
		expect(output('MoEngage', 1)).toEqual([]);
		expect(items.map((item, index) => (item.json.error === undefined ? 'ok' : index))).toEqual(
			input.map((_, index) => (failing.includes(index) ? index : 'ok')),
		);
		expect(failing.every((index) => typeof items[index].json.description === 'string')).toBe(true);
	});

	test('stop: the run fails, naming the first failing item', async () => {
		const { items, error } = await runMoEngage(baseUrl(), parameters, input, { onError: 'stopWorkflow' as OnError });
		expect(items).toEqual([]);
		expect(failing).toContain(error?.context?.itemIndex);
		expect(error?.message).toContain(`item ${String(error?.context?.itemIndex)}`);
	});
});

describe('stop after a failure: nothing is sent after it', () => {
	test('paced deletions: the failing first request stops the rest before they leave, and the error says so', async () => {
		// A Rate Limit of 1: the first request spends the minute's budget, the others wait for it to
		// come back, which the frozen clock never lets happen by itself.
		setNodeClock(new FrozenClock());
		const input = [{ id: 'ghost' }, ...users.slice(0, 9).map((user) => ({ id: user.customer_id }))];
		const { error } = await runMoEngage(baseUrl(), deleteUser({ ratePerMinute: 1, concurrency: 10 }), input);
		expect(error?.message).toBe('MoEngage rejected item 0 (customer_id "ghost"): User doesn\'t exists with customer id ghost');
		expect(error?.description).toMatch(/ · not sent: items 1–9$/);
		expect(standIn.requests).toHaveLength(1);
		expect(standIn.observed.deletedUsers).toEqual([]);
	});

	test('Track Event: after a rejected event no other event is recorded, so running again duplicates nothing', async () => {
		setNodeClock(new FrozenClock());
		standIn.addFault({ api: 'trackEvent', kind: 'status', status: 400, times: 1, body: { status: 'fail', error: { message: 'bad', type: 'Bad Request' } } });
		const input = users.slice(0, 20).map((user) => ({ id: user.customer_id, event: 'Visited' }));
		const { items, error } = await runMoEngage(baseUrl(), trackEvent({ ratePerMinute: 1 }), input);
		expect(items).toEqual([]);
		expect(error?.message).toBe('MoEngage rejected item 0 (customer_id "u-100"): bad');
		expect(standIn.requests).toHaveLength(1);
		expect(standIn.observed.trackedEvents).toEqual([]);
	});

	test('Send in Bulk: a rejected bulk request stops the run; the paced requests after it never leave', async () => {
		setNodeClock(new FrozenClock());
		standIn.addFault({ api: 'bulkImport', kind: 'status', status: 400, times: 1, body: { status: 'fail', error: { message: 'bad', type: 'Bad Request' } } });
		// 60 KB a user: one item a request. A Rate Limit of 1 user a minute holds every request but the first.
		const input = users.slice(0, 4).map((user) => ({ id: user.customer_id, plan: 'x'.repeat(60_000) }));
		const { items, error } = await runMoEngage(baseUrl(), createOrUpdate({ sendInBulk: true, ratePerMinute: 1 }), input);
		expect(items).toEqual([]);
		expect(error?.message).toBe('MoEngage rejected the request for item 0 (bulk request 1): bad');
		expect(error?.description).toMatch(/ · not sent: items 1–3$/);
		expect(standIn.requests).toHaveLength(1);
		expect(standIn.observed.bulkElements).toEqual([]);
	});

	test('Send in Bulk: an item too large for a bulk request stops the run before anything is sent', async () => {
		const input = [{ id: 'u-1', plan: 'gold' }, { id: 'u-2', plan: 'x'.repeat(100_000) }, { id: 'u-100', plan: 'gold' }];
		const { error } = await runMoEngage(baseUrl(), createOrUpdate({ sendInBulk: true }), input);
		expect(error?.message).toMatch(/^Item 1 is too large for a Bulk Import request: 100,\d{3} bytes, where MoEngage takes at most 100,000$/);
		expect(error?.context?.itemIndex).toBe(1);
		expect(standIn.requests).toHaveLength(0);
	});

	test('one at a time: the error lists the items MoEngage had already accepted', async () => {
		const input = [{ id: 'u-1' }, { id: 'u-2' }, { id: 'ghost' }, { id: 'u-100' }];
		const { error } = await runMoEngage(baseUrl(), deleteUser({ concurrency: 1 }), input);
		expect(error?.description).toMatch(/ · MoEngage had already accepted items 0–1 \(running the node again sends them again\); not sent: item 3$/);
		expect(standIn.observed.deletedUsers.map((user) => user.identity_value)).toEqual(['u-1', 'u-2']);
	});
});

/**
 * Operations added later, each with five items that each need a request of their own (paced: one
 * a minute). The stop button for them is in runModesAll.test.ts.
 */
const pacedRuns: Array<{ name: string; parameters: IDataObject; input: IDataObject[]; firstRejected: IDataObject }> = [
	{
		name: 'Segment → Add Users',
		parameters: addUsersToSegment({ ratePerMinute: 1, concurrency: 10 }),
		input: users.slice(0, 5).map((user, i) => ({ id: user.customer_id, segment: `s-${i}` })),
		firstRejected: { id: 'u-1', segment: 's-x' },
	},
	{
		name: 'Business Event → Trigger',
		parameters: triggerBusinessEvent({ ratePerMinute: 1, concurrency: 10 }),
		input: users.slice(0, 5).map((user) => ({ event: 'price_drop', attributes: { product_id: user.customer_id } })),
		firstRejected: { event: 'no_such_event' },
	},
	{
		name: 'Inform → Send Alert',
		parameters: sendAlert({ ratePerMinute: 1, concurrency: 10 }),
		input: users.slice(0, 5).map((user, i) => ({ id: user.customer_id, to: `+1555000${i}` })),
		firstRejected: { id: 'u-1', to: '+15550009', alert: 'no_such_alert' },
	},
];

describe.each(pacedRuns)('$name', ({ parameters, input, firstRejected }) => {
	test('stop after a failure: the failing first request stops the rest before they leave, and the error says so', async () => {
		setNodeClock(new FrozenClock());
		// Segment: MoEngage refuses the first request (a fault); the others refuse it themselves.
		standIn.addFault({ api: 'cohortSync', kind: 'status', status: 400, times: 1, body: { status: 'fail', error: { message: 'bad', type: 'Bad Request' } } });
		const { error } = await runMoEngage(baseUrl(), parameters, [firstRejected, ...input.slice(1)]);
		expect(error?.context?.itemIndex).toBe(0);
		expect(error?.description).toMatch(/ · not sent: items 1–4$/);
		expect(standIn.requests).toHaveLength(1);
		expect([standIn.observed.sentAlerts, standIn.observed.triggeredBusinessEvents, [...standIn.cohorts.values()].filter((cohort) => cohort.members.size > 0)]).toEqual([[], [], []]);
	});
});

describe('cancelling the execution', () => {
	test('pacing waits end at once: no request after the cancel, and the node settles', async () => {
		setNodeClock(new FrozenClock());
		const input = users.map((user) => ({ id: user.customer_id }));
		let cancel = () => {};
		standIn.onRequest = () => cancel();
		const executionsBefore = moEngageExecutions.length;
		const { run } = await runMoEngage(baseUrl(), deleteUser({ ratePerMinute: 1 }), input, {
			continueOnFail: true,
			onStart: (cancelRun) => (cancel = cancelRun),
		});
		// Resolves only if every wait of the node ended: the frozen clock never ends one by itself.
		await Promise.all(moEngageExecutions.slice(executionsBefore));
		expect(run.status).toBe('canceled');
		expect(standIn.requests).toHaveLength(1);
	});

	test('Send in Bulk: pacing waits end at once, no bulk request after the cancel', async () => {
		setNodeClock(new FrozenClock());
		const input = users.slice(0, 5).map((user) => ({ id: user.customer_id, event: 'x'.repeat(60_000) }));
		let cancel = () => {};
		standIn.onRequest = () => cancel();
		const executionsBefore = moEngageExecutions.length;
		const { run } = await runMoEngage(baseUrl(), trackEvent({ sendInBulk: true, ratePerMinute: 1 }), input, {
			continueOnFail: true,
			onStart: (cancelRun) => (cancel = cancelRun),
		});
		await Promise.all(moEngageExecutions.slice(executionsBefore));
		expect(run.status).toBe('canceled');
		expect(standIn.requestsTo('bulkImport')).toHaveLength(1);
	});

	test('a request on the wire is aborted by n8n and not retried', async () => {
		setNodeClock(new VirtualClock());
		standIn.addFault({ kind: 'slow', delayMs: 2_000, times: 1 });
		let cancel = () => {};
		standIn.onRequest = () => cancel();
		const executionsBefore = moEngageExecutions.length;
		const { run } = await runMoEngage(baseUrl(), deleteUser({ maxRetries: 5 }), [{ id: 'u-1' }], {
			continueOnFail: true,
			onStart: (cancelRun) => (cancel = cancelRun),
		});
		await Promise.all(moEngageExecutions.slice(executionsBefore));
		expect(run.status).toBe('canceled');
		expect(standIn.requests).toHaveLength(1);
	});
});

describe('retries that tell the truth', () => {
	test('a merge done whose answer was lost: the refused retry is reported as possibly done', async () => {
		setNodeClock(new VirtualClock());
		// Processed, the answer lost; the retry refused (as MoEngage refuses a request for a user that is gone).
		standIn.addFault({ api: 'mergeUsers', kind: 'processedThenDropped', times: 1 });
		standIn.addFault({ api: 'mergeUsers', kind: 'status', status: 400, times: 1, body: { status: 'fail', error: { message: 'User not found: u-2', type: 'Not Found', request_id: 'r2' } } });
		const { items } = await runMoEngage(baseUrl(), mergeUsers(), [{ old: 'u-2', keep: 'u-1' }], { continueOnFail: true });
		expect(standIn.observed.mergedUsers).toEqual([{ merged_user: 'u-2', retained_user: 'u-1' }]);
		expect(items[0].json.error).toBe(
			'MoEngage may already have merged these users (item 0 (merged_user "u-2")): an earlier attempt got no answer, and the retry was refused: User not found: u-2',
		);
		expect(items[0].json.description).toMatch(/ · 2 attempts · /);
	});

	describe("n8n's Retry On Fail after a Track Event MoEngage may have recorded (5xx, not repeated by the node)", () => {
		const retryOnFail = { retryOnFail: true, maxTries: 3, waitBetweenTries: 1 };
		const input = [
			{ id: 'u-1', event: 'Visited' },
			{ id: 'u-2', event: 'Visited' },
		];
		const mayHaveRecorded = { api: 'trackEvent' as const, kind: 'status' as const, status: 503, times: 1, body: { title: 'Service Unavailable', message: 'down' } };

		test('stop: the event is not sent again on any try, and the failure says to check', async () => {
			setNodeClock(new VirtualClock());
			standIn.addFault(mayHaveRecorded);
			const { error } = await runMoEngage(baseUrl(), trackEvent({ concurrency: 1 }), input, { nodeSettings: retryOnFail });
			expect(error?.message).toBe('MoEngage failed on its side for item 0 (customer_id "u-1"): Service Unavailable: down');
			expect(error?.description).toContain('MoEngage may have recorded this event anyway: check before running it again');
			expect(error?.description).toContain("not sent again by n8n's Retry On Fail");
			expect(standIn.requests).toHaveLength(1);
		});

		test('continue: the retry n8n makes for the failed first item sends neither event again', async () => {
			setNodeClock(new VirtualClock());
			standIn.addFault(mayHaveRecorded);
			const { items, error, run } = await runMoEngage(baseUrl(), trackEvent({ concurrency: 1 }), input, { continueOnFail: true, nodeSettings: retryOnFail });
			expect(error).toBeUndefined();
			expect(pairedItems(items)).toEqual([{ item: 0 }, { item: 1 }]);
			expect(items[0].json.error).toBe('MoEngage failed on its side for item 0 (customer_id "u-1"): Service Unavailable: down');
			expect(items[0].json.description).toContain("not sent again by n8n's Retry On Fail");
			expect(items[1].json.error).toBeUndefined();
			expect(standIn.requests.map((request) => request.status)).toEqual([503, 200]);
			expect(standIn.observed.trackedEvents.map((event) => event.customer_id)).toEqual(['u-2']);
			expect(run.data.resultData.runData.MoEngage[0].hints?.map((hint) => hint.message)).toContain(
				"MoEngage: n8n ran the node again (Retry On Fail); item 1, already accepted by MoEngage in an earlier try, was not sent again.",
			);
		});
	});

	test('a refused connection never reached MoEngage: retried even for Track Event', async () => {
		setNodeClock(new VirtualClock());
		const closed = 'http://127.0.0.1:9'; // the discard port: nothing listens on it here
		const { items } = await runMoEngage(closed, trackEvent({ maxRetries: 2 }), [{ id: 'u-1', event: 'Visited' }], { continueOnFail: true });
		expect(items[0].json.error).toBe('MoEngage could not be reached for item 0 (customer_id "u-1")');
		expect(items[0].json.description).toMatch(/^ECONNREFUSED · 3 attempts · /);
	});

	test('an outage: once every attempt has failed for a minute, the remaining items fail fast, each saying it was not sent', async () => {
		setNodeClock(new VirtualClock());
		standIn.addFault({ kind: 'status', status: 503, body: { title: 'Service Unavailable', message: 'down' } });
		const input = users.map((user) => ({ id: user.customer_id }));
		const { items } = await runMoEngage(baseUrl(), deleteUser({ concurrency: 5, maxRetries: 5 }), input, { continueOnFail: true });
		expect(pairedItems(items)).toEqual(input.map((_, item) => ({ item })));
		// One probe at a time while attempts fail: fewer attempts than items, not 6 for each.
		expect(standIn.requests.length).toBeLessThan(input.length);
		const notSent = items.filter((item) => String(item.json.error).startsWith('MoEngage unreachable; item '));
		expect(notSent.length).toBeGreaterThan(0);
		expect(items.every((item) => typeof item.json.error === 'string')).toBe(true);
		expect(notSent[0].json.description).toMatch(/^Every attempt failed for 6\d s, with no answer from MoEngage in between \(\d+ attempts, last: HTTP 503\)/);
	});

	test('a 429 with a reset time holds the run until the reset, then goes on', async () => {
		const clock = new VirtualClock();
		setNodeClock(clock);
		standIn.addFault({ kind: 'status', status: 429, times: 1, resetInMs: 10_000, body: { title: 'Request limit reached', description: 'slow down' } });
		const { items, error, run } = await runMoEngage(baseUrl(), deleteUser({ concurrency: 1 }), [{ id: 'u-1' }, { id: 'u-2' }]);
		expect(error).toBeUndefined();
		expect(run.data.resultData.runData.MoEngage[0].hints?.map((hint) => hint.message)).toEqual([
			"MoEngage: 1 request was retried, 1 of them rate-limited by MoEngage (429). If this happens often, lower the node's Rate Limit or Concurrency setting.",
		]);
		expect(items.map((item) => item.json.status)).toEqual(['success', 'success']);
		expect(standIn.requests.map((request) => request.status)).toEqual([429, 200, 200]);
		// The reset header is MoEngage's epoch second; the node waited on its own clock until then.
		expect(clock.elapsed).toBeGreaterThanOrEqual(9_000);
	});
});

describe('loops: each round of the node is a run of its own', () => {
	test('an outage that opened the circuit in one round does not stop the next round', async () => {
		setNodeClock(new VirtualClock());
		// MoEngage is down through the first round (its items u-1, u-2, u-100 … u-122), and back for the second.
		standIn.addFault({ api: 'deleteUser', kind: 'status', status: 503, body: { title: 'Service Unavailable', message: 'down' } });
		standIn.onRequest = (request) => {
			if (request.rawBody.includes('"u-123"')) standIn.clearFaults();
		};
		const input = [ANN, BOB, ...users].map((user) => ({ id: user.customer_id }));
		const { runsOf, error } = await runMoEngage(baseUrl(), deleteUser({ concurrency: 1, maxRetries: 0 }), input, {
			continueOnFail: true,
			loopBatchSize: 25,
		});
		expect(error).toBeUndefined();
		const [first, second] = runsOf('MoEngage').map((round) => round.data?.main[0] ?? []);
		const errors = first.map((item) => String(item.json.error));
		// Items sent (one probe at a time) fail on their own; after a minute of failures the rest are not sent.
		const sent = errors.filter((message) => message.startsWith('MoEngage failed on its side for item ')).length;
		expect(sent).toBeGreaterThan(1);
		expect(errors.slice(sent)).toEqual(first.slice(sent).map((_, k) => expect.stringMatching(new RegExp(`^MoEngage unreachable.*; item ${sent + k} was not sent$`))));
		expect(errors.slice(sent).length).toBeGreaterThan(0);
		// The next round starts with its own circuit: every item sent, and deleted.
		expect(second.map((item) => item.json.status)).toEqual(Array(7).fill('success'));
		expect(pairedItems(second)).toEqual(second.map((_, item) => ({ item })));
		expect(standIn.requests).toHaveLength(sent + 7);
	});
});

describe('errors a marketer can act on', () => {
	test('a Card operation with an empty Cards key says the Data key was sent instead', async () => {
		const deleteCards = { resource: 'card', operation: 'delete', identifyBy: 'uid', userValue: 'ann@example.com', campaignIds: 'c1', options: { maxRetries: 0 } };
		const { error } = await runMoEngage(baseUrl(), deleteCards, [{}], { credentials: { cardsApiKey: '' } });
		expect(error?.message).toMatch(/^MoEngage rejected item 0 \(uid "ann@example.com"\): /);
		expect(error?.description).toContain("sent with the Data API Key (the credential's Campaign API Key is empty, so the Data API Key was sent)");
	});
});

describe('writes for one user keep the input order', () => {
	test('Create or Update: the newer value wins even when the older request is slow', async () => {
		standIn.addFault({ api: 'trackUser', kind: 'slow', delayMs: 300, times: 1 });
		const input = [
			{ id: 'u-1', plan: 'silver (older)' },
			{ id: 'u-2', plan: 'gold' },
			{ id: 'u-1', plan: 'platinum (newer)' },
		];
		const { error } = await runMoEngage(baseUrl(), createOrUpdate({ concurrency: 10 }), input);
		expect(error).toBeUndefined();
		expect(standIn.userWith('u-1')?.attributes.plan).toBe('platinum (newer)');
		const plansOfAnn = standIn.requestsTo('trackUser').filter((request) => (request.body as IDataObject).customer_id === 'u-1');
		expect(plansOfAnn.map((request) => ((request.body as { attributes: IDataObject }).attributes.plan))).toEqual(['silver (older)', 'platinum (newer)']);
	});

	test('Track Event: one user\'s events reach MoEngage in input order; other users still go concurrently', async () => {
		standIn.addFault({ api: 'trackEvent', kind: 'slow', delayMs: 300, times: 1 });
		const input = [
			{ id: 'u-1', event: 'Cart Added' },
			{ id: 'u-2', event: 'Visited' },
			{ id: 'u-1', event: 'Checked Out' },
			{ id: 'u-1', event: 'Paid' },
		];
		const { error } = await runMoEngage(baseUrl(), trackEvent({ concurrency: 10 }), input);
		expect(error).toBeUndefined();
		const eventsOfAnn = standIn.observed.trackedEvents.filter((event) => event.customer_id === 'u-1').map((event) => event.action.action);
		expect(eventsOfAnn).toEqual(['Cart Added', 'Checked Out', 'Paid']);
		expect(new Set(standIn.observed.trackedEvents.map((event) => event.action.action))).toEqual(new Set(['Cart Added', 'Visited', 'Checked Out', 'Paid']));
	});
});
