import { runMoEngage, useStandIn } from '../../harness/fixtures';

const { standIn, baseUrl } = useStandIn();

const createOrUpdate = (parameters: Record<string, unknown> = {}) => ({
	resource: 'user',
	operation: 'createOrUpdate',
	customerId: '={{ $json.id }}',
	...parameters,
});

const attributesSent = (): unknown => (standIn.requests[0].body as { attributes: unknown }).attributes;

describe("User → Create or Update: MoEngage's subscription attributes (opt-outs)", () => {
	test('the named standard fields are sent with the types data.yaml gives them, and the stand-in stores them', async () => {
		const { items, error } = await runMoEngage(
			baseUrl(),
			createOrUpdate({
				standardAttributes: {
					moe_unsubscribe: true,
					moe_spam: false,
					moe_hard_bounce: '={{ $json.bounced }}',
					moe_email_optin_status: 'OPTED_OUT',
					moe_em_unsub_categories: 'newsletter',
					moe_sms_subscription: 'unsubscribed',
					moe_wa_subscription: false,
					moe_sub_w: true,
				},
			}),
			[{ id: 'u-1', bounced: 'true' }],
		);
		expect(error).toBeUndefined();
		expect(items[0].json.status).toBe('success');
		expect(attributesSent()).toEqual({
			moe_unsubscribe: true,
			moe_spam: false,
			moe_hard_bounce: true,
			moe_email_optin_status: 'OPTED_OUT',
			moe_em_unsub_categories: 'newsletter',
			moe_sms_subscription: 'unsubscribed',
			moe_wa_subscription: false,
			moe_sub_w: true,
		});
		expect(standIn.userWith('u-1')?.attributes).toMatchObject({ moe_unsubscribe: true, moe_sms_subscription: 'unsubscribed' });
	});

	test('custom rows take them too, booleans read from their text; JSON keeps its types', async () => {
		await runMoEngage(
			baseUrl(),
			createOrUpdate({ customAttributes: { attribute: [{ name: 'moe_unsubscribe', value: 'TRUE' }, { name: 'moe_sms_subscription', value: 'opted_out' }, { name: 'plan', value: 'gold' }] } }),
			[{ id: 'u-1' }],
		);
		expect(attributesSent()).toEqual({ moe_unsubscribe: true, moe_sms_subscription: 'opted_out', plan: 'gold' });
		standIn.reset();
		await runMoEngage(baseUrl(), createOrUpdate({ customAttributesInput: 'json', customAttributesJson: '{"moe_wa_subscription": false, "moe_email_optin_status": "DOUBLE_OPTED_IN"}' }), [{ id: 'u-2' }]);
		expect(attributesSent()).toEqual({ moe_wa_subscription: false, moe_email_optin_status: 'DOUBLE_OPTED_IN' });
	});

	test('in Send in Bulk the subscription attributes go into the elements; other moe_ names are still refused', async () => {
		const { items, error } = await runMoEngage(baseUrl(), createOrUpdate({ standardAttributes: { moe_unsubscribe: true }, options: { sendInBulk: true } }), [{ id: 'u-1' }, { id: 'u-2' }]);
		expect(error).toBeUndefined();
		expect(items).toHaveLength(2);
		const [request] = standIn.requestsTo('bulkImport');
		expect((request.body as { elements: Array<{ attributes: unknown }> }).elements.map((element) => element.attributes)).toEqual([{ moe_unsubscribe: true }, { moe_unsubscribe: true }]);
		standIn.reset();
		// moe_ip_city: a standard attribute Track User can neither create nor update (data-overview.mdx's table).
		const refused = await runMoEngage(baseUrl(), createOrUpdate({ customAttributes: { attribute: [{ name: 'moe_ip_city', value: 'x' }] }, options: { sendInBulk: true } }), [{ id: 'u-1' }]);
		expect(refused.error?.message).toBe('The "Custom Attributes" field of item 0 has the attribute "moe_ip_city", but names starting with "moe_" are reserved by MoEngage');
		expect(standIn.requests).toHaveLength(0);
	});

	test("moe_gaid (data-overview.mdx: created through Track User) is sent as text, in rows, JSON and Send in Bulk; MOE_GAID, a reserved key, is still refused", async () => {
		await runMoEngage(baseUrl(), createOrUpdate({ customAttributes: { attribute: [{ name: 'moe_gaid', value: '38400000-8cf0-11bd-b23e-10b96e40000d' }] } }), [{ id: 'u-7' }]);
		expect(attributesSent()).toEqual({ moe_gaid: '38400000-8cf0-11bd-b23e-10b96e40000d' });
		expect(standIn.userWith('u-7')?.attributes.moe_gaid).toBe('38400000-8cf0-11bd-b23e-10b96e40000d');
		standIn.reset();
		const bulk = await runMoEngage(baseUrl(), createOrUpdate({ customAttributesInput: 'json', customAttributesJson: '{"moe_gaid": "gaid-2"}', options: { sendInBulk: true } }), [{ id: 'u-8' }]);
		expect(bulk.error).toBeUndefined();
		expect((standIn.requestsTo('bulkImport')[0].body as { elements: Array<{ attributes: unknown }> }).elements[0].attributes).toEqual({ moe_gaid: 'gaid-2' });
		standIn.reset();
		const notText = await runMoEngage(baseUrl(), createOrUpdate({ customAttributesInput: 'json', customAttributesJson: '{"moe_gaid": 7}' }), [{ id: 'u-1' }]);
		expect(notText.error?.message).toBe('The "Custom Attributes (JSON)" field of item 0 sets "moe_gaid" to 7, but MoEngage takes text there');
		const capitals = await runMoEngage(baseUrl(), createOrUpdate({ customAttributesInput: 'json', customAttributesJson: '{"MOE_GAID": "x"}' }), [{ id: 'u-1' }]);
		expect(capitals.error?.message).toBe('The "Custom Attributes (JSON)" field of item 0 has the attribute "MOE_GAID", but names starting with "moe_" are reserved by MoEngage');
		expect(standIn.requests).toHaveLength(0);
	});

	test.each([
		[{ customAttributes: { attribute: [{ name: 'moe_unsubscribe', value: 'yes' }] } }, 'The "Custom Attributes" field of item 0 sets "moe_unsubscribe" to "yes", but MoEngage takes true or false there'],
		[{ customAttributesInput: 'json', customAttributesJson: '{"moe_email_optin_status": "OUT"}' }, 'The "Custom Attributes (JSON)" field of item 0 sets "moe_email_optin_status" to "OUT", but MoEngage takes one of DOUBLE_OPTED_IN, OPTED_OUT, OPT_IN_PENDING there'],
		[{ customAttributesInput: 'json', customAttributesJson: '{"moe_sms_subscription": true}' }, 'The "Custom Attributes (JSON)" field of item 0 sets "moe_sms_subscription" to true, but MoEngage takes text there'],
		[{ standardAttributes: { moe_spam: '={{ "maybe" }}' } }, 'The "Standard Attributes > Email Marked as Spam" field of item 0 is "maybe", which MoEngage does not take for moe_spam'],
		[{ customAttributes: { attribute: [{ name: 'moe_score', value: '1' }] } }, 'The "Custom Attributes" field of item 0 has the attribute "moe_score", but names starting with "moe_" are reserved by MoEngage'],
		[{ customAttributes: { attribute: [{ name: 'id', value: '1' }] } }, 'The "Custom Attributes" field of item 0 has the attribute "id", a name MoEngage blocks'],
		[{ customAttributesInput: 'json', customAttributesJson: '{"_id": "1"}' }, 'The "Custom Attributes (JSON)" field of item 0 has the attribute "_id", a name MoEngage blocks'],
	])('bad input %j is refused before any request', async (parameters, message) => {
		const { error } = await runMoEngage(baseUrl(), createOrUpdate(parameters), [{ id: 'u-1' }]);
		expect(error?.message).toBe(message);
		expect(standIn.requests).toHaveLength(0);
	});
});
