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

export type Family = 'data' | 'cards' | 'businessEvent' | 'inform' | 'campaigns' | 'subscriptions' | 'segments' | 'messaging' | 'flows' | 'push';

export interface EndpointSpec {
	/** Where in moengage/moengage-documentation the facts come from. */
	source: string;
	method: string;
	/** `{workspaceId}` stands for the workspace ID in the path; another `{name}` for a path parameter (a segment's `{id}`). */
	path: string;
	/**
	 * Which API key is the Basic-auth password: the Data key, the Campaign (Cards) key or the Inform
	 * key; `push`: no Basic auth, a signature made with the Push key (gateway.ts).
	 */
	key: 'data' | 'campaign' | 'inform' | 'push';
	/** `signature`: the key is not sent but signs a `Signature` header instead of Basic auth (the campaign report download). */
	auth?: 'basic' | 'signature';
	/** The error body its page documents; refusals.ts words every refusal in it. */
	errors: ErrorShape;
	/** Headers MoEngage requires (besides Authorization). */
	headers: string[];
	/** Whether `?app_id=<workspace ID>` is required, allowed, or not part of the endpoint. */
	appIdQuery: 'required' | 'optional' | 'none';
	maxBodyBytes: number;
	/** MoEngage's documented 429 body for this endpoint ('' for an empty body). */
	rateLimitedBody: Record<string, unknown> | '';
	/** Whether its 429 carries `Retry-After` (besides the x-ratelimit-* headers). */
	retryAfter?: boolean;
	/**
	 * The form of its `x-ratelimit-reset`. MoEngage documents two: rate-limits.mdx gives the UTC
	 * epoch second the window resets ('epoch', the default); data-overview.mdx (the Data APIs of
	 * data.yaml), messaging/trigger.yaml and push-v2-1.yaml give the seconds left until it resets ('secondsLeft').
	 */
	rateLimitReset?: 'epoch' | 'secondsLeft';
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
	messaging: load('messaging'),
	flows: load('flows'),
	push: load('push'),
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
	| 'changeCampaignStatus'
	| 'subscriptionCategories'
	| 'getSubscriptionPreferences'
	| 'updateSubscriptionPreferences'
	| 'bulkUpdateSubscriptionPreferences'
	| 'listSegments'
	| 'getSegment'
	| 'sendMessage'
	| 'searchFlows'
	| 'getFlow'
	| 'changeFlowStatus'
	| 'sendPush'
	| 'downloadCampaignReport'
	| 'createFileSegment';

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

/** A route: the endpoint, the workspace ID its path carries (`{workspaceId}`), and its other path parts (`{campaign_id}`). */
export interface Route {
	endpoint: ResolvedEndpoint;
	pathWorkspaceId?: string;
	pathParams: Record<string, string>;
}

/** The `{name}` parts of a path template matched against a path, or undefined when it does not match. */
function matchPath(template: string, pathname: string): Record<string, string> | undefined {
	const names: string[] = [];
	const pattern = template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{(\w+)\\?\}/g, (_, name: string) => {
		names.push(name);
		return '([^/]+)';
	});
	const match = new RegExp(`^${pattern}$`).exec(pathname);
	if (!match) return undefined;
	return Object.fromEntries(names.map((name, index) => [name, decodeURIComponent(match[index + 1])]));
}

/**
 * The endpoint a path names, and the values of its `{name}` parts. Fixed paths win; of two
 * endpoints on one path (GET and PATCH), the one of the request's method.
 */
export function endpointFor(pathname: string, method?: string): Route | undefined {
	const endpoints = Object.values(SPEC);
	const onPath = endpoints.filter((endpoint) => endpoint.path === pathname);
	const exact = onPath.find((endpoint) => endpoint.method === method) ?? onPath[0];
	if (exact) return { endpoint: exact, pathParams: {} };
	const matching = endpoints.flatMap((endpoint) => {
		if (!endpoint.path.includes('{')) return [];
		const params = matchPath(endpoint.path, pathname);
		return params ? [{ endpoint, params }] : [];
	});
	const found = matching.find(({ endpoint }) => endpoint.method === method) ?? matching[0];
	if (!found) return undefined;
	const { workspaceId, ...pathParams } = found.params;
	return { endpoint: found.endpoint, pathWorkspaceId: workspaceId, pathParams };
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
