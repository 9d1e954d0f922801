import { ENDPOINTS } from '../../nodes/MoEngage/transport/api';
import { runMoEngage, useStandIn } from '../harness/fixtures';
import { addUsersToSegment, getCards, trackEvent } from '../harness/operations';

const { standIn, baseUrl } = useStandIn();

describe("MoEngage's smaller rules, kept before sending", () => {
	test('Track Event: an event name starting with moe_ is refused before any request (bulk too)', async () => {
		for (const options of [{}, { sendInBulk: true }]) {
			const { error } = await runMoEngage(baseUrl(), trackEvent(options), [{ id: 'u-1', event: 'MOE_Custom' }]);
			expect(error?.message).toBe('The "Event Name" field of item 0 is "MOE_Custom", but event names starting with "moe_" are reserved by MoEngage');
		}
		expect(standIn.requests).toHaveLength(0);
	});

	test('Segment → Add Users: a segment name starting with a period is refused by the node, and by the stand-in', async () => {
		const { error } = await runMoEngage(baseUrl(), { ...addUsersToSegment(), segmentName: '.vip' }, [{ id: 'u-1', segment: 'vip' }]);
		expect(error?.message).toBe('The "Segment Name" field of item 0 starts with a period (".vip"), which MoEngage does not accept in a segment name');
		expect(standIn.requests).toHaveLength(0);
	});

	test("Card → Get: campaign_ids come from moe_campaign_id only, never from the card's own cid", async () => {
		standIn.addFault({
			api: 'fetchCards',
			kind: 'status',
			status: 200,
			body: {
				status: true,
				request_id: 'r1',
				data: {
					cards: [
						{ id: 'k1', platform: 'ANDROID', meta_data: { cid: 'card-1', moe_campaign_id: 'c1' } },
						{ id: 'k2', platform: 'ANDROID', meta_data: { cid: 'card-2' } },
					],
					deleted_card_ids: [],
				},
			},
		});
		const { items, error } = await runMoEngage(baseUrl(), getCards(), [{ uid: 'ann@example.com' }]);
		expect(error).toBeUndefined();
		expect(items[0].json.campaign_ids).toEqual(['c1']);
	});

	test('the business events list is paced at 60 a minute and 1,000 an hour (GET /v5/business-events)', () => {
		expect(ENDPOINTS.listBusinessEvents.rateLimit).toEqual({ perMinute: 60, unit: 'requests', windows: [{ limit: 1000, windowMs: 3_600_000, label: '1,000 an hour' }] });
	});
});
