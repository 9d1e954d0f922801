import { WORKSPACE } from '../harness/fixtures';
import { callerFor, dataFail } from './overHttp';
import { MoEngageStandIn } from './server';

/**
 * Identity Resolution (data.yaml: customer_id "Not mandatory in Identity Resolution enabled
 * workspaces"; unified-identity-identity-resolution.mdx): a workspace that activated identifiers
 * takes a user without customer_id when its attributes (Track User, Bulk Import users) or
 * user_identifiers (Track Event, Bulk Import events) carry one; other workspaces keep the
 * documented missing-customer_id 400s.
 */
const resolving = new MoEngageStandIn({ workspace: { ...WORKSPACE, identityResolution: ['moe_mobile', 'u_em'] } });
const plain = new MoEngageStandIn({ workspace: WORKSPACE });
beforeAll(async () => {
	await resolving.start();
	await plain.start();
});
afterAll(async () => {
	await resolving.stop();
	await plain.stop();
});
beforeEach(() => {
	resolving.reset();
	plain.reset();
});

const ACCEPTED = { status: 200, body: { status: 'success', message: 'Your request has been accepted and will be processed soon.' } };
const NO_CUSTOMER_ID = dataFail(400, { attribute: 'customer_id', message: 'customer_id is not found in the payload', type: 'MissingAttributeError' });

describe('Identity Resolution in the stand-in', () => {
	test("data.yaml's own examples pass in a workspace with moe_mobile activated", async () => {
		const call = callerFor(resolving);
		expect(await call('trackUser', { type: 'customer', attributes: { moe_mobile: '+15550001', first_name: 'John' } })).toEqual(ACCEPTED);
		expect(await call('trackEvent', { type: 'event', user_identifiers: { moe_mobile: '+15550001' }, actions: [{ action: 'AddToCart' }] })).toEqual(ACCEPTED);
		expect(
			await call('bulkImport', {
				type: 'transition',
				elements: [
					{ type: 'customer', attributes: { moe_mobile: '+15550001', first_name: 'John' } },
					{ type: 'event', user_identifiers: { moe_mobile: '+15550001' }, actions: [{ action: 'AddToCart', attributes: { product: 'MacBook Air' } }] },
				],
			}),
		).toEqual(ACCEPTED);
		expect(resolving.observed.trackedEvents.map((event) => event.customer_id)).toEqual(['moe_mobile:+15550001', 'moe_mobile:+15550001']);
	});

	test('an identifier the workspace did not activate, or a workspace without Identity Resolution: the documented missing-customer_id 400s', async () => {
		const call = callerFor(resolving);
		expect(await call('trackUser', { type: 'customer', attributes: { whatsapp_number: '+15550001' } })).toEqual(NO_CUSTOMER_ID);
		const other = callerFor(plain);
		expect(await other('trackUser', { type: 'customer', attributes: { moe_mobile: '+15550001' } })).toEqual(NO_CUSTOMER_ID);
		expect(await other('trackEvent', { type: 'event', user_identifiers: { moe_mobile: '+15550001' }, actions: [{ action: 'x' }] })).toEqual(NO_CUSTOMER_ID);
		expect(await other('bulkImport', { type: 'transition', elements: [{ type: 'event', user_identifiers: { u_em: 'a@b.co' }, actions: [{ action: 'x' }] }] })).toEqual(
			dataFail(400, { attribute: 'customer_id', message: 'customer_id not found in the payload', type: 'MissingAttributeError' }),
		);
	});
});
