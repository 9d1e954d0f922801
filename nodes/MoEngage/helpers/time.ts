import type { IExecuteFunctions } from 'n8n-workflow';

import type { Field } from './parameters';
import { fieldError } from './parameters';

/** What expressions hand over for dates: text, a Date or a Luxon DateTime ($now, $today). */
function hasToISO(value: unknown): value is { toISO(): string | null } {
	return typeof value === 'object' && value !== null && typeof (value as { toISO?: unknown }).toISO === 'function';
}

/** ISO 8601 as MoEngage reads it: a date, or a date-time with an optional offset. */
const ISO_8601 = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?)?$/i;
/** Epoch seconds as text, as a CRM export may hold them (9 to 11 digits: 1973 to 5138). */
const EPOCH_SECONDS = /^\d{9,11}$/;

const HINT = 'Use an ISO 8601 date such as 2024-05-31 or 2024-05-31T16:33:35Z, or epoch seconds';

export interface ParsedDate {
	/** What to send: a date alone as written, a date-time in UTC. */
	iso: string;
	epochMs: number;
}

function utc(epochMs: number): ParsedDate | undefined {
	if (!Number.isFinite(epochMs)) return undefined;
	const date = new Date(epochMs);
	if (Number.isNaN(date.getTime())) return undefined;
	return { iso: date.toISOString().replace('.000Z', 'Z'), epochMs };
}

/** Strict ISO 8601: a calendar date that exists, a time that exists, an offset within ±14 h. */
export function parseIso(text: string): ParsedDate | undefined {
	const match = ISO_8601.exec(text);
	if (!match) return undefined;
	const [, year, month, day, hour, minute, second = '0', fraction = '0', offset] = match;
	const dayMs = Date.UTC(Number(year), Number(month) - 1, Number(day));
	const dayCheck = new Date(dayMs);
	if (dayCheck.getUTCFullYear() !== Number(year) || dayCheck.getUTCMonth() !== Number(month) - 1 || dayCheck.getUTCDate() !== Number(day)) {
		return undefined;
	}
	if (hour === undefined) return { iso: text, epochMs: dayMs };
	if (Number(hour) > 23 || Number(minute) > 59 || Number(second) > 59) return undefined;
	let offsetMinutes = 0;
	if (offset && offset.toUpperCase() !== 'Z') {
		const [, sign, offsetHours, offsetMins] = /^([+-])(\d{2}):?(\d{2})$/.exec(offset) ?? [];
		if (Number(offsetHours) > 14 || Number(offsetMins) > 59) return undefined;
		offsetMinutes = (sign === '-' ? -1 : 1) * (Number(offsetHours) * 60 + Number(offsetMins));
	}
	const millis = Math.floor(Number(`0.${fraction}`) * 1000);
	// A time without an offset is read as UTC.
	return utc(dayMs + ((Number(hour) * 60 + Number(minute) - offsetMinutes) * 60 + Number(second)) * 1000 + millis);
}

function parseDate(value: unknown): ParsedDate | undefined {
	if (typeof value === 'string') {
		const text = value.trim();
		return EPOCH_SECONDS.test(text) ? utc(Number(text) * 1000) : parseIso(text);
	}
	if (typeof value === 'number') return utc(value * 1000);
	if (value instanceof Date) return utc(value.getTime());
	if (hasToISO(value)) return parseIso(value.toISO() ?? '');
	return undefined;
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
	/** Refuses a moment after this one (the run's now), e.g. an event's time. */
	{ notAfterMs }: { notAfterMs?: number } = {},
): string | undefined {
	if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) return undefined;
	const parsed = parseDate(value);
	if (parsed === undefined) {
		throw fieldError(context, field, itemIndex, `is not a date: ${JSON.stringify(typeof value === 'string' ? value : String(value))}`, HINT);
	}
	if (notAfterMs !== undefined && parsed.epochMs > notAfterMs) {
		throw fieldError(context, field, itemIndex, `is in the future (${parsed.iso})`, 'MoEngage refuses events dated in the future');
	}
	return parsed.iso;
}
