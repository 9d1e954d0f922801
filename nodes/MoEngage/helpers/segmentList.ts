import type { IDataObject } from 'n8n-workflow';

import type { MoEngageClient, RequestOptions } from '../transport';
import { ENDPOINTS } from '../transport/api';

/** A segment as MoEngage's list gives it (custom-segments.yaml SegmentListItemV3). */
export interface SegmentSummary extends IDataObject {
	id: string;
	name: string;
}

/**
 * The workspace's segments (GET /v3/custom-segments), or those named exactly `name`. MoEngage
 * answers them all at once: the list has no pages.
 */
export async function listSegments(client: MoEngageClient, name: string | undefined, options: RequestOptions = {}): Promise<SegmentSummary[]> {
	const answer = await client.request(ENDPOINTS.listSegments, {}, { ...options, query: name !== undefined ? { name } : undefined });
	const data = Array.isArray(answer.data) ? answer.data : [];
	return data.filter((segment): segment is SegmentSummary => typeof segment === 'object' && segment !== null && typeof (segment as IDataObject).id === 'string');
}
