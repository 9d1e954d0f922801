import type { INodeExecutionData } from 'n8n-workflow';

import { manyUsers, pairedItems, runMoEngage, useStandIn } from '../harness/fixtures';
import { deleteUser } from '../harness/operations';
import { setNodeClock, VirtualClock } from '../harness/clock';

/**
 * Two executions at once against one workspace, as two queue-mode workers run them: each paces
 * itself alone (a pacer lives in one execution), so together they overrun MoEngage's limit.
 * MoEngage's 429 and its x-ratelimit-reset are then what keeps them under it: every item still
 * goes through, once. The stand-in's windows run on the node's virtual clock, so the waits for
 * a reset cost no real time. (e2e/queue.e2e.ts runs the same in real n8n with two workers.)
 */

const LIMIT = 30;
const PER_RUN = 60;
const users = manyUsers(2 * PER_RUN);
let clock = new VirtualClock();
const { standIn, baseUrl } = useStandIn({
	users,
	rateLimits: { deleteUser: { limit: LIMIT, windowMs: 60_000 } },
	now: () => clock.now(),
});

beforeEach(() => {
	clock = new VirtualClock();
	setNodeClock(clock);
});

afterAll(() => setNodeClock());

const statuses = (items: INodeExecutionData[]) => items.map((item) => [item.json.status, item.json.identity_value, item.json.error]);

test("two runs of Delete User at once, four minutes' worth at the workspace's limit: every user erased once, no item failed", async () => {
	const halves = [users.slice(0, PER_RUN), users.slice(PER_RUN)];
	// node defaults: Rate Limit 5,000 a minute (MoEngage's documented Delete limit), 10 in flight, 5 retries
	const runs = await Promise.all(halves.map(async (half) => await runMoEngage(baseUrl(), deleteUser(), half.map((user) => ({ id: user.customer_id })))));

	runs.forEach((run, k) => {
		expect(run.error).toBeUndefined();
		expect(statuses(run.items)).toEqual(halves[k].map((user) => ['success', user.customer_id, undefined]));
		expect(pairedItems(run.items)).toEqual(halves[k].map((_, item) => ({ item })));
	});
	// one Delete carried out per user: a 429 is never processed
	const erased = standIn.observed.deletedUsers.map((deleted) => deleted.identity_value);
	expect([...erased].sort()).toEqual(users.map((user) => user.customer_id).sort());
	// the runs did overrun the limit (no time passes before the first 429), and waited for the resets
	const deletes = standIn.requestsTo('deleteUser');
	expect(deletes.filter((request) => request.status === 429).length).toBeGreaterThan(0);
	expect(deletes.filter((request) => request.status === 200)).toHaveLength(2 * PER_RUN);
	expect(clock.elapsed).toBeGreaterThanOrEqual(((2 * PER_RUN) / LIMIT - 1) * 60_000);
});
