import { runMoEngage, useStandIn, WORKSPACE } from '../../harness/fixtures';

/**
 * Identify User By Email or Mobile (Identity Resolution workspaces) on Create or Update, Track
 * Event and their Send in Bulk: no customer_id is sent; the identifier goes in the user's
 * attributes (Track User) or in user_identifiers (events), as MoEngage's data.yaml shows, under
 * u_em (email) and moe_mobile (mobile).
 */
const { standIn, baseUrl } = useStandIn({ workspace: { ...WORKSPACE, identityResolution: ['moe_mobile', 'u_em'] } });

const upsert = (by: 'email' | 'mobile', parameters: Record<string, unknown> = {}) => ({
	resource: 'user',
	operation: 'createOrUpdate',
	identifyUserBy: by,
	...(by === 'email' ? { userEmail: '={{ $json.email }}' } : { userMobile: '={{ $json.mobile }}' }),
	customAttributes: { attribute: [{ name: 'plan', value: '={{ $json.plan }}' }] },
	...parameters,
});
const track = (by: 'email' | 'mobile', parameters: Record<string, unknown> = {}) => ({
	resource: 'event',
	operation: 'track',
	identifyUserBy: by,
	...(by === 'email' ? { userEmail: '={{ $json.email }}' } : { userMobile: '={{ $json.mobile }}' }),
	eventName: 'Lead Created',
	...parameters,
});

describe('Identify User By Email or Mobile (Identity Resolution)', () => {
	test('Create or Update by mobile: no customer_id, moe_mobile among the attributes; the item says who', async () => {
		const { items, error } = await runMoEngage(baseUrl(), upsert('mobile'), [{ mobile: '+15550001', plan: 'gold' }]);
		expect(error).toBeUndefined();
		expect(standIn.requestsTo('trackUser').map((request) => request.body)).toEqual([{ type: 'customer', attributes: { plan: 'gold', moe_mobile: '+15550001' } }]);
		expect(items[0].json).toMatchObject({ status: 'success', user_identifiers: { moe_mobile: '+15550001' }, attributes: { plan: 'gold' } });
		expect(items[0].json.customer_id).toBeUndefined();
	});

	test('Track Event by email: user_identifiers {u_em}, no customer_id', async () => {
		const { items, error } = await runMoEngage(baseUrl(), track('email'), [{ email: 'lead@example.com' }]);
		expect(error).toBeUndefined();
		expect(standIn.requestsTo('trackEvent').map((request) => request.body)).toEqual([
			{ type: 'event', user_identifiers: { u_em: 'lead@example.com' }, actions: [{ action: 'Lead Created', attributes: {} }] },
		]);
		expect(items[0].json).toMatchObject({ user_identifiers: { u_em: 'lead@example.com' }, event: { action: 'Lead Created' } });
	});

	test('Send in Bulk: users with the identifier in attributes, events with user_identifiers, in one Bulk Import', async () => {
		await runMoEngage(baseUrl(), upsert('email', { options: { sendInBulk: true } }), [
			{ email: 'a@example.com', plan: 'gold' },
			{ email: 'b@example.com', plan: 'silver' },
		]);
		await runMoEngage(baseUrl(), track('mobile', { options: { sendInBulk: true } }), [{ mobile: '+15550001' }, { mobile: '+15550002' }]);
		const [users, events] = standIn.requestsTo('bulkImport').map((request) => (request.body as { elements: unknown[] }).elements);
		expect(users).toEqual([
			{ type: 'customer', attributes: { plan: 'gold', u_em: 'a@example.com' } },
			{ type: 'customer', attributes: { plan: 'silver', u_em: 'b@example.com' } },
		]);
		expect(events).toEqual([
			{ type: 'event', user_identifiers: { moe_mobile: '+15550001' }, actions: [{ action: 'Lead Created', attributes: {} }] },
			{ type: 'event', user_identifiers: { moe_mobile: '+15550002' }, actions: [{ action: 'Lead Created', attributes: {} }] },
		]);
		expect(standIn.observed.bulkRejected).toEqual([]);
	});

	test.each([
		[track('email'), { email: '' }, 'The "Email" field of item 0 is empty'],
		[track('email'), { email: 'not-an-email' }, 'The "Email" field of item 0 is not an email address: "not-an-email"'],
		[track('mobile'), { mobile: 'null' }, 'The "Mobile" field of item 0 is "null", which MoEngage does not accept as an identifier'],
		[track('mobile'), { mobile: '1' }, 'The "Mobile" field of item 0 is "1", which MoEngage does not accept as an identifier'],
		[upsert('email', { options: { updateExistingOnly: true } }), { email: 'a@example.com' }, 'The "Only Update Existing Users" field of item 0 works only with a Customer ID'],
	])('refused before anything is sent: %#', async (parameters, item, message) => {
		const { error } = await runMoEngage(baseUrl(), parameters, [item]);
		expect(error?.message).toBe(message);
		expect(standIn.requests).toHaveLength(0);
	});

	test('saved workflows (no Identify User By) still send the Customer ID', async () => {
		await runMoEngage(baseUrl(), { resource: 'event', operation: 'track', customerId: 'u-1', eventName: 'Viewed' }, [{}]);
		expect((standIn.requestsTo('trackEvent')[0].body as { customer_id: string }).customer_id).toBe('u-1');
	});
});

describe('a workspace without Identity Resolution', () => {
	test("MoEngage's missing-customer_id 400 fails the item, naming it", async () => {
		standIn.setWorkspace({ ...WORKSPACE });
		const { items } = await runMoEngage(baseUrl(), track('mobile'), [{ mobile: '+15550001' }], { continueOnFail: true });
		expect(String(items[0].json.error)).toContain('customer_id is not found in the payload');
	});
});
