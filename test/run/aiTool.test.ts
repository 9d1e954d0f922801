import { AGENT_NODE_TYPE, ITEMS_NODE_TYPE, MOENGAGE_TOOL_NODE_TYPE, runWorkflow } from '../harness/runWorkflow';
import { credentialsFor, useStandIn } from '../harness/fixtures';

const { standIn, baseUrl } = useStandIn();

/** Items → Agent, with the MoEngage node attached to the agent as a tool, as in n8n's AI Agent. */
async function callTool(toolParameters: Record<string, unknown>, toolArgs: Record<string, unknown>, furtherCalls: Array<Record<string, unknown>> = []) {
	const run = await runWorkflow(
		{
			nodes: [
				{ id: '1', name: 'Items', type: ITEMS_NODE_TYPE, typeVersion: 1, position: [0, 0], parameters: {} },
				{ id: '2', name: 'Agent', type: AGENT_NODE_TYPE, typeVersion: 1, position: [200, 0], parameters: { toolArgs: JSON.stringify(toolArgs), furtherCalls: JSON.stringify(furtherCalls) } },
				{
					id: '3',
					name: 'Get MoEngage user',
					type: MOENGAGE_TOOL_NODE_TYPE,
					typeVersion: 1,
					position: [200, 200],
					parameters: toolParameters as never,
					credentials: { moEngageApi: { id: '1', name: 'MoEngage account' } },
				},
			],
			connections: {
				Items: { main: [[{ node: 'Agent', type: 'main', index: 0 }]] },
				'Get MoEngage user': { ai_tool: [[{ node: 'Agent', type: 'ai_tool', index: 0 }]] },
			},
		},
		[{}],
		credentialsFor(baseUrl()),
	);
	return { ...run, answer: run.output('Agent')[0]?.json };
}

/** Inform → Send Alert as a tool: the OTP alert, the agent giving the user and the number. */
const sendOtpTool = {
	resource: 'inform',
	operation: 'sendAlert',
	identifyAlertBy: 'alert_reference_name',
	alertReferenceName: 'otp',
	customerId: "={{ $fromAI('customer_id', 'The customer ID of the user', 'string') }}",
	channels: { channel: [{ channel: 'SMS', recipient: "={{ $fromAI('phone', 'The mobile number to text', 'string') }}" }] },
};

describe('the node as an AI agent tool', () => {
	test('the tool is described by its operation and takes the $fromAI arguments; the call reaches MoEngage', async () => {
		const { answer, error } = await callTool(
			{
				resource: 'user',
				operation: 'get',
				identifierType: 'customer_id',
				identifier: "={{ $fromAI('customer_id', 'The customer ID of the user to look up', 'string') }}",
				standardAttributes: ['name', 'email'],
			},
			{ customer_id: 'u-1' },
		);
		expect(error).toBeUndefined();
		expect(answer?.name).toBe('Get_MoEngage_user');
		expect(answer?.description).toBe('Get a user in MoEngage');
		expect(answer?.arguments).toEqual(['customer_id']);
		expect(JSON.parse(answer?.result as string)).toEqual([{ customer_id: 'u-1', name: 'Ann Lee', email: 'ann@example.com', found: true }]);
		expect(standIn.requestsTo('exportUsers')).toHaveLength(1);
	});

	test('bad arguments reach the agent as a message naming the field, before any request', async () => {
		const { answer, error } = await callTool(
			{
				resource: 'event',
				operation: 'track',
				customerId: "={{ $fromAI('customer_id', 'The customer ID', 'string') }}",
				eventName: "={{ $fromAI('event_name', 'The event name', 'string') }}",
			},
			{ customer_id: 'u-1', event_name: '' },
		);
		expect(error).toBeUndefined();
		expect(answer?.error).toBe(
			'The "Event Name" field of item 0 is empty\n\nDetails: Enter a value or map one from the input, e.g. {{ $json.id }}',
		);
		expect(standIn.requests).toHaveLength(0);
	});

	test('two calls in one agent run are two actions: the second is sent too', async () => {
		const { answer, error } = await callTool(
			{
				resource: 'event',
				operation: 'track',
				customerId: "={{ $fromAI('customer_id', 'The customer ID', 'string') }}",
				eventName: 'Asked Support',
			},
			{ customer_id: 'u-1' },
			[{ customer_id: 'u-2' }],
		);
		expect(error).toBeUndefined();
		expect(answer?.error).toBeUndefined();
		expect(JSON.parse((answer?.furtherResults as string[])[0])).toEqual([expect.objectContaining({ customer_id: 'u-2' })]);
		expect(standIn.observed.trackedEvents.map((event) => event.customer_id)).toEqual(['u-1', 'u-2']);
	});

	test("Inform → Send Alert as a tool: the agent gives the user, the number and its own transaction ID; the answer says sent, then that MoEngage already had the ID and sent nothing", async () => {
		const parameters = { ...sendOtpTool, options: { transactionId: "={{ $fromAI('transaction_id', 'A unique ID for this message', 'string') }}" } };
		const args = { customer_id: 'u-1', phone: '+15550001', transaction_id: 'otp-1' };
		const { answer, error } = await callTool(parameters, args);
		expect(error).toBeUndefined();
		expect(answer?.description).toBe('Send a transactional alert in MoEngage');
		expect(answer?.arguments).toEqual(['customer_id', 'phone', 'transaction_id']);
		expect(JSON.parse(answer?.result as string)).toEqual([
			expect.objectContaining({ status: 'sent', already_sent: false, alert_reference_name: 'otp', transaction_id: 'otp-1', customer_id: 'u-1' }),
		]);
		// another call is another action: with the agent's own ID, MoEngage's 409 may be another alert's
		const again = await callTool(parameters, args);
		expect(String(again.answer?.error ?? again.answer?.result)).toMatch(/MoEngage already had transaction ID "otp-1" in the last 5 minutes, from another alert or execution: this alert was not sent/);
		expect(standIn.observed.sentAlerts).toHaveLength(1);
	});

	test('Send Alert as a tool without a Transaction ID: two calls in one agent run are two alerts, each with its own transaction ID', async () => {
		const { answer, error } = await callTool(sendOtpTool, { customer_id: 'u-1', phone: '+15550001' }, [{ customer_id: 'u-2', phone: '+15550002' }]);
		expect(error).toBeUndefined();
		expect(JSON.parse((answer?.furtherResults as string[])[0])).toEqual([expect.objectContaining({ status: 'sent', already_sent: false, customer_id: 'u-2' })]);
		expect(standIn.observed.sentAlerts.map((alert) => alert.user_id)).toEqual(['u-1', 'u-2']);
		expect(new Set(standIn.observed.sentAlerts.map((alert) => alert.transaction_id)).size).toBe(2);
	});

	test('Push → Send as a tool: the agent gives the user and the message; MoEngage accepts the signed push', async () => {
		const parameters = {
			resource: 'push',
			operation: 'send',
			campaignName: 'Agent Push',
			identifyBy: 'USER_ATTRIBUTE_UNIQUE_ID',
			user: "={{ $fromAI('customer_id', 'The customer ID of the user', 'string') }}",
			platforms: ['ANDROID'],
			title: 'A note from support',
			message: "={{ $fromAI('message', 'The text of the push', 'string') }}",
		};
		const { answer, error } = await callTool(parameters, { customer_id: 'u-1', message: 'Your refund is on its way' });
		expect(error).toBeUndefined();
		expect(answer?.description).toBe('Send a push notification in MoEngage');
		expect(answer?.arguments).toEqual(['customer_id', 'message']);
		expect(JSON.parse(answer?.result as string)).toEqual([expect.objectContaining({ status: 'accepted', campaign_name: 'Agent Push', user: 'u-1' })]);
		expect(standIn.observed.pushes.map((push) => push.payload.ANDROID)).toEqual([{ title: 'A note from support', message: 'Your refund is on its way' }]);
	});

	test('Segment → Add Users as a tool: a bad customer ID reaches the agent as a message naming the field, before any request', async () => {
		const { answer, error } = await callTool(
			{
				resource: 'segment',
				operation: 'addUsers',
				segmentId: 'vip',
				segmentName: 'VIP',
				customerId: "={{ $fromAI('customer_id', 'The customer ID of the user to add', 'string') }}",
			},
			{ customer_id: 'null' },
		);
		expect(error).toBeUndefined();
		expect(answer?.description).toBe('Add users to a segment in MoEngage');
		expect(String(answer?.error)).toMatch(/^The "Customer ID" field of item 0 is "null", which MoEngage does not accept as a customer ID/);
		expect(standIn.requests).toHaveLength(0);
	});

	test("an agent finds campaigns by name: the tool says what it does, and its answer lists MoEngage's campaigns", async () => {
		const { answer, error } = await callTool(
			{
				resource: 'campaign',
				operation: 'search',
				returnAll: false,
				limit: 5,
				filters: { name: "={{ $fromAI('campaign_name', 'Part of the campaign name to look for', 'string') }}" },
			},
			{ campaign_name: 'newsletter' },
		);
		expect(error).toBeUndefined();
		expect(answer?.description).toBe('Search campaigns in MoEngage');
		expect(answer?.arguments).toEqual(['campaign_name']);
		expect(JSON.parse(answer?.result as string)).toEqual([expect.objectContaining({ channel: 'EMAIL', basic_details: { name: 'Weekly Newsletter', tags: ['newsletter'] } })]);
	});

	test('an agent unsubscribes a user from a category it names; a category MoEngage does not know comes back as its message', async () => {
		const toolParameters = {
			resource: 'user',
			operation: 'updateSubscriptionPreferences',
			subscriberIdType: 'email',
			subscriberId: "={{ $fromAI('email', 'The email address of the user', 'string') }}",
			categories: { category: [{ name: "={{ $fromAI('category', 'The subscription category name, e.g. newsletter', 'string') }}", subscribed: false }] },
		};
		const done = await callTool(toolParameters, { email: 'ann@example.com', category: 'newsletter' });
		expect(done.answer?.description).toBe('Update subscription preferences of a user in MoEngage');
		expect(JSON.parse(done.answer?.result as string)).toEqual([expect.objectContaining({ categories: { newsletter: false }, accepted: true })]);

		const refused = await callTool(toolParameters, { email: 'ann@example.com', category: 'gossip' });
		expect(refused.answer?.error).toMatch(/^MoEngage rejected item 0 \(email "ann@example.com"\): Unknown category name\(s\)/);
	});
});
