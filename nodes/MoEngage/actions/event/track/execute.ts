import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { readAttributes } from '../../../helpers/attributes';
import { readCustomerId } from '../../../helpers/customerId';
import { readForwardedForHeader } from '../../../helpers/forwardedFor';
import { fieldError, readOptionalText, readRequiredText } from '../../../helpers/parameters';
import { readDateTime } from '../../../helpers/time';
import { ENDPOINTS } from '../../../transport/api';
import type { BulkImport } from '../../bulkImport';
import { sendEachItem } from '../../operation';
import {
	APP_VERSION,
	EVENT_ATTRIBUTES,
	EVENT_NAME,
	EVENT_PLATFORMS,
	EVENT_TIME,
	MAX_TIMEZONE_OFFSET,
	PLATFORM,
	TIMEZONE_OFFSET,
} from './description';

export interface TrackEventParams {
	customer_id: string;
	/** One entry of MoEngage's `actions` list. */
	action: IDataObject;
	headers?: Record<string, string>;
}

function readPlatform(context: IExecuteFunctions, options: IDataObject, itemIndex: number): string | undefined {
	const text = readOptionalText(context, PLATFORM, itemIndex, options[PLATFORM.name]);
	if (text === undefined) return undefined;
	const platform = EVENT_PLATFORMS.find((candidate) => candidate.toLowerCase() === text.toLowerCase());
	if (!platform) throw fieldError(context, PLATFORM, itemIndex, `has an unknown value "${text}"`, `Allowed values: ${EVENT_PLATFORMS.join(', ')}`);
	return platform;
}

function readTimezoneOffset(context: IExecuteFunctions, options: IDataObject, itemIndex: number): number | undefined {
	const raw = options[TIMEZONE_OFFSET.name];
	if (raw === undefined || raw === null || raw === '') return undefined;
	// Numeric text ("19800") is what a CRM field mapped by expression usually holds.
	const value = typeof raw === 'string' && /^\s*[-+]?\d+\s*$/.test(raw) ? Number(raw) : raw;
	if (typeof value !== 'number' || !Number.isInteger(value) || Math.abs(value) > MAX_TIMEZONE_OFFSET) {
		throw fieldError(context, TIMEZONE_OFFSET, itemIndex, `must be whole seconds from -${MAX_TIMEZONE_OFFSET} to ${MAX_TIMEZONE_OFFSET}`, 'e.g. 19800 for UTC+05:30');
	}
	return value;
}

export function readItem(this: IExecuteFunctions, itemIndex: number): TrackEventParams {
	const customer_id = readCustomerId(this, itemIndex);
	const action: IDataObject = {
		action: readRequiredText(this, EVENT_NAME, itemIndex),
		attributes: readAttributes(this, EVENT_ATTRIBUTES, itemIndex),
	};
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const optional: IDataObject = {
		platform: readPlatform(this, options, itemIndex),
		app_version: readOptionalText(this, APP_VERSION, itemIndex, options[APP_VERSION.name]),
		current_time: readDateTime(this, EVENT_TIME, itemIndex, options[EVENT_TIME.name], { notInFuture: true }),
		user_timezone_offset: readTimezoneOffset(this, options, itemIndex),
	};
	for (const [key, value] of Object.entries(optional)) if (value !== undefined) action[key] = value;
	return { customer_id, action, headers: readForwardedForHeader(this, itemIndex) };
}

/** The Track Event body for one item: sent alone, or as one element of a Bulk Import request. */
const trackEventBody = ({ customer_id, action }: TrackEventParams): IDataObject => ({ type: 'event', customer_id, actions: [action] });
const echo = ({ customer_id, action }: TrackEventParams): IDataObject => ({ customer_id, event: action });
const userOf = (params: TrackEventParams) => params.customer_id;

// One event per request: a failed event then fails only its own item.
export const execute = sendEachItem<TrackEventParams>(async function (client, params, itemIndex) {
	const answer = await client.request(ENDPOINTS.trackEvent, trackEventBody(params), {
		itemIndex,
		subject: `customer_id "${params.customer_id}"`,
		headers: params.headers,
	});
	return { status: answer.status, message: answer.message, ...echo(params) };
}, userOf);

export const bulk: BulkImport<TrackEventParams> = {
	endpoint: ENDPOINTS.bulkImportEvents,
	element: trackEventBody,
	userOf,
	echo,
	headersOf: (params) => params.headers,
};
