import { ANN, BOB, runMoEngage, useStandIn } from '../harness/fixtures';
import { deleteUser, getCards } from '../harness/operations';
import { setNodeClock, VirtualClock } from '../harness/clock';

/**
 * The two forms of `x-ratelimit-reset` MoEngage documents, as the stand-in sends them: the Data
 * APIs give the seconds left (data-overview.mdx), Cards the epoch second (rate-limits.mdx). Either
 * way the node waits until the window resets (plus at most 250 ms of jitter) and the item goes
 * through. The stand-in's windows run on the node's virtual clock.
 */

let clock = new VirtualClock();
const { standIn, baseUrl } = useStandIn({
	rateLimits: { deleteUser: { limit: 1, windowMs: 60_000 }, fetchCards: { limit: 1, windowMs: 60_000 } },
	now: () => clock.now(),
});

beforeEach(() => {
	clock = new VirtualClock();
	setNodeClock(clock);
});

afterAll(() => setNodeClock());

test.each([
	['Delete User (a Data API): the seconds left', 'deleteUser', deleteUser({ concurrency: 1 })],
	['Card → Get: the epoch second', 'fetchCards', getCards({ concurrency: 1 })],
] as const)('%s: the node waits for the reset, then the item goes through', async (_, api, parameters) => {
	const { items, error } = await runMoEngage(baseUrl(), parameters, [ANN, BOB].map((user) => ({ id: user.customer_id, uid: user.uid })));
	expect(error).toBeUndefined();
	expect(items.every((item) => item.json.error === undefined)).toBe(true);
	const requests = standIn.requestsTo(api);
	expect(requests.map((request) => request.status)).toEqual([200, 429, 200]);
	const waited = clock.waits.filter((ms) => ms >= 1000);
	expect(waited).toHaveLength(1);
	expect(waited[0]).toBeGreaterThanOrEqual(60_000);
	expect(waited[0]).toBeLessThanOrEqual(60_250);
});
