import { CUSTOM_CALL_NODE_TYPE, ITEMS_NODE_TYPE, MOENGAGE_NODE_TYPE, runWorkflow } from '../harness/runWorkflow';
import { credentialsFor, runMoEngage, useStandIn, WORKSPACE } from '../harness/fixtures';

const { standIn, baseUrl } = useStandIn();

const basicAuth = (key: string) => `Basic ${Buffer.from(`${WORKSPACE.workspaceId}:${key}`).toString('base64')}`;

/** Items → a node that calls `url` with the MoEngage credential (as the HTTP Request node does). */
async function customCall(parameters: Record<string, unknown>) {
	const run = await runWorkflow(
		{
			nodes: [
				{ id: '1', name: 'Items', type: ITEMS_NODE_TYPE, typeVersion: 1, position: [0, 0], parameters: {} },
				{
					id: '2',
					name: 'Call',
					type: CUSTOM_CALL_NODE_TYPE,
					typeVersion: 1,
					position: [200, 0],
					parameters: parameters as never,
					credentials: { moEngageApi: { id: '1', name: 'MoEngage account' } },
				},
			],
			connections: { Items: { main: [[{ node: 'Call', type: 'main', index: 0 }]] } },
		},
		[{}],
		credentialsFor(baseUrl()),
	);
	return { ...run, items: run.output('Call') };
}

describe('custom API calls with the MoEngage credential', () => {
	test('HTTP Request style (request options with `uri`): a Cards URL gets the Cards key and MOE-APPKEY', async () => {
		const { items, error } = await customCall({ url: `${baseUrl()}/v1/cards/fetch`, body: JSON.stringify({ uid: 'ann@example.com' }) });
		expect(error).toBeUndefined();
		expect(items[0].json.status).toBe(true);
		const [request] = standIn.requests;
		expect(request.headers.authorization).toBe(basicAuth(WORKSPACE.cardsApiKey));
		expect(request.headers['moe-appkey']).toBe(WORKSPACE.workspaceId);
	});

	test('HTTP Request style: a user API URL gets the Data key', async () => {
		const { items, error } = await customCall({
			url: `${baseUrl()}/v1/customer/merge?app_id=${WORKSPACE.workspaceId}`,
			body: JSON.stringify({ merge_data: [{ merged_user: 'u-2', retained_user: 'u-1' }] }),
		});
		expect(error).toBeUndefined();
		expect(items[0].json).toEqual({ status: 'success', operation: 'created' });
		expect(standIn.requests[0].headers.authorization).toBe(basicAuth(WORKSPACE.dataApiKey));
	});

	test("a bare path goes to the credential's base URL (the data center's host, or the custom URL)", async () => {
		const { items, error } = await customCall({
			helper: 'httpRequestWithAuthentication',
			url: `/v1/event/${WORKSPACE.workspaceId}?app_id=${WORKSPACE.workspaceId}`,
			body: JSON.stringify({ type: 'event', customer_id: 'u-1', actions: [{ action: 'Called' }] }),
		});
		expect(error).toBeUndefined();
		expect(items[0].json.status).toBe('success');
		expect(standIn.observed.trackedEvents).toEqual([{ customer_id: 'u-1', action: { action: 'Called' } }]);
	});

	test.each([
		[{ resource: '__CUSTOM_API_CALL__' }],
		[{ resource: 'user', operation: '__CUSTOM_API_CALL__' }],
	])('choosing "Custom API Call" in the MoEngage node (%j) says how to make one', async (parameters) => {
		const { error } = await runMoEngage(baseUrl(), parameters, [{}]);
		expect(error?.message).toBe('For a custom API call, use the HTTP Request node with the MoEngage credential');
		expect(error?.description).toContain('"Predefined Credential Type"');
		expect(standIn.requests).toHaveLength(0);
		expect(MOENGAGE_NODE_TYPE).toBe('n8n-nodes-moengage.moEngage');
	});
});
