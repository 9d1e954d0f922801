import { WORKSPACE } from '../harness/fixtures';
import { callerFor } from './overHttp';
import { MoEngageStandIn } from './server';

/** v1 Bulk Update Subscription Preferences (subscription-categories.yaml POST /category-subscription/user-preferences). */
const standIn = new MoEngageStandIn({ workspace: WORKSPACE });
beforeAll(() => standIn.start());
afterAll(() => standIn.stop());
beforeEach(() => standIn.reset());
const call = callerFor(standIn);

const entry = (customer_id: string) => ({ customer_id, categories: { Promotional: false }, unsubscribe_all: false });

describe('v1 Bulk Update Subscription Preferences in the stand-in', () => {
	test("the page's example passes: 200 'Your request has been processed'", async () => {
		const body = {
			channel: 'email',
			user_preferences: [
				{ customer_id: 'john@example.com', categories: { Promotional: false, Transactional: false, 'Special Offers': true }, unsubscribe_all: false },
				{ customer_id: 'mike@example.com', categories: { Transactional: true }, unsubscribe_all: false },
			],
		};
		expect(await call('bulkUpdateSubscriptionPreferences', body)).toEqual({ status: 200, body: { message: 'Your request has been processed' } });
	});

	test('the documented 400s: more than 50 users, an entry without categories', async () => {
		const tooMany = { channel: 'email', user_preferences: Array.from({ length: 51 }, (_, i) => entry(`u-${i}`)) };
		expect(await call('bulkUpdateSubscriptionPreferences', tooMany)).toEqual({ status: 400, body: { title: 'Payload Limit Exceeded', description: 'Payload limit is set to 50' } });
		const noCategories = { channel: 'email', user_preferences: [{ customer_id: 'u-1', unsubscribe_all: false }] };
		expect(await call('bulkUpdateSubscriptionPreferences', noCategories)).toEqual({ status: 400, body: { title: 'Categories Required', description: 'Categories Preferences Required' } });
	});

	test('email only, and MOE-APPKEY required', async () => {
		expect((await call('bulkUpdateSubscriptionPreferences', { channel: 'sms', user_preferences: [entry('u-1')] })).status).toBe(400);
		expect(await call('bulkUpdateSubscriptionPreferences', { channel: 'email', user_preferences: [entry('u-1')] }, { headers: { 'MOE-APPKEY': undefined } })).toEqual({
			status: 401,
			body: { title: 'Header required', description: 'MOE-APPKEY missing in Header' },
		});
	});
});
