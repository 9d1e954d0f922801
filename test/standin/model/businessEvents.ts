import type { Answer } from '../errors';
import { requestId } from '../errors';
import type { Rejection } from '../refusals';
import { rejected } from '../refusals';
import type { Handlers } from './family';

/**
 * Business Events (schemas/business-events.json, from business-events.yaml): trigger one the
 * workspace has, with the attributes it was created with; list them (v5), a page at a time.
 */

/** A business event the workspace has (created in the dashboard or by API), with its attributes. */
export interface StandInBusinessEvent {
	id: string;
	name: string;
	attributes: Array<{ name: string; data_type: string }>;
}

interface Triggered {
	event_name: string;
	event_attributes: Record<string, unknown>;
	triggered_by?: string;
}

/** Business events MoEngage triggered, for tests to read. */
export interface BusinessEventsObserved {
	readonly triggeredBusinessEvents: ReadonlyArray<Readonly<Triggered>>;
}

export class BusinessEventsApi {
	private readonly triggered: Triggered[] = [];

	readonly observed: BusinessEventsObserved = { triggeredBusinessEvents: this.triggered };

	readonly handlers: Handlers<'triggerBusinessEvent' | 'listBusinessEvents'> = {
		triggerBusinessEvent: ({ body }) => this.trigger(body),
		listBusinessEvents: ({ query }) => this.list(query),
	};

	constructor(private readonly events: StandInBusinessEvent[]) {}

	reset(): void {
		this.triggered.length = 0;
	}

	/**
	 * Trigger Business Event (business-events.yaml /business_event/trigger): the event must exist,
	 * and its attributes be ones it was created with (the documented 400s).
	 */
	private trigger(body: Record<string, unknown>): Answer | Rejection {
		const event = this.events.find((candidate) => candidate.name === body.event_name);
		if (!event) return rejected(400, 'Business event does not exists', { target: 'event_name', detail: 'Business event does not exist' });
		const attributes = body.event_attributes as Record<string, unknown>;
		const wrong = Object.keys(attributes).find((name) => !event.attributes.some((attribute) => attribute.name === name));
		if (wrong) return rejected(400, 'Wrong business event attribute passed in api request', { target: wrong });
		this.triggered.push({
			event_name: event.name,
			event_attributes: attributes,
			...(typeof body.triggered_by === 'string' ? { triggered_by: body.triggered_by } : {}),
		});
		return { status: 200, body: { message: 'The business event has been triggered' } };
	}

	/** GET /v5/business-events: every business event, 20 a page (or `limit`), the next page by an opaque cursor; or one, by `name` or `id`. */
	private list(query: Record<string, string>): Answer | Rejection {
		if (query.name !== undefined && query.id !== undefined) {
			return rejected(400, 'Use either name or id, not both.', { target: 'name', detail: 'Only one of name or id may be supplied.' });
		}
		const all = this.events.filter((event) => (query.name === undefined || event.name === query.name) && (query.id === undefined || event.id === query.id));
		const limit = query.limit === undefined ? 20 : Number(query.limit);
		let start = 0;
		if (query.cursor !== undefined) {
			start = Number(Buffer.from(query.cursor, 'base64url').toString('utf8').replace(/^after:/, ''));
			if (!Number.isInteger(start) || start < 0) return rejected(400, 'Invalid cursor.', { target: 'cursor' });
		}
		const page = all.slice(start, start + limit);
		const hasMore = start + limit < all.length;
		return {
			status: 200,
			body: {
				response_id: `resp_${requestId()}`,
				type: 'business-events',
				data: page.map((event) => ({ id: event.id, name: event.name, attributes: event.attributes, campaign_count: 0, trigger_count: 0, created_at: '2026-05-01T09:12:00Z' })),
				pagination: { has_more: hasMore, next_cursor: hasMore ? Buffer.from(`after:${start + limit}`).toString('base64url') : null },
			},
		};
	}
}
