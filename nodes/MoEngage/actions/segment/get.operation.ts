import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { defineOperation } from '../operation';
import type { Field } from '../../helpers/parameters';
import { fieldError, readOptionalText } from '../../helpers/parameters';
import { operationOptions } from '../../helpers/requestSettings';
import type { MoEngageClient } from '../../transport';
import { ENDPOINTS, SEGMENT_ID_PATTERN } from '../../transport/api';

/** The method in `methods.listSearch` that lists the workspace's segments (methods/listSearch.ts). */
export const SEARCH_SEGMENTS_METHOD = 'searchSegments';

export const SEGMENT: Field = { name: 'segment', label: 'Segment' };

const properties: INodeProperties[] = [
	{
		displayName: SEGMENT.label,
		name: SEGMENT.name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: 'The custom segment to get, with its filters: pick one, or enter its ID (e.g. from Segment → Get Many)',
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Select a segment...',
				typeOptions: { searchListMethod: SEARCH_SEGMENTS_METHOD, searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 6388a97a02adb9071ca84ce9',
				validation: [{ type: 'regex', properties: { regex: SEGMENT_ID_PATTERN.source, errorMessage: 'A segment ID is 24 hexadecimal digits' } }],
			},
		],
	},
	...operationOptions(ENDPOINTS.getSegment, { perItem: true }),
];

export interface GetSegmentParams {
	id: string;
}

export function readItem(this: IExecuteFunctions, itemIndex: number): GetSegmentParams {
	const value = (this.getNodeParameter(SEGMENT.name, itemIndex, '', { extractValue: true }) as unknown) ?? '';
	const id = readOptionalText(this, SEGMENT, itemIndex, value);
	if (id === undefined) throw fieldError(this, SEGMENT, itemIndex, 'is empty', 'Pick a segment from the list, or enter its ID, e.g. 6388a97a02adb9071ca84ce9');
	if (!SEGMENT_ID_PATTERN.test(id)) {
		throw fieldError(this, SEGMENT, itemIndex, `is "${id}", which is not a MoEngage segment ID`, 'A segment ID is 24 hexadecimal digits, e.g. 6388a97a02adb9071ca84ce9 (Segment → Get Many lists them)');
	}
	return { id };
}

// One segment per request.
async function sendEach(this: IExecuteFunctions, client: MoEngageClient, params: GetSegmentParams, itemIndex: number): Promise<IDataObject> {
	const answer = await client.request(ENDPOINTS.getSegment, {}, { itemIndex, subject: `segment ${params.id}`, pathParams: { id: params.id } });
	return typeof answer.data === 'object' && answer.data !== null && !Array.isArray(answer.data) ? (answer.data as IDataObject) : { id: params.id };
}

export const get = defineOperation<GetSegmentParams, 'segment', 'get'>({
	resource: 'segment',
	operation: 'get',
	picker: {
		name: 'Get',
		description:
			'Get one custom segment by ID: its name, type, source, times, a description of its conditions and its included and excluded filters. MoEngage allows 100 a minute, 1,000 an hour and 4,000 a day.',
		action: 'Get a segment',
	},
	properties,
	endpoint: ENDPOINTS.getSegment,
	readItem,
	sendEach,
	userOf: (params) => params.id,
});
