import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { RecentKeys } from '../helpers/recentKeys';
import { isPlainObject, type Admission, type AdmissionContext, type ParsedCall, type TriggerSource } from './call';
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
 * How long an event's `event_uuid` is remembered: 15 minutes. MoEngage sends a batch again after
 * any answer that is not 2xx, three times, 30, 60 and 120 seconds apart (moengage-streams.mdx,
 * FAQ), so its last copy comes about 3.5 minutes after the first; the rest is margin for slow
 * answers and queues.
 */
export const STREAMS_REPEAT_WINDOW_MS = 15 * 60 * 1000;

/**
 * How many events are remembered at most: 100 of MoEngage's default batches of 100. A workflow
 * that receives more events than this within a few minutes may let a repeat through.
 */
export const STREAMS_EVENTS_REMEMBERED = 10_000;

/** Where the received events are kept in the node's static data. */
export const STREAMS_SLOT = 'eventsReceived';

/**
 * A Streams batch (`{app_name, source, moe_request_id, events: [...]}`) becomes one item per
 * event that passes the filters, with the batch's `app_name` and `moe_request_id` added. MoEngage
 * sends a whole batch again after any answer that is not 2xx, and names `event_uuid` as the key
 * to drop repeats: an event whose `event_uuid` came earlier in the batch, or in a call of the last
 * `STREAMS_REPEAT_WINDOW_MS`, is left out.
 */
export function streamsSource(check: SharedSecretCheck, filters: StreamsFilters): TriggerSource {
	return {
		authenticate: (call) => carriesSharedSecret(call, check),
		parse: (call) => parseBatch(call.body, filters),
		admit: (_call, items, context) => admitEvents(items, context),
	};
}

/** Leaves out the events received in earlier calls, and remembers the others. Events without an `event_uuid` all run. */
export function admitEvents(items: INodeExecutionData[], { memory, nowMs }: AdmissionContext): Admission {
	const received = new RecentKeys(memory, STREAMS_SLOT, { count: STREAMS_EVENTS_REMEMBERED, maxAgeMs: STREAMS_REPEAT_WINDOW_MS }, nowMs);
	const uuidOf = (item: INodeExecutionData) => (typeof item.json.event_uuid === 'string' ? item.json.event_uuid : undefined);
	// every event is looked up before any is added: adding one may drop the oldest, which a later event of the batch may be
	const fresh = items.filter((item) => {
		const uuid = uuidOf(item);
		return uuid === undefined || !received.has(uuid);
	});
	const repeats = items.length - fresh.length;
	for (const item of fresh) {
		const uuid = uuidOf(item);
		if (uuid !== undefined) received.add(uuid);
	}
	received.save();
	if (fresh.length === 0) {
		return { kind: 'nothingNew', message: `Received; ${eventCount(repeats)} received before left out, nothing started` };
	}
	if (repeats === 0) return { kind: 'run', items: fresh };
	return { kind: 'run', items: fresh, message: `Received; ${eventCount(fresh.length)} started the workflow, ${eventCount(repeats)} received before left out` };
}

function eventCount(count: number): string {
	return count === 1 ? '1 event' : `${count} events`;
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
