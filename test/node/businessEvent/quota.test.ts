import { setNodeClock, VirtualClock } from '../../harness/clock';
import { BUSINESS_EVENTS, pairedItems, runMoEngage, useStandIn } from '../../harness/fixtures';
import { triggerBusinessEvent } from '../../harness/operations';

const MINUTE = 60_000;
let clock = new VirtualClock();
const { standIn, baseUrl } = useStandIn({
	businessEvents: BUSINESS_EVENTS,
	// MoEngage's campaign quota for business-event triggers: 10 per 5 minutes, 50 an hour, 200 a day.
	rateLimits: {
		triggerBusinessEvent: [
			{ limit: 10, windowMs: 5 * MINUTE },
			{ limit: 50, windowMs: 60 * MINUTE },
			{ limit: 200, windowMs: 24 * 60 * MINUTE },
		],
	},
	now: () => clock.now(),
});

beforeEach(() => {
	clock = new VirtualClock();
	setNodeClock(clock);
});
afterEach(() => setNodeClock());

const priceDrops = (count: number) => Array.from({ length: count }, (_, i) => ({ event: 'price_drop', attributes: { product_id: `sku-${i}`, new_price: 10 + i } }));

describe("Business Event → Trigger: MoEngage's quota of 10 triggers per 5 minutes", () => {
	test('20 items: 10 go at once, the other 10 once 5 minutes have passed; MoEngage never answers 429', async () => {
		const input = priceDrops(20);
		const { items, error } = await runMoEngage(baseUrl(), triggerBusinessEvent(), input);
		expect(error).toBeUndefined();
		expect(pairedItems(items)).toEqual(input.map((_, item) => ({ item })));
		expect(items.every((item) => item.json.status === 'triggered')).toBe(true);
		expect(standIn.requests.map((request) => request.status)).toEqual(Array.from({ length: 20 }, () => 200));
		expect(standIn.observed.triggeredBusinessEvents).toHaveLength(20);
		// the second ten waited for the first ten's window (virtual time)
		expect(clock.elapsed).toBeGreaterThanOrEqual(5 * MINUTE);
		expect(clock.elapsed).toBeLessThan(6 * MINUTE);
	});

	test('10 items go at once, without waiting', async () => {
		const { error } = await runMoEngage(baseUrl(), triggerBusinessEvent(), priceDrops(10));
		expect(error).toBeUndefined();
		expect(clock.elapsed).toBe(0);
	});

	test("more than the hour's 50: refused before sending, naming MoEngage's quota", async () => {
		const { items } = await runMoEngage(baseUrl(), triggerBusinessEvent(), priceDrops(60), { continueOnFail: true });
		expect(standIn.requests).toHaveLength(0);
		expect(items[0].json.error).toBe('This run would trigger 60 business events, but MoEngage allows 50 an hour: nothing was sent (item 0)');
		expect(items[0].json.description).toContain("MoEngage's quota for business-event triggers is 10 per 5 minutes, 50 an hour and 200 a day");
	});
});
