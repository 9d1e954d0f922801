import type { FieldType, ILoadOptionsFunctions, INodePropertyOptions, ResourceMapperFields } from 'n8n-workflow';

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

/**
 * The types MoEngage validates business-event attribute values against (business-events-v5.yaml,
 * `attributes[].data_type`: string, number, boolean, datetime), as n8n's field types. A type
 * MoEngage adds later is offered as text.
 */
const FIELD_TYPES: Record<string, FieldType> = { string: 'string', number: 'number', boolean: 'boolean', datetime: 'dateTime' };

/** The parameter the resource mapper reads the picked event from (Business Event → Trigger). */
const EVENT_PARAMETER = 'businessEventName';

/**
 * Business Event → Trigger's field mapping: the picked event's attributes, each a field of its
 * type (GET /v5/business-events?name=…). An event picked by expression, or none yet, has no
 * fields to map: rows or JSON take its attributes then.
 */
export async function getBusinessEventAttributes(this: ILoadOptionsFunctions): Promise<ResourceMapperFields> {
	const name = this.getNodeParameter(EVENT_PARAMETER, '') as unknown;
	if (typeof name !== 'string' || name.trim() === '' || name.startsWith('=')) {
		return { fields: [], emptyFieldsNotice: 'Pick a business event from the list first: its attributes are mapped here' };
	}
	const client = await editorClient(this, ENDPOINTS.listBusinessEvents);
	const answer = await client.request(ENDPOINTS.listBusinessEvents, {}, { query: { name }, subject: `the attributes of business event "${name}"` });
	const event = (Array.isArray(answer.data) ? answer.data : []).find((entry) => isObject(entry) && entry.name === name);
	const attributes = isObject(event) && Array.isArray(event.attributes) ? event.attributes : [];
	const fields = attributes.flatMap((attribute) => {
		const attributeName = isObject(attribute) ? text(attribute.name) : undefined;
		if (!attributeName) return [];
		const dataType = isObject(attribute) ? text(attribute.data_type) : undefined;
		return [
			{
				id: attributeName,
				displayName: dataType ? `${attributeName} (${dataType})` : attributeName,
				required: false,
				defaultMatch: false,
				canBeUsedToMatch: false,
				display: true,
				type: FIELD_TYPES[dataType ?? ''] ?? 'string',
			},
		];
	});
	return { fields, emptyFieldsNotice: `MoEngage lists no attributes for business event "${name}"` };
}
