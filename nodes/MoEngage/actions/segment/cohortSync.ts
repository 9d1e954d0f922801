import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { checkCustomerId } from '../../helpers/customerId';
import { updateDisplayOptions } from '../../helpers/displayOptions';
import { fieldError, readOptionalText, readRequiredText } from '../../helpers/parameters';
import { operationOptions } from '../../helpers/requestSettings';
import { checkBodySize } from '../../helpers/requestSize';
import type { ItemRun } from '../../run/itemRun';
import { describeItems } from '../../run/itemRun';
import type { MoEngageClient } from '../../transport';
import { COHORT_NAME_FORBIDDEN, COHORT_NAME_LEADING_PERIOD, COHORT_SYNC_MAX_BODY_BYTES, ENDPOINTS } from '../../transport/api';
import type { ItemRequest } from '../../run/schedule';
import { inParallel } from '../../run/schedule';
import type { SendAll } from '../operation';

/**
 * Segment → Add Users / Remove Users: MoEngage's Cohort Sync, which adds users to (or removes them
 * from) a custom segment it creates on first use. Both operations share these fields and this
 * batching; only the action differs.
 */

export type CohortAction = 'add_members' | 'remove_members';

export const SEGMENT_ID = { name: 'segmentId', label: 'Segment ID' };
export const SEGMENT_NAME = { name: 'segmentName', label: 'Segment Name' };
export const MEMBER_ID = { name: 'customerId', label: 'Customer ID' };
export const SEGMENT_DESCRIPTION = { name: 'segmentDescription', label: 'Segment Description' };
export const PARTNER = { name: 'partner', label: 'Source Name' };

/** What MoEngage is told the segment comes from when the Source Name option is empty. */
export const DEFAULT_PARTNER = 'n8n';

export function cohortSyncDescription(operation: 'addUsers' | 'removeUsers'): INodeProperties[] {
	const adding = operation === 'addUsers';
	const properties: INodeProperties[] = [
		{
			displayName: adding
				? 'MoEngage adds only users it already has (matched on their ID field) and creates the segment on first use. The node sends the users of all items in as few requests as MoEngage allows (128 KB each).'
				: 'The node sends the users of all items in as few requests as MoEngage allows (128 KB each). Only segments made through this API can be changed, not those built in the dashboard.',
			name: 'cohortNotice',
			type: 'notice',
			default: '',
		},
		{
			displayName: SEGMENT_ID.label,
			name: SEGMENT_ID.name,
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. vip-list',
			description: 'Your own ID for the segment: the same ID always names the same segment in MoEngage',
		},
		{
			displayName: SEGMENT_NAME.label,
			name: SEGMENT_NAME.name,
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. VIP customers',
			description: 'The name MoEngage shows for the segment. It cannot contain a pipe, asterisk, question mark, backslash, colon, angle bracket, equals sign, dollar sign or double quote.',
		},
		{
			displayName: MEMBER_ID.label,
			name: MEMBER_ID.name,
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. u-1001',
			description: `The ID field (customer ID) of the user to ${adding ? 'add to' : 'remove from'} the segment, one per item`,
		},
		...operationOptions(ENDPOINTS.cohortSync, { perItem: false }, [
			{
				displayName: SEGMENT_DESCRIPTION.label,
				name: SEGMENT_DESCRIPTION.name,
				type: 'string',
				default: '',
				placeholder: 'e.g. Customers on the CRM VIP list',
				description: 'A description MoEngage keeps with the segment',
			},
			{
				displayName: PARTNER.label,
				name: PARTNER.name,
				type: 'string',
				default: DEFAULT_PARTNER,
				description: 'The system the segment comes from, as MoEngage records it (its "partner")',
			},
		]),
	];
	return updateDisplayOptions({ show: { resource: ['segment'], operation: [operation] } }, properties);
}

export interface CohortMemberParams {
	/** The segment as MoEngage's `parameters` names it, members aside. */
	cohort: { cohort_id: string; cohort_name: string; cohort_description?: string };
	partner: string;
	uid: string;
}

const bytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value), 'utf8');

function requestBody(action: CohortAction, partner: string, cohort: CohortMemberParams['cohort'], uids: string[]): IDataObject {
	return { action, partner, parameters: { ...cohort, members: uids.map((uid) => ({ uid })) } };
}

export function readCohortMember(context: IExecuteFunctions, itemIndex: number, action: CohortAction): CohortMemberParams {
	const cohort_id = readRequiredText(context, SEGMENT_ID, itemIndex);
	const cohort_name = readRequiredText(context, SEGMENT_NAME, itemIndex);
	const forbidden = COHORT_NAME_FORBIDDEN.exec(cohort_name);
	if (forbidden) {
		throw fieldError(context, SEGMENT_NAME, itemIndex, `contains "${forbidden[0]}", which MoEngage does not accept in a segment name`, 'Leave out | * ? \\ : < > = $ and "');
	}
	if (COHORT_NAME_LEADING_PERIOD.test(cohort_name)) {
		throw fieldError(context, SEGMENT_NAME, itemIndex, `starts with a period ("${cohort_name}"), which MoEngage does not accept in a segment name`, 'Remove the leading period');
	}
	const uid = checkCustomerId(context, MEMBER_ID, itemIndex, readRequiredText(context, MEMBER_ID, itemIndex));
	const options = context.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const cohort_description = readOptionalText(context, SEGMENT_DESCRIPTION, itemIndex, options[SEGMENT_DESCRIPTION.name]);
	const partner = readOptionalText(context, PARTNER, itemIndex, options[PARTNER.name]) ?? DEFAULT_PARTNER;
	const cohort = { cohort_id, cohort_name, ...(cohort_description !== undefined ? { cohort_description } : {}) };
	checkBodySize(
		context,
		itemIndex,
		requestBody(action, partner, cohort, [uid]),
		[
			{ field: SEGMENT_ID, value: cohort_id },
			{ field: SEGMENT_NAME, value: cohort_name },
			{ field: MEMBER_ID, value: uid },
			{ field: SEGMENT_DESCRIPTION, value: cohort_description },
			{ field: PARTNER, value: partner },
		],
		COHORT_SYNC_MAX_BODY_BYTES,
	);
	return { cohort, partner, uid };
}

/** One Cohort Sync request: the segment, its distinct user IDs, and every item they came from. */
export interface CohortBatch {
	action: CohortAction;
	partner: string;
	cohort: CohortMemberParams['cohort'];
	uids: string[];
	items: Array<ItemRequest<CohortMemberParams>>;
}

/**
 * The items as few requests as the 128 KB cap allows: grouped by segment (in order of first
 * appearance), each group's distinct user IDs packed in input order until the next one would
 * not fit. An ID repeated in a segment is sent once, and answers for every item that named it.
 */
export function cohortBatches(action: CohortAction, requests: Array<ItemRequest<CohortMemberParams>>, maxBytes = COHORT_SYNC_MAX_BODY_BYTES): CohortBatch[] {
	const bySegment = new Map<string, { open: CohortBatch; size: number; batchOf: Map<string, CohortBatch> }>();
	const batches: CohortBatch[] = [];
	const startBatch = ({ params }: ItemRequest<CohortMemberParams>): CohortBatch => {
		const batch: CohortBatch = { action, partner: params.partner, cohort: params.cohort, uids: [], items: [] };
		batches.push(batch);
		return batch;
	};
	for (const request of requests) {
		const { partner, cohort, uid } = request.params;
		const key = JSON.stringify([partner, cohort.cohort_id, cohort.cohort_name, cohort.cohort_description ?? null]);
		let segment = bySegment.get(key);
		if (!segment) {
			const open = startBatch(request);
			segment = { open, size: bytes(requestBody(action, partner, cohort, [])), batchOf: new Map() };
			bySegment.set(key, segment);
		}
		const earlier = segment.batchOf.get(uid);
		if (earlier) {
			earlier.items.push(request);
			continue;
		}
		// A member adds its own bytes, and a comma after the first.
		const added = bytes({ uid }) + (segment.open.uids.length > 0 ? 1 : 0);
		if (segment.size + added > maxBytes && segment.open.uids.length > 0) {
			segment.open = startBatch(request);
			segment.size = bytes(requestBody(action, partner, cohort, []));
			segment.size += bytes({ uid });
		} else {
			segment.size += added;
		}
		segment.open.uids.push(uid);
		segment.open.items.push(request);
		segment.batchOf.set(uid, segment.open);
	}
	return batches;
}

/**
 * One request per batch, up to Concurrency in flight, paced at MoEngage's 300 a minute. MoEngage
 * answers for the whole request, so each item of a batch gets that answer (or its error).
 */
export function syncMembers(action: CohortAction): SendAll<CohortMemberParams> {
	return async function (this: IExecuteFunctions, client: MoEngageClient, requests, run: ItemRun) {
		const batches = cohortBatches(action, requests);
		await inParallel(batches.length, client.settings.concurrency, async (index) => {
			const { partner, cohort, uids, items } = batches[index];
			const itemIndexes = items.map(({ itemIndex }) => itemIndex);
			try {
				const answer = await client.request(ENDPOINTS.cohortSync, requestBody(action, partner, cohort, uids), {
					itemIndex: itemIndexes[0],
					subject: `${describeItems(itemIndexes)} (segment "${cohort.cohort_id}")`,
					batch: true,
				});
				for (const { itemIndex, params } of items) {
					// MoEngage accepts the request and processes it later; users it does not have are left out.
					run.succeed(itemIndex, {
						status: 'accepted',
						action,
						segment_id: cohort.cohort_id,
						segment_name: cohort.cohort_name,
						customer_id: params.uid,
						moengage_status: answer.status,
						message: answer.message,
					});
				}
			} catch (error) {
				for (const itemIndex of itemIndexes) run.fail(itemIndex, error);
			}
		});
	};
}
