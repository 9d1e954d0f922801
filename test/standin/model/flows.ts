import type { Answer } from '../errors';
import { requestId } from '../errors';
import type { Rejection } from '../refusals';
import { rejected } from '../refusals';
import type { Call, Handlers } from './family';

/**
 * Flows (schemas/flows.json, from flows/flows.yaml): search in cursor pages, get one, and change
 * its status by the documented transition table, with an Idempotency-Key that replays the first
 * answer.
 */

export interface StandInFlow {
	flow_id: string;
	name: string;
	status: string;
	archived: boolean;
	delivery_type: string;
	tags: string[];
}

const STATUSES = ['ACTIVE', 'PAUSED', 'SCHEDULED', 'STOPPED', 'COMPLETED'];
const DELIVERY = ['EVENT_TRIGGERED', 'PERIODIC', 'ONE_TIME', 'BUSINESS_EVENT_TRIGGERED'];

/** The i-th seeded flow's ID (24 hexadecimal characters). */
export const flowId = (i: number) => `69f1de84f9e401a2d7d9${i.toString(16).padStart(4, '0')}`;

/** 25 flows, most recently updated first: "Welcome journey" (active), then "Flow 02"… (statuses in turn). */
export function seededFlows(): StandInFlow[] {
	return Array.from({ length: 25 }, (_, i) => ({
		flow_id: flowId(i),
		name: i === 0 ? 'Welcome journey' : `Flow ${String(i + 1).padStart(2, '0')}`,
		status: STATUSES[i % STATUSES.length],
		archived: i === 24,
		delivery_type: DELIVERY[i % DELIVERY.length],
		tags: ['onboarding'],
	}));
}

/** flows.yaml: the statuses each action is allowed from, and where it leads. */
const TRANSITIONS: Record<string, { from: string[]; to: string }> = {
	pause: { from: ['ACTIVE', 'SCHEDULED'], to: 'PAUSED' },
	resume: { from: ['PAUSED'], to: 'ACTIVE' },
	stop: { from: ['ACTIVE', 'SCHEDULED', 'PAUSED', 'RETIRED'], to: 'STOPPED' },
	retire: { from: ['ACTIVE', 'PAUSED'], to: 'RETIRED' },
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
const FLOW_ID = /^[a-f0-9]{24}$/;

export class FlowsApi {
	flows: StandInFlow[] = seededFlows();

	private readonly replays = new Map<string, { rawBody: string; answer: Answer }>();

	readonly handlers: Handlers<'searchFlows' | 'getFlow' | 'changeFlowStatus'> = {
		searchFlows: ({ body }) => this.search(body),
		getFlow: ({ pathParams }) => this.get(pathParams.flow_id ?? ''),
		changeFlowStatus: (call) => this.change(call),
	};

	reset(): void {
		this.flows = seededFlows();
		this.replays.clear();
	}

	private search(body: Record<string, unknown>): Answer | Rejection {
		const name = typeof body.name === 'string' ? body.name.toLowerCase() : undefined;
		const statuses = Array.isArray(body.status) ? body.status.map((status) => String(status).toUpperCase()) : undefined;
		const found = this.flows.filter(
			(flow) => (body.include_archived === true || !flow.archived) && (name === undefined || flow.name.toLowerCase().includes(name)) && (statuses === undefined || statuses.includes(flow.status)),
		);
		const start = typeof body.cursor === 'string' ? Number(Buffer.from(body.cursor, 'base64').toString('utf8').replace(/^offset:/, '')) : 0;
		if (!Number.isInteger(start) || start < 0) return rejected(400, 'The cursor is malformed', { target: 'cursor' });
		const limit = typeof body.limit === 'number' ? body.limit : 20;
		const page = found.slice(start, start + limit);
		const hasMore = start + limit < found.length;
		return {
			status: 200,
			body: {
				response_id: requestId().slice(0, 12),
				type: 'flow',
				data: { flows: page.map((flow) => ({ ...flow, active_version_name: 'Version 1', created_by: 'agent@example.com' })), has_more: hasMore, next_cursor: hasMore ? Buffer.from(`offset:${start + limit}`).toString('base64') : null },
			},
		};
	}

	private find(id: string): StandInFlow | Rejection {
		if (!FLOW_ID.test(id)) return rejected(400, 'One or more request parameters failed validation.', { target: 'flow_id' });
		return this.flows.find((flow) => flow.flow_id === id) ?? rejected(404, 'Flow not found.', { target: 'flow_id' });
	}

	private get(id: string): Answer | Rejection {
		const flow = this.find(id);
		if ('kind' in flow) return flow;
		return { status: 200, body: { response_id: requestId().slice(0, 12), type: 'flow', data: { ...flow, versions: [{ version_id: flow.flow_id, version_name: 'Version 1', version_no: 1, status: flow.status }] } } };
	}

	private change({ body, pathParams, headers, rawBody }: Call): Answer | Rejection {
		const key = String(headers['idempotency-key'] ?? '');
		// stand-in's own choice: a missing or malformed Idempotency-Key has no documented answer; 400 with target Idempotency-Key.
		if (!UUID.test(key)) return rejected(400, 'Idempotency-Key must be a UUID v4', { target: 'Idempotency-Key' });
		const replay = this.replays.get(key);
		if (replay) return replay.rawBody === rawBody ? replay.answer : rejected(409, 'Idempotency-Key was reused with a different body', { target: 'Idempotency-Key' });
		const flow = this.find(pathParams.flow_id ?? '');
		if ('kind' in flow) return flow;
		const transition = TRANSITIONS[String(body.action)];
		// stand-in's own choice: actions the stand-in does not model (retire, archive, unarchive) are refused rather than guessed.
		if (!transition) return rejected(400, `${String(body.action)} is not modelled by the stand-in`, { target: 'action' });
		if (!transition.from.includes(flow.status)) return rejected(409, `Cannot ${String(body.action)} a flow that is ${flow.status.toLowerCase()}.`, { target: 'action' });
		flow.status = transition.to;
		const answer: Answer = { status: 200, body: { response_id: requestId().slice(0, 12), type: 'flow', data: { flow_id: flow.flow_id, status: flow.status } } };
		this.replays.set(key, { rawBody, answer });
		return answer;
	}
}
