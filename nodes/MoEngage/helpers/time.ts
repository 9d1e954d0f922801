import { DateTime } from 'luxon';
import type { IExecuteFunctions } from 'n8n-workflow';

import { getClock } from '../transport/clock';
import type { Field } from './parameters';
import { fieldError } from './parameters';

/** What expressions hand over for dates: text, a Date or a Luxon DateTime ($now, $today). */
function hasToISO(value: unknown): value is { toISO(): string | null } {
	return typeof value === 'object' && value !== null && typeof (value as { toISO?: unknown }).toISO === 'function';
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
/** Epoch seconds as text, as a CRM export may hold them (9 to 11 digits: 1973 to 5138). */
const EPOCH_SECONDS = /^\d{9,11}$/;

const HINT = 'Use an ISO 8601 date such as 2024-05-31 or 2024-05-31T16:33:35Z, or epoch seconds';

/** A date-time as MoEngage stores it: ISO 8601 in UTC, without milliseconds. */
function utcIso(dateTime: DateTime): string | undefined {
	return dateTime.isValid ? (dateTime.toUTC().toISO({ suppressMilliseconds: true }) ?? undefined) : undefined;
}

/**
 * MoEngage reads dates in ISO 8601 (a date, or a date-time) or epoch seconds and stores anything
 * else as plain text, so every date is parsed strictly here and sent normalised: a date alone
 * stays a date (a birthday keeps its day), a date-time becomes UTC (a time without an offset is
 * read as UTC). Undefined when empty.
 */
export function readDateTime(
	context: IExecuteFunctions,
	field: Field,
	itemIndex: number,
	value: unknown,
	{ notInFuture = false }: { notInFuture?: boolean } = {},
): string | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	let iso: string | undefined;
	let dateTime: DateTime | undefined;
	if (typeof value === 'string') {
		const text = value.trim();
		if (text === '') return undefined;
		if (EPOCH_SECONDS.test(text)) dateTime = DateTime.fromSeconds(Number(text), { zone: 'utc' });
		else dateTime = DateTime.fromISO(text, { zone: 'utc', setZone: true });
		if (DATE_ONLY.test(text) && dateTime.isValid) iso = text;
	} else if (typeof value === 'number' && Number.isFinite(value)) {
		dateTime = DateTime.fromSeconds(value, { zone: 'utc' });
	} else if (value instanceof Date) {
		dateTime = DateTime.fromJSDate(value);
	} else if (hasToISO(value)) {
		dateTime = DateTime.fromISO(value.toISO() ?? '', { setZone: true });
	}
	iso ??= dateTime && utcIso(dateTime);
	if (iso === undefined || dateTime === undefined) {
		throw fieldError(context, field, itemIndex, `is not a date: ${JSON.stringify(typeof value === 'string' ? value : String(value))}`, HINT);
	}
	if (notInFuture && dateTime.toMillis() > getClock().now()) {
		throw fieldError(context, field, itemIndex, `is in the future (${iso})`, 'MoEngage refuses events dated in the future');
	}
	return iso;
}
