/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- runs on a developer's machine or in CI, never inside n8n */
import { join } from 'node:path';

import { pairedItems, runMoEngage, runWorkflowFile, useStandIn, WORKSPACE } from '../../harness/fixtures';

const { standIn, baseUrl } = useStandIn();

const deleteUser = (parameters: Record<string, unknown> = {}) => ({
	resource: 'user',
	operation: 'delete',
	identityType: 'customer_id',
	identityValue: '={{ $json.id }}',
	...parameters,
});

describe('User → Delete', () => {
	test('delete.workflow.json: one request per user, with X-Forwarded-For', async () => {
		const { items, expected, error } = await runWorkflowFile(join(__dirname, 'delete.workflow.json'), baseUrl());
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json)).toEqual(expected);
		expect(pairedItems(items)).toEqual([{ item: 0 }, { item: 1 }]);

		expect(standIn.requests.map((request) => [request.method, request.path, request.query, request.body])).toEqual([
			['POST', '/v1/customer/delete', { app_id: WORKSPACE.workspaceId }, { identity_type: 'customer_id', identity_value: 'u-1' }],
			['POST', '/v1/customer/delete', { app_id: WORKSPACE.workspaceId }, { identity_type: 'customer_id', identity_value: 'u-2' }],
		]);
		expect(standIn.requests.every((request) => request.headers['x-forwarded-for'] === '203.0.113.195')).toBe(true);
		expect(standIn.observed.deletedUsers).toHaveLength(2);
	});

	test('by MoEngage ID, without X-Forwarded-For', async () => {
		const { items } = await runMoEngage(baseUrl(), deleteUser({ identityType: 'moengage_id' }), [{ id: 'moe-0002' }]);
		expect(items[0].json).toMatchObject({ status: 'success', identity_type: 'moengage_id', identity_value: 'moe-0002' });
		expect(standIn.requests[0].headers['x-forwarded-for']).toBeUndefined();
	});

	test("MoEngage's 400 for an unknown user stops the run with its message and the item", async () => {
		const { error } = await runMoEngage(baseUrl(), deleteUser({ options: { concurrency: 1 } }), [{ id: 'u-1' }, { id: 'ghost' }, { id: 'u-2' }]);
		expect(error?.message).toBe("MoEngage rejected item 1 (customer_id \"ghost\"): User doesn't exists with customer id ghost");
		expect(error?.description).toMatch(
			/^HTTP 400 · type Not Found · request_id \w+ · 1 attempt · sent with the Data API Key · MoEngage had already accepted item 0 \(running the node again sends them again\); not sent: item 2$/,
		);
		expect(error?.context?.itemIndex).toBe(1);
		// One at a time: items after the failing one are not sent once the run stops.
		expect(standIn.requests).toHaveLength(2);
	});

	test('with Continue On Fail, the unknown user is an error item and the rest are deleted', async () => {
		const { items } = await runMoEngage(baseUrl(), deleteUser(), [{ id: 'u-1' }, { id: 'ghost' }, { id: 'u-2' }], {
			continueOnFail: true,
		});
		expect(items.map((item) => item.json.error ?? item.json.status)).toEqual(['success', "MoEngage rejected item 1 (customer_id \"ghost\"): User doesn't exists with customer id ghost", 'success']);
		expect(items[1].json.httpCode).toBe('400');
		expect(pairedItems(items)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});

	test('an X-Forwarded-For that is not IP addresses is rejected before any request', async () => {
		const { error } = await runMoEngage(baseUrl(), deleteUser({ options: { forwardedFor: '1.2.3.4\r\nX-Evil: 1' } }), [{ id: 'u-1' }]);
		expect(error?.message).toBe('The "X-Forwarded-For" field of item 0 must be IP addresses separated by commas');
		expect(standIn.requests).toHaveLength(0);
	});
});
