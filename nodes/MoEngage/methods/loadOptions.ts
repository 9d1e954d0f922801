import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { BUSINESS_EVENTS_PAGE_SIZE, ENDPOINTS } from '../transport/api';
import { isObject } from '../transport/errors';
import { editorClient } from './editorClient';

/** A workspace holds at most 50 business events (api/rate-limits.mdx); this bounds a list that never ends. */
const MAX_PAGES = 10;

const text = (value: unknown) => (typeof value === 'string' ? value : undefined);

/** The workspace's business events (GET /v5/business-events, paged by cursor), by name, with their attributes. */
export async function getBusinessEvents(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const options: INodePropertyOptions[] = [];
	const client = await editorClient(this, ENDPOINTS.listBusinessEvents);
	let cursor: string | undefined;
	for (let page = 0; page < MAX_PAGES; page++) {
		const query = { limit: BUSINESS_EVENTS_PAGE_SIZE, ...(cursor ? { cursor } : {}) };
		const answer = await client.request(ENDPOINTS.listBusinessEvents, {}, { query, subject: 'the list of business events' });
		for (const event of Array.isArray(answer.data) ? answer.data : []) {
			const name = isObject(event) ? text(event.name) : undefined;
			if (!name) continue;
			const attributes = isObject(event) && Array.isArray(event.attributes) ? event.attributes : [];
			const attributeNames = attributes.map((attribute) => (isObject(attribute) ? text(attribute.name) : undefined)).filter(Boolean);
			options.push({
				name,
				value: name,
				description: attributeNames.length > 0 ? `Attributes: ${attributeNames.join(', ')}` : 'No attributes',
			});
		}
		const pagination = isObject(answer.pagination) ? answer.pagination : {};
		cursor = text(pagination.next_cursor);
		if (pagination.has_more !== true || !cursor) break;
	}
	return options.sort((a, b) => a.name.localeCompare(b.name));
}
