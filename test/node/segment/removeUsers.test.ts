/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- runs on a developer's machine or in CI, never inside n8n */
import { join } from 'node:path';

import { ANN, BOB, pairedItems, runMoEngage, runWorkflowFile, useStandIn } from '../../harness/fixtures';
import { addUsersToSegment, removeUsersFromSegment } from '../../harness/operations';

const { standIn, baseUrl } = useStandIn({ users: [ANN, BOB] });

const members = (cohortId: string) => [...(standIn.cohorts.get(cohortId)?.members ?? [])].sort();

describe('Segment → Remove Users', () => {
	test('removeUsers.workflow.json: both users leave the segment in one request', async () => {
		await runMoEngage(baseUrl(), addUsersToSegment(), [{ id: 'u-1', segment: 'crm-vip' }, { id: 'u-2', segment: 'crm-vip' }]);
		expect(members('crm-vip')).toEqual(['u-1', 'u-2']);
		const before = standIn.requests.length;

		const { items, expected, error } = await runWorkflowFile(join(__dirname, 'removeUsers.workflow.json'), baseUrl());
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json)).toEqual(expected);
		expect(pairedItems(items)).toEqual([{ item: 0 }, { item: 1 }]);
		const removals = standIn.requests.slice(before);
		expect(removals.map((request) => (request.body as { action: string }).action)).toEqual(['remove_members']);
		expect(members('crm-vip')).toEqual([]);
	});

	test('removing is safe to repeat: a 5xx is retried and the users are out once', async () => {
		await runMoEngage(baseUrl(), addUsersToSegment(), [{ id: 'u-1', segment: 'vip' }]);
		standIn.addFault({ api: 'cohortSync', kind: 'status', status: 500, times: 1, body: { status: 'fail', error: { message: 'An unexpected error was encountered', type: 'Server Error' } } });
		const { items, error } = await runMoEngage(baseUrl(), removeUsersFromSegment({ maxWaitSeconds: 0 }), [{ id: 'u-1', segment: 'vip' }]);
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ status: 'accepted', action: 'remove_members', customer_id: 'u-1' });
		expect(members('vip')).toEqual([]);
	});
});
