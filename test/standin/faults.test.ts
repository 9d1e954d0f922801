/* eslint-disable @n8n/community-nodes/no-restricted-imports -- runs on a developer's machine or in CI, never inside n8n */
import type { IncomingHttpHeaders } from 'node:http';
import { request as httpRequest } from 'node:http';

import { ANN, BOB, WORKSPACE } from '../harness/fixtures';
import { MoEngageStandIn } from './server';

/**
 * The stand-in's own faults, over raw HTTP (no node, no engine): what each one answers, what it
 * carries out, and what the foreign host of the 'redirect' fault receives.
 */

const standIn = new MoEngageStandIn({ workspace: WORKSPACE, users: [ANN, BOB] });
beforeAll(() => standIn.start());
afterAll(() => standIn.stop());
beforeEach(() => standIn.reset());

const basic = (key: string) => `Basic ${Buffer.from(`${WORKSPACE.workspaceId}:${key}`).toString('base64')}`;
const DATA_AUTH = basic(WORKSPACE.dataApiKey);
const CARDS_AUTH = basic(WORKSPACE.cardsApiKey);

interface Reply {
	status: number;
	headers: IncomingHttpHeaders;
	text: string;
}

/** One request on its own connection (no keep-alive, no redirect following). */
function send(method: string, url: string, body: unknown, headers: Record<string, string>): Promise<Reply> {
	const payload = body === undefined ? '' : JSON.stringify(body);
	return new Promise((resolve, reject) => {
		const req = httpRequest(url, { method, agent: false, headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(payload), ...headers } }, (res) => {
			const chunks: Buffer[] = [];
			res.on('data', (chunk: Buffer) => chunks.push(chunk));
			res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
			res.on('error', reject);
		});
		req.on('error', reject);
		req.end(payload);
	});
}

const deleteUser = (id: string) =>
	send('POST', `${standIn.baseUrl}/v1/customer/delete?app_id=${WORKSPACE.workspaceId}`, { identity_type: 'customer_id', identity_value: id }, { Authorization: DATA_AUTH });
const trackEvent = (id: string) =>
	send('POST', `${standIn.baseUrl}/v1/event/${WORKSPACE.workspaceId}?app_id=${WORKSPACE.workspaceId}`, { type: 'event', customer_id: id, actions: [{ action: 'Signed Up' }] }, { Authorization: DATA_AUTH });
const trackUser = (id: string, attributes: Record<string, unknown>) =>
	send('POST', `${standIn.baseUrl}/v1/customer/${WORKSPACE.workspaceId}?app_id=${WORKSPACE.workspaceId}`, { type: 'customer', customer_id: id, attributes }, { Authorization: DATA_AUTH });
const merge = (merged: string, retained: string) =>
	send('POST', `${standIn.baseUrl}/v1/customer/merge?app_id=${WORKSPACE.workspaceId}`, { merge_data: [{ merged_user: merged, retained_user: retained }] }, { Authorization: DATA_AUTH });
const fetchCards = (uid: string) =>
	send('POST', `${standIn.baseUrl}/v1/cards/fetch`, { uid }, { Authorization: CARDS_AUTH, 'MOE-APPKEY': WORKSPACE.workspaceId });

describe('processedThenDropped', () => {
	test('the deletion is carried out and the client gets a reset; the fault wears off after `times`', async () => {
		standIn.addFault({ kind: 'processedThenDropped', times: 1 });
		await expect(deleteUser('u-1')).rejects.toMatchObject({ code: 'ECONNRESET' });
		expect(standIn.observed.deletedUsers).toEqual([{ identity_type: 'customer_id', identity_value: 'u-1' }]);
		expect(standIn.requests[0]).toMatchObject({ status: 0, processedStatus: 200 });
		expect((await deleteUser('u-2')).status).toBe(200);
		expect(standIn.observed.deletedUsers).toHaveLength(2);
	});

	test('a merge is done though its answer is lost: the retry finds u-2 gone, MoEngage skips the pair and answers 200', async () => {
		standIn.addFault({ kind: 'processedThenDropped', times: 1 });
		await expect(merge('u-2', 'u-1')).rejects.toMatchObject({ code: 'ECONNRESET' });
		const retry = await merge('u-2', 'u-1');
		expect(retry.status).toBe(200);
		expect(JSON.parse(retry.text)).toEqual({ status: 'success', operation: 'created' });
		expect(standIn.observed.mergedUsers).toEqual([{ merged_user: 'u-2', retained_user: 'u-1' }]);
		expect(standIn.observed.skippedMerges).toEqual([{ merged_user: 'u-2', retained_user: 'u-1' }]);
	});

	test('events are recorded and profiles updated, though no answer comes back', async () => {
		standIn.addFault({ kind: 'processedThenDropped' });
		await expect(trackEvent('u-1')).rejects.toThrow();
		await expect(trackUser('u-2', { plan: 'platinum' })).rejects.toThrow();
				expect(standIn.observed.trackedEvents).toEqual([{ customer_id: 'u-1', action: { action: 'Signed Up' } }]);
		expect(standIn.userWith('u-2')?.attributes.plan).toBe('platinum');
		expect(standIn.requests.map((request) => [request.status, request.processedStatus])).toEqual([
			[0, 200],
			[0, 200],
		]);
	});

	test('a request MoEngage would reject is not carried out either: only the answer is lost', async () => {
		standIn.addFault({ kind: 'processedThenDropped', api: 'deleteUser' });
		await expect(deleteUser('ghost')).rejects.toThrow();
		expect(standIn.observed.deletedUsers).toEqual([]);
		expect(standIn.requests[0]).toMatchObject({ status: 0, processedStatus: 400 });
		// Matching by api: other APIs are untouched.
		expect((await trackEvent('u-1')).status).toBe(200);
	});
});

describe('redirect', () => {
	test.each([307, 302])('%i points at the foreign host (same path and query); nothing is processed', async (status) => {
		standIn.addFault({ kind: 'redirect', status });
		const reply = await deleteUser('u-1');
		expect(reply.status).toBe(status);
		expect(standIn.foreignBaseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
		expect(standIn.foreignBaseUrl).not.toBe(standIn.baseUrl);
		expect(reply.headers.location).toBe(`${standIn.foreignBaseUrl}/v1/customer/delete?app_id=${WORKSPACE.workspaceId}`);
		expect(standIn.observed.deletedUsers).toEqual([]);
		expect(standIn.requests[0].status).toBe(status);
		expect(standIn.observed.foreignRequests).toEqual([]);
	});

	test('the foreign host records what it receives, Authorization included, and answers success', async () => {
		standIn.addFault({ kind: 'redirect' });
		const { headers } = await deleteUser('u-1');
		const followed = await send('POST', String(headers.location), { identity_type: 'customer_id', identity_value: 'u-1' }, { Authorization: DATA_AUTH });
		expect([followed.status, JSON.parse(followed.text)]).toEqual([200, { status: 'success' }]);
		expect(standIn.observed.foreignRequests).toHaveLength(1);
		expect(standIn.observed.foreignRequests[0]).toMatchObject({
			method: 'POST',
			path: '/v1/customer/delete',
			query: { app_id: WORKSPACE.workspaceId },
			rawBody: JSON.stringify({ identity_type: 'customer_id', identity_value: 'u-1' }),
		});
		expect(standIn.observed.foreignRequests[0].headers.authorization).toBe(DATA_AUTH);
		// The foreign host is another origin: the stand-in itself never saw the second request.
		expect(standIn.requests).toHaveLength(1);

		standIn.reset();
		expect(standIn.observed.foreignRequests).toEqual([]);
	});

	test('times: the fault wears off and the stand-in answers normally again', async () => {
		standIn.addFault({ kind: 'redirect', times: 1, api: 'deleteUser' });
		expect((await deleteUser('u-1')).status).toBe(307);
		expect((await deleteUser('u-1')).status).toBe(200);
	});
});

describe('echoAuth', () => {
	test('JSON (user APIs): status "fail" with the header in error.message; nothing processed', async () => {
		standIn.addFault({ kind: 'echoAuth', status: 401 });
		const reply = await deleteUser('u-1');
		expect(reply.status).toBe(401);
		expect(reply.headers['content-type']).toMatch(/^application\/json/);
		expect(JSON.parse(reply.text)).toEqual({ status: 'fail', error: { message: `bad auth ${DATA_AUTH}`, type: 'Unauthorized', request_id: expect.any(String) } });
		expect(standIn.observed.deletedUsers).toEqual([]);
	});

	test('Cards shape: status false with the header in error', async () => {
		standIn.addFault({ kind: 'echoAuth', status: 400, shape: 'cards' });
		const reply = await fetchCards('ann@example.com');
		expect(reply.status).toBe(400);
		expect(JSON.parse(reply.text)).toEqual({ status: false, error: `denied ${CARDS_AUTH}`, request_id: expect.any(String) });
	});

	test('gateway shape and plain text', async () => {
		standIn.addFault({ kind: 'echoAuth', shape: 'gateway', times: 1 });
		standIn.addFault({ kind: 'echoAuth', status: 400, shape: 'text', times: 1 });
		const gateway = await deleteUser('u-1');
		expect([gateway.status, JSON.parse(gateway.text).description]).toEqual([401, `Invalid Authorization header: ${DATA_AUTH}`]);
		const text = await deleteUser('u-1');
		expect([text.status, text.headers['content-type'], text.text]).toEqual([400, 'text/plain', `denied ${DATA_AUTH}`]);
	});
});

describe('html', () => {
	test('a proxy error page with the status in its title; nothing processed', async () => {
		standIn.addFault({ kind: 'html' });
		const reply = await deleteUser('u-1');
		expect(reply.status).toBe(502);
		expect(reply.headers['content-type']).toBe('text/html');
		expect(reply.text).toContain('<html>');
		expect(reply.text).toContain('<head><title>502 Bad Gateway</title></head>');
		expect(standIn.observed.deletedUsers).toEqual([]);
	});

	test('another status', async () => {
		standIn.addFault({ kind: 'html', status: 504 });
		const reply = await deleteUser('u-1');
		expect(reply.status).toBe(504);
		expect(reply.text).toContain('<title>504 Gateway Timeout</title>');
	});
});

describe('reset and stop', () => {
	test('reset clears every kind of fault', async () => {
		for (const kind of ['processedThenDropped', 'redirect', 'echoAuth', 'html'] as const) standIn.addFault({ kind });
		standIn.reset();
		expect((await deleteUser('u-1')).status).toBe(200);
		expect(standIn.observed.deletedUsers).toHaveLength(1);
	});

	test('stop closes the foreign host too', async () => {
		const other = new MoEngageStandIn({ workspace: WORKSPACE, users: [ANN] });
		await other.start();
		other.addFault({ kind: 'redirect' });
		const reply = await send('POST', `${other.baseUrl}/v1/customer/delete?app_id=${WORKSPACE.workspaceId}`, {}, { Authorization: DATA_AUTH });
		const location = String(reply.headers.location);
		// A keep-alive connection to the foreign host, open when stop is called.
		await new Promise<void>((resolve, reject) => {
			const req = httpRequest(location, { method: 'POST' }, (res) => res.resume().on('end', resolve));
			req.on('error', reject);
			req.end('{}');
		});
		await other.stop();
		expect(other.foreignBaseUrl).toBe('');
		await expect(send('POST', location, {}, {})).rejects.toMatchObject({ code: 'ECONNREFUSED' });
	});
});
