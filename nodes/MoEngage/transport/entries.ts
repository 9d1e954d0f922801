import type { IDataObject } from 'n8n-workflow';

import type { MoEngageEndpoint } from './api';
import { isObject } from './errors';

/**
 * Keys of what a request asks MoEngage to carry out, for the run's InDoubt (run/mayHaveHappened.ts):
 * one per entry of a batch body (a merge pair, a Bulk Import element, a segment member, which
 * MoEngage carries out each on its own), else one for the whole request. A key also names the
 * endpoint, the query and the rest of the body, so that an entry means the same wherever it is
 * sent again: alone, in another batch, or in a later try.
 */
export function entriesOf(endpoint: MoEngageEndpoint, body: IDataObject, query: object = {}): string[] {
	const request = `${endpoint.method} ${endpoint.path} ${JSON.stringify(query)}`;
	const path = endpoint.batchOf;
	const list = path ? listAt(body, path) : undefined;
	if (!path || !list) return [`${request} ${JSON.stringify(body)}`];
	const around = `${request} ${JSON.stringify(withoutList(body, path))}`;
	return list.map((entry) => `${around} ${JSON.stringify(entry)}`);
}

function listAt(body: unknown, path: readonly string[]): unknown[] | undefined {
	let value = body;
	for (const key of path) value = isObject(value) ? value[key] : undefined;
	return Array.isArray(value) ? value : undefined;
}

/** The body less the list at `path` (a copy). */
function withoutList(body: IDataObject, [key, ...rest]: readonly string[]): IDataObject {
	const { [key]: inner, ...others } = body;
	return rest.length > 0 && isObject(inner) ? { ...others, [key]: withoutList(inner, rest) } : others;
}
