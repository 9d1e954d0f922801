import type { IExecuteFunctions } from 'n8n-workflow';

import type { Field } from './parameters';
import { fieldError } from './parameters';

/** A calendar day as MoEngage's stats take it: YYYY-MM-DD. */
export type Day = string;

const DAY_MS = 86_400_000;
/** A date, or the date part of a date-time as the date picker and $today/$now give it. */
const LEADING_DAY = /^(\d{4})-(\d{2})-(\d{2})(?:$|[T ])/;

export function dayOf(epochMs: number): Day {
	return new Date(epochMs).toISOString().slice(0, 10);
}

const epochOf = (day: Day) => Date.parse(`${day}T00:00:00Z`);

export function addDays(day: Day, days: number): Day {
	return dayOf(epochOf(day) + days * DAY_MS);
}

/** Days from `start` to `end`, both counted. */
export function daysIn(start: Day, end: Day): number {
	return Math.round((epochOf(end) - epochOf(start)) / DAY_MS) + 1;
}

/** The calendar day a date field holds, as written (no time zone conversion). */
export function readDay(context: IExecuteFunctions, field: Field, itemIndex: number, value: unknown): Day {
	const text =
		typeof value === 'object' && value !== null && typeof (value as { toISO?: unknown }).toISO === 'function'
			? (value as { toISO(): string | null }).toISO()
			: value instanceof Date
				? value.toISOString()
				: value;
	const match = typeof text === 'string' ? LEADING_DAY.exec(text.trim()) : null;
	if (match) {
		const [, year, month, day] = match;
		const check = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
		if (check.getUTCFullYear() === Number(year) && check.getUTCMonth() === Number(month) - 1 && check.getUTCDate() === Number(day)) {
			return `${year}-${month}-${day}`;
		}
	}
	if (text === undefined || text === null || text === '') throw fieldError(context, field, itemIndex, 'is empty', 'Enter a date such as 2024-12-22');
	throw fieldError(context, field, itemIndex, `is not a date: "${String(text)}"`, 'Enter a date such as 2024-12-22');
}

/** `start`…`end` cut into consecutive ranges of at most `maxDays` days each, in order. */
export function splitRange(start: Day, end: Day, maxDays: number): Array<{ start: Day; end: Day }> {
	const ranges: Array<{ start: Day; end: Day }> = [];
	for (let from = start; epochOf(from) <= epochOf(end); from = addDays(from, maxDays)) {
		const to = addDays(from, maxDays - 1);
		ranges.push({ start: from, end: epochOf(to) < epochOf(end) ? to : end });
	}
	return ranges;
}
