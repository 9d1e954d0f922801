/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- runs on a developer's machine or in CI, never inside n8n */
import { join } from 'node:path';

import { manyUsers, pairedItems, runMoEngage, runWorkflowFile, useStandIn, WORKSPACE, ANN, BOB } from '../../harness/fixtures';

const { standIn, baseUrl } = useStandIn({ users: [ANN, BOB, ...manyUsers(120)] });

const merge = (parameters: Record<string, unknown> = {}) => ({
	resource: 'user',
	operation: 'merge',
	mergedUser: '={{ $json.old }}',
	retainedUser: '={{ $json.keep }}',
	...parameters,
});

/** Pairs u-100 → u-101, u-102 → u-103, … */
const pairs = (count: number, from = 100) =>
	Array.from({ length: count }, (_, i) => ({ old: `u-${from + 2 * i}`, keep: `u-${from + 2 * i + 1}` }));

const sentPairs = () => standIn.requestsTo('mergeUsers').map((request) => (request.body as { merge_data: unknown[] }).merge_data);

describe('User → Merge', () => {
	test('merge.workflow.json: the pair is sent with the workspace ID and the Data key', async () => {
		const { items, expected, error } = await runWorkflowFile(join(__dirname, 'merge.workflow.json'), baseUrl());
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json)).toEqual(expected);
		expect(pairedItems(items)).toEqual([{ item: 0 }]);

		const [request] = standIn.requests;
		expect([request.method, request.path, request.query]).toEqual(['POST', '/v1/customer/merge', { app_id: WORKSPACE.workspaceId }]);
		expect(request.headers.authorization).toBe(`Basic ${Buffer.from(`${WORKSPACE.workspaceId}:${WORKSPACE.dataApiKey}`).toString('base64')}`);
		expect(request.body).toEqual({ merge_data: [{ merged_user: 'u-2', retained_user: 'u-1' }] });
		expect(standIn.userWith('u-2')).toBeUndefined();
		expect(standIn.userWith('u-1')?.attributes.plan).toBe('gold');
	});

	test('60 pairs go in two requests (50 + 10); each item gets its own pair back, in input order', async () => {
		const input = pairs(60);
		// Unpaced: at MoEngage's 1,000 users a minute the second batch would wait 3 s.
		const { items } = await runMoEngage(baseUrl(), merge({ options: { ratePerMinute: 0 } }), input);
		expect(sentPairs().map((batch) => batch.length)).toEqual([50, 10]);
		expect(items.map((item) => [item.json.merged_user, item.json.retained_user])).toEqual(input.map(({ old, keep }) => [old, keep]));
		expect(items.every((item) => item.json.status === 'accepted')).toBe(true);
		expect(pairedItems(items)).toEqual(input.map((_, item) => ({ item })));
		expect(standIn.observed.mergedUsers).toHaveLength(60);
	});

	test('an unknown user is skipped by MoEngage with a 200, as documented: the pair is "accepted", nothing merged', async () => {
		const input = [...pairs(1), { old: 'ghost', keep: 'u-1' }];
		const { items } = await runMoEngage(baseUrl(), merge(), input);
		expect(items.map((item) => item.json.status)).toEqual(['accepted', 'accepted']);
		expect(standIn.observed.mergedUsers.map(({ merged_user }) => merged_user)).toEqual(['u-100']);
	});

	// MoEngage answers 400 for a request it cannot read (e.g. MissingAttributeError); the node
	// then sends the batch's pairs one by one, so one bad pair cannot fail the others.
	const rejected = { status: 'fail', error: { attribute: 'merged_user', message: 'merged_user is expected to be String or Unicode String.', type: 'MissingAttributeError', request_id: 'r1' } };

	test('a batch MoEngage rejects is resent pair by pair, so only the bad pair fails (Continue On Fail)', async () => {
		standIn.addFault({ api: 'mergeUsers', kind: 'status', status: 400, body: rejected, times: 2 });
		const input = pairs(3);
		const { items } = await runMoEngage(baseUrl(), merge(), input, { continueOnFail: true });
		expect(items.map((item) => item.json.error ?? item.json.status)).toEqual([
			'MoEngage rejected item 0 (merged_user "u-100"): merged_user is expected to be String or Unicode String.',
			'accepted',
			'accepted',
		]);
		expect(items[0].json.httpCode).toBe('400');
		expect(pairedItems(items)).toEqual(input.map((_, item) => ({ item })));
		expect(sentPairs().map((batch) => batch.length)).toEqual([3, 1, 1, 1]);
		expect(standIn.observed.mergedUsers.map(({ merged_user }) => merged_user)).toEqual(['u-102', 'u-104']);
	});

	test('without Continue On Fail the bad pair stops the run, naming its item; the pairs after it are not sent', async () => {
		standIn.addFault({ api: 'mergeUsers', kind: 'status', status: 400, body: rejected, times: 2 });
		const { error } = await runMoEngage(baseUrl(), merge(), pairs(3));
		expect(error?.message).toBe('MoEngage rejected item 0 (merged_user "u-100"): merged_user is expected to be String or Unicode String.');
		expect(error?.context?.itemIndex).toBe(0);
		expect(error?.description).toMatch(/ · not sent: items 1–2$/);
		expect(sentPairs().map((batch) => batch.length)).toEqual([3, 1]);
	});

	test('a server error is not split: the whole batch fails after its retries', async () => {
		standIn.addFault({ api: 'mergeUsers', kind: 'status', status: 500, body: { title: 'Internal Server Error', message: 'boom' } });
		const { items } = await runMoEngage(baseUrl(), merge({ options: { maxRetries: 1, maxWaitSeconds: 0 } }), pairs(3), { continueOnFail: true });
		expect(items.map((item) => item.json.error)).toEqual(Array(3).fill('MoEngage failed on its side for the request for items 0–2: Internal Server Error: boom'));
		expect(sentPairs().map((batch) => batch.length)).toEqual([3, 3]);
	});

	test.each([
		[{ old: 'u-1', keep: 'u-1' }, 'The "Customer ID to Keep" field of item 0 is the same user as the merged one ("u-1")'],
		[{ old: '', keep: 'u-1' }, 'The "Customer ID to Merge (Old)" field of item 0 is empty'],
		[{ old: 'u-1', keep: ['u-2'] }, 'The "Customer ID to Keep" field of item 0 must be text, but it is a list'],
	])('bad pair %j is rejected before any request', async (item, message) => {
		const { error } = await runMoEngage(baseUrl(), merge(), [item]);
		expect(error?.message).toBe(message);
		expect(standIn.requests).toHaveLength(0);
	});
});
