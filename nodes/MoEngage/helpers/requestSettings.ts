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
/** The collection of the settings below but Rate Limit; saved workflows may still hold them in Options. */
const ADVANCED = 'advanced';

// Keep in step with the fields' defaults below (the linter wants them written out there).
const DEFAULTS = { maxRetries: 5, maxWaitSeconds: 60, timeoutSeconds: 30 };

/**
 * Node version 1.3 raised the default Concurrency from 10 to 50: at 10, a run of one-item requests
 * waits on the round trip (1,000 requests at 50 ms take 5 s) and n8n's HTTP Request node, which
 * sends all items at once, was barely slower. MoEngage limits requests per minute (and a few
 * endpoints per second: the pacer keeps both), not requests in flight. Nodes of earlier versions
 * keep 10, so saved workflows behave as before.
 */
export const CONCURRENCY_50_SINCE_VERSION = 1.3;
const CONCURRENCY_BEFORE = 10;
const CONCURRENCY_SINCE = 50;
const CONCURRENCY_MAX = 50;

/** The Concurrency a node of this version uses when none is set. */
export const defaultConcurrency = (typeVersion: number): number =>
	typeVersion >= CONCURRENCY_50_SINCE_VERSION ? CONCURRENCY_SINCE : CONCURRENCY_BEFORE;

/** Alphabetical by label, as n8n lists a collection's options. */
const byLabel = (a: INodeProperties, b: INodeProperties) => a.displayName.localeCompare(b.displayName);

/** Rate Limit, in the operation's Options: its default follows MoEngage's documented limit. */
function rateLimitField(endpoint: MoEngageEndpoint): INodeProperties {
	const { unit, perMinute } = endpoint.rateLimit;
	return {
		displayName: RATE.label,
		name: RATE.name,
		type: 'number',
		typeOptions: { minValue: 0 },
		default: perMinute,
		description: `Most ${unit} per minute this node sends (it stays just under), to keep clear of MoEngage's limit for the workspace (${perMinute}). 0 sends without pacing. Applies to the whole run (read from the first item).`,
	};
}

/**
 * How requests are sent: settings a marketer never needs to touch, since their defaults follow
 * MoEngage's documented limits. Listed alphabetically.
 */
export function advancedFields({ perItem, concurrency }: { perItem: boolean; concurrency: number }): INodeProperties[] {
	const fields: INodeProperties[] = [
		{
			displayName: CONCURRENCY.label,
			name: CONCURRENCY.name,
			type: 'number',
			typeOptions: { minValue: 1, maxValue: CONCURRENCY_MAX },
			default: concurrency,
			description: `How many ${perItem ? 'requests' : 'batch requests (of many users each)'} may be in flight at once. Output order stays the input order. Applies to the whole run (read from the first item).`,
		},
		{
			displayName: MAX_RETRIES.label,
			name: MAX_RETRIES.name,
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 10 },
			default: 5,
			description:
				"How often the node retries one request that MoEngage rate-limited (429), that failed on MoEngage's side (5xx) or that got no answer. Applies to the whole run (read from the first item). n8n's Retry On Fail setting comes on top of these retries: when the node still fails, it runs the whole node again, and then sends only the items MoEngage has not accepted yet.",
		},
		{
			displayName: MAX_WAIT.label,
			name: MAX_WAIT.name,
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 60,
			description:
				"Longest wait before one retry, even when MoEngage's rate-limit window resets later. Applies to the whole run (read from the first item).",
		},
		{
			displayName: TIMEOUT.label,
			name: TIMEOUT.name,
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 30,
			description: 'How long to wait for an answer from MoEngage before retrying or failing. Applies to the whole run (read from the first item).',
		},
	];
	return fields.sort(byLabel);
}

/** Node version 1.1 moved the request settings but Rate Limit from Options to Advanced. */
export const ADVANCED_SINCE_VERSION = 1.1;
const V1_ONLY = { show: { '@version': [1] } };
const ADVANCED_BEFORE_CONCURRENCY_50 = { show: { '@version': [ADVANCED_SINCE_VERSION, 1.2] } };
const SINCE_CONCURRENCY_50 = { show: { '@version': [{ _cnd: { gte: CONCURRENCY_50_SINCE_VERSION } }] } };

/**
 * The operation's Options collection (its own options and Rate Limit, alphabetically), then the
 * Advanced collection with the other request settings. Nodes of version 1 (saved workflows) keep
 * those settings in Options, where n8n would otherwise drop their saved values.
 */
export function operationOptions(
	endpoint: MoEngageEndpoint,
	{ perItem }: { perItem: boolean },
	ownOptions: INodeProperties[] = [],
): INodeProperties[] {
	const legacy = advancedFields({ perItem, concurrency: CONCURRENCY_BEFORE }).map((field) => ({ ...field, displayOptions: V1_ONLY }));
	// One Advanced collection per default Concurrency: a field's default cannot vary by version.
	const advanced = (concurrency: number, displayOptions: INodeProperties['displayOptions']): INodeProperties => ({
		displayName: 'Advanced',
		name: ADVANCED,
		type: 'collection',
		placeholder: 'Add setting',
		default: {},
		description: "How the node sends requests to MoEngage. The defaults follow MoEngage's documented limits.",
		displayOptions,
		options: advancedFields({ perItem, concurrency }),
	});
	return [
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add option',
			default: {},
			options: [...ownOptions, rateLimitField(endpoint), ...legacy].sort(byLabel),
		},
		advanced(CONCURRENCY_BEFORE, ADVANCED_BEFORE_CONCURRENCY_50),
		advanced(CONCURRENCY_SINCE, SINCE_CONCURRENCY_50),
	];
}

function readNumber(
	context: IExecuteFunctions,
	settings: IDataObject[],
	field: Field,
	fallback: number,
	min: number,
	max = Number.MAX_SAFE_INTEGER,
): number {
	const value = settings.map((collection) => collection[field.name]).find((setting) => setting !== undefined) ?? fallback;
	if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
		throw fieldError(context, field, 0, `must be a number from ${min}${max < Number.MAX_SAFE_INTEGER ? ` to ${max}` : ''}`);
	}
	return value;
}

/** The settings when there is no node panel to read them from (the editor's list searches). */
export function defaultRequestSettings(endpoint: MoEngageEndpoint): RequestSettings {
	return {
		ratePerMinute: endpoint.rateLimit.perMinute,
		concurrency: CONCURRENCY_BEFORE,
		maxRetries: DEFAULTS.maxRetries,
		maxWaitMs: DEFAULTS.maxWaitSeconds * 1000,
		timeoutMs: DEFAULTS.timeoutSeconds * 1000,
	};
}

const readCollection = (context: IExecuteFunctions, name: string): IDataObject => {
	const value = context.getNodeParameter(name, 0, {}) as unknown;
	return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as IDataObject) : {};
};

/**
 * The settings for the whole execution, read from the first item: from Advanced first, then from
 * Options, where workflows saved before Advanced existed hold them (and where Rate Limit stays).
 */
export function readRequestSettings(context: IExecuteFunctions, endpoint: MoEngageEndpoint): RequestSettings {
	const settings = [readCollection(context, ADVANCED), readCollection(context, 'options')];
	return {
		ratePerMinute: readNumber(context, settings, RATE, endpoint.rateLimit.perMinute, 0),
		concurrency: Math.floor(readNumber(context, settings, CONCURRENCY, defaultConcurrency(context.getNode().typeVersion), 1, CONCURRENCY_MAX)),
		maxRetries: Math.floor(readNumber(context, settings, MAX_RETRIES, DEFAULTS.maxRetries, 0, 10)),
		maxWaitMs: readNumber(context, settings, MAX_WAIT, DEFAULTS.maxWaitSeconds, 0) * 1000,
		timeoutMs: readNumber(context, settings, TIMEOUT, DEFAULTS.timeoutSeconds, 0.001) * 1000,
	};
}
