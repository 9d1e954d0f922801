import type { IDataObject } from 'n8n-workflow';

import { LATEST_NODE_VERSION } from './n8n/workflows';
import type { StandInCampaign } from '../standin/model/campaigns';
import { seededCampaigns } from '../standin/model/campaigns';
import type { StandInReport } from '../standin/model/reports';
import { REPORT_CSV, seededReports } from '../standin/model/reports';
import type { StandInSegment } from '../standin/model/segments';
import { seededSegments } from '../standin/model/segments';
import { flowId } from '../standin/model/flows';
import type { Api, RecordedRequest, StandInUser } from '../standin/server';
import { ANN, BOB, manyUsers } from './fixtures';
import {
	addUsersToSegment,
	createOrUpdate,
	createSegmentFromFile,
	deleteCards,
	deleteUser,
	downloadReport,
	eraseUser,
	getCampaign,
	getFlow,
	getCampaignStats,
	getCards,
	getSegment,
	getSegments,
	getSubscriptionPreferences,
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
} from './operations';

/**
 * One row per operation, for the tests that prove every n8n run mode for every operation
 * (test/runModesAll.test.ts). To add an operation, add a row:
 *
 * | field              | what it is                                                                  |
 * | ------------------ | --------------------------------------------------------------------------- |
 * | name               | "Resource → Operation"                                                      |
 * | parameters         | its parameter builder from operations.ts (Options as argument)              |
 * | api                | the stand-in API whose answer carries out an item (the write, if any)       |
 * | firstApi           | where each item's first request goes, when that is not `api` (a read first) |
 * | requestsPerItem    | requests one item makes (default 1: 2 for a read, then a write)             |
 * | itemsPerRequest    | items one request carries (1, or the batch size)                            |
 * | safeToRepeat       | whether a request whose outcome is unknown (lost answer, 5xx) may be sent   |
 * |                    | again; false where MoEngage would do it twice (transport/api.ts)            |
 * | input              | good and bad items mixed; at least one refused by the node's own checks     |
 * | failing            | indexes of the bad items in `input`                                         |
 * | refusedByNode      | a bad item the node refuses by its own checks, before sending anything      |
 * | rejectedByMoEngage | the bad item MoEngage itself rejects (4xx), if any                          |
 * | rejectionDetails   | how that item's error details start (default: HTTP 400)                     |
 * | valid(count)       | `count` good items, each for a different user (campaign, segment…)          |
 * | keyOf(item)        | what tells one item from another in a request (the user it names)           |
 * | keysOf(request)    | the keys (as keyOf) of the items a request carries                          |
 *
 * The stand-in starts every test with RUN_MODE_USERS, RUN_MODE_CAMPAIGNS, RUN_MODE_SEGMENTS and RUN_MODE_REPORTS.
 */
export interface RunModeCase {
	name: string;
	parameters: (options?: IDataObject) => IDataObject;
	api: Api;
	firstApi?: Api;
	requestsPerItem?: number;
	itemsPerRequest: number;
	safeToRepeat: boolean;
	input: IDataObject[];
	failing: number[];
	refusedByNode: number;
	rejectedByMoEngage?: number;
	rejectionDetails?: RegExp;
	valid(count: number): IDataObject[];
	keyOf(item: IDataObject): string;
	keysOf(request: RecordedRequest): string[];
}

/** Ann, Bob, and u-100…u-159, each with a standard ID (uid) and a card c1 on the web. */
export const RUN_MODE_USERS: StandInUser[] = [
	ANN,
	BOB,
	...manyUsers(60).map((user) => ({ ...user, uid: `${user.customer_id}@example.com`, cards: { web: ['c1'] } })),
];

/** SMS campaigns beside the seeded ones: one platform each, so Get Stats gives one row a campaign. */
const statsCampaignId = (i: number) => `66f0000${String(i).padStart(17, '0')}`;

/** Running periodic email campaigns, for Change Status (each can be paused). */
const runningCampaignId = (i: number) => `66f1000${String(i).padStart(17, '0')}`;

/** The seeded campaigns (Search finds "Campaign 05"…"Campaign 36" once each), 40 SMS campaigns for Get Stats and 40 running periodic ones for Change Status. */
export const RUN_MODE_CAMPAIGNS: StandInCampaign[] = [
	...seededCampaigns(),
	...Array.from({ length: 40 }, (_, i) => ({
		campaign_id: statsCampaignId(i),
		name: `Flash Offer ${i}`,
		channel: 'SMS' as const,
		status: 'Sent',
		campaign_delivery_type: 'ONE_TIME',
		created_at: '2024-01-01 08:00:00.000000',
		tags: ['flash'],
	})),
	...Array.from({ length: 40 }, (_, i) => ({
		campaign_id: runningCampaignId(i),
		name: `Daily Digest ${i}`,
		channel: 'EMAIL' as const,
		status: 'Active',
		campaign_delivery_type: 'PERIODIC',
		created_at: '2024-01-01 08:00:00.000000',
		tags: ['digest'],
	})),
];

/** The seeded segments and 20 filter segments "Segment 00"…"Segment 19", for the Segment reads. */
export const RUN_MODE_SEGMENTS: StandInSegment[] = [
	...seededSegments(),
	...Array.from({ length: 20 }, (_, i) => ({
		id: `65${String(i).padStart(22, '0')}`,
		name: `Segment ${String(i).padStart(2, '0')}`,
		created_time: '2024-01-01T08:00:00.000000',
		type: 'ELASTIC_SEARCH',
		source: 'API',
	})),
];
/** Campaign report files generated today, one per report: `Report_00_20261207.zip`… */
const reportFile = (i: number) => `Report_${String(i).padStart(2, '0')}_20261207.zip`;

/** The seeded report files (one fresh, one expired) and 20 fresh ones for Download Report. */
export const RUN_MODE_REPORTS: StandInReport[] = [...seededReports(), ...Array.from({ length: 20 }, (_, i) => ({ fileName: reportFile(i), csv: REPORT_CSV, ageMs: 60_000 }))];

/** The seeded flows that can be paused (active or scheduled: every 5th and the one after the next). */
const pausableFlow = (i: number) => flowId(Math.floor(i / 2) * 5 + (i % 2) * 2);

/** The i-th of the numbered users. */
const userId = (i: number) => `u-${100 + i}`;
const times = <T>(count: number, make: (i: number) => T): T[] => Array.from({ length: count }, (_, i) => make(i));
const body = (request: RecordedRequest) => request.body as IDataObject;
const members = (request: RecordedRequest) => ((body(request).parameters as IDataObject).members as Array<{ uid: string }>).map(({ uid }) => uid);

export const RUN_MODE_CASES: RunModeCase[] = [
	{
		name: 'User → Create or Update',
		parameters: createOrUpdate,
		api: 'trackUser',
		itemsPerRequest: 1,
		safeToRepeat: true,
		input: [{ id: 'u-1', plan: 'gold' }, { id: '', plan: 'silver' }, { id: 'u-2', plan: 'bronze' }, { plan: 'none' }],
		failing: [1, 3],
		refusedByNode: 1,
		valid: (count) => times(count, (i) => ({ id: userId(i), plan: 'gold' })),
		keyOf: (item) => String(item.id),
		keysOf: (request) => [String(body(request).customer_id)],
	},
	{
		name: 'User → Get',
		parameters: getUser,
		api: 'exportUsers',
		itemsPerRequest: 20,
		safeToRepeat: true,
		input: [{ id: 'u-1' }, { id: 'ghost-1' }, { id: 'u-2' }, { id: '' }],
		failing: [1, 3],
		refusedByNode: 3,
		valid: (count) => times(count, (i) => ({ id: userId(i) })),
		keyOf: (item) => String(item.id),
		keysOf: (request) => (body(request).data as { identifiers: Array<{ identifier: string }> }).identifiers.map(({ identifier }) => identifier),
	},
	{
		name: 'User → Merge',
		parameters: mergeUsers,
		api: 'mergeUsers',
		itemsPerRequest: 50,
		safeToRepeat: true,
		// MoEngage skips an unknown user with a 200, so failures here are the node's own checks.
		input: [
			{ old: 'u-100', keep: 'u-101' },
			{ old: 'guest', keep: 'u-1' },
			{ old: 'u-102', keep: 'u-103' },
			{ old: 'u-104', keep: 'u-104' },
		],
		failing: [1, 3],
		refusedByNode: 1,
		valid: (count) => times(count, (i) => ({ old: `m-${i}`, keep: `k-${i}` })),
		keyOf: (item) => String(item.old),
		keysOf: (request) => (body(request).merge_data as Array<{ merged_user: string }>).map(({ merged_user }) => merged_user),
	},
	{
		name: 'User → Delete',
		parameters: deleteUser,
		api: 'deleteUser',
		itemsPerRequest: 1,
		safeToRepeat: true,
		input: [{ id: 'u-1' }, { id: 'ghost-1' }, { id: 'u-2' }, { id: 'ghost-2' }, { id: '' }],
		failing: [1, 3, 4],
		refusedByNode: 4,
		rejectedByMoEngage: 1,
		valid: (count) => times(count, (i) => ({ id: userId(i) })),
		keyOf: (item) => String(item.id),
		keysOf: (request) => [String(body(request).identity_value)],
	},
	{
		name: 'User → Erase (GDPR Request)',
		parameters: eraseUser,
		api: 'gdprRequest',
		itemsPerRequest: 1,
		// MoEngage documents no idempotency: a repeat would file a second request (transport/api.ts).
		safeToRepeat: false,
		// MoEngage accepts an erasure for an identity it does not have, so failures here are the node's own checks.
		input: [{ email: 'u-1@example.com' }, { email: 'not-an-email' }, { email: 'ghost@example.com' }, { email: '' }],
		failing: [1, 3],
		refusedByNode: 1,
		valid: (count) => times(count, (i) => ({ email: `${userId(i)}@example.com` })),
		keyOf: (item) => String(item.email),
		keysOf: (request) => (body(request).identities as Array<{ identity_value: string }>).map(({ identity_value }) => identity_value),
	},
	{
		name: 'Event → Track',
		parameters: trackEvent,
		api: 'trackEvent',
		itemsPerRequest: 1,
		safeToRepeat: false,
		input: [
			{ id: 'u-1', event: 'Signed Up' },
			{ id: 'u-2', event: '' },
			{ id: 'u-100', event: 'Signed Up' },
			{ id: '', event: 'Signed Up' },
		],
		failing: [1, 3],
		refusedByNode: 1,
		valid: (count) => times(count, (i) => ({ id: userId(i), event: 'Visited' })),
		keyOf: (item) => String(item.id),
		keysOf: (request) => [String(body(request).customer_id)],
	},
	{
		name: 'Card → Get',
		parameters: getCards,
		api: 'fetchCards',
		itemsPerRequest: 1,
		safeToRepeat: true,
		input: [{ uid: 'ann@example.com' }, { uid: 'nobody@example.com' }, { uid: '' }, { uid: 'bob@example.com' }],
		failing: [1, 2],
		refusedByNode: 2,
		rejectedByMoEngage: 1,
		valid: (count) => times(count, (i) => ({ uid: `${userId(i)}@example.com` })),
		keyOf: (item) => String(item.uid),
		keysOf: (request) => [String(body(request).uid)],
	},
	{
		name: 'Card → Delete',
		parameters: deleteCards,
		api: 'deleteCards',
		itemsPerRequest: 1,
		safeToRepeat: true,
		input: [
			{ uid: 'ann@example.com', campaigns: 'c1' },
			{ uid: 'nobody@example.com', campaigns: 'c1' },
			{ uid: 'bob@example.com', campaigns: '' },
			{ uid: 'bob@example.com', campaigns: 'c9' },
		],
		failing: [1, 2],
		refusedByNode: 2,
		rejectedByMoEngage: 1,
		valid: (count) => times(count, (i) => ({ uid: `${userId(i)}@example.com`, campaigns: 'c1' })),
		keyOf: (item) => String(item.uid),
		keysOf: (request) => [String(body(request).uid)],
	},
	{
		name: 'Segment → Add Users',
		parameters: addUsersToSegment,
		api: 'cohortSync',
		// One segment's users share requests (as `input` shows); each good item names a segment of its own.
		itemsPerRequest: 1,
		safeToRepeat: true,
		input: [
			{ id: 'u-1', segment: 'vip' },
			{ id: '', segment: 'vip' },
			{ id: 'u-2', segment: 'vip' },
			{ id: 'guest', segment: 'vip' },
		],
		failing: [1, 3],
		refusedByNode: 1,
		valid: (count) => times(count, (i) => ({ id: userId(i), segment: `s-${i}` })),
		keyOf: (item) => String(item.id),
		keysOf: (request) => members(request),
	},
	{
		name: 'Segment → Remove Users',
		parameters: removeUsersFromSegment,
		api: 'cohortSync',
		itemsPerRequest: 1,
		safeToRepeat: true,
		input: [
			{ id: 'u-1', segment: 'a*b' },
			{ id: 'u-2', segment: 'vip' },
			{ id: 'u-100', segment: 'vip' },
		],
		failing: [0],
		refusedByNode: 0,
		valid: (count) => times(count, (i) => ({ id: userId(i), segment: `s-${i}` })),
		keyOf: (item) => String(item.id),
		keysOf: (request) => members(request),
	},
	{
		name: 'Segment → Get Many',
		parameters: getSegments,
		api: 'listSegments',
		itemsPerRequest: 1,
		safeToRepeat: true,
		// MoEngage answers an empty list for a name it does not have, so failures here are the node's own checks.
		input: [{ name: 'VIP customers' }, { name: 'VIP customers', limit: 0 }, { name: 'Active subscribers' }, { limit: 'ten' }],
		failing: [1, 3],
		refusedByNode: 1,
		// Each names one segment of the workspace (RUN_MODE_SEGMENTS).
		valid: (count) => RUN_MODE_SEGMENTS.slice(0, count).map(({ name }) => ({ name })),
		keyOf: (item) => String(item.name),
		keysOf: (request) => [request.query.name],
	},
	{
		name: 'Segment → Get',
		parameters: getSegment,
		api: 'getSegment',
		itemsPerRequest: 1,
		safeToRepeat: true,
		input: [{ segment: '63a017e8d2460ae81a05bf5e' }, { segment: 'aaaaaaaaaaaaaaaaaaaaaaaa' }, { segment: '6388a97a02adb9071ca84ce9' }, { segment: 'VIP customers' }],
		failing: [1, 3],
		refusedByNode: 3,
		rejectedByMoEngage: 1,
		rejectionDetails: /^HTTP 404 · /,
		valid: (count) => RUN_MODE_SEGMENTS.slice(0, count).map(({ id }) => ({ segment: id })),
		keyOf: (item) => String(item.segment),
		keysOf: (request) => [request.path.split('/').pop() ?? ''],
	},
	{
		name: 'Business Event → Trigger',
		parameters: triggerBusinessEvent,
		api: 'triggerBusinessEvent',
		itemsPerRequest: 1,
		safeToRepeat: false,
		input: [
			{ event: 'price_drop', attributes: { product_id: 'p1' } },
			{ event: '' },
			{ event: 'no_such_event' },
			{ event: 'flight_delayed', attributes: { flight: 'LH 400' } },
		],
		failing: [1, 2],
		refusedByNode: 1,
		rejectedByMoEngage: 2,
		rejectionDetails: /^HTTP 400 · .*request_id /,
		valid: (count) => times(count, (i) => ({ event: 'price_drop', attributes: { product_id: userId(i) } })),
		keyOf: (item) => String((item.attributes as IDataObject).product_id),
		keysOf: (request) => [String((body(request).event_attributes as IDataObject).product_id)],
	},
	{
		name: 'Inform → Send Alert',
		parameters: sendAlert,
		api: 'sendAlert',
		itemsPerRequest: 1,
		// the same transaction ID again: MoEngage answers 409 instead of sending twice (transport/api.ts)
		safeToRepeat: true,
		input: [
			{ id: 'u-1', to: '+15550001' },
			{ id: 'u-2', to: '' },
			{ id: 'u-1', to: '+15550001', alert: 'no_such_alert' },
			{ id: 'u-2', to: '+15550002' },
		],
		failing: [1, 2],
		refusedByNode: 1,
		rejectedByMoEngage: 2,
		valid: (count) => times(count, (i) => ({ id: userId(i), to: `+1555010${String(i).padStart(4, '0')}` })),
		keyOf: (item) => String(item.id),
		keysOf: (request) => [String(body(request).user_id)],
	},
	{
		name: 'Campaign → Send Message',
		parameters: sendMessage,
		api: 'sendMessage',
		itemsPerRequest: 1,
		// MoEngage does not deduplicate on the Idempotency-Key yet: a repeat would send it twice (transport/api.ts)
		safeToRepeat: false,
		input: [{ id: 'u-1' }, { id: '' }, { id: 'u-2', campaign: '66e93302000000000shell02' }, { id: 'u-2' }],
		failing: [1, 2],
		refusedByNode: 1,
		rejectedByMoEngage: 2,
		rejectionDetails: /^HTTP 404 · /,
		valid: (count) => times(count, (i) => ({ id: userId(i) })),
		keyOf: (item) => String(item.id),
		keysOf: (request) => [String((body(request).recipients as string[])[0])],
	},
	{
		name: 'Push → Send',
		parameters: sendPush,
		api: 'sendPush',
		itemsPerRequest: 1,
		// the Push API does not deduplicate: a repeat pushes again (transport/endpoints.engage.ts)
		safeToRepeat: false,
		input: [{ id: 'u-1' }, { id: '' }, { id: 'u-2', extra: { ANDROID: { richContent: 'not a list' } } }, { id: 'u-2' }],
		failing: [1, 2],
		refusedByNode: 1,
		rejectedByMoEngage: 2,
		// MoEngage answers its failures with HTTP 200 and status "Fail"
		rejectionDetails: /^HTTP 200 · /,
		valid: (count) => times(count, (i) => ({ id: userId(i) })),
		keyOf: (item) => String(item.id),
		keysOf: (request) => [String((body(request).targetUserAttributes as IDataObject).attributeValue)],
	},
	{
		name: 'Segment → Create From File',
		parameters: createSegmentFromFile,
		api: 'createFileSegment',
		itemsPerRequest: 1,
		// a second request is one more of MoEngage's 10 file-segment operations an hour, and answers 409 (transport/api.ts)
		safeToRepeat: false,
		input: [{ name: 'From file 0', url: 'https://storage.example.com/0.csv' }, { name: '', url: 'https://storage.example.com/1.csv' }, { name: 'VIP customers', url: 'https://storage.example.com/2.csv' }, { name: 'From file 3', url: 'https://storage.example.com/3.csv' }],
		failing: [1, 2],
		refusedByNode: 1,
		// a name a segment already has
		rejectedByMoEngage: 2,
		rejectionDetails: /^HTTP 409 · /,
		valid: (count) => times(count, (i) => ({ name: `From file ${i}`, url: `https://storage.example.com/${i}.csv` })),
		keyOf: (item) => String(item.name),
		keysOf: (request) => [String(body(request).name)],
	},
	{
		name: 'Campaign → Download Report',
		parameters: downloadReport,
		api: 'downloadCampaignReport',
		itemsPerRequest: 1,
		// a GET of a file (transport/api.ts)
		safeToRepeat: true,
		input: [{ file: reportFile(0) }, { file: '' }, { file: 'Daily_Campaigns_20261127.zip' }, { file: reportFile(1) }],
		failing: [1, 2],
		refusedByNode: 1,
		// expired (older than 7 days)
		rejectedByMoEngage: 2,
		valid: (count) => times(count, (i) => ({ file: reportFile(i) })),
		keyOf: (item) => String(item.file),
		keysOf: (request) => [decodeURIComponent(request.path.split('/').pop() ?? '')],
	},
	{
		name: 'Campaign → Get',
		parameters: getCampaign,
		api: 'searchCampaigns',
		itemsPerRequest: 1,
		safeToRepeat: true,
		input: [{ campaign: 'c1' }, { campaign: '' }, { campaign: 'c2' }, { campaign: 'c1, c2' }],
		failing: [1, 3],
		refusedByNode: 1,
		valid: (count) => times(count, (i) => ({ campaign: runningCampaignId(i) })),
		keyOf: (item) => String(item.campaign),
		keysOf: (request) => [String((body(request).campaign_fields as IDataObject).id)],
	},
	{
		name: 'Campaign → Change Status',
		parameters: pauseCampaign,
		api: 'changeCampaignStatus',
		itemsPerRequest: 1,
		// pausing again leaves the campaign paused (transport/api.ts)
		safeToRepeat: true,
		input: [{ campaign: runningCampaignId(0) }, { campaign: '' }, { campaign: 'no-such-campaign' }, { campaign: runningCampaignId(1) }],
		failing: [1, 2],
		refusedByNode: 1,
		rejectedByMoEngage: 2,
		valid: (count) => times(count, (i) => ({ campaign: runningCampaignId(i) })),
		keyOf: (item) => String(item.campaign),
		keysOf: (request) => body(request).campaign_ids as string[],
	},
	{
		name: 'Flow → Search',
		parameters: searchFlows,
		api: 'searchFlows',
		itemsPerRequest: 1,
		safeToRepeat: true,
		input: [{ name: 'Welcome' }, { name: ['Flow'] }, { name: 'Flow 03' }],
		failing: [1],
		refusedByNode: 1,
		// One flow found for each ("Flow 02"…).
		valid: (count) => times(count, (i) => ({ name: `Flow ${String(i + 2).padStart(2, '0')}` })),
		keyOf: (item) => String(item.name),
		keysOf: (request) => [String(body(request).name)],
	},
	{
		name: 'Flow → Get',
		parameters: getFlow,
		api: 'getFlow',
		itemsPerRequest: 1,
		safeToRepeat: true,
		input: [{ flow: flowId(0) }, { flow: '' }, { flow: 'ffffffffffffffffffffffff' }, { flow: flowId(1) }],
		failing: [1, 2],
		refusedByNode: 1,
		rejectedByMoEngage: 2,
		rejectionDetails: /^HTTP 404 · /,
		valid: (count) => times(count, (i) => ({ flow: flowId(i) })),
		keyOf: (item) => String(item.flow),
		keysOf: (request) => [request.path.split('/')[3]],
	},
	{
		name: 'Flow → Change Status',
		parameters: pauseFlow,
		api: 'changeFlowStatus',
		itemsPerRequest: 1,
		// every attempt carries the same Idempotency-Key: MoEngage replays its first answer (transport/api.ts)
		safeToRepeat: true,
		input: [{ flow: pausableFlow(0) }, { flow: 'not-a-flow' }, { flow: flowId(3) }, { flow: pausableFlow(1) }],
		failing: [1, 2],
		refusedByNode: 1,
		rejectedByMoEngage: 2,
		rejectionDetails: /^HTTP 409 · /,
		valid: (count) => times(count, (i) => ({ flow: pausableFlow(i) })),
		keyOf: (item) => String(item.flow),
		keysOf: (request) => [request.path.split('/')[3]],
	},
	{
		name: 'Campaign → Search',
		parameters: searchCampaigns,
		api: 'searchCampaigns',
		itemsPerRequest: 1,
		safeToRepeat: true,
		input: [{ name: 'Spring Sale' }, { name: 'Welcome Series', channel: 'FAX' }, { name: 'Price Drop' }, { name: 'Campaign', channel: ['PUSH', 'PAGER'] }],
		failing: [1, 3],
		refusedByNode: 1,
		// One campaign found for each ("Campaign 05"…).
		valid: (count) => times(count, (i) => ({ name: `Campaign ${String(i + 5).padStart(2, '0')}` })),
		keyOf: (item) => String(item.name),
		keysOf: (request) => [String((body(request).campaign_fields as IDataObject).name)],
	},
	{
		name: 'Campaign → Get Stats',
		parameters: getCampaignStats,
		api: 'campaignStats',
		itemsPerRequest: 10,
		safeToRepeat: true,
		input: [{ campaign: statsCampaignId(0) }, { campaign: '' }, { campaign: statsCampaignId(1) }, { campaign: [statsCampaignId(2)] }, { campaign: ' , ' }],
		failing: [1, 4],
		refusedByNode: 1,
		valid: (count) => times(count, (i) => ({ campaign: statsCampaignId(i) })),
		keyOf: (item) => String(item.campaign),
		keysOf: (request) => body(request).campaign_ids as string[],
	},
	{
		name: 'User → Get Subscription Preferences',
		parameters: getSubscriptionPreferences,
		api: 'getSubscriptionPreferences',
		itemsPerRequest: 1,
		safeToRepeat: true,
		input: [{ id: 'u-1' }, { id: 'ghost-1' }, { id: 'u-2' }, { id: '' }],
		failing: [1, 3],
		refusedByNode: 3,
		rejectedByMoEngage: 1,
		rejectionDetails: /^HTTP 404 · /,
		valid: (count) => times(count, (i) => ({ id: userId(i) })),
		keyOf: (item) => String(item.id),
		keysOf: (request) => [request.query.user_identifier_value],
	},
	{
		name: 'User → Update Subscription Preferences',
		parameters: unsubscribeFromNewsletter,
		api: 'updateSubscriptionPreferences',
		// "Keep As Is" reads the user's global state before the update.
		firstApi: 'getSubscriptionPreferences',
		requestsPerItem: 2,
		itemsPerRequest: 1,
		safeToRepeat: true,
		input: [{ id: 'u-1' }, { id: 'ghost-1' }, { id: 'u-2' }, { id: '' }],
		failing: [1, 3],
		refusedByNode: 3,
		rejectedByMoEngage: 1,
		rejectionDetails: /^HTTP 404 · /,
		valid: (count) => times(count, (i) => ({ id: userId(i) })),
		keyOf: (item) => String(item.id),
		keysOf: (request) => [String(body(request).user_identifier_value)],
	},
];

/**
 * The node versions every row runs at: the default for new nodes (Simplify on, Concurrency 50, the
 * campaign picker), 1.3 (Simplify off), 1.2 (the picker with Concurrency 10), 1.1 and 1 (saved workflows).
 */
export const NODE_VERSIONS = [LATEST_NODE_VERSION, 1.3, 1.2, 1.1, 1];
