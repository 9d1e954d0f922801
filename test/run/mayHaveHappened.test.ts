import { ENDPOINTS } from '../../nodes/MoEngage/transport/api';
import { entriesOf } from '../../nodes/MoEngage/transport/entries';
import { ANN, BOB, manyUsers, runMoEngage, useStandIn } from '../harness/fixtures';
import { createOrUpdate, deleteUser, mergeUsers } from '../harness/operations';
import { setNodeClock, VirtualClock } from '../harness/clock';

/**
 * "MoEngage may already have done this" outlives the request that learnt it: a batch sent again
 * in parts, or an item n8n's Retry On Fail sends again, still says so when MoEngage then refuses
 * it (the refusal may be the trace of the earlier attempt).
 */

const { standIn, baseUrl } = useStandIn({ users: [ANN, BOB, ...manyUsers(5)] });

beforeEach(() => setNodeClock(new VirtualClock()));
afterAll(() => setNodeClock());

const USER_NOT_FOUND = { status: 'fail', error: { message: 'User not found', type: 'Not Found', request_id: 'r2' } };

describe('a batch sent again pair by pair', () => {
	test('Merge of 3 pairs: carried out, its answer lost, the retry refused as a whole, then each pair refused: each says MoEngage may already have merged it', async () => {
		standIn.addFault({ api: 'mergeUsers', kind: 'processedThenDropped', times: 1 });
		// The retry of the batch, then the three pairs sent one by one.
		standIn.addFault({ api: 'mergeUsers', kind: 'status', status: 400, times: 4, body: USER_NOT_FOUND });
		const input = [
			{ old: 'u-100', keep: 'u-1' },
			{ old: 'u-101', keep: 'u-2' },
			{ old: 'u-102', keep: 'u-103' },
		];
		const { items } = await runMoEngage(baseUrl(), mergeUsers(), input, { continueOnFail: true });
		expect(standIn.observed.mergedUsers).toEqual(input.map(({ old, keep }) => ({ merged_user: old, retained_user: keep })));
		expect(standIn.requestsTo('mergeUsers').map((request) => request.status)).toEqual([0, 400, 400, 400, 400]);
		expect(items.map((item) => item.json.error)).toEqual(
			input.map(
				({ old }, index) =>
					`MoEngage may already have merged these users (item ${index} (merged_user "${old}")): an earlier attempt got no answer, and the retry was refused: User not found`,
			),
		);
		expect(items.every((item) => String(item.json.description).includes(' · 1 attempt · '))).toBe(true);
	});

	test('a pair that was not in the lost request is refused plainly', async () => {
		standIn.addFault({ api: 'mergeUsers', kind: 'status', status: 400, times: 1, body: USER_NOT_FOUND });
		const { items } = await runMoEngage(baseUrl(), mergeUsers(), [{ old: 'ghost', keep: 'u-1' }], { continueOnFail: true });
		expect(items[0].json.error).toBe('MoEngage rejected item 0 (merged_user "ghost"): User not found');
	});
});

describe("an item n8n's Retry On Fail sends again", () => {
	test('Delete User: deleted, its answer lost, the retries failed; the next try is refused ("doesn\'t exist"), and says MoEngage may already have deleted the user', async () => {
		standIn.addFault({ api: 'deleteUser', kind: 'processedThenDropped', times: 1 });
		standIn.addFault({ api: 'deleteUser', kind: 'status', status: 503, times: 1, body: { title: 'Service Unavailable', message: 'down' } });
		// As MoEngage answers a Delete for a user it has already deleted (the stand-in keeps deleted users).
		standIn.addFault({ api: 'deleteUser', kind: 'status', status: 400, times: 1, body: { status: 'fail', error: { message: "User doesn't exist", type: 'Not Found' } } });
		const { error } = await runMoEngage(baseUrl(), deleteUser({ maxRetries: 1 }), [{ id: 'u-1' }], {
			nodeSettings: { retryOnFail: true, maxTries: 2, waitBetweenTries: 1 },
		});
		expect(standIn.observed.deletedUsers).toEqual([{ identity_type: 'customer_id', identity_value: 'u-1' }]);
		expect(standIn.requestsTo('deleteUser').map((request) => request.status)).toEqual([0, 503, 400]);
		expect(error?.message).toBe(
			'MoEngage may already have deleted this user (item 0 (customer_id "u-1")): an earlier attempt got no answer, and the retry was refused: User doesn\'t exist',
		);
	});

	test('Create or Update in bulk: the pack carried out, its answer lost, the retries failed; the next try is refused, and says MoEngage may already have updated the users', async () => {
		standIn.addFault({ api: 'bulkImport', kind: 'processedThenDropped', times: 1 });
		standIn.addFault({ api: 'bulkImport', kind: 'status', status: 503, times: 1, body: { title: 'Service Unavailable', message: 'down' } });
		// Whatever MoEngage then refuses the pack with (a scripted refusal).
		standIn.addFault({ api: 'bulkImport', kind: 'status', status: 400, times: 1, body: { status: 'fail', error: { message: 'Duplicate request', type: 'Bad Request' } } });
		const input = [
			{ id: 'u-1', plan: 'gold' },
			{ id: 'u-2', plan: 'silver' },
		];
		const { error } = await runMoEngage(baseUrl(), createOrUpdate({ sendInBulk: true, maxRetries: 1 }), input, {
			nodeSettings: { retryOnFail: true, maxTries: 2, waitBetweenTries: 1 },
		});
		expect(standIn.requestsTo('bulkImport').map((request) => request.status)).toEqual([0, 503, 400]);
		expect(error?.message).toBe(
			'MoEngage may already have updated these users (the request for items 0–1 (bulk request 1)): an earlier attempt got no answer, and the retry was refused: Duplicate request',
		);
	});
});

describe('entries: what a request asks MoEngage to carry out', () => {
	const merge = (pairs: Array<[string, string]>) => ({ merge_data: pairs.map(([merged_user, retained_user]) => ({ merged_user, retained_user })) });
	const members = (action: string, uids: string[]) => ({ action, partner: 'n8n', parameters: { cohort_id: 's1', cohort_name: 'VIP', members: uids.map((uid) => ({ uid })) } });
	const shared = (a: string[], b: string[]) => a.filter((key) => b.includes(key)).length;

	test('a pair, an element or a member is the same entry alone or in another batch', () => {
		expect(shared(entriesOf(ENDPOINTS.mergeUsers, merge([['a', 'b'], ['c', 'd']])), entriesOf(ENDPOINTS.mergeUsers, merge([['c', 'd']])))).toBe(1);
		const element = (id: string) => ({ type: 'customer', customer_id: id, attributes: { plan: 'gold' } });
		const bulk = (ids: string[]) => ({ type: 'transition', elements: ids.map(element) });
		expect(shared(entriesOf(ENDPOINTS.bulkImportUsers, bulk(['u-1', 'u-2', 'u-3'])), entriesOf(ENDPOINTS.bulkImportUsers, bulk(['u-3', 'u-4'])))).toBe(1);
		expect(shared(entriesOf(ENDPOINTS.cohortSync, members('add_members', ['u-1', 'u-2'])), entriesOf(ENDPOINTS.cohortSync, members('add_members', ['u-2'])))).toBe(1);
	});

	test('the rest of the body and the endpoint are part of an entry: removing a member is not adding it', () => {
		expect(shared(entriesOf(ENDPOINTS.cohortSync, members('add_members', ['u-1'])), entriesOf(ENDPOINTS.cohortSync, members('remove_members', ['u-1'])))).toBe(0);
		const body = { identity_type: 'customer_id', identity_value: 'u-1' };
		expect(shared(entriesOf(ENDPOINTS.deleteUser, body), entriesOf(ENDPOINTS.exportUsers, body))).toBe(0);
	});

	test('a one-item endpoint: the whole body is one entry', () => {
		expect(entriesOf(ENDPOINTS.deleteUser, { identity_type: 'customer_id', identity_value: 'u-1' })).toHaveLength(1);
	});
});
