import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { isPlainObject, type ParsedCall, type TriggerSource } from './call';
import { carriesSharedSecret, type SharedSecretCheck } from './sharedSecret';

/** Streams' two kinds of events (`event_type`, moengage-streams.mdx and data.yaml). */
export const STREAMS_EVENT_TYPES = ['CAMPAIGN_EVENT', 'USER_ACTION_EVENT'] as const;
export type StreamsEventType = (typeof STREAMS_EVENT_TYPES)[number];

export interface StreamsFilters {
	/** Event codes or display names (`event_code` / `event_name`); empty lets every event through. */
	eventNames: string[];
	/** Undefined lets both kinds through. */
	eventType?: StreamsEventType;
}

/**
 * A Streams batch (`{app_name, source, moe_request_id, events: [...]}`) becomes one item per
 * event that passes the filters, with the batch's `app_name` and `moe_request_id` added. MoEngage
 * retries a whole batch on any non-2xx answer, so an event may come twice in a batch that was put
 * together again: a repeated `event_uuid` (MoEngage's de-duplication key) is dropped.
 */
export function streamsSource(check: SharedSecretCheck, filters: StreamsFilters): TriggerSource {
	return {
		authenticate: (call) => carriesSharedSecret(call, check),
		parse: (call) => parseBatch(call.body, filters),
	};
}

export function parseBatch(body: unknown, filters: StreamsFilters): ParsedCall {
	if (!isPlainObject(body)) return malformed('a Streams batch is a JSON object with an "events" list');
	const { events } = body;
	if (!Array.isArray(events)) return malformed('"events" must be a list');
	const problem = events.map(eventProblem).find((found) => found !== undefined);
	if (problem) return malformed(problem);

	const batch = batchFields(body);
	const seen = new Set<string>();
	const items: INodeExecutionData[] = [];
	for (const event of events as IDataObject[]) {
		const uuid = event.event_uuid;
		if (typeof uuid === 'string') {
			if (seen.has(uuid)) continue;
			seen.add(uuid);
		}
		if (passes(event, filters)) items.push({ json: { ...event, ...batch } });
	}
	return { kind: 'items', items };
}

function eventProblem(event: unknown, index: number): string | undefined {
	if (!isPlainObject(event)) return `events[${index}] must be an object`;
	for (const key of ['event_uuid', 'event_name', 'event_code', 'event_type']) {
		if (event[key] !== undefined && typeof event[key] !== 'string') return `events[${index}].${key} must be text`;
	}
	return undefined;
}

function batchFields(body: IDataObject): IDataObject {
	const fields: IDataObject = {};
	for (const key of ['app_name', 'moe_request_id']) if (body[key] !== undefined) fields[key] = body[key];
	return fields;
}

function passes(event: IDataObject, { eventNames, eventType }: StreamsFilters): boolean {
	if (eventType !== undefined && event.event_type !== eventType) return false;
	if (eventNames.length === 0) return true;
	return eventNames.some((name) => name === event.event_code || name === event.event_name);
}

function malformed(reason: string): ParsedCall {
	return { kind: 'malformed', reason };
}
