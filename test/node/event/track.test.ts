/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- runs on a developer's machine or in CI, never inside n8n */
import { join } from 'node:path';

import { pairedItems, runMoEngage, runWorkflowFile, useStandIn, WORKSPACE } from '../../harness/fixtures';

const { standIn, baseUrl } = useStandIn();

const track = (parameters: Record<string, unknown> = {}) => ({
	resource: 'event',
	operation: 'track',
	customerId: '={{ $json.id }}',
	eventName: 'Plan Upgraded',
	...parameters,
});

describe('Event → Track', () => {
	test('track.workflow.json: the event goes to /v1/event/{workspace} with its attributes and time', async () => {
		const { items, expected, error } = await runWorkflowFile(join(__dirname, 'track.workflow.json'), baseUrl());
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json)).toEqual(expected);
		expect(pairedItems(items)).toEqual([{ item: 0 }]);

		const [request] = standIn.requests;
		expect([request.method, request.path, request.query]).toEqual(['POST', `/v1/event/${WORKSPACE.workspaceId}`, { app_id: WORKSPACE.workspaceId }]);
		expect(request.headers.authorization).toBe(`Basic ${Buffer.from(`${WORKSPACE.workspaceId}:${WORKSPACE.dataApiKey}`).toString('base64')}`);
		expect(request.body).toEqual({
			type: 'event',
			customer_id: 'u-1',
			actions: [
				{
					action: 'Order Placed',
					attributes: { order_id: 'o-77', amount: 49.5, express: true },
					platform: 'web',
					current_time: '2026-11-20T09:30:00Z',
					user_timezone_offset: 19800,
				},
			],
		});
		expect(standIn.observed.trackedEvents).toEqual([{ customer_id: 'u-1', action: (request.body as { actions: unknown[] }).actions[0] }]);
	});

	test('attributes as rows, no options: only the event and its attributes are sent', async () => {
		await runMoEngage(baseUrl(), track({ eventAttributes: { attribute: [{ name: 'from', value: 'silver' }, { name: 'to', value: '={{ $json.plan }}' }] } }), [
			{ id: 'u-2', plan: 'gold' },
		]);
		expect(standIn.requests[0].body).toEqual({
			type: 'event',
			customer_id: 'u-2',
			actions: [{ action: 'Plan Upgraded', attributes: { from: 'silver', to: 'gold' } }],
		});
	});

	test('event attribute rows named "constructor" or "toString" are sent as attributes', async () => {
		const { error } = await runMoEngage(baseUrl(), track({ eventAttributes: { attribute: [{ name: 'constructor', value: 'a' }, { name: 'toString', value: 'b' }] } }), [{ id: 'u-2' }]);
		expect(error).toBeUndefined();
		expect((standIn.requests[0].body as { actions: Array<{ attributes: unknown }> }).actions[0].attributes).toEqual({ constructor: 'a', toString: 'b' });
		expect(standIn.observed.trackedEvents).toHaveLength(1);
	});

	test('a time from a Luxon expression is sent as ISO 8601', async () => {
		await runMoEngage(baseUrl(), track({ options: { eventTime: '={{ DateTime.fromISO("2026-01-02T03:04:05Z", { zone: "utc" }) }}' } }), [{ id: 'u-1' }]);
		const [action] = (standIn.requests[0].body as { actions: Array<{ current_time: string }> }).actions;
		expect(new Date(action.current_time).toISOString()).toBe('2026-01-02T03:04:05.000Z');
	});

	test('a 5xx is not retried: MoEngage may have recorded the event, and a retry would record it twice', async () => {
		standIn.addFault({ api: 'trackEvent', kind: 'status', status: 502, times: 1, body: { title: 'Bad Gateway', message: 'upstream' } });
		const { items } = await runMoEngage(baseUrl(), track(), [{ id: 'u-1' }], { continueOnFail: true });
		expect(items[0].json.error).toBe('MoEngage failed on its side for item 0 (customer_id "u-1"): Bad Gateway: upstream');
		expect(items[0].json.description).toContain('MoEngage may have recorded this event anyway: check before running it again');
		expect(standIn.requests).toHaveLength(1);
	});

	test('a 429 is retried: MoEngage did not process it', async () => {
		standIn.addFault({ api: 'trackEvent', kind: 'status', status: 429, times: 1, resetInMs: 50, body: { title: 'Request limit reached', description: 'slow down' } });
		const { items } = await runMoEngage(baseUrl(), track(), [{ id: 'u-1' }]);
		expect(items[0].json.status).toBe('success');
		expect(standIn.requests.map((request) => request.status)).toEqual([429, 200]);
		expect(standIn.observed.trackedEvents).toHaveLength(1);
	});

	test.each([
		[{ eventName: '={{ "" }}' }, 'The "Event Name" field of item 0 is empty'],
		[{ customerId: '={{ null }}' }, 'The "Customer ID" field of item 0 is empty'],
		[{ options: { platform: '={{ "blackberry" }}' } }, 'The "Platform" field of item 0 has an unknown value "blackberry"'],
		[{ options: { eventTime: 'yesterday-ish' } }, 'The "Event Time" field of item 0 is not a date: "yesterday-ish"'],
		[{ options: { userTimezoneOffset: 90000 } }, 'The "User Time Zone Offset (Seconds)" field of item 0 must be whole seconds from -54000 to 54000'],
		[{ eventAttributesInput: 'json', eventAttributesJson: '{"moe_x": 1}' }, 'The "Event Attributes (JSON)" field of item 0 has the attribute "moe_x", but names starting with "moe_" are reserved by MoEngage'],
		[{ options: { forwardedFor: 'example.com' } }, 'The "X-Forwarded-For" field of item 0 must be IP addresses separated by commas'],
	])('bad input %j is rejected before any request', async (parameters, message) => {
		const { error } = await runMoEngage(baseUrl(), track(parameters), [{ id: 'u-1' }]);
		expect(error?.message).toBe(message);
		expect(error?.context?.itemIndex).toBe(0);
		expect(standIn.requests).toHaveLength(0);
	});
});
