/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- runs on a developer's machine or in CI, never inside n8n */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { ErrorShape } from './refusals';
import type { Schema, ValidationError } from './validator';
import { validate } from './validator';

/**
 * MoEngage's endpoints as data (test/standin/schemas/*.json, one file per API family): path,
 * method, key, required headers, payload cap, and the JSON Schemas of body and query. The
 * stand-in routes and validates with this table; spec.test.ts checks that it covers
 * every endpoint the node calls.
 */

export type Family = 'data' | 'cards' | 'businessEvent' | 'inform' | 'campaigns' | 'subscriptions' | 'segments';

export interface EndpointSpec {
	/** Where in moengage/moengage-documentation the facts come from. */
	source: string;
	method: string;
	/** `{workspaceId}` stands for the workspace ID in the path; another `{name}` for a path parameter (a segment's `{id}`). */
	path: string;
	/** Which API key is the Basic-auth password: the Data key, the Campaign (Cards) key or the Inform key. */
	key: 'data' | 'campaign' | 'inform';
	/** The error body its page documents; refusals.ts words every refusal in it. */
	errors: ErrorShape;
	/** Headers MoEngage requires (besides Authorization). */
	headers: string[];
	/** Whether `?app_id=<workspace ID>` is required, allowed, or not part of the endpoint. */
	appIdQuery: 'required' | 'optional' | 'none';
	maxBodyBytes: number;
	/** MoEngage's documented 429 body for this endpoint. */
	rateLimitedBody: Record<string, unknown>;
	/** Absent for a GET, whose parameters are in the query. */
	body?: Schema;
	query?: Schema;
	/** Bulk Import: the schema of each element, by its type. */
	elementSchemas?: Record<string, Schema>;
}

export interface FamilySpec {
	family: Family;
	$defs: Record<string, Schema>;
	endpoints: Record<string, EndpointSpec>;
}

const load = (name: string): FamilySpec => JSON.parse(readFileSync(join(__dirname, 'schemas', `${name}.json`), 'utf8')) as FamilySpec;

export const FAMILIES: Record<Family, FamilySpec> = {
	data: load('data'),
	cards: load('cards'),
	businessEvent: load('business-events'),
	inform: load('inform'),
	campaigns: load('campaigns'),
	subscriptions: load('subscriptions'),
	segments: load('segments'),
};

export type SpecApi =
	| 'trackUser'
	| 'exportUsers'
	| 'mergeUsers'
	| 'deleteUser'
	| 'gdprRequest'
	| 'trackEvent'
	| 'bulkImport'
	| 'testConnection'
	| 'fetchCards'
	| 'deleteCards'
	| 'cohortSync'
	| 'triggerBusinessEvent'
	| 'listBusinessEvents'
	| 'sendAlert'
	| 'searchCampaigns'
	| 'campaignStats'
	| 'subscriptionCategories'
	| 'getSubscriptionPreferences'
	| 'updateSubscriptionPreferences'
	| 'bulkUpdateSubscriptionPreferences'
	| 'listSegments'
	| 'getSegment';

export interface ResolvedEndpoint extends EndpointSpec {
	api: SpecApi;
	family: Family;
}

/** Every endpoint of every family, by name. */
export const SPEC: Record<SpecApi, ResolvedEndpoint> = Object.fromEntries(
	Object.values(FAMILIES).flatMap((family) =>
		Object.entries(family.endpoints).map(([api, endpoint]) => [api, { ...endpoint, api, family: family.family }]),
	),
) as Record<SpecApi, ResolvedEndpoint>;

/**
 * The endpoint a path names, the workspace ID it carries (for `{workspaceId}` paths) and its other
 * path parameters. Fixed paths win; of two endpoints on one path (GET and PATCH), the one of the
 * request's method.
 */
export function endpointFor(
	pathname: string,
	method?: string,
): { endpoint: ResolvedEndpoint; pathWorkspaceId?: string; pathParams: Record<string, string> } | undefined {
	const endpoints = Object.values(SPEC);
	const onPath = endpoints.filter((endpoint) => endpoint.path === pathname);
	const exact = onPath.find((endpoint) => endpoint.method === method) ?? onPath[0];
	if (exact) return { endpoint: exact, pathParams: {} };
	const matches = endpoints
		.map((endpoint) => ({ endpoint, params: matchPath(endpoint.path, pathname) }))
		.filter((match): match is { endpoint: ResolvedEndpoint; params: Record<string, string> } => match.params !== undefined);
	const match = matches.find(({ endpoint }) => endpoint.method === method) ?? matches[0];
	if (!match) return undefined;
	const { workspaceId, ...pathParams } = match.params;
	return { endpoint: match.endpoint, pathWorkspaceId: workspaceId, pathParams };
}

/** The values of a path template's `{name}` placeholders in `pathname` (one segment each, decoded), or undefined when it does not match. */
function matchPath(template: string, pathname: string): Record<string, string> | undefined {
	const names: string[] = [];
	const pattern = template
		.split(/(\{\w+\})/)
		.map((part) => {
			const placeholder = /^\{(\w+)\}$/.exec(part);
			if (!placeholder) return part.replace(/[.*+?^$()|[\]\\]/g, '\\$&');
			names.push(placeholder[1]);
			return '([^/]+)';
		})
		.join('');
	if (names.length === 0) return undefined;
	const found = new RegExp(`^${pattern}$`).exec(pathname);
	if (!found) return undefined;
	try {
		return Object.fromEntries(names.map((name, i) => [name, decodeURIComponent(found[i + 1])]));
	} catch {
		return undefined;
	}
}

/** `schema` checked with its family's $defs in reach. */
export function validateIn(family: Family, schema: Schema, value: unknown): ValidationError[] {
	return validate(schema, value, { $defs: FAMILIES[family].$defs, ...schema });
}

/** Query parameters are text; those the schema types as integers are compared as numbers. */
export function typedQuery(schema: Schema | undefined, query: Record<string, string>): Record<string, unknown> {
	return Object.fromEntries(
		Object.entries(query).map(([name, text]) => {
			const type = schema?.properties?.[name]?.type;
			const numeric = (type === 'integer' || type === 'number') && /^-?\d+(\.\d+)?$/.test(text);
			return [name, numeric ? Number(text) : text];
		}),
	);
}
