import { runMoEngage, useStandIn } from '../../harness/fixtures';
import { sendAlert } from '../../harness/operations';

/**
 * Send Alert never reports as sent an alert MoEngage did not send: MoEngage sends a transaction ID
 * once in 5 minutes (409 for a repeat "of a previously successful or in-progress request"), and a
 * 200 carries each channel's own status.
 */
const { standIn, baseUrl } = useStandIn();

test('order_shipped and otp for the same order ID: both refused before sending, naming the items that share it', async () => {
	const run = await runMoEngage(
		baseUrl(),
		sendAlert({ transactionId: '={{ $json.order }}' }),
		[
			{ alert: 'order_shipped', id: 'u-1', to: '+15550001', order: 'order-1001' },
			{ alert: 'otp', id: 'u-2', to: '+15550002', order: 'order-1001' },
			{ alert: 'otp', id: 'u-3', to: '+15550003', order: 'order-1002' },
		],
		{ onError: 'continueErrorOutput' },
	);
	expect(run.error).toBeUndefined();
	const errors = run.output('MoEngage', 1);
	expect(errors.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	expect(errors.map((item) => item.json.error)).toEqual([
		'The "Transaction ID" field of item 0 is "order-1001", as for item 1 with another alert or recipient: nothing was sent',
		'The "Transaction ID" field of item 1 is "order-1001", as for item 0 with another alert or recipient: nothing was sent',
	]);
	expect(standIn.observed.sentAlerts.map((alert) => [alert.alert_reference_name, alert.user_id])).toEqual([['otp', 'u-3']]);
});

test('the same alert twice under one ID in a run: the second is "already sent"', async () => {
	const item = { alert: 'otp', id: 'u-1', to: '+15550001', order: 'otp-77' };
	const run = await runMoEngage(baseUrl(), sendAlert({ transactionId: '={{ $json.order }}' }), [item, item], { onError: 'continueErrorOutput' });
	expect(run.items.map((output) => output.json.status)).toEqual(['sent', 'already sent']);
	expect(standIn.observed.sentAlerts).toHaveLength(1);
});

test('an own ID MoEngage already had from another execution: the item fails saying nothing was sent', async () => {
	const item = { alert: 'otp', id: 'u-1', to: '+15550001', order: 'otp-78' };
	await runMoEngage(baseUrl(), sendAlert({ transactionId: '={{ $json.order }}' }), [item], { executionId: '1' });
	const run = await runMoEngage(baseUrl(), sendAlert({ transactionId: '={{ $json.order }}' }), [{ ...item, id: 'u-2', to: '+15550002' }], { onError: 'continueErrorOutput', executionId: '2' });
	expect(run.items).toEqual([]);
	expect(run.output('MoEngage', 1)[0].json.error).toBe('MoEngage already had transaction ID "otp-78" in the last 5 minutes, from another alert or execution: this alert was not sent (item 0)');
	expect(standIn.observed.sentAlerts.map((alert) => alert.user_id)).toEqual(['u-1']);
});

test('a 200 whose SMS channel reports an error goes to the error output, with the channel\'s message', async () => {
	standIn.addFault({
		api: 'sendAlert',
		kind: 'status',
		status: 200,
		times: 1,
		body: { message: 'Successfully Received', request_id: 'r-1', SMS: { message: 'Invalid mobile number', err_code: 'BAD_REQUEST', status_code: 120010 } },
	});
	const run = await runMoEngage(baseUrl(), sendAlert(), [{ id: 'u-1', to: '+1555' }, { id: 'u-2', to: '+15550002' }], { onError: 'continueErrorOutput' });
	const errors = run.output('MoEngage', 1);
	expect(errors.map((item) => item.pairedItem)).toEqual([{ item: 0 }]);
	expect(errors[0].json.error).toBe('MoEngage did not send the alert on one channel: SMS: Invalid mobile number (item 0)');
	expect(run.items.map((item) => item.json.status)).toEqual(['sent']);
});
