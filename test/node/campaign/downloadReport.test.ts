/* eslint-disable @n8n/community-nodes/no-restricted-imports -- runs on a developer's machine or in CI, never inside n8n */
import { createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';

import type { INodeExecutionData } from 'n8n-workflow';

import { pairedItems, runMoEngage, useStandIn, WORKSPACE } from '../../harness/fixtures';
import { downloadReport } from '../../harness/operations';
import { REPORT_CSV } from '../../standin/model/reports';
import { RATE_LIMITED } from '../../standin/server';

const { standIn, baseUrl } = useStandIn();

/** Seeded: generated yesterday, and 10 days ago (expired). */
const FRESH = 'Daily_Campaigns_20261206.zip';
const EXPIRED = 'Daily_Campaigns_20261127.zip';

const fast = { maxRetries: 1, maxWaitSeconds: 0.05, ratePerMinute: 0 };

/** The bytes of an output item's file, as n8n stored them (in memory: base64). */
function fileOf(item: INodeExecutionData, field = 'data'): Buffer {
	const binary = item.binary?.[field];
	if (!binary) throw new Error(`no binary field "${field}"`);
	return Buffer.from(binary.data, 'base64');
}

describe('Campaign → Download Report', () => {
	test('downloads the file as binary data: its bytes, name and type; one signed GET, no body', async () => {
		const { items, error } = await runMoEngage(baseUrl(), downloadReport(), [{ file: FRESH }]);
		expect(error).toBeUndefined();
		expect(items).toHaveLength(1);
		const [item] = items;
		expect(item.json).toEqual({ fileName: FRESH, mimeType: 'application/gzip', fileSize: fileOf(item).length });
		expect(item.binary?.data).toMatchObject({ fileName: FRESH, mimeType: 'application/gzip' });
		expect(gunzipSync(fileOf(item)).toString('utf8')).toBe(REPORT_CSV);
		const [request] = standIn.requestsTo('downloadCampaignReport');
		expect([request.method, request.path, request.status, request.rawBody]).toEqual(['GET', `/campaign_reports/rest_api/${WORKSPACE.workspaceId}/${FRESH}`, 200, '']);
		const signature = createHash('sha256').update(`${WORKSPACE.workspaceId}|${FRESH}|${WORKSPACE.cardsApiKey}`).digest('hex');
		expect(request.headers.signature).toBe(signature);
		// signed, not Basic auth: the key does not travel
		expect(request.headers.authorization).toBeUndefined();
	});

	test('by report name and date: <report name>_<YYYYMMDD>.zip, into the chosen binary field; each item paired with its input', async () => {
		const parameters = { resource: 'campaign', operation: 'downloadReport', reportName: 'Daily_Campaigns', reportDate: '={{ $json.day }}', binaryPropertyName: 'report', options: fast };
		const { items } = await runMoEngage(baseUrl(), parameters, [{ day: '2026-12-06' }, { day: '2026-12-06T23:10:00' }]);
		expect(items.map((item) => item.json.fileName)).toEqual([FRESH, FRESH]);
		expect(gunzipSync(fileOf(items[1], 'report')).toString('utf8')).toBe(REPORT_CSV);
		expect(pairedItems(items)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	test('an empty file name, a path, a date that is not one: refused before anything is sent, naming item and field', async () => {
		const byName = await runMoEngage(baseUrl(), downloadReport(fast), [{ file: '' }, { file: 'reports/x.zip' }], { continueOnFail: true });
		expect(byName.items[0].json.error).toBe('The "File Name" field of item 0 is empty');
		expect(byName.items[1].json.error).toBe('The "File Name" field of item 1 must not contain "/": "reports/x.zip"');
		const byDate = await runMoEngage(baseUrl(), { resource: 'campaign', operation: 'downloadReport', reportName: 'Daily_Campaigns', reportDate: '={{ $json.day }}' }, [{ day: 'yesterday' }], {
			continueOnFail: true,
		});
		expect(byDate.items[0].json.error).toBe('The "Report Date" field of item 0 is not a date: "yesterday"');
		expect(standIn.requestsTo('downloadCampaignReport')).toHaveLength(0);
	});

	test('an expired or unknown file: MoEngage\'s 400 fails the item, saying files are kept 7 days; the others go on', async () => {
		const { items } = await runMoEngage(baseUrl(), downloadReport(fast), [{ file: EXPIRED }, { file: 'Nope_20261206.zip' }, { file: FRESH }], { continueOnFail: true });
		expect(items[0].json.error).toBe(`MoEngage rejected item 0 (report file "${EXPIRED}"): The requested report is older than 7 days: ${EXPIRED}`);
		expect(items[0].json.description).toEqual(expect.stringContaining('MoEngage keeps a report file 7 days after generating it'));
		expect(items[0].json.httpCode).toBe('400');
		expect(items[1].json.error).toEqual(expect.stringContaining('Invalid Report file name'));
		expect(items[2].binary?.data).toBeDefined();
		expect(pairedItems(items)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		// A refused download is not repeated.
		expect(standIn.requestsTo('downloadCampaignReport')).toHaveLength(3);
	});

	test('a signature MoEngage refuses (a wrong Campaign API Key): 401, naming the key that signs', async () => {
		const { error, items } = await runMoEngage(baseUrl(), downloadReport(fast), [{ file: FRESH }], { credentials: { cardsApiKey: 'wrong-campaign-key' } });
		expect(items).toEqual([]);
		expect(error?.message).toBe(`MoEngage rejected item 0 (report file "${FRESH}"): HTTP 401`);
		expect(String(error?.description)).toContain("Check the credential's Workspace ID and Campaign API Key");
		expect(standIn.requestsTo('downloadCampaignReport').map((request) => request.status)).toEqual([401]);
	});

	test("rate-limited: the 429 is waited out and the download sent again; a 5xx too (it is a GET)", async () => {
		standIn.addFault({ kind: 'status', status: 429, body: RATE_LIMITED, times: 1 });
		standIn.addFault({ kind: 'status', status: 502, body: { title: 'Bad Gateway' }, times: 1 });
		const { items, error } = await runMoEngage(baseUrl(), downloadReport({ ...fast, maxRetries: 3 }), [{ file: FRESH }]);
		expect(error).toBeUndefined();
		expect(gunzipSync(fileOf(items[0])).toString('utf8')).toBe(REPORT_CSV);
		expect(standIn.requestsTo('downloadCampaignReport').map((request) => request.status)).toEqual([429, 502, 200]);
	});
});
