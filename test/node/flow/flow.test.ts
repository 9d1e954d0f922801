import { credentialsFor, pairedItems, runMoEngage, useStandIn, WORKSPACE } from '../../harness/fixtures';
import { listSearch } from '../../harness/loadOptions';
import { getFlow, pauseFlow, searchFlows } from '../../harness/operations';
import { flowId } from '../../standin/model/flows';

const { standIn, baseUrl } = useStandIn();

const campaignKey = `Basic ${Buffer.from(`${WORKSPACE.workspaceId}:${WORKSPACE.cardsApiKey}`).toString('base64')}`;
const statusOf = (id: string) => standIn.flows.find((flow) => flow.flow_id === id)?.status;

describe('Flow → Search', () => {
	test('Return All: one item per flow, 100 a request (the cursor brings the next page), with the Campaign key', async () => {
		const { items, error } = await runMoEngage(baseUrl(), { ...searchFlows(), returnAll: true, flowFilters: {} }, [{}]);
		expect(error).toBeUndefined();
		// 25 seeded, one archived.
		expect(items).toHaveLength(24);
		expect(items[0].json).toMatchObject({ flow_id: flowId(0), name: 'Welcome journey', status: 'ACTIVE' });
		expect(pairedItems(items)).toEqual(items.map(() => ({ item: 0 })));
		const requests = standIn.requestsTo('searchFlows');
		expect(requests).toHaveLength(1);
		expect(requests[0].headers.authorization).toBe(campaignKey);
	});

	test('Limit and filters: name and status', async () => {
		const { items } = await runMoEngage(baseUrl(), { ...searchFlows(), limit: 3, flowFilters: { status: ['PAUSED'] } }, [{}]);
		expect(items.map((item) => item.json.status)).toEqual(['PAUSED', 'PAUSED', 'PAUSED']);
		expect(standIn.requestsTo('searchFlows')[0].body).toEqual({ status: ['PAUSED'], limit: 3 });
	});
});

describe('Flow → Get', () => {
	test("a flow's details by ID; an unknown one is MoEngage's 404, an ID that is not one is refused before sending", async () => {
		const { items } = await runMoEngage(baseUrl(), getFlow(), [{ flow: flowId(0) }, { flow: 'ffffffffffffffffffffffff' }, { flow: 'welcome' }], { continueOnFail: true });
		expect(items[0].json).toMatchObject({ flow_id: flowId(0), name: 'Welcome journey', versions: [{ version_no: 1 }] });
		expect(items[1].json.error).toEqual(expect.stringContaining('Flow not found.'));
		expect(items[2].json.error).toEqual(expect.stringContaining('not a flow ID'));
		expect(standIn.requestsTo('getFlow').map((request) => [request.method, request.path, request.rawBody])).toEqual([
			['GET', `/v5/flows/${flowId(0)}`, ''],
			['GET', '/v5/flows/ffffffffffffffffffffffff', ''],
		]);
	});
});

describe('Flow → Get: Simplify', () => {
	test('version 1.4 (on by default): ten fields, without versions; version 1.3 and Simplify off: the whole flow', async () => {
		const simplified = await runMoEngage(baseUrl(), getFlow(), [{ flow: flowId(0) }], { typeVersion: 1.4 });
		expect(simplified.items[0].json).toEqual({ flow_id: flowId(0), name: 'Welcome journey', status: 'ACTIVE', archived: false, delivery_type: 'EVENT_TRIGGERED', tags: ['onboarding'] });
		for (const [typeVersion, options] of [[1.3, {}], [1.4, { simplify: false }]] as const) {
			const { items } = await runMoEngage(baseUrl(), { ...getFlow(), ...options }, [{ flow: flowId(0) }], { typeVersion });
			expect(items[0].json).toMatchObject({ flow_id: flowId(0), versions: [{ version_no: 1 }] });
		}
	});
});

describe('Flow → Change Status', () => {
	test('pauses, then resumes a flow, each with an Idempotency-Key and the email that made the change', async () => {
		const paused = await runMoEngage(baseUrl(), pauseFlow(), [{ flow: flowId(0) }]);
		expect(paused.items[0].json).toMatchObject({ flow_id: flowId(0), status: 'PAUSED', action: 'pause', updated_by: 'ann@example.com' });
		expect(statusOf(flowId(0))).toBe('PAUSED');
		await runMoEngage(baseUrl(), pauseFlow(), [{ flow: flowId(0), action: 'resume' }]);
		expect(statusOf(flowId(0))).toBe('ACTIVE');
		const [first] = standIn.requestsTo('changeFlowStatus');
		expect([first.method, first.path, first.body]).toEqual(['PATCH', `/v5/flows/${flowId(0)}/status`, { action: 'pause', updated_by: 'ann@example.com' }]);
		expect(String(first.headers['idempotency-key'])).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
	});

	test("a change the flow's status does not allow fails its item with MoEngage's 409; no email is refused before sending", async () => {
		const { items } = await runMoEngage(baseUrl(), pauseFlow(), [{ flow: flowId(3) }, { flow: flowId(0) }], { continueOnFail: true });
		expect(items[0].json.error).toEqual(expect.stringContaining('Cannot pause a flow that is stopped.'));
		expect(items[1].json.status).toBe('PAUSED');
		const noEmail = await runMoEngage(baseUrl(), { ...pauseFlow(), updatedBy: 'ann' }, [{ flow: flowId(2) }], { continueOnFail: true });
		expect(noEmail.items[0].json.error).toEqual(expect.stringContaining('not an email address'));
		expect(standIn.requestsTo('changeFlowStatus')).toHaveLength(2);
	});

	test('the flow picker lists flows by name and status, 20 a page, by cursor', async () => {
		const first = await listSearch(credentialsFor(baseUrl()), 'searchFlows', { resource: 'flow', operation: 'get' });
		expect(first.results).toHaveLength(20);
		expect(first.results[0]).toEqual({ name: 'Welcome journey · ACTIVE', value: flowId(0) });
		const second = await listSearch(credentialsFor(baseUrl()), 'searchFlows', { resource: 'flow', operation: 'get' }, undefined, first.paginationToken as string);
		expect(second.results).toHaveLength(4);
		expect(second.paginationToken).toBeUndefined();
		const named = await listSearch(credentialsFor(baseUrl()), 'searchFlows', {}, 'welcome');
		expect(named.results.map((result) => result.value)).toEqual([flowId(0)]);
	});
});
