import { createHash } from 'crypto';
import type { ICredentialDataDecryptedObject, IDataObject, IHttpRequestOptions } from 'n8n-workflow';

import { PUSH_PATH, pushHostOf } from './push';

/**
 * What the credential's fields mean, in one place for the credential (authenticate), its test and
 * the node's transport.
 */

export const CUSTOM_DATA_CENTER = 'custom';

/** The credential's key fields, each the key of one tile of MoEngage's Settings > Account > APIs page. */
export type KeyField = 'dataApiKey' | 'cardsApiKey' | 'informApiKey' | 'personalizeApiKey' | 'pushApiKey';

/** How each key field is named in the credential form and in messages. */
export const KEY_LABELS: Readonly<Record<KeyField, string>> = {
	dataApiKey: 'Data API Key',
	// Stored as `cardsApiKey` since the first release: the field name stays so saved credentials keep working.
	cardsApiKey: 'Campaign API Key',
	informApiKey: 'Inform API Key',
	personalizeApiKey: 'Personalize API Key',
	pushApiKey: 'Push API Key',
};

/**
 * Keys that nothing else can stand in for: the Push API checks a signature made with the Push
 * key (push.ts), so the Data key is never sent in its place.
 */
const NO_FALLBACK: ReadonlySet<KeyField> = new Set(['pushApiKey']);

const KEY_FIELDS = Object.keys(KEY_LABELS) as KeyField[];

/**
 * Which key each MoEngage API family authenticates with, by request path (MoEngage's API reference,
 * the `servers` and `securitySchemes` of each family). A path that matches none is a Data API
 * (users, events, devices, bulk import, cohorts, segments, GDPR, Test Connection, and the v5
 * subscription preferences: their spec names no tile, and their v1 predecessor, the Subscription
 * Categories API, takes the Data key). Paths are
 * matched anywhere in the URL's path, so a proxy that adds a prefix still gets the right key.
 */
const KEY_BY_PATH: ReadonlyArray<{ field: KeyField; path: RegExp }> = [
	// The Campaign key: the tile "Campaign report / Business events / Custom templates / Catalog API /
	// Inform Report" (old dashboard: APP SECRET).
	{ field: 'cardsApiKey', path: /\/v1\/cards\// }, // Fetch and Delete Cards
	{ field: 'cardsApiKey', path: /\/core-services\/v1\// }, // campaigns: search, create, stats, personalization preview
	// Campaign report download: the key is not sent but signs the `Signature` header (REPORT_SIGNATURE_KEY).
	{ field: 'cardsApiKey', path: /\/campaign_reports\/rest_api\// },
	{ field: 'cardsApiKey', path: /\/v1\.0\/business_event(\/|$)/ }, // business events (create, trigger, search)
	{ field: 'cardsApiKey', path: /\/v5\/business-events(\/|$)/ }, // business events v5 (trigger, list, search)
	// The Campaigns permission of the API key dashboard (messaging-api-overview.mdx, flows-overview.mdx).
	{ field: 'cardsApiKey', path: /\/v5\/campaigns(\/|$)/ }, // campaigns v5: get, status, Messaging API send
	{ field: 'cardsApiKey', path: /\/v5\/flows(\/|$)/ }, // flows: search, get, status
	{ field: 'cardsApiKey', path: /\/v1\/catalog(\/|$)/ }, // catalog and its items
	{ field: 'cardsApiKey', path: /\/v1\/recommendations(\/|$)/ }, // recommendations and their results
	{ field: 'cardsApiKey', path: /\/v1\.0\/custom-templates\// }, // in-app, OSM, SMS, push and email templates
	{ field: 'cardsApiKey', path: /\/v1\/external\/campaigns\/content-blocks(\/|$)/ }, // content blocks
	// Keys of their own.
	{ field: 'informApiKey', path: /\/v1\.0\/alerts\// }, // Inform: transactional alerts
	{ field: 'personalizeApiKey', path: /\/v1\/experiences\// }, // Personalize (host sdk-{dc}.moengage.com)
	{ field: 'pushApiKey', path: PUSH_PATH }, // Push API v2.1: signed, not Basic auth (push.ts; host pushapi-{dc}.moengage.com)
];

export function credentialText(value: unknown): string {
	return typeof value === 'string' ? value.trim() : '';
}

/** Plain http only to this machine (tests, a local proxy): anywhere else the keys would travel in clear. */
const LOOPBACK_HOST = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i;

/** Why a custom Base URL cannot carry the keys, or undefined when it can. */
export function baseUrlProblem(baseUrl: string): string | undefined {
	let url: URL;
	try {
		url = new URL(baseUrl);
	} catch {
		return 'is not a URL';
	}
	if (url.protocol === 'https:') return undefined;
	if (url.protocol === 'http:' && LOOPBACK_HOST.test(url.hostname)) return undefined;
	return 'must start with https:// (plain http only for localhost)';
}

/**
 * The API host of the credential's data center, or its custom Base URL. Given a request URL, the
 * host of that API: the Push API has its own, `pushapi-{dc}.moengage.com` (push.ts); a custom
 * Base URL (a proxy, a local test server) stands in for every host.
 */
export function baseUrlOf(credentials: ICredentialDataDecryptedObject, url = ''): string {
	if (credentials.dataCenter === CUSTOM_DATA_CENTER) {
		return credentialText(credentials.baseUrl).replace(/\/+$/, '');
	}
	const dataCenter = credentialText(credentials.dataCenter) || '01';
	if (PUSH_PATH.test(pathOf(url))) return pushHostOf(dataCenter);
	return `https://api-${dataCenter}.moengage.com`;
}

/**
 * The data center code Test Connection asks for (`region`). A custom Base URL that names a MoEngage
 * API host (`api-02.moengage.com`) gives its code; for any other proxy the code is unknown, and
 * DC-01, MoEngage's default, is sent.
 */
export function regionOf(credentials: ICredentialDataDecryptedObject): string {
	if (credentials.dataCenter !== CUSTOM_DATA_CENTER) return credentialText(credentials.dataCenter) || '01';
	const host = /^https?:\/\/api-(\d+)\.moengage\.com(:\d+)?(\/|$)/i.exec(credentialText(credentials.baseUrl));
	return host?.[1] ?? '01';
}

export interface KeyChoice {
	key: string;
	/** Which credential field the key came from, for error messages. */
	label: string;
	/** Set when the request needed another key whose field is empty. */
	note?: string;
}

/** The path of a request URL, which may be a bare path (the node) or a full URL (HTTP Request node). */
function pathOf(url: string): string {
	const withoutOrigin = url.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i, '');
	return withoutOrigin.split(/[?#]/)[0];
}

/** The credential field whose key the API at `url` authenticates with. */
export function keyFieldFor(url: string): KeyField {
	const path = pathOf(url);
	return KEY_BY_PATH.find((family) => family.path.test(path))?.field ?? 'dataApiKey';
}

/**
 * The key a request to `url` is signed with. When the API's own key field is empty the Data API
 * Key is sent (the Campaign key was optional before it covered more than Cards), and `note` says so.
 */
export function keyFor(url: string, credentials: ICredentialDataDecryptedObject): KeyChoice {
	const field = keyFieldFor(url);
	const key = credentialText(credentials[field]);
	if (field === 'dataApiKey' || key || NO_FALLBACK.has(field)) return { key, label: KEY_LABELS[field] };
	return {
		key: credentialText(credentials.dataApiKey),
		label: KEY_LABELS.dataApiKey,
		note: `the credential's ${KEY_LABELS[field]} is empty, so the ${KEY_LABELS.dataApiKey} was sent`,
	};
}

/** Every form in which the credential's secrets could come back in an answer. */
export function secretsOf(credentials: ICredentialDataDecryptedObject): string[] {
	const workspaceId = credentialText(credentials.workspaceId);
	const keys = KEY_FIELDS.map((field) => credentialText(credentials[field])).filter((key) => key.length > 0);
	return keys.flatMap((key) => [Buffer.from(`${workspaceId}:${key}`).toString('base64'), key]);
}

/**
 * Where a Portfolio workspace's project goes, by request path. `project_code` in the query of
 * Track User, Track Event and Bulk Import (data.yaml's notes: "pass project_code in the API
 * endpoint"; portfolio-data-ingestion-and-management.mdx's curls put it in the query string), and
 * the `MOE-PROJECT-CODE` header on the subscription APIs, v5 and v1 (subscription-categories
 * overview: mandatory for Portfolio workspaces). No other MoEngage API documents it.
 */
const PROJECT_CODE_BY_PATH: ReadonlyArray<{ place: 'query' | 'header'; path: RegExp }> = [
	{ place: 'query', path: /\/v1\/customer\/(?!delete$|merge$)[^/]+$/ }, // Track User (not Delete or Merge)
	{ place: 'query', path: /\/v1\/event\/[^/]+$/ }, // Track Event
	{ place: 'query', path: /\/v1\/transition\/[^/]+$/ }, // Bulk Import
	{ place: 'header', path: /\/v5\/subscription-(categories|preferences)(\/|$)/ },
	{ place: 'header', path: /\/v1\/category-subscription(\/|$)/ },
];

/** Where the project code goes for a request to `url`, if anywhere. */
export function projectCodePlace(url: string): 'query' | 'header' | undefined {
	const path = pathOf(url);
	return PROJECT_CODE_BY_PATH.find((rule) => rule.path.test(path))?.place;
}

/** The request with the Portfolio project added where MoEngage takes it (nothing when the code is empty). */
export function withProjectCode<T extends IHttpRequestOptions>(url: string, projectCode: string, options: T): T {
	const place = projectCode ? projectCodePlace(url) : undefined;
	if (place === 'header') return { ...options, headers: { ...options.headers, 'MOE-PROJECT-CODE': projectCode } };
	if (place === 'query') return { ...options, qs: { ...(options.qs as IDataObject | undefined), project_code: projectCode } };
	return options;
}

/**
 * The campaign report download (api/stats-report/stats-report.yaml GET
 * /campaign_reports/rest_api/{APP_ID}/{FILENAME}) is not authenticated with Basic auth but with a
 * `Signature` header: the hex SHA-256 of `APP_ID|FILENAME|SECRET_KEY`. Which secret: MoEngage's
 * Zapier guide (zapier/fetch-campaign-report.mdx) names the "API Secret" (APP secret) of the old
 * APIs page, and the new APIs page names the tile "Campaign report / Business events / …": the
 * credential's Campaign API Key, so no field of its own (keyFor: the Data key when it is empty).
 */
const REPORT_FILE = /\/campaign_reports\/rest_api\/[^/]+\/([^/]+)$/;

/** `SHA256(APP_ID + "|" + FILENAME + "|" + SECRET_KEY)` in hex, as stats-report.yaml defines it. */
export function reportSignature(workspaceId: string, fileName: string, secret: string): string {
	return createHash('sha256').update(`${workspaceId}|${fileName}|${secret}`, 'utf8').digest('hex');
}

/**
 * The request with the `Signature` header of a campaign report download, and without Basic auth:
 * the key only signs it and does not travel (nothing changes for other paths).
 */
export function withReportSignature<T extends IHttpRequestOptions>(url: string, workspaceId: string, key: string, options: T): T {
	const match = REPORT_FILE.exec(pathOf(url));
	if (!match) return options;
	let fileName: string;
	try {
		fileName = decodeURIComponent(match[1]);
	} catch {
		fileName = match[1];
	}
	return { ...options, auth: undefined, headers: { ...options.headers, Signature: reportSignature(workspaceId, fileName, key) } };
}

/**
 * The file-segment APIs (`/v2/custom-segments/file-segment…`, custom-segments.yaml) require the
 * `MOE-DBNAME` header, "the MoEngage database name (db_name) of your workspace": the credential's
 * Database Name, sent there only (nothing when it is empty).
 */
const DATABASE_NAME_PATH = /\/v2\/custom-segments\/file-segment(\/|$)/;

export function needsDatabaseName(url: string): boolean {
	return DATABASE_NAME_PATH.test(pathOf(url));
}

/** The request with `MOE-DBNAME` where MoEngage requires it. */
export function withDatabaseName<T extends IHttpRequestOptions>(url: string, databaseName: string, options: T): T {
	if (!databaseName || !needsDatabaseName(url)) return options;
	return { ...options, headers: { ...options.headers, 'MOE-DBNAME': databaseName } };
}
