import { manyUsers, runMoEngage, useStandIn } from '../../harness/fixtures';

/**
 * Update Subscription Preferences, "Unsubscribe From All" = "Keep As Is" (the default). MoEngage
 * needs is_globally_unsubscribed in every update and `false` clears an unsubscribe from all, so
 * the node must never guess `false`, must write right after it reads, and must not read back a
 * state MoEngage has accepted but not yet applied from its own run. (That the write leaves right
 * after its read, not behind other reads, is the pacer's cost-0 booking: test/unit/transport/pacer.test.ts.)
 */
const users = manyUsers(150);
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
