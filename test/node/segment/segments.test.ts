import { credentialsFor, pairedItems, runMoEngage, useStandIn, WORKSPACE } from '../../harness/fixtures';
import { listSearch } from '../../harness/loadOptions';
import { seededSegments } from '../../standin/model/segments';

const { standIn, baseUrl } = useStandIn();

const [ACTIVE, VIP, FILE] = seededSegments();

const getMany = (parameters: Record<string, unknown> = {}) => ({ resource: 'segment', operation: 'getMany', ...parameters });
const getOne = (value: string, mode = 'id') => ({ resource: 'segment', operation: 'get', segment: { __rl: true, mode, value } });

describe('Segment → Get Many', () => {
	test("one item per segment, from MoEngage's list, with the Data key and MOE-APPKEY", async () => {
		const { items, error } = await runMoEngage(baseUrl(), getMany({ returnAll: true }), [{}]);
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json)).toEqual(
			[ACTIVE, VIP, FILE].map(({ id, name, created_time, type, source }) => ({ name, id, created_time, type, source })),
		);
		expect(pairedItems(items)).toEqual([{ item: 0 }, { item: 0 }, { item: 0 }]);
		const [request] = standIn.requests;
		expect([request.method, request.path, request.query, request.rawBody]).toEqual(['GET', '/v3/custom-segments', {}, '']);
		expect(request.headers['moe-appkey']).toBe(WORKSPACE.workspaceId);
		expect(request.headers.authorization).toBe(`Basic ${Buffer.from(`${WORKSPACE.workspaceId}:${WORKSPACE.dataApiKey}`).toString('base64')}`);
	});

	test('Limit keeps the first segments; the Name filter asks MoEngage for that exact name', async () => {
		const limited = await runMoEngage(baseUrl(), getMany({ limit: 2 }), [{}]);
		expect(limited.items.map((item) => item.json.id)).toEqual([ACTIVE.id, VIP.id]);
		const named = await runMoEngage(baseUrl(), getMany({ returnAll: true, segmentFilters: { name: '={{ $json.name }}' } }), [{ name: 'VIP customers' }, { name: 'vip customers' }]);
		expect(named.items.map((item) => [item.json.id, item.pairedItem])).toEqual([[VIP.id, { item: 0 }]]);
		expect(standIn.requestsTo('listSegments').slice(1).map((request) => request.query)).toEqual([{ name: 'VIP customers' }, { name: 'vip customers' }]);
	});

	test('a Limit that is not a whole number is refused before any request', async () => {
		const { error } = await runMoEngage(baseUrl(), getMany({ limit: '={{ $json.limit }}' }), [{ limit: 0 }]);
		expect(error?.message).toBe('The "Limit" field of item 0 must be a whole number of 1 or more');
		expect(standIn.requests).toHaveLength(0);
	});
});

describe('Segment → Get', () => {
	test('one request per segment ID; the item is the segment with its filters', async () => {
		const { items, error } = await runMoEngage(baseUrl(), getOne('={{ $json.id }}'), [{ id: VIP.id }, { id: ACTIVE.id }]);
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json)).toEqual([VIP, ACTIVE]);
		expect(pairedItems(items)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(standIn.requests.map((request) => [request.method, request.path, request.rawBody])).toEqual([
			['GET', `/v3/custom-segments/${VIP.id}`, ''],
			['GET', `/v3/custom-segments/${ACTIVE.id}`, ''],
		]);
	});

	test('picked from the list', async () => {
		const { items } = await runMoEngage(baseUrl(), getOne(FILE.id, 'list'), [{}]);
		expect(items[0].json).toEqual(FILE);
	});

	test.each([
		['', 'The "Segment" field of item 0 is empty'],
		['VIP customers', 'The "Segment" field of item 0 is "VIP customers", which is not a MoEngage segment ID'],
		['../v1/customer/delete', 'The "Segment" field of item 0 is "../v1/customer/delete", which is not a MoEngage segment ID'],
	])('"%s" is refused before any request', async (id, message) => {
		const { error } = await runMoEngage(baseUrl(), getOne('={{ $json.id }}'), [{ id }]);
		expect(error?.message).toBe(message);
		expect(standIn.requests).toHaveLength(0);
	});

	test("MoEngage's 404 for an unknown segment fails that item with MoEngage's words", async () => {
		const { items } = await runMoEngage(baseUrl(), getOne('={{ $json.id }}'), [{ id: VIP.id }, { id: 'aaaaaaaaaaaaaaaaaaaaaaaa' }], { continueOnFail: true });
		expect(items.map((item) => item.json.error ?? item.json.name)).toEqual([
			'VIP customers',
			'MoEngage rejected item 1 (segment aaaaaaaaaaaaaaaaaaaaaaaa): Custom segment not found with the given id: aaaaaaaaaaaaaaaaaaaaaaaa',
		]);
		expect(items[1].json.httpCode).toBe('404');
	});
});

describe('the segment picker', () => {
	test("lists the workspace's segments A to Z; typing keeps names that contain the text", async () => {
		const credentials = credentialsFor(baseUrl());
		const all = await listSearch(credentials, 'searchSegments', { resource: 'segment', operation: 'get' });
		expect(all.results).toEqual([
			{ name: 'Active subscribers · ELASTIC_SEARCH · API', value: ACTIVE.id },
			{ name: 'Spring sale CSV · FILE · FILE_UPLOAD', value: FILE.id },
			{ name: 'VIP customers · ELASTIC_SEARCH · API', value: VIP.id },
		]);
		expect(all.paginationToken).toBeUndefined();
		const typed = await listSearch(credentials, 'searchSegments', {}, 'vip');
		expect(typed.results.map((result) => result.value)).toEqual([VIP.id]);
		expect(standIn.requestsTo('listSegments').map((request) => request.query)).toEqual([{}, {}]);
	});
});
