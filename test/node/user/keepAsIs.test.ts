/* eslint-disable @n8n/community-nodes/no-restricted-globals -- runs on a developer's machine or in CI, never inside n8n */
import { manyUsers, runMoEngage, useStandIn } from '../../harness/fixtures';
import { setNodeClock, SteppedClock } from '../../harness/clock';

/**
 * Update Subscription Preferences, "Unsubscribe From All" = "Keep As Is" (the default). MoEngage
 * needs is_globally_unsubscribed in every update and `false` clears an unsubscribe from all, so
 * the node must never guess `false`, must write right after it reads, and must not read back a
 * state MoEngage has accepted but not yet applied from its own run. That the write leaves right
 * after its read, not behind other reads, is the pacer's cost-0 booking (test/unit/transport/pacer.test.ts),
 * seen here on the node's clock with 50 workers (the last test).
 */
const users = manyUsers(150);
/** The default Concurrency of node version 1.3. */
const CONCURRENCY_AT_1_3 = 50;
const { standIn, baseUrl } = useStandIn({ users });

const update = (globalUnsubscribe: string, categories: Array<{ name: string; subscribed: boolean }> = [{ name: 'newsletter', subscribed: true }]) => ({
	resource: 'user',
	operation: 'updateSubscriptionPreferences',
	subscriberIdType: 'uid',
	subscriberId: '={{ $json.id }}',
	channel: 'email',
	globalUnsubscribe: `={{ $json.global ?? "${globalUnsubscribe}" }}`,
	categories: { category: categories },
});

/** The GET answer MoEngage gives before its worker has applied an earlier update. */
const staleRead = (isGloballyUnsubscribed: unknown) => ({
	api: 'getSubscriptionPreferences' as const,
	kind: 'status' as const,
	status: 200,
	times: 1,
	body: { response_id: 'resp_1', type: 'subscription_preference', data: { user_id: 'usr_u-1', is_globally_unsubscribed: isGloballyUnsubscribed, categories: [] } },
});

const sentFlags = () => standIn.requestsTo('updateSubscriptionPreferences').map((request) => (request.body as { is_globally_unsubscribed: unknown }).is_globally_unsubscribed);

test.each([['"true"'], [null], [1], [undefined]])('a read flag that is not a boolean (%s) fails the item before anything is sent; the other items go on', async (read) => {
	standIn.addFault(staleRead(read === '"true"' ? 'true' : read));
	const run = await runMoEngage(baseUrl(), update('keep'), [{ id: users[0].customer_id }, { id: users[1].customer_id }], { continueOnFail: true });
	expect(run.items[0].json.error).toMatch(new RegExp(`^Could not read whether uid "${users[0].customer_id}" is unsubscribed from all: MoEngage answered .* \\(item 0\\); nothing was sent$`));
	expect(standIn.requestsTo('updateSubscriptionPreferences').map((request) => (request.body as { user_identifier_value: string }).user_identifier_value)).toEqual([users[1].customer_id]);
	expect(run.items[1].json).toMatchObject({ accepted: true, is_globally_unsubscribed: false });
});

test('an earlier item of the run unsubscribed the user from all: Keep As Is sends true, though MoEngage still reads false', async () => {
	const id = users[0].customer_id;
	standIn.addFault(staleRead(false));
	const run = await runMoEngage(baseUrl(), update('keep'), [{ id, global: 'unsubscribe' }, { id }], { continueOnFail: true });
	expect(run.items.map((item) => item.json.error)).toEqual([undefined, undefined]);
	expect(sentFlags()).toEqual([true, true]);
	// MoEngage ignores categories while the flag is true: the output says so.
	expect(run.items[1].json).toMatchObject({ is_globally_unsubscribed: true, categories_ignored: true, accepted: true });
	// and the earlier item's own change was not read back from MoEngage
	expect(standIn.requestsTo('getSubscriptionPreferences')).toHaveLength(0);
});

test('150 users at MoEngage\'s 100 a minute, 50 at a time: each write leaves at the moment its read is answered, not behind the reads booked in between', async () => {
	// The read books its write too (two of MoEngage's 100 units a minute), so the write never
	// waits for the pace: the flag it carries is the one MoEngage reported at that moment. A write
	// booked on its own would queue behind the reads of later items, up to a minute.
	const clock = new SteppedClock();
	setNodeClock(clock);
	const readAt = new Map<string, number>();
	const gaps: number[] = [];
	standIn.onRequest = (request) => {
		if (request.api === 'getSubscriptionPreferences') readAt.set(String(request.query.user_identifier_value), clock.now());
		if (request.api === 'updateSubscriptionPreferences') gaps.push(clock.now() - (readAt.get(String((request.body as { user_identifier_value?: string }).user_identifier_value)) ?? Number.NaN));
	};
	try {
		let settled = false;
		const running = runMoEngage(baseUrl(), update('keep'), users.map((user) => ({ id: user.customer_id })), { typeVersion: 1.3 }).finally(() => (settled = true));
		while (!settled) {
			await new Promise((resolve) => setTimeout(resolve, 1));
			// Time moves only when every item not yet written is held by a worker waiting on the
			// clock (50 workers at most): then no read is in flight whose write could be delayed.
			if (clock.waiting > 0 && clock.waiting >= Math.min(CONCURRENCY_AT_1_3, users.length - gaps.length)) clock.step();
		}
		const { error } = await running;
		expect(error).toBeUndefined();
		expect(gaps).toHaveLength(users.length);
		expect(new Set(gaps)).toEqual(new Set([0]));
		// and the pace held: the 300 requests took three of MoEngage's minutes
		expect(clock.now() - [...readAt.values()].reduce((first, at) => Math.min(first, at))).toBeGreaterThanOrEqual(2 * 60_000);
	} finally {
		standIn.onRequest = undefined;
		setNodeClock();
	}
});
