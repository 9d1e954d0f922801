import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { Field } from '../helpers/parameters';
import { fieldError } from '../helpers/parameters';
import type { ItemRun } from '../run/itemRun';
import { describeItems } from '../run/itemRun';
import type { MoEngageClient } from '../transport';
import type { MoEngageEndpoint } from '../transport/api';
import { BULK_IMPORT_MAX_BYTES } from '../transport/api';
import type { ItemRequest } from '../run/schedule';
import { batchesToWaitFor, inParallelAfter } from '../run/schedule';

export const SEND_IN_BULK: Field = { name: 'sendInBulk', label: 'Send in Bulk' };

/**
 * How an operation's items go to MoEngage's Bulk Import (`POST /v1/transition/{workspace}`):
 * each item becomes one element, the body the single-item endpoint would take.
 */
export interface BulkImport<Params> {
	/** The Bulk Import entry whose limit and repeat policy apply (users or events). */
	endpoint: MoEngageEndpoint;
	/** The item's element: a `customer` or `event` object, exactly as sent on its own. */
	element(params: Params): IDataObject;
	/** The user the element writes to: one user's elements keep their input order. */
	userOf(params: Params): string;
	/** What the item's output repeats of what was sent. */
	echo(params: Params): IDataObject;
	/** Headers of the item's request (X-Forwarded-For): items with other headers go in other requests. */
	headersOf(params: Params): Record<string, string> | undefined;
}

/** The "Send in Bulk" option of an operation's Options collection. */
export function sendInBulkOption(what: { items: string; endpoint: MoEngageEndpoint; singleLimit: number }): INodeProperties {
	const { perMinute, unit } = what.endpoint.rateLimit;
	return {
		displayName: SEND_IN_BULK.label,
		name: SEND_IN_BULK.name,
		type: 'boolean',
		default: false,
		description: `Whether to send many ${what.items} in one request through MoEngage's Bulk Import API (up to ${perMinute.toLocaleString('en-US')} ${unit} a minute instead of ${what.singleLimit.toLocaleString('en-US')}; Rate Limit then counts ${unit} and defaults to that). Every item is still checked before anything is sent. MoEngage answers 200 for every request it processes and does not report rows it rejects later: those show only on the user's profile. Applies to the whole run (read from the first item).`,
	};
}

/** Whether the run sends in bulk: read once, from the first item, like the request settings. */
export function readSendInBulk(context: IExecuteFunctions): boolean {
	const options = context.getNodeParameter('options', 0, {}) as IDataObject;
	const value = options[SEND_IN_BULK.name] ?? false;
	if (typeof value !== 'boolean') throw fieldError(context, SEND_IN_BULK, 0, 'must be true or false');
	return value;
}

/** The body around the elements: `{"type":"transition","elements":[` … `]}`. */
const ENVELOPE_BYTES = utf8Length(JSON.stringify({ type: 'transition', elements: [] }));

/**
 * Bytes of `text` in UTF-8, as it goes on the wire. JSON.stringify escapes lone surrogates, so
 * every high surrogate in its output starts a pair (one 4-byte character).
 */
export function utf8Length(text: string): number {
	let bytes = 0;
	for (let i = 0; i < text.length; i++) {
		const code = text.charCodeAt(i);
		if (code < 0x80) bytes += 1;
		else if (code < 0x800) bytes += 2;
		else if (code >= 0xd800 && code <= 0xdbff) {
			bytes += 4;
			i++;
		} else bytes += 3;
	}
	return bytes;
}

/** One Bulk Import request: its items, their elements in the same order, and its body's size. */
export interface BulkRequest<Params> {
	items: Array<ItemRequest<Params>>;
	elements: IDataObject[];
	headers?: Record<string, string>;
	bytes: number;
}

/** Items whose element alone makes a body over the limit. */
export interface OversizedItem {
	itemIndex: number;
	bytes: number;
}

/**
 * Packs the items into Bulk Import requests of at most `maxBytes` (the serialized body), in input
 * order: each item joins the open request of its headers while it fits, else opens a new one. An
 * item whose user is already in a later request than that open one opens a new one too, so a
 * user's items sit in requests of rising index, in input order within each; with batchesToWaitFor
 * a request then leaves only after every earlier request with one of its users has finished.
 */
export function packForBulkImport<Params>(
	requests: Array<ItemRequest<Params>>,
	bulk: BulkImport<Params>,
	maxBytes = BULK_IMPORT_MAX_BYTES,
): { packed: Array<BulkRequest<Params>>; oversized: OversizedItem[] } {
	const packed: Array<BulkRequest<Params>> = [];
	const oversized: OversizedItem[] = [];
	const openByHeaders = new Map<string, number>();
	const lastRequestOf = new Map<string, number>();
	for (const request of requests) {
		const element = bulk.element(request.params);
		const size = utf8Length(JSON.stringify(element));
		if (ENVELOPE_BYTES + size > maxBytes) {
			oversized.push({ itemIndex: request.itemIndex, bytes: ENVELOPE_BYTES + size });
			continue;
		}
		const headers = bulk.headersOf(request.params);
		const headersKey = JSON.stringify(headers ?? {});
		const user = bulk.userOf(request.params);
		const open = openByHeaders.get(headersKey);
		const last = lastRequestOf.get(user);
		let target = open;
		if (target !== undefined && (last === undefined || last <= target) && packed[target].bytes + 1 + size <= maxBytes) {
			packed[target].bytes += 1 + size; // the comma before it
		} else {
			target = packed.push({ items: [], elements: [], headers, bytes: ENVELOPE_BYTES + size }) - 1;
			openByHeaders.set(headersKey, target);
		}
		packed[target].items.push(request);
		packed[target].elements.push(element);
		lastRequestOf.set(user, target);
	}
	return { packed, oversized };
}

function oversizedError(context: IExecuteFunctions, { itemIndex, bytes }: OversizedItem, maxBytes: number): NodeOperationError {
	return new NodeOperationError(
		context.getNode(),
		`Item ${itemIndex} is too large for a Bulk Import request: ${bytes.toLocaleString('en-US')} bytes, where MoEngage takes at most ${maxBytes.toLocaleString('en-US')}`,
		{ itemIndex, description: `Send fewer or shorter attributes for this item, or turn off Options > ${SEND_IN_BULK.label} (one request per item takes up to 128 KB).` },
	);
}

/**
 * Sends the items through Bulk Import: every item is checked to fit before anything is sent,
 * then up to Concurrency requests are in flight, paced at the bulk limit in users or events (one
 * per element), a user's requests one after the other. Each item's output names the request it
 * went in; a request that fails fails its own items only. Retries and ambiguous outcomes follow
 * the endpoint's repeat policy (the transport's).
 */
export async function sendInBulk<Params>(
	this: IExecuteFunctions,
	bulk: BulkImport<Params>,
	client: MoEngageClient,
	requests: Array<ItemRequest<Params>>,
	run: ItemRun,
): Promise<void> {
	const { packed, oversized } = packForBulkImport(requests, bulk);
	for (const item of oversized) run.fail(item.itemIndex, oversizedError(this, item, BULK_IMPORT_MAX_BYTES));
	const waitFor = batchesToWaitFor(
		packed.map(({ items }) => items),
		({ params }) => [bulk.userOf(params)],
	);
	await inParallelAfter(waitFor, client.settings.concurrency, async (index) => {
		const { items, elements, headers } = packed[index];
		const bulkRequest = index + 1;
		const itemIndexes = items.map(({ itemIndex }) => itemIndex);
		let answer: IDataObject;
		try {
			answer = await client.request(
				bulk.endpoint,
				{ type: 'transition', elements },
				{
					headers,
					itemIndex: itemIndexes[0],
					subject: `${describeItems(itemIndexes)} (bulk request ${bulkRequest})`,
					batch: true,
					cost: elements.length,
				},
			);
		} catch (error) {
			for (const itemIndex of itemIndexes) run.fail(itemIndex, error);
			return;
		}
		// MoEngage answers 200 for a request it processes and skips bad rows without saying which:
		// "accepted" is all the answer confirms.
		for (const { itemIndex, params } of items) {
			run.succeed(itemIndex, {
				status: 'accepted',
				moengage_status: answer.status,
				message: answer.message,
				bulk_request: bulkRequest,
				items_in_request: items.length,
				...bulk.echo(params),
			});
		}
	});
}
