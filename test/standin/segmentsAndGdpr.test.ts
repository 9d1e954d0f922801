import { ANN, BOB, WORKSPACE } from '../harness/fixtures';
import { basic, callerFor, dataFail } from './overHttp';
import { seededSegments } from './model/segments';
import { MoEngageStandIn } from './server';

/**
 * The GDPR/CCPA API (gdpr-ccpa.yaml) and the filter segments' reads (custom-segments.yaml) over
 * HTTP: MoEngage's documented examples pass, invalid requests get the documented error bodies.
 */

const standIn = new MoEngageStandIn({ workspace: WORKSPACE, users: [ANN, BOB] });
beforeAll(() => standIn.start());
afterAll(() => standIn.stop());
beforeEach(() => standIn.reset());

const call = callerFor(standIn);

const segmentFail = (status: number, code: string, message: string) => ({ status, body: { response_id: expect.any(String), type: 'custom_segment', error: { code, message } } });

describe('GDPR/CCPA request (gdpr-ccpa.yaml /opengdpr_requests/{appId})', () => {
	const example = { request_type: 'erasure', submitted_time: '2018-10-05T15:00:00Z', identities: [{ identity_type: 'email', identity_value: 'ann@example.com' }], api_version: '1.0' };

	test('the documented example passes, with a request ID, and erases the user with that email', async () => {
		const reply = await call('gdprRequest', example);
		expect(reply).toEqual({ status: 200, body: { status: 'success', message: 'Your request has been accepted and will be processed soon.', request_id: expect.any(String) } });
		expect(standIn.observed.erasures).toEqual([{ identity_type: 'email', identity_value: 'ann@example.com', submitted_time: '2018-10-05T15:00:00Z', request_id: reply.body.request_id, erased: ['u-1'] }]);
	});

	test('the documented missing request_type and identities answers', async () => {
		const without = (field: string) => Object.fromEntries(Object.entries(example).filter(([name]) => name !== field));
		expect(await call('gdprRequest', without('request_type'))).toEqual(dataFail(400, { attribute: 'request_type', message: 'request_type is not found in the payload', type: 'MissingAttributeError' }));
		expect(await call('gdprRequest', without('identities'))).toEqual(dataFail(400, { attribute: 'identities', message: 'identities is not found in the payload', type: 'MissingAttributeError' }));
	});

	test('one user per request; identity types from the schema; a date-time', async () => {
		const two = { ...example, identities: [...example.identities, { identity_type: 'mobile', identity_value: '+15550001' }] };
		expect((await call('gdprRequest', two)).status).toBe(400);
		expect((await call('gdprRequest', { ...example, identities: [{ identity_type: 'customer_id', identity_value: 'u-1' }] })).status).toBe(400);
		expect((await call('gdprRequest', { ...example, submitted_time: 'yesterday' })).status).toBe(400);
		expect(standIn.observed.erasures).toEqual([]);
	});

	test('the Data key signs it', async () => {
		expect((await call('gdprRequest', example, { headers: { Authorization: basic(WORKSPACE.cardsApiKey) } })).status).toBe(401);
	});
});

describe('Filter segments (custom-segments.yaml /v3/custom-segments)', () => {
	const [active, vip] = seededSegments();

	test('the list: every segment, or the one with exactly that name; an empty list when none', async () => {
		const all = await call('listSegments', undefined);
		expect(all.status).toBe(200);
		expect(all.body).toEqual({ data: expect.any(Array), response_id: expect.any(String), type: 'custom_segment' });
		expect(all.body.data).toContainEqual({ name: active.name, id: active.id, created_time: active.created_time, type: 'ELASTIC_SEARCH', source: 'API' });
		expect((await call('listSegments', undefined, { query: 'name=VIP%20customers' })).body.data).toEqual([expect.objectContaining({ id: vip.id })]);
		expect((await call('listSegments', undefined, { query: 'name=vip' })).body.data).toEqual([]);
	});

	test('get by ID: the segment with its filters; 400 for an ID that is not one, 404 for an unknown one', async () => {
		expect(await call('getSegment', undefined, { pathParams: { id: vip.id } })).toEqual({ status: 200, body: { data: vip, response_id: expect.any(String), type: 'custom_segment' } });
		expect(await call('getSegment', undefined, { pathParams: { id: 'nope' } })).toEqual(segmentFail(400, 'Invalid request', 'Invalid bson object-id passed in the request'));
		expect(await call('getSegment', undefined, { pathParams: { id: '638a051185b6b50a018caccc' } })).toEqual(
			segmentFail(404, 'Entity Not Found', 'Custom segment not found with the given id: 638a051185b6b50a018caccc'),
		);
	});

	test('the Data key and MOE-APPKEY; unknown query parameters refused', async () => {
		expect(await call('listSegments', undefined, { headers: { Authorization: basic('wrong') } })).toEqual(
			segmentFail(401, 'Authentication required', 'APP_SECRET key mismatch. Please login to the dashboard to verify key'),
		);
		expect((await call('listSegments', undefined, { headers: { 'MOE-APPKEY': undefined } })).status).toBe(401);
		expect((await call('listSegments', undefined, { query: 'page=2' })).status).toBe(400);
	});
});

describe('Create File Segment (custom-segments.yaml POST /v2/custom-segments/file-segment)', () => {
	// The yaml's example, less its callback_url (http://, which the example allows).
	const example = { name: 'custom_segment_unique_name', attribute_name: 'unique_identifier', attribute_type: 'string', file_url: 'https://s3.amazonaws.com/Sample_GAIDs.csv', emails: ['user1@example.com', 'user2@example.com'], expiry_time: 30 };
	const withDbName = { headers: { 'MOE-DBNAME': WORKSPACE.databaseName } };

	test("the documented example passes: 202, the segment's name and ID; the same name again: 409", async () => {
		const reply = await call('createFileSegment', example, withDbName);
		expect(reply).toEqual({ status: 202, body: { message: 'File-segment creation request accepted', success: true, cs_name: example.name, cs_id: expect.any(String) } });
		expect(await call('createFileSegment', example, withDbName)).toEqual({ status: 409, body: { title: 'Resource not created', description: `Name already exists : ${example.name}` } });
	});

	test('without MOE-DBNAME, or another one: 400; without expiry_time: 400 naming it; a wrong key: 401, all in ApiErrorV2', async () => {
		for (const headers of [{}, { 'MOE-DBNAME': 'other_db' }]) {
			expect((await call('createFileSegment', example, { headers })).status).toBe(400);
		}
		const withoutExpiry: Record<string, unknown> = { ...example };
		delete withoutExpiry.expiry_time;
		expect(await call('createFileSegment', withoutExpiry, withDbName)).toEqual({ status: 400, body: { title: 'Invalid Request', description: expect.stringContaining('expiry_time') } });
		expect(await call('createFileSegment', example, { headers: { ...withDbName.headers, Authorization: basic('wrong') } })).toEqual({
			status: 401,
			body: { title: 'Authentication required', description: 'Invalid Workspace ID or API key used in the Authorization header' },
		});
	});
});
