import { readMoEngageError, reportsFailure } from '../../../nodes/MoEngage/transport/errors';
import { runMoEngage, useStandIn } from '../../harness/fixtures';

describe("reading MoEngage's three error bodies", () => {
	test('user APIs: {status: "fail", error: {...}}', () => {
		const body = { status: 'fail', error: { message: 'Limit breached', type: 'LimitBreached', request_id: 'r1', attribute: 'identifiers' } };
		expect(readMoEngageError(body, 400)).toEqual({ message: 'Limit breached', type: 'LimitBreached', attribute: 'identifiers', requestId: 'r1' });
	});

	test('gateway: {title, description, code} and 5xx {title, message}', () => {
		expect(readMoEngageError({ title: 'Request limit reached', description: 'This API call has exceeded the rate limit', code: 'K1' }, 429)).toEqual({
			message: 'Request limit reached: This API call has exceeded the rate limit',
			code: 'K1',
			requestId: undefined,
		});
		expect(readMoEngageError({ title: 'Internal Server Error', message: 'Please contact MoEngage Team' }, 500).message).toBe(
			'Internal Server Error: Please contact MoEngage Team',
		);
	});

	test('Cards: {status: false, error: "...", request_id}', () => {
		expect(readMoEngageError({ status: false, error: 'User not found for this uid/ unique_id', request_id: 'r9' }, 400)).toEqual({
			message: 'User not found for this uid/ unique_id',
			requestId: 'r9',
		});
		expect(reportsFailure({ status: false })).toBe(true);
		expect(reportsFailure({ status: 'fail' })).toBe(true);
		expect(reportsFailure({ status: true })).toBe(false);
		expect(reportsFailure({ status: 'success' })).toBe(false);
	});

	test('anything else: a short text body, or the HTTP status', () => {
		expect(readMoEngageError('Bad Gateway', 502).message).toBe('Bad Gateway');
		expect(readMoEngageError('<html>'.repeat(100), 502).message).toBe('HTTP 502');
		expect(readMoEngageError('<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>Bad</h1></body></html>', 502).message).toBe('HTTP 502 (502 Bad Gateway)');
		expect(readMoEngageError(undefined, 503).message).toBe('HTTP 503');
	});
});

describe('errors through the engine', () => {
	const { standIn, baseUrl } = useStandIn();
	// No retries: these tests look at how each failure is reported (retries are tested apart).
	const deleteUser = { resource: 'user', operation: 'delete', identityType: 'customer_id', identityValue: 'u-1', options: { maxRetries: 0 } };

	test('401 with a wrong key: the Data APIs\' body', async () => {
		const { error } = await runMoEngage(baseUrl(), deleteUser, [{}], { credentials: { dataApiKey: 'wrong' } });
		expect(error?.message).toBe('MoEngage rejected item 0 (customer_id "u-1"): App Secret key mismatch. Please login to the dashboard to verify key');
		expect(error?.description).toMatch(
			/^HTTP 401 · type Authentication required · request_id \w+ · 1 attempt · sent with the Data API Key · Check the credential's Workspace ID and Data API Key$/,
		);
		expect(error?.context?.itemIndex).toBe(0);
	});

	test.each([
		[429, { title: 'Request limit reached', description: 'This API call has exceeded the rate limit', code: 'KMxkunyz' }, "MoEngage's rate limit was still reached for item 0 (customer_id \"u-1\") after 1 attempt: Request limit reached: This API call has exceeded the rate limit"],
		[500, { title: 'Internal Server Error', message: 'An unexpected error was encountered while processing this request. Please contact MoEngage Team' }, 'MoEngage failed on its side for item 0 (customer_id "u-1"): Internal Server Error: An unexpected error was encountered while processing this request. Please contact MoEngage Team'],
		[413, { title: 'Request Entity Too Large', description: 'The request body exceeds 128 KB' }, 'MoEngage rejected item 0 (customer_id "u-1"): Request Entity Too Large: The request body exceeds 128 KB'],
	])('HTTP %i answers become item errors with MoEngage\'s text', async (status, body, message) => {
		standIn.addFault({ kind: 'status', status, body, times: 1 });
		const { items } = await runMoEngage(baseUrl(), deleteUser, [{}, {}], { continueOnFail: true });
		expect(items[0].json).toMatchObject({ error: message, httpCode: String(status) });
		expect(items[1].json.status).toBe('success');
	});

	test('a 200 whose body is not JSON is an error, not an empty success', async () => {
		standIn.addFault({ kind: 'malformed', times: 1 });
		const { error } = await runMoEngage(baseUrl(), deleteUser, [{}]);
		expect(error?.message).toBe('MoEngage answered item 0 (customer_id "u-1") with a body that is not a JSON object');
		expect(error?.description).toMatch(/^HTTP 200/);
	});

	test('a connection reset is reported as such, naming the item', async () => {
		standIn.addFault({ kind: 'reset', times: 1 });
		const { error } = await runMoEngage(baseUrl(), deleteUser, [{}]);
		expect(error?.message).toBe('The connection to MoEngage dropped before it answered item 0 (customer_id "u-1")');
		expect(error?.description).toBe('ECONNRESET · 1 attempt');
		expect(error?.context?.itemIndex).toBe(0);
	});
});
