import { bulkBatches } from '../../../nodes/MoEngage/actions/user/subscriptionPreferencesBulk';
import { manyUsers, runMoEngage, useStandIn, WORKSPACE } from '../../harness/fixtures';
import { unsubscribeFromNewsletter } from '../../harness/operations';

/**
 * Update Subscription Preferences with Send in Bulk: MoEngage's v1 bulk preferences API
 * (subscription-categories.yaml POST /v1/category-subscription/user-preferences), 50 users a
 * request, email categories of users named by customer ID, the unsubscribe-all flag explicit.
 */
const users = manyUsers(120);
const { standIn, baseUrl } = useStandIn({ users });

const bulk = (parameters: Record<string, unknown> = {}) => ({ ...unsubscribeFromNewsletter({ sendInBulk: true }), globalUnsubscribe: 'clear', ...parameters });
type BulkBody = { channel: string; user_preferences: Array<{ customer_id: string; categories: Record<string, boolean>; unsubscribe_all: boolean }> };
const bodies = () => standIn.requestsTo('bulkUpdateSubscriptionPreferences').map((request) => request.body as BulkBody);

describe('Update Subscription Preferences: Send in Bulk', () => {
	test('120 users go in 3 requests of at most 50, with the Data key and MOE-APPKEY; every item gets its answer, paired', async () => {
		const input = users.map((user) => ({ id: user.customer_id }));
		const { items, error } = await runMoEngage(baseUrl(), bulk(), input);
		expect(error).toBeUndefined();
		const requests = standIn.requestsTo('bulkUpdateSubscriptionPreferences');
		expect(requests.map((request) => [request.method, request.path])).toEqual(Array(3).fill(['POST', '/v1/category-subscription/user-preferences']));
		expect(requests[0].headers.authorization).toBe(`Basic ${Buffer.from(`${WORKSPACE.workspaceId}:${WORKSPACE.dataApiKey}`).toString('base64')}`);
		expect(requests[0].headers['moe-appkey']).toBe(WORKSPACE.workspaceId);
		expect(bodies().map((body) => body.user_preferences.length)).toEqual([50, 50, 20]);
		expect(bodies()[0]).toMatchObject({ channel: 'email', user_preferences: expect.arrayContaining([{ customer_id: users[0].customer_id, categories: { newsletter: false }, unsubscribe_all: false }]) });
		expect(standIn.requestsTo('updateSubscriptionPreferences')).toHaveLength(0);
		expect(items).toHaveLength(120);
		expect(items[0].json).toEqual({ customer_id: users[0].customer_id, categories: { newsletter: false }, unsubscribe_all: false, channel: 'email', accepted: true, message: 'Your request has been processed', users_in_request: 50 });
		expect(items.map((item) => item.pairedItem)).toEqual(input.map((_, item) => ({ item })));
		expect(standIn.campaignsApi.subscribers.find((subscriber) => subscriber.uid === users[7].customer_id)?.categories.newsletter).toBe(false);
	});

	test('Unsubscribe From All sends unsubscribe_all: true', async () => {
		await runMoEngage(baseUrl(), bulk({ globalUnsubscribe: 'unsubscribe' }), [{ id: users[0].customer_id }]);
		expect(bodies()[0].user_preferences).toEqual([{ customer_id: users[0].customer_id, categories: { newsletter: false }, unsubscribe_all: true }]);
	});

	test("a user's later item goes in a later request, so its updates apply in input order", () => {
		const request = (itemIndex: number, user: string) => ({ itemIndex, params: { subscriber: { user_identifier_type: 'uid' as const, user_identifier_value: user }, channel: 'email', globalUnsubscribe: 'clear', categories: {} } });
		const batches = bulkBatches([request(0, 'a'), request(1, 'b'), request(2, 'a'), request(3, 'c')]);
		expect(batches.map((batch) => batch.map(({ itemIndex }) => itemIndex))).toEqual([[0, 1, 3], [2]]);
	});

	test.each([
		[{ subscriberIdType: 'email' }, 'The "Identify User By" field of item 0 must be Customer ID with Send in Bulk'],
		[{ channel: 'sms' }, 'The "Channel" field of item 0 must be Email with Send in Bulk'],
		[{ globalUnsubscribe: 'keep' }, 'The "Unsubscribe From All" field of item 0 cannot be Keep As Is with Send in Bulk'],
	])('%j is refused before anything is sent, naming the field', async (parameters, message) => {
		const { error } = await runMoEngage(baseUrl(), bulk(parameters), [{ id: users[0].customer_id }]);
		expect(error?.message).toBe(message);
		expect(standIn.requests).toHaveLength(0);
	});

	test("MoEngage's refusal of a request fails every item of that request", async () => {
		standIn.addFault({ api: 'bulkUpdateSubscriptionPreferences', kind: 'status', status: 400, body: { title: 'Categories Required', description: 'Categories Preferences Required' } });
		const { items } = await runMoEngage(baseUrl(), bulk(), [{ id: users[0].customer_id }, { id: users[1].customer_id }], { continueOnFail: true });
		expect(items.map((item) => String(item.json.error))).toEqual([expect.stringContaining('Categories Preferences Required'), expect.stringContaining('Categories Preferences Required')]);
	});
});
