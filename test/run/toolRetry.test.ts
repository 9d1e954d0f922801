import type { IDataObject } from 'n8n-workflow';

import { setNodeClock, VirtualClock } from '../harness/clock';
import { credentialsFor, useStandIn } from '../harness/fixtures';
import { AGENT_NODE_TYPE, ITEMS_NODE_TYPE, MOENGAGE_TOOL_NODE_TYPE, runWorkflow } from '../harness/runWorkflow';

/**
 * As an AI agent's tool with n8n's Retry On Fail, n8n-core gives every try of one tool call a new
 * run index and a new context. What must not repeat is still sent once: the tries of one call
 * share its identity (the first try's run index, so the default transaction ID too), and the
 * second try learns what the first may have done.
 */
const { standIn, baseUrl } = useStandIn();
// retries wait on the node's virtual clock
beforeEach(() => setNodeClock(new VirtualClock()));
afterEach(() => setNodeClock());

async function callToolWithRetry(toolParameters: IDataObject, toolArgs: IDataObject) {
	return await runWorkflow(
		{
			nodes: [
				{ id: '1', name: 'Items', type: ITEMS_NODE_TYPE, typeVersion: 1, position: [0, 0], parameters: {} },
				{ id: '2', name: 'Agent', type: AGENT_NODE_TYPE, typeVersion: 1, position: [200, 0], parameters: { toolArgs: JSON.stringify(toolArgs), furtherCalls: '[]' } },
				{
					id: '3',
					name: 'MoEngage tool',
					type: MOENGAGE_TOOL_NODE_TYPE,
					typeVersion: 1.3,
					position: [200, 200],
					parameters: toolParameters as never,
					credentials: { moEngageApi: { id: '1', name: 'MoEngage account' } },
					retryOnFail: true,
					maxTries: 2,
					waitBetweenTries: 0,
				},
			],
			connections: {
				Items: { main: [[{ node: 'Agent', type: 'main', index: 0 }]] },
				'MoEngage tool': { ai_tool: [[{ node: 'Agent', type: 'ai_tool', index: 0 }]] },
			},
		},
		[{}],
		credentialsFor(baseUrl()),
	);
}

const carriedOut = (api: 'sendAlert' | 'triggerBusinessEvent' | 'trackEvent') => standIn.requestsTo(api).filter((request) => (request.processedStatus ?? request.status) === 200);

test('Send Alert: the answer of the first alert is lost; the retry goes under the same transaction ID, MoEngage answers 409, the agent hears "already sent": one alert', async () => {
	standIn.addFault({ api: 'sendAlert', kind: 'processedThenDropped', times: 1 });
	const run = await callToolWithRetry(
		{
			resource: 'inform',
			operation: 'sendAlert',
			identifyAlertBy: 'alert_reference_name',
			alertReferenceName: 'otp',
			customerId: "={{ $fromAI('customer_id', 'The customer ID', 'string') }}",
			channels: { channel: [{ channel: 'SMS', recipient: "={{ $fromAI('phone', 'The mobile number', 'string') }}" }] },
		},
		{ customer_id: 'u-1', phone: '+15550001' },
	);
	expect(standIn.observed.sentAlerts).toHaveLength(1);
	const ids = standIn.requestsTo('sendAlert').map((request) => (request.body as { transaction_id: string }).transaction_id);
	expect(ids.length).toBeGreaterThanOrEqual(2);
	expect(new Set(ids).size).toBe(1);
	expect(JSON.stringify(run.output('Agent')[0]?.json)).toMatch(/already sent/);
});

test('Business Event → Trigger: the answer is lost; the retry is not sent, and the agent hears that it may have fired', async () => {
	standIn.addFault({ api: 'triggerBusinessEvent', kind: 'processedThenDropped', times: 1 });
	const run = await callToolWithRetry(
		{
			resource: 'businessEvent',
			operation: 'trigger',
			businessEventName: "={{ $fromAI('event', 'The business event', 'string') }}",
			businessEventAttributesInput: 'json',
			businessEventAttributesJson: '{"product_id":"p-1","new_price":10}',
		},
		{ event: 'price_drop' },
	);
	expect(carriedOut('triggerBusinessEvent')).toHaveLength(1);
	expect(standIn.requestsTo('triggerBusinessEvent')).toHaveLength(1);
	expect(JSON.stringify(run.output('Agent')[0]?.json)).toMatch(/may (already )?have/i);
});

test('Event → Track: the answer is lost; the event is recorded once', async () => {
	standIn.addFault({ api: 'trackEvent', kind: 'processedThenDropped', times: 1 });
	await callToolWithRetry(
		{
			resource: 'event',
			operation: 'track',
			customerId: "={{ $fromAI('customer_id', 'The customer ID', 'string') }}",
			eventName: 'Asked Support',
		},
		{ customer_id: 'u-1' },
	);
	expect(standIn.observed.trackedEvents.map((event) => event.customer_id)).toEqual(['u-1']);
});

test('two calls of the tool with the same arguments are two actions: two events', async () => {
	const parameters = { resource: 'event', operation: 'track', customerId: "={{ $fromAI('customer_id', 'The customer ID', 'string') }}", eventName: 'Asked Support' };
	await callToolWithRetry(parameters, { customer_id: 'u-1' });
	await callToolWithRetry(parameters, { customer_id: 'u-1' });
	expect(standIn.observed.trackedEvents.map((event) => event.customer_id)).toEqual(['u-1', 'u-1']);
});
