import type { IExecuteFunctions } from 'n8n-workflow';

import type { Field } from './parameters';
import { fieldError } from './parameters';

/** What expressions hand over for dates: text, a Date or a Luxon DateTime ($now, $today). */
function hasToISO(value: unknown): value is { toISO(): string | null } {
	return typeof value === 'object' && value !== null && typeof (value as { toISO?: unknown }).toISO === 'function';
}

/**
 * An ISO 8601 date-time for MoEngage, or undefined when empty. Text that parses as a date is sent
 * as written (so a birthday entered without a time zone keeps its day); epoch numbers are taken
 * as seconds, the way MoEngage counts them.
 */
export function readDateTime(
	context: IExecuteFunctions,
	field: Field,
	itemIndex: number,
	value: unknown,
): string | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	if (typeof value === 'string') {
		const text = value.trim();
		if (text === '') return undefined;
		if (!Number.isNaN(Date.parse(text))) return text;
	} else if (typeof value === 'number' && Number.isFinite(value)) {
		return new Date(value * 1000).toISOString();
	} else if (value instanceof Date && !Number.isNaN(value.getTime())) {
		return value.toISOString();
	} else if (hasToISO(value)) {
		const iso = value.toISO();
		if (iso) return iso;
	}
	throw fieldError(context, field, itemIndex, 'is not a date', 'Use an ISO 8601 date such as 2024-05-31 or 2024-05-31T16:33:35Z');
}
