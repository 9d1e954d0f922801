import type { Answer } from '../errors';
import type { Rejection } from '../refusals';
import { rejected } from '../refusals';
import type { Handlers } from './family';

/**
 * The Segments API's filter-segment reads (schemas/segments.json, from custom-segments.yaml):
 * GET /v3/custom-segments (every active segment, or those with exactly the `name` asked for) and
 * GET /v3/custom-segments/{id} (one segment with its filters).
 */

/** A segment as GET /v3/custom-segments/{id} answers it (FilterSegmentDataV3). */
export interface StandInSegment {
	id: string;
	name: string;
	created_time: string;
	updated_time?: string;
	type: string;
	source: string;
	description?: string;
	included_filters?: Record<string, unknown>;
	excluded_filters?: Record<string, unknown>;
}

/** The fields of a segment in the list (SegmentListItemV3). */
const LIST_FIELDS = ['name', 'id', 'created_time', 'type', 'source'] as const;

/** MongoDB's ObjectId as MoEngage's IDs are written ("Invalid bson object-id" otherwise, 400_FilterSegmentGetError). */
const OBJECT_ID = /^[0-9a-f]{24}$/i;

const responseId = () => Math.random().toString(36).slice(2, 10);

/** Segments a workspace has unless a test says otherwise: two API-made filter segments and a file segment. */
export function seededSegments(): StandInSegment[] {
	return [
		{
			id: '6388a97a02adb9071ca84ce9',
			name: 'Active subscribers',
			created_time: '2022-12-01T13:17:46.409000',
			updated_time: '2022-12-01T13:17:46.450000',
			type: 'ELASTIC_SEARCH',
			source: 'API',
			description: 'Subscription Status  is active  (case insensitive)',
			included_filters: {
				filter_operator: 'and',
				filters: [{ filter_type: 'user_attributes', name: 'Subscription Status', data_type: 'string', operator: 'in', value: ['active'], negate: false, case_sensitive: false }],
			},
		},
		{
			id: '63a017e8d2460ae81a05bf5e',
			name: 'VIP customers',
			created_time: '2023-01-10T08:00:00.000000',
			updated_time: '2023-01-10T08:00:00.100000',
			type: 'ELASTIC_SEARCH',
			source: 'API',
			description: 'plan  is gold',
			included_filters: { filter_operator: 'and', filters: [{ filter_type: 'user_attributes', name: 'plan', data_type: 'string', operator: 'is', value: 'gold', negate: false }] },
		},
		{ id: '64b0c0ffee0000000000beef', name: 'Spring sale CSV', created_time: '2024-03-01T09:30:00.000000', type: 'FILE', source: 'FILE_UPLOAD' },
	];
}

export class SegmentsApi {
	private segments: StandInSegment[];

	readonly handlers: Handlers<'listSegments' | 'getSegment' | 'createFileSegment'> = {
		listSegments: ({ query }) => this.list(query.name),
		getSegment: ({ pathParams }) => this.get(pathParams.id),
		createFileSegment: ({ body }) => this.createFromFile(body),
	};

	/** The file segments created since the last reset, with the request that created each (custom-segments.yaml CreateSegmentRequestV2). */
	readonly fileSegmentRequests: Array<Record<string, unknown>> = [];

	constructor(private readonly initial: StandInSegment[] = seededSegments()) {
		this.segments = initial.map((segment) => ({ ...segment }));
	}

	reset(): void {
		this.segments = this.initial.map((segment) => ({ ...segment }));
		this.fileSegmentRequests.length = 0;
	}

	/**
	 * 202 FileSegmentAcceptedResponseV2: MoEngage makes the segment (with no users yet) and
	 * processes the file later; the stand-in does not fetch it. 409_FileSegmentConflict for a name
	 * a segment already has.
	 */
	private createFromFile(body: Record<string, unknown>): Answer | Rejection {
		const name = String(body.name);
		if (this.segments.some((segment) => segment.name === name)) return rejected(409, `Name already exists : ${name}`);
		const id = (this.segments.length + 1).toString(16).padStart(24, 'f');
		this.segments.push({ id, name, created_time: new Date().toISOString().replace('Z', ''), type: 'FILE', source: 'FILE_UPLOAD' });
		this.fileSegmentRequests.push(body);
		return { status: 202, body: { message: 'File-segment creation request accepted', success: true, cs_name: name, cs_id: id } };
	}

	/** 200_SegmentListV3: an empty list when none matches; `name` is an exact match. */
	private list(name: string | undefined): Answer {
		const found = this.segments.filter((segment) => name === undefined || segment.name === name);
		const data = found.map((segment) => Object.fromEntries(LIST_FIELDS.map((field) => [field, segment[field]])));
		return { status: 200, body: { data, response_id: responseId(), type: 'custom_segment' } };
	}

	/** 200_SegmentGetV3; 400 for an ID that is not an ObjectId, 404 for one MoEngage does not have. */
	private get(id: string): Answer | Rejection {
		if (!OBJECT_ID.test(id)) return rejected(400, 'Invalid bson object-id passed in the request', { type: 'Invalid request' });
		const segment = this.segments.find((candidate) => candidate.id === id);
		if (!segment) return rejected(404, `Custom segment not found with the given id: ${id}`, { type: 'Entity Not Found' });
		return { status: 200, body: { data: { ...segment }, response_id: responseId(), type: 'custom_segment' } };
	}
}
