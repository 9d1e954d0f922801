import { ManualClock, setNodeClock } from '../../harness/clock';
import { ANN, BOB, pairedItems, runMoEngage, useStandIn, WORKSPACE } from '../../harness/fixtures';

// Two users share an email address.
const SHARED = [
	{ customer_id: 'u-3', id: 'moe-0003', attributes: { email: 'shared@example.com' } },
	{ customer_id: 'u-4', id: 'moe-0004', attributes: { email: 'shared@example.com' } },
];
const { standIn, baseUrl } = useStandIn({ users: [ANN, BOB, ...SHARED] });

const eraseUser = (parameters: Record<string, unknown> = {}) => ({
	resource: 'user',
	operation: 'erase',
	eraseBy: 'email',
	eraseValue: '={{ $json.value }}',
	...parameters,
});

describe('User → Erase (GDPR Request)', () => {
	afterEach(() => setNodeClock());

	test('one GDPR erasure request per item, by email, and the output carries MoEngage\'s request ID', async () => {
		setNodeClock(new ManualClock(Date.parse('2026-03-01T09:30:15.250Z')));
		const { items, error } = await runMoEngage(baseUrl(), eraseUser(), [{ value: 'ann@example.com' }, { value: 'nobody@example.com' }]);
		expect(error).toBeUndefined();
		expect(standIn.requests.map((request) => [request.method, request.path, request.query, request.body])).toEqual([
			[
				'POST',
				`/v1/opengdpr_requests/${WORKSPACE.workspaceId}`,
				{},
				{ request_type: 'erasure', submitted_time: '2026-03-01T09:30:15Z', identities: [{ identity_type: 'email', identity_value: 'ann@example.com' }], api_version: '1.0' },
			],
			[
				'POST',
				`/v1/opengdpr_requests/${WORKSPACE.workspaceId}`,
				{},
				{ request_type: 'erasure', submitted_time: '2026-03-01T09:30:15Z', identities: [{ identity_type: 'email', identity_value: 'nobody@example.com' }], api_version: '1.0' },
			],
		]);
		// Sent with the Data API Key.
		const basic = Buffer.from(`${WORKSPACE.workspaceId}:${WORKSPACE.dataApiKey}`).toString('base64');
		expect(standIn.requests.every((request) => request.headers.authorization === `Basic ${basic}`)).toBe(true);
		const [ann, nobody] = standIn.observed.erasures;
		expect(ann.erased).toEqual(['u-1']);
		// MoEngage accepts an identity it does not have: nothing to erase, still a request ID.
		expect(nobody.erased).toEqual([]);
		expect(items.map((item) => item.json)).toEqual([
			{
				status: 'success',
				message: 'Your request has been accepted and will be processed soon.',
				request_id: ann.request_id,
				identity_type: 'email',
				identity_value: 'ann@example.com',
				submitted_time: '2026-03-01T09:30:15Z',
			},
			expect.objectContaining({ request_id: nobody.request_id, identity_value: 'nobody@example.com' }),
		]);
		expect(pairedItems(items)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	test.each([
		['mobile', '+15550001', 'mobile', ['u-1']],
		['customer ID', 'u-2', 'ID', ['u-2']],
		['iOS advertising ID', 'ABCD-1234', 'advertising_identifier', []],
		['Android advertising ID', 'gaid-1', 'google_advertising_id', []],
		['secondary ID', 'sec-1', 'user_secondary_id', []],
	])('by %s', async (_name, value, eraseBy, erased) => {
		const { items } = await runMoEngage(baseUrl(), eraseUser({ eraseBy }), [{ value }]);
		expect(standIn.observed.erasures).toEqual([expect.objectContaining({ identity_type: eraseBy, identity_value: value, erased })]);
		expect(items[0].json).toMatchObject({ status: 'success', identity_type: eraseBy, identity_value: value });
	});

	test('an email shared by several users: one request, and MoEngage erases all of them', async () => {
		await runMoEngage(baseUrl(), eraseUser(), [{ value: 'shared@example.com' }]);
		expect(standIn.requests).toHaveLength(1);
		expect(standIn.observed.erasures[0].erased).toEqual(['u-3', 'u-4']);
	});

	test.each([
		['email', 'jane.example.com', 'The "Identity Value" field of item 1 is "jane.example.com", which is not an email address'],
		['mobile', 'call me', 'The "Identity Value" field of item 1 is "call me", which is not a mobile number'],
		['ID', 'guest', 'The "Identity Value" field of item 1 is "guest", which MoEngage does not accept as a customer ID'],
		['email', '', 'The "Identity Value" field of item 1 is empty'],
		['fax', 'x', 'The "Erase User By" field of item 1 has an unknown value "fax"'],
	])('%s "%s" is refused before any request', async (eraseBy, value, message) => {
		const { error } = await runMoEngage(baseUrl(), eraseUser({ eraseBy: '={{ $json.by }}' }), [
			{ by: 'email', value: 'ann@example.com' },
			{ by: eraseBy, value },
		]);
		expect(error?.message).toBe(message);
		expect(error?.context?.itemIndex).toBe(1);
		expect(standIn.requests).toHaveLength(0);
	});

	test('with Continue On Fail, a refused item is an error item and the others are filed', async () => {
		const { items } = await runMoEngage(baseUrl(), eraseUser(), [{ value: 'ann@example.com' }, { value: 'nope' }, { value: 'bob@example.com' }], { continueOnFail: true });
		expect(items.map((item) => item.json.error ?? item.json.status)).toEqual([
			'success',
			'The "Identity Value" field of item 1 is "nope", which is not an email address',
			'success',
		]);
		expect(pairedItems(items)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(standIn.observed.erasures.map((erasure) => erasure.identity_value)).toEqual(['ann@example.com', 'bob@example.com']);
	});

	test('a 500 is not repeated: MoEngage may have filed the request, and a repeat would file a second one', async () => {
		standIn.addFault({ kind: 'status', status: 500, body: { title: 'Internal Server Error', message: 'x' }, times: 1, api: 'gdprRequest' });
		const { error } = await runMoEngage(baseUrl(), eraseUser(), [{ value: 'ann@example.com' }]);
		expect(error?.message).toMatch(/item 0/);
		expect(standIn.requestsTo('gdprRequest')).toHaveLength(1);
	});
});
