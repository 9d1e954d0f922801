import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { MoEngageEndpoint } from '../transport/api';
import type { RequestSettings } from '../transport/retry';
import type { Field } from './parameters';
import { fieldError } from './parameters';

const RATE = { name: 'ratePerMinute', label: 'Rate Limit (Per Minute)' };
const CONCURRENCY = { name: 'concurrency', label: 'Concurrency' };
const MAX_RETRIES = { name: 'maxRetries', label: 'Max Retries' };
const MAX_WAIT = { name: 'maxWaitSeconds', label: 'Max Wait per Retry (Seconds)' };
const TIMEOUT = { name: 'timeoutSeconds', label: 'Timeout (Seconds)' };

// Keep in step with the fields' defaults below (the linter wants them written out there).
const DEFAULTS = { concurrency: 10, maxRetries: 5, maxWaitSeconds: 60, timeoutSeconds: 30 };

/**
 * Options that tune how requests are sent. Their defaults follow MoEngage's documented limits,
 * so a marketer never needs to touch them.
 */
export function requestSettingsFields(endpoint: MoEngageEndpoint, { perItem }: { perItem: boolean }): INodeProperties[] {
	const { unit, perMinute } = endpoint.rateLimit;
	return [
		{
			displayName: RATE.label,
			name: RATE.name,
			type: 'number',
			typeOptions: { minValue: 0 },
			default: perMinute,
			description: `Most ${unit} per minute this node sends (it stays just under), to keep clear of MoEngage's limit for the workspace (${perMinute}). 0 sends without pacing.`,
		},
		...(perItem
			? [
					{
						displayName: CONCURRENCY.label,
						name: CONCURRENCY.name,
						type: 'number' as const,
						typeOptions: { minValue: 1, maxValue: 50 },
						default: 10,
						description: 'How many requests may be in flight at once. Output order stays the input order.',
					},
				]
			: []),
		{
			displayName: MAX_RETRIES.label,
			name: MAX_RETRIES.name,
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 10 },
			default: 5,
			description:
				'How often to retry a request MoEngage rate-limited (429), failed on its side (5xx), or that got no answer',
		},
		{
			displayName: MAX_WAIT.label,
			name: MAX_WAIT.name,
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 60,
			description: "Longest wait before one retry, even when MoEngage's rate-limit window resets later",
		},
		{
			displayName: TIMEOUT.label,
			name: TIMEOUT.name,
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 30,
			description: 'How long to wait for an answer from MoEngage before retrying or failing',
		},
	];
}

/**
 * The operation's Options collection: its own options first, then the request settings every
 * operation shares.
 */
export function operationOptions(
	endpoint: MoEngageEndpoint,
	{ perItem }: { perItem: boolean },
	ownOptions: INodeProperties[] = [],
): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [...ownOptions, ...requestSettingsFields(endpoint, { perItem })],
	};
}

function readNumber(
	context: IExecuteFunctions,
	options: IDataObject,
	field: Field,
	fallback: number,
	min: number,
	max = Number.MAX_SAFE_INTEGER,
): number {
	const value = options[field.name] ?? fallback;
	if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
		throw fieldError(context, field, 0, `must be a number from ${min}${max < Number.MAX_SAFE_INTEGER ? ` to ${max}` : ''}`);
	}
	return value;
}

/** The settings for the whole execution, read from the first item's Options. */
export function readRequestSettings(context: IExecuteFunctions, endpoint: MoEngageEndpoint): RequestSettings {
	const options = context.getNodeParameter('options', 0, {}) as IDataObject;
	return {
		ratePerMinute: readNumber(context, options, RATE, endpoint.rateLimit.perMinute, 0),
		concurrency: Math.floor(readNumber(context, options, CONCURRENCY, DEFAULTS.concurrency, 1, 50)),
		maxRetries: Math.floor(readNumber(context, options, MAX_RETRIES, DEFAULTS.maxRetries, 0, 10)),
		maxWaitMs: readNumber(context, options, MAX_WAIT, DEFAULTS.maxWaitSeconds, 0) * 1000,
		timeoutMs: readNumber(context, options, TIMEOUT, DEFAULTS.timeoutSeconds, 0.001) * 1000,
	};
}
