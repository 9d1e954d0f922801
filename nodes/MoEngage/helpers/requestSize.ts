import type { IExecuteFunctions } from 'n8n-workflow';

import { REQUEST_BODY_MAX_BYTES, REQUEST_QUERY_MAX_BYTES } from '../transport/api';
import type { Field } from './parameters';
import { fieldError } from './parameters';

/**
 * Requests too large for MoEngage, refused before anything is sent: each item's own request is
 * checked when the item is read, so a value too long fails its own item only, naming the field
 * it came from, and the items sharing a batch request with it are sent as usual.
 */

/** Bytes of a value as JSON on the wire (UTF-8). */
export function jsonBytes(value: unknown): number {
	return Buffer.byteLength(JSON.stringify(value) ?? '', 'utf8');
}

/** Bytes of a query string as sent (`a=1&b=2`, each part percent-encoded). */
export function queryBytes(query: Record<string, string | number>): number {
	return Object.entries(query)
		.map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(String(value))}`)
		.join('&').length;
}

/** A field and what it puts into the request, to tell which field makes a request too large. */
export interface FieldValue {
	field: Field;
	value: unknown;
}

/** The field whose value takes the most room. */
function largest(fields: FieldValue[], size: (value: unknown) => number): Field {
	let best = fields[0];
	let bestSize = -1;
	for (const entry of fields) {
		const bytes = entry.value === undefined ? 0 : size(entry.value);
		if (bytes > bestSize) [best, bestSize] = [entry, bytes];
	}
	return best.field;
}

const kb = (bytes: number) => `${Math.round(bytes / 1000)} KB`;

/**
 * Refuses an item whose request body would be larger than MoEngage accepts, naming the field
 * (of `fields`, those the item fills the body from) whose value takes the most room.
 */
export function checkBodySize(context: IExecuteFunctions, itemIndex: number, body: unknown, fields: FieldValue[], maxBytes = REQUEST_BODY_MAX_BYTES): void {
	const bytes = jsonBytes(body);
	if (bytes <= maxBytes) return;
	throw fieldError(
		context,
		largest(fields, jsonBytes),
		itemIndex,
		`makes the request larger than the ${kb(maxBytes)} MoEngage accepts`,
		`The request would be ${bytes.toLocaleString('en-US')} bytes, and MoEngage refuses more than ${maxBytes.toLocaleString('en-US')}: shorten this value, or leave it out. Nothing was sent for this item.`,
	);
}

/** Refuses an item whose query string (a GET's parameters) would be longer than gateways take. */
export function checkQuerySize(
	context: IExecuteFunctions,
	itemIndex: number,
	query: Record<string, string | number>,
	fields: FieldValue[],
	maxBytes = REQUEST_QUERY_MAX_BYTES,
): void {
	const bytes = queryBytes(query);
	if (bytes <= maxBytes) return;
	throw fieldError(
		context,
		largest(fields, (value) => encodeURIComponent(String(value)).length),
		itemIndex,
		`makes the request's address longer than the ${kb(maxBytes)} the node sends`,
		`MoEngage takes this value in the URL, which would be ${bytes.toLocaleString('en-US')} bytes long; servers refuse URLs over about 8 KB. Nothing was sent for this item.`,
	);
}

/**
 * Packs requests into batches of at most `maxPerBatch` and at most `maxBytes`, in input order:
 * a request joins the open batch while both hold, else starts a new one. `share` is the room a
 * request takes in a body (an upper bound), `envelopeBytes` the body's size with no request in
 * it. A request larger than the room left alone still gets a batch of its own.
 */
export function packBatches<T>(requests: T[], maxPerBatch: number, share: (request: T) => number, envelopeBytes: number, maxBytes = REQUEST_BODY_MAX_BYTES): T[][] {
	const batches: T[][] = [];
	let open: T[] = [];
	let bytes = envelopeBytes;
	for (const request of requests) {
		const size = share(request);
		// A request adds its own bytes, and a comma after the first.
		if (open.length > 0 && (open.length >= maxPerBatch || bytes + 1 + size > maxBytes)) {
			batches.push(open);
			open = [];
			bytes = envelopeBytes;
		}
		bytes += size + (open.length > 0 ? 1 : 0);
		open.push(request);
	}
	if (open.length > 0) batches.push(open);
	return batches;
}
