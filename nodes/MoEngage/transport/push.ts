import { createHash } from 'crypto';
import type { IDataObject, IHttpRequestOptions } from 'n8n-workflow';

/**
 * MoEngage's Push API v2.1 (api/push/push-v2-1.yaml, api/push/push-overview.mdx): its own host,
 * and a signature instead of Basic auth. The signature is the hex SHA-256 of
 * `appId|campaignName|Push key` (the yaml's "Generating Signature"), so the key itself never
 * travels; it is made here, from the credential, by the credential's `authenticate`.
 */

/** The one endpoint of the Push API v2.1. */
export const PUSH_PATH = /\/v2\.1\/transaction\/sendpush$/;

/** The Push API's host for a data center: `https://pushapi-{dc}.moengage.com` (push-v2-1.yaml `servers`). */
export function pushHostOf(dataCenter: string): string {
	return `https://pushapi-${dataCenter}.moengage.com`;
}

/**
 * Whether `appId` and `signature` also go in the body. MoEngage contradicts itself: the v2.1 yaml
 * the node was written against requires both body fields ("the two must match" the headers),
 * while push-overview.mdx and a later yaml say v2.1 moves them from the body to the headers
 * ("every other request body field ... stays the same"). Sending both satisfies either reading:
 * the headers are sent always, and the body fields carry the same values.
 */
export const PUSH_SIGNATURE_IN_BODY = true;

/** The signature MoEngage checks: hex SHA-256 of `appId|campaignName|Push key` (UTF-8). */
export function pushSignature(workspaceId: string, campaignName: string, pushKey: string): string {
	return createHash('sha256').update(`${workspaceId}|${campaignName}|${pushKey}`, 'utf8').digest('hex');
}

/**
 * `X-MOE-Query-Type`: `targetAudience` in lower case ("User" → `user`), `bulk users` for a
 * request with `bulkUserRequest: true` (push-v2-1.yaml, XMoeQueryType).
 */
export function pushQueryTypeOf(body: IDataObject): string | undefined {
	if (body.bulkUserRequest === true) return 'bulk users';
	return typeof body.targetAudience === 'string' ? body.targetAudience.toLowerCase() : undefined;
}

const isObject = (value: unknown): value is IDataObject => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The body as an object: the node sends JSON text, the HTTP Request node may send an object. */
function bodyObject(body: unknown): IDataObject | undefined {
	if (isObject(body)) return body;
	if (typeof body !== 'string') return undefined;
	try {
		const parsed: unknown = JSON.parse(body);
		return isObject(parsed) ? parsed : undefined;
	} catch {
		return undefined;
	}
}

const hasHeader = (headers: IDataObject, name: string) => Object.keys(headers).some((key) => key.toLowerCase() === name.toLowerCase());

/**
 * A Push API request signed: `X-MOE-APPKEY`, `X-MOE-PushAPI-Signature` and `X-MOE-Query-Type`
 * (unless the request set it), and `appId` and `signature` in the body (PUSH_SIGNATURE_IN_BODY).
 * Without a Push key or a readable body it goes unsigned, and MoEngage answers "Signature missing
 * or not verified"; the node refuses to send without a Push key before it gets here.
 */
export function signPushRequest<T extends IHttpRequestOptions>(options: T, workspaceId: string, pushKey: string): T {
	const headers: IDataObject = { ...options.headers, 'X-MOE-APPKEY': workspaceId };
	const body = bodyObject(options.body);
	if (!body || !pushKey) return { ...options, headers };
	const campaignName = typeof body.campaignName === 'string' ? body.campaignName : '';
	const signature = pushSignature(workspaceId, campaignName, pushKey);
	headers['X-MOE-PushAPI-Signature'] = signature;
	const queryType = pushQueryTypeOf(body);
	if (queryType !== undefined && !hasHeader(headers, 'X-MOE-Query-Type')) headers['X-MOE-Query-Type'] = queryType;
	const signed = PUSH_SIGNATURE_IN_BODY ? { ...body, appId: workspaceId, signature } : body;
	return { ...options, headers, body: typeof options.body === 'string' ? JSON.stringify(signed) : signed };
}

/** `targetUserAttributes.attribute` values for one user (push-v2-1.yaml TargetUserAttributes). */
export const PUSH_USER_ATTRIBUTES = ['USER_ATTRIBUTE_UNIQUE_ID', 'USER_ATTRIBUTE_USER_EMAIL', 'USER_ATTRIBUTE_USER_MOBILE', 'PUSH_ID', 'MOE_GAID', 'ADVERTISING_IDENTIFIER'] as const;
export type PushUserAttribute = (typeof PUSH_USER_ATTRIBUTES)[number];

/** `targetPlatform` values (push-v2-1.yaml PushRequest). */
export const PUSH_PLATFORMS = ['ANDROID', 'IOS', 'WEB'] as const;
export type PushPlatform = (typeof PUSH_PLATFORMS)[number];

/** `campaignName` minLength (push-v2-1.yaml; "Campaign Name too short (must be >= 5 chars)"). */
export const PUSH_CAMPAIGN_NAME_MIN_LENGTH = 5;
