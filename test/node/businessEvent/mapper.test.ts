import { resourceMapping } from '../../harness/loadOptions';
import { BUSINESS_EVENTS, credentialsFor, runMoEngage, useStandIn } from '../../harness/fixtures';

/**
 * Business Event → Trigger, Specify Event Attributes → Map Each Attribute: n8n's field mapping,
 * one field per attribute MoEngage lists for the picked event (GET /v5/business-events?name=…),
 * typed as MoEngage lists it (string, number, boolean, datetime).
 */
const SALE = {
	id: '6447b078712cd8c650074849',
	name: 'sale_started',
	attributes: [
		{ name: 'sale_name', data_type: 'string' },
		{ name: 'discount', data_type: 'number' },
		{ name: 'members_only', data_type: 'boolean' },
		{ name: 'ends_at', data_type: 'datetime' },
	],
};
const { standIn, baseUrl } = useStandIn({ businessEvents: [...BUSINESS_EVENTS, SALE] });

const saleSchema = [
	{ id: 'sale_name', displayName: 'sale_name (string)', required: false, defaultMatch: false, canBeUsedToMatch: false, display: true, type: 'string' },
	{ id: 'discount', displayName: 'discount (number)', required: false, defaultMatch: false, canBeUsedToMatch: false, display: true, type: 'number' },
	{ id: 'members_only', displayName: 'members_only (boolean)', required: false, defaultMatch: false, canBeUsedToMatch: false, display: true, type: 'boolean' },
	{ id: 'ends_at', displayName: 'ends_at (datetime)', required: false, defaultMatch: false, canBeUsedToMatch: false, display: true, type: 'dateTime' },
];

const mapped = (value: Record<string, unknown>, event = 'sale_started') => ({
	resource: 'businessEvent',
	operation: 'trigger',
	businessEventName: event,
	businessEventAttributesInput: 'mapper',
	businessEventAttributesMap: { mappingMode: 'defineBelow', value, matchingColumns: [], schema: saleSchema },
});

describe('Business Event → Trigger: Map Each Attribute', () => {
	test("the picked event's attributes are the fields, typed as MoEngage lists them (one request, Campaign key)", async () => {
		const { fields } = await resourceMapping(credentialsFor(baseUrl()), 'getBusinessEventAttributes', { resource: 'businessEvent', operation: 'trigger', businessEventName: 'sale_started' });
		expect(fields).toEqual(saleSchema);
		expect(standIn.requestsTo('listBusinessEvents').map((request) => request.query)).toEqual([{ name: 'sale_started' }]);
	});

	test('no event picked yet, or one given by an expression: no fields, and a notice saying to pick one', async () => {
		for (const businessEventName of ['', '={{ $json.event }}']) {
			const mapping = await resourceMapping(credentialsFor(baseUrl()), 'getBusinessEventAttributes', { businessEventName });
			expect(mapping.fields).toEqual([]);
			expect(mapping.emptyFieldsNotice).toMatch(/Pick a business event/);
		}
		expect(standIn.requestsTo('listBusinessEvents')).toHaveLength(0);
	});

	test('mapped values go out typed: text numbers as numbers, booleans, a date-time as ISO 8601 text; empty fields are left out', async () => {
		const { items, error } = await runMoEngage(
			baseUrl(),
			mapped({ sale_name: '={{ $json.name }}', discount: '={{ $json.discount }}', members_only: true, ends_at: '2026-08-03T09:12:00.000Z', }),
			[{ name: 'Summer', discount: '15' }],
		);
		expect(error).toBeUndefined();
		const [trigger] = standIn.observed.triggeredBusinessEvents;
		expect(trigger.event_attributes).toEqual({ sale_name: 'Summer', discount: 15, members_only: true, ends_at: expect.stringMatching(/^2026-08-03T09:12:00\.000/) });
		expect(items[0].json.event_attributes).toEqual(trigger.event_attributes);

		await runMoEngage(baseUrl(), mapped({ sale_name: 'Winter', discount: null, members_only: null }), [{}]);
		expect(standIn.observed.triggeredBusinessEvents[1].event_attributes).toEqual({ sale_name: 'Winter' });
	});

	test('a value that is not of the attribute\'s type is refused before anything is sent', async () => {
		const { error } = await runMoEngage(baseUrl(), mapped({ discount: '={{ $json.discount }}' }), [{ discount: 'fifteen' }]);
		expect(error?.message).toMatch(/discount/);
		expect(standIn.requestsTo('triggerBusinessEvent')).toHaveLength(0);
	});

	test('rows and JSON still work as before (saved workflows)', async () => {
		await runMoEngage(
			baseUrl(),
			{ resource: 'businessEvent', operation: 'trigger', businessEventName: 'price_drop', businessEventAttributes: { attribute: [{ name: 'product_id', value: 'sku-1' }] } },
			[{}],
		);
		expect(standIn.observed.triggeredBusinessEvents.map((event) => event.event_attributes)).toEqual([{ product_id: 'sku-1' }]);
	});
});
