import { pairedItems, runMoEngage, useStandIn, WORKSPACE } from '../../harness/fixtures';
import { createSegmentFromFile } from '../../harness/operations';

const { standIn, baseUrl } = useStandIn();

const CSV = 'https://storage.example.com/vips.csv';
const fast = { maxRetries: 1, maxWaitSeconds: 0.05, ratePerMinute: 0 };

describe('Segment → Create From File', () => {
	test("creates the segment: one POST with the Data key and MOE-DBNAME, MoEngage's 202 as the item", async () => {
		const parameters = { ...createSegmentFromFile({ callbackUrl: 'https://n8n.example.com/webhook/done', notifyEmails: 'crm@example.com, ops@example.com' }), expiryDays: 14 };
		const { items, error } = await runMoEngage(baseUrl(), parameters, [{ name: 'Warehouse VIPs', url: CSV }]);
		expect(error).toBeUndefined();
		expect(items[0].json).toEqual({ message: 'File-segment creation request accepted', success: true, cs_name: 'Warehouse VIPs', cs_id: expect.stringMatching(/^[0-9a-f]{24}$/) });
		const [request] = standIn.requestsTo('createFileSegment');
		expect([request.method, request.path, request.status, request.headers['moe-dbname']]).toEqual(['POST', '/v2/custom-segments/file-segment', 202, WORKSPACE.databaseName]);
		expect(request.headers.authorization).toBe(`Basic ${Buffer.from(`${WORKSPACE.workspaceId}:${WORKSPACE.dataApiKey}`).toString('base64')}`);
		expect(request.body).toEqual({
			name: 'Warehouse VIPs',
			attribute_name: 'ID',
			attribute_type: 'string',
			file_url: CSV,
			expiry_time: 14,
			callback_url: 'https://n8n.example.com/webhook/done',
			emails: ['crm@example.com', 'ops@example.com'],
		});
	});

	test('an empty name, a file URL that is not one, a bad email: refused before anything is sent, naming item and field', async () => {
		const { items } = await runMoEngage(
			baseUrl(),
			createSegmentFromFile({ notifyEmails: '={{ $json.emails }}' }),
			[{ name: '', url: CSV }, { name: 'A', url: 'vips.csv' }, { name: 'B', url: CSV, emails: 'crm-at-example' }],
			{ continueOnFail: true },
		);
		expect(items.map((item) => item.json.error)).toEqual([
			'The "Segment Name" field of item 0 is empty',
			'The "File URL" field of item 1 is not a URL: "vips.csv"',
			'The "Notify Emails" field of item 2 has an entry that is not an email address: "crm-at-example"',
		]);
		expect(standIn.requestsTo('createFileSegment')).toHaveLength(0);
	});

	test('a name a segment already has: MoEngage\'s 409 fails the item; the others go on, each paired', async () => {
		const { items } = await runMoEngage(baseUrl(), createSegmentFromFile(fast), [{ name: 'VIP customers', url: CSV }, { name: 'New one', url: CSV }], { continueOnFail: true });
		expect(items[0].json.error).toBe('MoEngage rejected item 0 (segment "VIP customers"): Resource not created: Name already exists : VIP customers');
		expect(items[1].json.cs_name).toBe('New one');
		expect(pairedItems(items)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	test('no Database Name in the credential: every item fails before sending, saying which credential field', async () => {
		const { items } = await runMoEngage(baseUrl(), createSegmentFromFile(), [{ name: 'A', url: CSV }], { continueOnFail: true, credentials: { databaseName: '' } });
		expect(items[0].json.error).toBe("The MoEngage credential has no Database Name, which MoEngage's file-segment API requires: nothing was sent (item 0)");
		expect(standIn.requests).toHaveLength(0);
	});

	test('a wrong Database Name: MoEngage refuses it (400)', async () => {
		const { items } = await runMoEngage(baseUrl(), createSegmentFromFile(fast), [{ name: 'A', url: CSV }], { continueOnFail: true, credentials: { databaseName: 'other_db' } });
		expect(items[0].json.error).toEqual(expect.stringContaining('MoEngage Client not found'));
		expect(items[0].json.httpCode).toBe('400');
	});

	test('more than 10 items: refused before anything is sent (10 file-segment operations an hour)', async () => {
		const input = Array.from({ length: 11 }, (_, i) => ({ name: `S${i}`, url: CSV }));
		const { items } = await runMoEngage(baseUrl(), createSegmentFromFile(), input, { continueOnFail: true });
		expect(items).toHaveLength(11);
		expect(items[0].json.error).toBe('This run would create 11 file segments, but MoEngage allows 10 file-segment operations an hour: nothing was sent (item 0)');
		expect(standIn.requests).toHaveLength(0);
	});

	test("rate-limited: MoEngage's 429 is waited out and the request sent again", async () => {
		standIn.addFault({ kind: 'status', status: 429, body: { title: 'Too Many Requests', description: 'File segment operations limit breached. Please retry after some time.' }, times: 1 });
		const { items, error } = await runMoEngage(baseUrl(), createSegmentFromFile({ ...fast, maxRetries: 2 }), [{ name: 'A', url: CSV }]);
		expect(error).toBeUndefined();
		expect(items[0].json.success).toBe(true);
		expect(standIn.requestsTo('createFileSegment').map((request) => request.status)).toEqual([429, 202]);
	});
});
