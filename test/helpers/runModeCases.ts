import type { IDataObject } from 'n8n-workflow';

import type { Api, RecordedRequest, StandInUser } from '../standin/server';
import { ANN, BOB, manyUsers } from './fixtures';
import { createOrUpdate, deleteCards, deleteUser, getCards, getUser, mergeUsers, trackEvent } from './operations';

/**
 * One row per operation, for the tests that prove every n8n run mode for every operation
 * (test/runModesAll.test.ts). To add an operation, add a row:
 *
 * | field              | what it is                                                                  |
 * | ------------------ | --------------------------------------------------------------------------- |
 * | name               | "Resource → Operation"                                                      |
 * | parameters         | its parameter builder from operations.ts (Options as argument)              |
 * | api                | the stand-in API it calls                                                   |
 * | itemsPerRequest    | items one request carries (1, or the batch size)                            |
 * | input              | good and bad items mixed; at least one refused by the node's own checks     |
 * | failing            | indexes of the bad items in `input`                                         |
 * | refusedByNode      | a bad item the node refuses by its own checks, before sending anything      |
 * | rejectedByMoEngage | the bad item MoEngage itself rejects (400), if any                          |
 * | valid(count)       | `count` good items, each for a different user of RUN_MODE_USERS             |
 * | keyOf(item)        | what tells one item from another in a request (the user it names)           |
 * | keysOf(request)    | the keys (as keyOf) of the items a request carries                          |
 *
 * The stand-in starts every test with RUN_MODE_USERS.
 */
export interface RunModeCase {
	name: string;
	parameters: (options?: IDataObject) => IDataObject;
	api: Api;
	itemsPerRequest: number;
	input: IDataObject[];
	failing: number[];
	refusedByNode: number;
	rejectedByMoEngage?: number;
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

/** The i-th of the numbered users. */
const userId = (i: number) => `u-${100 + i}`;
const times = <T>(count: number, make: (i: number) => T): T[] => Array.from({ length: count }, (_, i) => make(i));
const body = (request: RecordedRequest) => request.body as IDataObject;

export const RUN_MODE_CASES: RunModeCase[] = [
	{
		name: 'User → Create or Update',
		parameters: createOrUpdate,
		api: 'trackUser',
		itemsPerRequest: 1,
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
		input: [{ id: 'u-1' }, { id: 'ghost-1' }, { id: 'u-2' }, { id: 'ghost-2' }, { id: '' }],
		failing: [1, 3, 4],
		refusedByNode: 4,
		rejectedByMoEngage: 1,
		valid: (count) => times(count, (i) => ({ id: userId(i) })),
		keyOf: (item) => String(item.id),
		keysOf: (request) => [String(body(request).identity_value)],
	},
	{
		name: 'Event → Track',
		parameters: trackEvent,
		api: 'trackEvent',
		itemsPerRequest: 1,
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
];

/** The node versions every row runs at: 1.1 (the default for new nodes) and 1 (saved workflows). */
export const NODE_VERSIONS = [1.1, 1];
