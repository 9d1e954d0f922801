import type { IDataObject } from 'n8n-workflow';

import { OPERATIONS } from '../../nodes/MoEngage/actions/operations';
import { LATEST_NODE_VERSION } from '../harness/n8n/workflows';
import { flowId } from '../standin/model/flows';
import { seededSegments } from '../standin/model/segments';
import { pairedItems, runMoEngage, useStandIn } from '../harness/fixtures';
import {
	addUsersToSegment,
	atVersion,
	createOrUpdate,
	createSegmentFromFile,
	deleteCards,
	deleteUser,
	downloadReport,
	eraseUser,
	getCampaign,
	getCampaignStats,
	getCards,
	getFlow,
	getSubscriptionPreferences,
	getSegment,
	getSegments,
	getUser,
	mergeUsers,
	pauseCampaign,
	pauseFlow,
	removeUsersFromSegment,
	searchCampaigns,
	searchFlows,
	sendAlert,
	sendMessage,
	sendPush,
	trackEvent,
	triggerBusinessEvent,
	unsubscribeFromNewsletter,
} from '../harness/operations';

/**
 * A value too large for MoEngage (its bodies are capped at 128 KB; the v5 subscription APIs take
 * the user's ID in the URL) is refused before anything is sent, in every operation: the error
 * names the field the value came from and fails its own item only; the other items are sent as
 * usual, also where items share a request (Get User, Merge, Segment, Get Stats).
 */

const { standIn, baseUrl } = useStandIn();

/** A campaign the stand-in seeds (created through the API), and a public CSV for file segments. */
const NEWSLETTER = '66e933000000000000000003';
const CSV = 'https://storage.example.com/vips.csv';
const [, VIP] = seededSegments();

/** 200,000 characters: over the 128 KB cap whatever the rest of the request. */
const BIG = 'x'.repeat(200_000);

const tooLarge = (label: string) => `The "${label}" field of item 1 makes the request larger than the 128 KB MoEngage accepts`;
/** An ID of the wrong form is refused as such; the error repeats only the start of the value. */
const notAnId = (label: string, what: string) => `The "${label}" field of item 1 is "${BIG.slice(0, 60)}…" (200000 characters), ${what}`;
const FLOW_ID_HINT = /^A flow ID is 24 characters/;
const tooLong = (label: string) => `The "${label}" field of item 1 makes the request's address longer than the 8 KB the node sends`;

interface OversizeCase {
	name: string;
	parameters: IDataObject;
	/** Item 0 is sent and accepted; item 1 carries BIG in one field. */
	input: [IDataObject, IDataObject];
	error: string;
	/** The error's description; a size refusal says nothing was sent, a refused ID form says what the ID looks like. */
	description?: RegExp;
}

const segment = (operation: typeof addUsersToSegment) => (fields: IDataObject) => ({ ...operation(), segmentId: 'vip', segmentName: 'VIP', ...fields });

const CASES: OversizeCase[] = [
	{ name: 'User → Create or Update (Customer ID)', parameters: createOrUpdate(), input: [{ id: 'u-1', plan: 'gold' }, { id: BIG, plan: 'gold' }], error: tooLarge('Customer ID') },
	{ name: 'User → Create or Update (a custom attribute)', parameters: createOrUpdate(), input: [{ id: 'u-1', plan: 'gold' }, { id: 'u-2', plan: BIG }], error: tooLarge('Custom Attributes') },
	{ name: 'User → Get', parameters: getUser(), input: [{ id: 'u-1' }, { id: BIG }], error: tooLarge('User ID') },
	{ name: 'User → Delete', parameters: deleteUser(), input: [{ id: 'u-1' }, { id: BIG }], error: tooLarge('User ID') },
	{ name: 'User → Merge', parameters: mergeUsers(), input: [{ old: 'u-2', keep: 'u-1' }, { old: 'u-2', keep: BIG }], error: tooLarge('Customer ID to Keep') },
	{ name: 'Event → Track', parameters: trackEvent(), input: [{ id: 'u-1', event: 'Signed Up' }, { id: 'u-2', event: BIG }], error: tooLarge('Event Name') },
	{ name: 'Card → Get', parameters: getCards(), input: [{ uid: 'ann@example.com' }, { uid: BIG }], error: tooLarge('User ID') },
	{ name: 'Card → Delete', parameters: deleteCards(), input: [{ uid: 'ann@example.com', campaigns: 'c1' }, { uid: 'bob@example.com', campaigns: BIG }], error: tooLarge('Campaigns') },
	{ name: 'Segment → Add Users (Segment ID)', parameters: segment(addUsersToSegment)({ segmentId: '={{ $json.segment }}' }), input: [{ id: 'u-1', segment: 'vip' }, { id: 'u-2', segment: BIG }], error: tooLarge('Segment ID') },
	{ name: 'Segment → Add Users (Segment Name)', parameters: segment(addUsersToSegment)({ segmentName: '={{ $json.name }}' }), input: [{ id: 'u-1', name: 'VIP' }, { id: 'u-2', name: BIG }], error: tooLarge('Segment Name') },
	{ name: 'Segment → Remove Users (Customer ID)', parameters: segment(removeUsersFromSegment)({}), input: [{ id: 'u-1' }, { id: BIG }], error: tooLarge('Customer ID') },
	{
		name: 'Business Event → Trigger',
		parameters: triggerBusinessEvent(),
		input: [{ event: 'price_drop', attributes: { product_id: 'p1' } }, { event: 'price_drop', attributes: { product_id: BIG } }],
		error: tooLarge('Event Attributes (JSON)'),
	},
	{ name: 'Inform → Send Alert', parameters: sendAlert(), input: [{ id: 'u-1', to: '+15550001' }, { id: 'u-2', to: BIG }], error: tooLarge('Channels') },
	{ name: 'Campaign → Search', parameters: searchCampaigns(), input: [{ name: 'Spring Sale' }, { name: BIG }], error: tooLarge('Name') },
	{ name: 'Campaign → Get Stats', parameters: getCampaignStats(), input: [{ campaign: 'c1' }, { campaign: BIG }], error: tooLarge('Campaigns') },
	{ name: 'Campaign → Get', parameters: getCampaign(), input: [{ campaign: NEWSLETTER }, { campaign: BIG }], error: tooLarge('Campaign') },
	{ name: 'Campaign → Change Status', parameters: pauseCampaign(), input: [{ campaign: NEWSLETTER }, { campaign: BIG }], error: tooLarge('Campaigns') },
	{ name: 'Campaign → Send Message', parameters: sendMessage(), input: [{ id: 'u-1' }, { id: 'u-2', order: BIG }], error: tooLarge('Personalized Attributes (JSON)') },
	{ name: 'Campaign → Download Report (File Name)', parameters: downloadReport(), input: [{ file: 'Daily_Campaigns_20261206.zip' }, { file: BIG }], error: tooLong('File Name') },
	{ name: 'Flow → Search (Name)', parameters: searchFlows(), input: [{ name: 'Welcome' }, { name: BIG }], error: tooLarge('Filters › Name') },
	{ name: 'Flow → Get', parameters: getFlow(), input: [{ flow: flowId(0) }, { flow: BIG }], error: notAnId('Flow', 'not a flow ID'), description: FLOW_ID_HINT },
	{ name: 'Flow → Change Status', parameters: pauseFlow(), input: [{ flow: flowId(0) }, { flow: BIG }], error: notAnId('Flow', 'not a flow ID'), description: FLOW_ID_HINT },
	{ name: 'Segment → Get', parameters: getSegment(), input: [{ segment: VIP.id }, { segment: BIG }], error: notAnId('Segment', 'which is not a MoEngage segment ID'), description: /^A segment ID is 24 hexadecimal digits/ },
	{ name: 'User → Erase', parameters: eraseUser(), input: [{ email: 'ann@example.com' }, { email: `${BIG}@example.com` }], error: 'The "Identity Value" field of item 1 makes the request larger than the 100 KB MoEngage accepts' },
	{ name: 'Push → Send (User)', parameters: sendPush(), input: [{ id: 'u-1' }, { id: BIG }], error: tooLarge('User') },
	{ name: 'Push → Send (Message)', parameters: sendPush(), input: [{ id: 'u-1' }, { id: 'u-2', order: BIG }], error: tooLarge('Message') },
	{ name: 'Segment → Get Many (Name)', parameters: getSegments(), input: [{ name: 'VIP customers' }, { name: BIG }], error: tooLong('Name') },
	{ name: 'Segment → Create From File (Name)', parameters: createSegmentFromFile(), input: [{ name: 'New one', url: CSV }, { name: BIG, url: CSV }], error: tooLarge('Segment Name') },
	{ name: 'Segment → Create From File (File URL)', parameters: createSegmentFromFile(), input: [{ name: 'New one', url: CSV }, { name: 'Other', url: `${CSV}?${BIG}` }], error: tooLarge('File URL') },
	{ name: 'User → Get Subscription Preferences', parameters: getSubscriptionPreferences(), input: [{ id: 'u-1' }, { id: BIG }], error: tooLong('User ID') },
	{ name: 'User → Update Subscription Preferences (Keep As Is: read first)', parameters: unsubscribeFromNewsletter(), input: [{ id: 'u-1' }, { id: BIG }], error: tooLong('User ID') },
	{
		name: 'User → Update Subscription Preferences (Unsubscribe From All)',
		parameters: { ...unsubscribeFromNewsletter(), globalUnsubscribe: 'unsubscribe' },
		input: [{ id: 'u-1' }, { id: BIG }],
		error: tooLarge('User ID'),
	},
];

test('the cases cover every operation the node offers', () => {
	const offered = Object.entries(OPERATIONS).flatMap(([resource, byName]) => Object.keys(byName).map((operation) => `${resource} ${operation}`));
	expect([...new Set(CASES.map(({ parameters }) => `${String(parameters.resource)} ${String(parameters.operation)}`))].sort()).toEqual(offered.sort());
});

/** Whether a request carried (part of) the oversized value. */
const carriedBig = () => standIn.requests.filter((request) => request.rawBody.includes(BIG.slice(0, 1000)) || Object.values(request.query).some((value) => value.includes(BIG.slice(0, 1000))));

describe.each(CASES)('$name', ({ parameters, input, error, description = /Nothing was sent for this item\.$/ }) => {
	const run = async (onError: 'continueRegularOutput' | 'stopWorkflow') =>
		await runMoEngage(baseUrl(), atVersion(parameters, LATEST_NODE_VERSION), input, { typeVersion: LATEST_NODE_VERSION, onError });

	test('the item with the oversized value fails naming its field; the other item is sent and answered', async () => {
		const { items, error: runError } = await run('continueRegularOutput');
		expect(runError).toBeUndefined();
		const failed = items.filter((item) => item.json.error !== undefined);
		expect(failed.map((item) => [item.pairedItem, item.json.error])).toEqual([[{ item: 1 }, error]]);
		expect(String(failed[0].json.description)).toMatch(description);
		expect(String(failed[0].json.error).length).toBeLessThan(200);
		expect(items.filter((item) => item.json.error === undefined).length).toBeGreaterThan(0);
		expect(new Set(pairedItems(items.filter((item) => item.json.error === undefined)).map((paired) => JSON.stringify(paired)))).toEqual(new Set([JSON.stringify({ item: 0 })]));
		expect(standIn.requests.length).toBeGreaterThan(0);
		expect(standIn.requests.every((request) => request.status >= 200 && request.status < 300)).toBe(true);
		expect(carriedBig()).toEqual([]);
	});

	test('On Error "stop": the run fails naming the item and field, and nothing is sent', async () => {
		const { error: runError } = await run('stopWorkflow');
		expect(runError?.message).toBe(error);
		expect(runError?.context?.itemIndex).toBe(1);
		expect(standIn.requests).toEqual([]);
	});
});

describe('items that share a request', () => {
	test('Get Stats: one oversized campaign ID fails only its own item; the campaigns of the others go in one request', async () => {
		const { items, error } = await runMoEngage(
			baseUrl(),
			{ resource: 'campaign', operation: 'getStats', campaigns: { __rl: true, mode: 'id', value: '={{ $json.campaign }}' }, period: 'custom', startDate: '2024-06-01', endDate: '2024-06-07' },
			[{ campaign: 'c9' }, { campaign: 'c2' }, { campaign: BIG }],
			{ continueOnFail: true },
		);
		expect(error).toBeUndefined();
		expect(standIn.requestsTo('campaignStats').map((request) => [request.status, (request.body as { campaign_ids: string[] }).campaign_ids])).toEqual([[200, ['c9', 'c2']]]);
		expect(items.filter((item) => item.json.error !== undefined).map((item) => [item.pairedItem, item.json.error])).toEqual([
			[{ item: 2 }, 'The "Campaigns" field of item 2 makes the request larger than the 128 KB MoEngage accepts'],
		]);
		// c9 is an SMS campaign and c2 a web one: one row each.
		expect(items.filter((item) => item.json.error === undefined).map((item) => [item.pairedItem, item.json.campaign_id])).toEqual([
			[{ item: 0 }, 'c9'],
			[{ item: 1 }, 'c2'],
		]);
	});

	test('values that each fit but would not fit one request together are split over several (Get Stats, Get User, Merge)', async () => {
		// Ten 20 KB campaign IDs: 200 KB in one request of 10, so several requests of at most 128 KB.
		const ids = Array.from({ length: 10 }, (_, i) => `${i}${'c'.repeat(20_000)}`);
		const stats = await runMoEngage(baseUrl(), atVersion(getCampaignStats(), LATEST_NODE_VERSION), ids.map((campaign) => ({ campaign })), { typeVersion: LATEST_NODE_VERSION });
		expect(stats.error).toBeUndefined();
		const statsRequests = standIn.requestsTo('campaignStats');
		expect(statsRequests.map((request) => (request.body as { campaign_ids: string[] }).campaign_ids.length)).toEqual([6, 4]);
		expect(statsRequests.every((request) => request.status === 200 && Buffer.byteLength(request.rawBody) <= 128_000)).toBe(true);

		standIn.reset();
		const users = Array.from({ length: 20 }, (_, i) => ({ id: `${i}-${'u'.repeat(10_000)}` }));
		const get = await runMoEngage(baseUrl(), atVersion(getUser({ ifNotFound: 'returnItem' }), LATEST_NODE_VERSION), users, { typeVersion: LATEST_NODE_VERSION });
		expect(get.error).toBeUndefined();
		expect(get.items.map((item) => item.json.found)).toEqual(users.map(() => false));
		const exports = standIn.requestsTo('exportUsers');
		expect(exports.map((request) => (request.body as { data: { identifiers: unknown[] } }).data.identifiers.length)).toEqual([12, 8]);
		expect(exports.every((request) => request.status === 200 && Buffer.byteLength(request.rawBody) <= 128_000)).toBe(true);

		standIn.reset();
		const pairs = Array.from({ length: 50 }, (_, i) => ({ old: `${i}-${'m'.repeat(3_000)}`, keep: `k-${i}` }));
		const merge = await runMoEngage(baseUrl(), atVersion(mergeUsers(), LATEST_NODE_VERSION), pairs, { typeVersion: LATEST_NODE_VERSION });
		expect(merge.error).toBeUndefined();
		const merges = standIn.requestsTo('mergeUsers');
		// About 3 KB a pair: 42 fit in 128 KB.
		expect(merges.map((request) => (request.body as { merge_data: unknown[] }).merge_data.length)).toEqual([42, 8]);
		expect(merges.every((request) => request.status === 200 && Buffer.byteLength(request.rawBody) <= 128_000)).toBe(true);
		expect(Buffer.byteLength(merges[0].rawBody) + Buffer.byteLength(JSON.stringify({ merged_user: pairs[42].old, retained_user: pairs[42].keep })) + 1).toBeGreaterThan(128_000);
	});
});
