/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- runs on a developer's machine or in CI, never inside n8n */
import { join } from 'node:path';

import type { IDataObject } from 'n8n-workflow';

import { cohortBatches } from '../../../nodes/MoEngage/actions/segment/cohortSync';
import type { CohortMemberParams } from '../../../nodes/MoEngage/actions/segment/cohortSync';
import { COHORT_SYNC_MAX_BODY_BYTES } from '../../../nodes/MoEngage/transport/api';
import { setNodeClock, VirtualClock } from '../../harness/clock';
import { ANN, BOB, manyUsers, pairedItems, runMoEngage, runWorkflowFile, useStandIn, WORKSPACE } from '../../harness/fixtures';
import { addUsersToSegment } from '../../harness/operations';

const users = manyUsers(40);
const { standIn, baseUrl } = useStandIn({ users: [ANN, BOB, ...users] });

afterEach(() => setNodeClock());

type CohortBody = { action: string; partner: string; parameters: { cohort_id: string; cohort_name: string; cohort_description?: string; members: Array<{ uid: string }> } };
const sent = () => standIn.requestsTo('cohortSync').map((request) => request.body as CohortBody);
const members = (cohortId: string) => [...(standIn.cohorts.get(cohortId)?.members ?? [])].sort();

describe('Segment → Add Users', () => {
	test('addUsers.workflow.json: one request for both items, with the Data key and MOE-APPKEY', async () => {
		const { items, expected, error } = await runWorkflowFile(join(__dirname, 'addUsers.workflow.json'), baseUrl());
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json)).toEqual(expected);
		expect(pairedItems(items)).toEqual([{ item: 0 }, { item: 1 }]);
		const [request] = standIn.requests;
		expect(standIn.requests).toHaveLength(1);
		expect([request.method, request.path, request.query]).toEqual(['POST', '/v1/integrations/cohortsync', {}]);
		expect(request.headers.authorization).toBe(`Basic ${Buffer.from(`${WORKSPACE.workspaceId}:${WORKSPACE.dataApiKey}`).toString('base64')}`);
		expect(request.headers['moe-appkey']).toBe(WORKSPACE.workspaceId);
		expect(request.body).toEqual({
			action: 'add_members',
			partner: 'n8n',
			parameters: { cohort_id: 'crm-vip', cohort_name: 'CRM VIP list', members: [{ uid: 'u-1' }, { uid: 'u-2' }] },
		});
		expect(members('crm-vip')).toEqual(['u-1', 'u-2']);
	});

	test('items naming two segments: one request per segment; each item gets its own segment back, in input order', async () => {
		const input = [
			{ id: 'u-1', segment: 'gold' },
			{ id: 'u-100', segment: 'silver' },
			{ id: 'u-2', segment: 'gold' },
			{ id: 'u-101', segment: 'silver' },
			{ id: 'u-1', segment: 'gold' },
		];
		const { items, error } = await runMoEngage(baseUrl(), addUsersToSegment({ segmentDescription: 'From the CRM', partner: 'acme-crm' }), input);
		expect(error).toBeUndefined();
		expect(new Set(sent().map((body) => body.parameters.cohort_id))).toEqual(new Set(['gold', 'silver']));
		const gold = sent().find((body) => body.parameters.cohort_id === 'gold')!;
		// A user named twice in a segment is sent once.
		expect(gold.parameters.members).toEqual([{ uid: 'u-1' }, { uid: 'u-2' }]);
		expect(gold).toMatchObject({ partner: 'acme-crm', parameters: { cohort_name: 'Segment gold', cohort_description: 'From the CRM' } });
		expect(items.map((item) => [item.json.customer_id, item.json.segment_id])).toEqual(input.map(({ id, segment }) => [id, segment]));
		expect(pairedItems(items)).toEqual(input.map((_, item) => ({ item })));
		expect(members('gold')).toEqual(['u-1', 'u-2']);
		expect(members('silver')).toEqual(['u-100', 'u-101']);
	});

	test('MoEngage leaves out users it does not have; the items are "accepted", as its answer says', async () => {
		const { items } = await runMoEngage(baseUrl(), addUsersToSegment(), [{ id: 'u-1', segment: 'vip' }, { id: 'ghost-7', segment: 'vip' }]);
		expect(items.map((item) => item.json.status)).toEqual(['accepted', 'accepted']);
		expect(members('vip')).toEqual(['u-1']);
	});

	test('bad items fail before any request, naming item and field; the others are sent (Continue On Fail)', async () => {
		const input = [
			{ id: 'u-1', segment: 'vip' },
			{ id: '', segment: 'vip' },
			{ id: 'guest', segment: 'vip' },
			{ id: 'u-2', segment: 'a|b' },
		];
		const { items } = await runMoEngage(baseUrl(), addUsersToSegment(), input, { continueOnFail: true });
		expect(items.map((item) => item.json.error ?? item.json.status)).toEqual([
			'accepted',
			'The "Customer ID" field of item 1 is empty',
			'The "Customer ID" field of item 2 is "guest", which MoEngage does not accept as a customer ID',
			'The "Segment Name" field of item 3 contains "|", which MoEngage does not accept in a segment name',
		]);
		expect(sent().map((body) => body.parameters.members)).toEqual([[{ uid: 'u-1' }]]);
	});

	test.each([
		['Segment ID', { segmentId: '={{ $json.big }}' }],
		['Segment Name', { segmentName: '={{ $json.big }}' }],
		['Segment Description', { options: { segmentDescription: '={{ $json.big }}' } }],
		['Customer ID', { customerId: '={{ $json.big }}' }],
	])('a value too large for one request is refused naming its own field (%s), before any request', async (label, override: IDataObject) => {
		const parameters = { resource: 'segment', operation: 'addUsers', segmentId: 'vip', segmentName: 'VIP', customerId: 'u-1', ...override };
		const { items } = await runMoEngage(baseUrl(), parameters, [{ big: 'x'.repeat(200_000) }], { continueOnFail: true });
		expect(items[0].json.error).toBe(`The "${label}" field of item 0 makes the request larger than the 128 KB MoEngage accepts`);
		expect(standIn.requests).toHaveLength(0);
	});

	test('a request MoEngage refuses fails every item it carried, each paired with its own input', async () => {
		standIn.addFault({ api: 'cohortSync', kind: 'status', status: 400, times: 1, body: { status: 'fail', error: { attribute: 'action', message: 'action is not found in the payload', type: 'MissingAttributeError', request_id: 'sYsoPuzf' } } });
		const input = [{ id: 'u-1', segment: 'vip' }, { id: 'u-2', segment: 'vip' }];
		const { items } = await runMoEngage(baseUrl(), addUsersToSegment(), input, { continueOnFail: true });
		expect(items.map((item) => item.json.error)).toEqual([
			'MoEngage rejected the request for items 0–1 (segment "vip"): action is not found in the payload',
			'MoEngage rejected the request for items 0–1 (segment "vip"): action is not found in the payload',
		]);
		expect(items[0].json.description).toMatch(/^HTTP 400 · type MissingAttributeError · attribute action · request_id sYsoPuzf · /);
		expect(pairedItems(items)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	test('stop on error: a failed request stops the run, and its error names the items', async () => {
		standIn.addFault({ api: 'cohortSync', kind: 'status', status: 400, times: 1, body: { status: 'fail', error: { message: 'bad', type: 'Bad Request' } } });
		const { error } = await runMoEngage(baseUrl(), addUsersToSegment(), [{ id: 'u-1', segment: 'vip' }]);
		expect(error?.message).toBe('MoEngage rejected the request for item 0 (segment "vip"): bad');
	});

	test('stop on error: the error of a request for many items points at its first item', async () => {
		standIn.addFault({ api: 'cohortSync', kind: 'status', status: 400, times: 1, body: { status: 'fail', error: { message: 'bad', type: 'Bad Request' } } });
		const { error } = await runMoEngage(baseUrl(), addUsersToSegment(), [
			{ id: 'u-1', segment: 'vip' },
			{ id: 'u-2', segment: 'vip' },
			{ id: 'u-3', segment: 'vip' },
		]);
		expect(error?.message).toBe('MoEngage rejected the request for items 0–2 (segment "vip"): bad');
		expect(error?.context?.itemIndex).toBe(0);
	});

	test("paced at MoEngage's 300 requests a minute: no minute holds more, the 301st waits for the window", async () => {
		// Virtual time: waits cost nothing and each request notes the node's time when it arrives
		// (one at a time, so that no other request's wait moves the clock in between).
		const clock = new VirtualClock();
		setNodeClock(clock);
		const sentAt: number[] = [];
		standIn.onRequest = () => sentAt.push(clock.now() - clock.start);
		const input = Array.from({ length: 301 }, (_, i) => ({ id: users[i % users.length].customer_id, segment: `s-${i}` }));
		const { error } = await runMoEngage(baseUrl(), addUsersToSegment({ concurrency: 1 }), input);
		expect(error).toBeUndefined();
		expect(sentAt).toHaveLength(301);
		expect(sentAt.filter((at) => at < 60_000)).toHaveLength(300);
		expect(sentAt[300]).toBeGreaterThanOrEqual(60_000);
	});
});

describe('batching to the 128 KB body', () => {
	const request = (itemIndex: number, uid: string, cohort_id = 'big'): { itemIndex: number; params: CohortMemberParams } => ({
		itemIndex,
		params: { cohort: { cohort_id, cohort_name: 'Big' }, partner: 'n8n', uid },
	});
	const size = (batch: ReturnType<typeof cohortBatches>[number]) =>
		Buffer.byteLength(JSON.stringify({ action: batch.action, partner: batch.partner, parameters: { ...batch.cohort, members: batch.uids.map((uid) => ({ uid })) } }));

	test('every request is at most 128 KB, each but the last of a segment could not take one more user, and every user is sent once', () => {
		const requests = Array.from({ length: 20_000 }, (_, i) => request(i, `customer-${String(i).padStart(8, '0')}`));
		const batches = cohortBatches('add_members', requests);
		expect(batches.length).toBeLessThanOrEqual(Math.ceil(requests.length / 100));
		for (const [index, batch] of batches.entries()) {
			expect(size(batch)).toBeLessThanOrEqual(COHORT_SYNC_MAX_BODY_BYTES);
			if (index < batches.length - 1) {
				const withOneMore = { ...batch, uids: [...batch.uids, requests[0].params.uid] };
				expect(size(withOneMore)).toBeGreaterThan(COHORT_SYNC_MAX_BODY_BYTES);
			}
		}
		expect(batches.flatMap((batch) => batch.uids)).toEqual(requests.map(({ params }) => params.uid));
		expect(batches.flatMap((batch) => batch.items.map(({ itemIndex }) => itemIndex))).toEqual(requests.map(({ itemIndex }) => itemIndex));
	});

	test('the node fills requests up to its cap; the stand-in takes them and refuses a body over 128 KB with a 413', async () => {
		const uids = Array.from({ length: 9_000 }, (_, i) => `customer-${String(i).padStart(8, '0')}`);
		const { items, error } = await runMoEngage(baseUrl(), addUsersToSegment(), uids.map((id) => ({ id, segment: 'big' })));
		expect(error).toBeUndefined();
		const bodies = standIn.requestsTo('cohortSync');
		expect(bodies.length).toBe(2);
		expect(bodies.every((body) => Buffer.byteLength(body.rawBody) <= COHORT_SYNC_MAX_BODY_BYTES)).toBe(true);
		expect(Buffer.byteLength(bodies[0].rawBody)).toBeGreaterThan(COHORT_SYNC_MAX_BODY_BYTES - 30);
		expect(items).toHaveLength(9_000);

		standIn.reset();
		// The node's first request, padded to one byte over 128 × 1,024.
		const tooBig = JSON.parse(bodies[0].rawBody) as IDataObject & { parameters: IDataObject };
		tooBig.parameters.cohort_description = '';
		tooBig.parameters.cohort_description = 'x'.repeat(128 * 1024 + 1 - Buffer.byteLength(JSON.stringify(tooBig)));
		expect(Buffer.byteLength(JSON.stringify(tooBig))).toBe(128 * 1024 + 1);
		const response = await fetch(`${baseUrl()}/v1/integrations/cohortsync`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json', 'MOE-APPKEY': WORKSPACE.workspaceId, Authorization: `Basic ${Buffer.from(`${WORKSPACE.workspaceId}:${WORKSPACE.dataApiKey}`).toString('base64')}` },
			body: JSON.stringify(tooBig),
		});
		expect(response.status).toBe(413);
		expect(await response.json()).toMatchObject({ status: 'fail', error: { message: 'Payload can not exceed 128KB', type: 'Payload too large' } });
	});

	test('segments are batched apart, in order of first appearance', () => {
		const batches = cohortBatches('remove_members', [request(0, 'a1', 'x'), request(1, 'b1', 'y'), request(2, 'a2', 'x')]);
		expect(batches.map((batch) => [batch.cohort.cohort_id, batch.uids, batch.items.map(({ itemIndex }) => itemIndex)])).toEqual([
			['x', ['a1', 'a2'], [0, 2]],
			['y', ['b1'], [1]],
		]);
	});
});
