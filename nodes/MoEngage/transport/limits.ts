import type { IDataObject } from 'n8n-workflow';

import type { RequestWindow } from './endpoint';

/** MoEngage's limits, formats and codes the node relies on, each with the document it comes from. */

/** Get User is enabled per workspace by MoEngage (data.yaml, Get User), which documents no answer for a workspace without it. */
export const GET_USER_ENABLEMENT =
	'MoEngage must enable Get User for each workspace: if the key is right, ask your MoEngage CSM or support to enable the Get User API for this workspace';

/**
 * MoEngage's campaign quota for business-event triggers: 10 per 5 minutes, 50 an hour, 200 a day
 * (api/business-events pages of the v5 API and the legacy trigger's newer page; the older page and
 * api/rate-limits.mdx state only 50 an hour and 200 a day: the stricter reading is kept). Flows
 * waiting on the event have their own, smaller quota: 3 an hour and 10 a day.
 */
export const BUSINESS_EVENT_QUOTA: readonly RequestWindow[] = [
	{ limit: 10, windowMs: 5 * 60_000, label: '10 per 5 minutes' },
	{ limit: 50, windowMs: 60 * 60_000, label: '50 an hour' },
	{ limit: 200, windowMs: 24 * 60 * 60_000, label: '200 a day' },
];

/**
 * The node's pace for GDPR/CCPA requests, a choice of the node's: MoEngage documents no rate
 * limit for them, only a 429 (api/gdpr-ccpa/gdpr-ccpa.yaml); erasures come one data subject at a
 * time, so 1,000 a minute is far above the need and a 429 is still waited out.
 */
export const GDPR_REQUESTS_PER_MINUTE = 1000;

/**
 * The node's pace for campaign report downloads, a choice of the node's: MoEngage documents no
 * rate limit for them (api/stats-report/stats-report.yaml); a workflow downloads a few reports a
 * day, and the Campaign key's other APIs allow 100 a minute.
 */
export const REPORT_DOWNLOADS_PER_MINUTE = 100;

/** MoEngage keeps a generated campaign report for this many days; after that its download is refused (stats-report.yaml, Limits). */
export const REPORT_RETENTION_DAYS = 7;

/**
 * MoEngage's quota for file-segment operations (create, add, remove; custom-segments.yaml, Create
 * File Segment, Rate Limits): 10 an hour and 100 a day per client, over the last hour and the last
 * 24 hours. A run never exceeds the hour (it is refused before sending).
 */
export const FILE_SEGMENT_QUOTA: readonly RequestWindow[] = [
	{ limit: 10, windowMs: 60 * 60_000, label: '10 an hour' },
	{ limit: 100, windowMs: 24 * 60 * 60_000, label: '100 a day' },
];

/** MoEngage runs at most this many file-segment operations an hour (FILE_SEGMENT_QUOTA). */
export const FILE_SEGMENT_OPS_PER_HOUR = 10;

/** A file segment's CSV may be at most this large (custom-segments.yaml, file_size_limit: 150 MB). */
export const FILE_SEGMENT_MAX_FILE_MB = 150;

/** v1 Bulk Update Subscription Preferences takes at most this many users a request (subscription-categories.yaml, `user_preferences` maxItems 50). */
export const SUBSCRIPTION_BULK_MAX_USERS = 50;

/**
 * Recipients in one Messaging API request. MoEngage contradicts itself: trigger.yaml's schema
 * allows up to 1,000 (`recipients` maxItems 1000), while the overview says `recipients` "accepts
 * exactly one identifier, and a request holding more returns 422 RECIPIENT_LIMIT_EXCEEDED"
 * (api/messaging/messaging-api-overview.mdx). One is sent: valid under both readings, and each
 * item keeps its own answer (an item is one recipient, its error its own).
 */
export const MESSAGING_RECIPIENTS_PER_REQUEST = 1;

/**
 * The recipient identifiers the node offers for Send Message. trigger.yaml's enum is ID,
 * MOENGAGE_ID and MULTI_ID; the overview says ID, MOENGAGE_ID or the name of an attribute the
 * workspace activated as an identifier. The two both documents name are offered.
 */
export const MESSAGING_IDENTIFIER_TYPES = ['ID', 'MOENGAGE_ID'] as const;
export type MessagingIdentifierType = (typeof MESSAGING_IDENTIFIER_TYPES)[number];

/**
 * The largest request body the node sends, in bytes. MoEngage refuses larger bodies with a 413:
 * "128 KB per request" (api/rate-limits.mdx for Track User, Merge and Cohort Sync, the same cap
 * across the APIs the node calls), without saying whether a KB is 1,000 or 1,024 bytes: the
 * smaller reading is kept, so that a request fits under either.
 */
export const REQUEST_BODY_MAX_BYTES = 128_000;

/**
 * The longest query string the node sends (the v5 subscription APIs take the user's ID there), in
 * bytes. MoEngage documents no limit for a URL; web servers and gateways commonly refuse a request
 * line over 8 KB (414 or 431), so the node stays under that.
 */
export const REQUEST_QUERY_MAX_BYTES = 8_000;

/** Search Campaigns answers at most this many campaigns a page (campaigns.yaml, `limit` maximum 15). */
export const SEARCH_CAMPAIGNS_MAX_PAGE_SIZE = 15;

/** Search Flows' page size: MoEngage allows 1 to 100 (flows.yaml FlowSearchRequest `limit`). */
export const SEARCH_FLOWS_MAX_PAGE_SIZE = 100;

/** Change Campaign Status takes at most this many campaign IDs a request (campaigns.yaml /campaigns/status, V1). */
export const CAMPAIGN_STATUS_MAX_IDS = 10;

/** Campaign Stats takes at most this many campaign IDs a request (stats-report.yaml, `campaign_ids` maxItems 10). */
export const CAMPAIGN_STATS_MAX_IDS = 10;

/**
 * The longest date range, in calendar days counting both ends, one Campaign Stats request may
 * ask for. MoEngage says "the days between the start and end dates should not exceed 30 days"
 * (stats-report.yaml), which reads either as end − start ≤ 30 or as 30 days in all: the node
 * keeps to the stricter reading, so each request is valid under both.
 */
export const CAMPAIGN_STATS_MAX_DAYS = 30;

/**
 * The largest Bulk Import request body, in bytes. MoEngage writes "a maximum of 100 KB in a single
 * API call" (data.yaml, Bulk Import) without saying whether a KB is 1,000 or 1,024 bytes: the
 * smaller reading is kept, so that a request fits under either.
 */
export const BULK_IMPORT_MAX_BYTES = 100_000;

/** Merge Users accepts at most this many pairs in one request. */
export const MERGE_USERS_MAX_PAIRS = 50;

/** Get User Details accepts at most this many identifiers in one request (more: 400 LimitBreached). */
export const EXPORT_USERS_MAX_IDENTIFIERS = 20;

/**
 * Get User read one way where MoEngage contradicts itself. Followed: Get User Details' own page
 * (api/data/data.yaml, its request example, its `identifiers` description and its answer), whose
 * example request and answer agree with each other; not followed: the shared IdentifierObject
 * enum of the same file and data-overview.mdx's attribute table.
 * - `moengageIdType`: the `identifier_type` of a MoEngage ID is `id` (the example and the
 *   description), not the enum's `moengage_id`; `id` is also the exported attribute that
 *   carries the ID.
 * - `exportUnder`: standard attributes are asked for in `user_fields_to_export` and come back
 *   under the names Track User writes (`name`, `last_name`, as the example exports them, and so
 *   `email`, `mobile`…: helpers/standardAttributes.ts), not under the internal keys
 *   data-overview.mdx lists as fetchable (`u_n`, `u_ln`, `u_em`, `u_mb`…).
 * The stand-in follows the same reading (test/standin/schemas/data.json note 1,
 * test/standin/model/data.ts EXPORT_NAMES). A live workspace settles it (docs/operations.md).
 */
export const GET_USER_READING = { moengageIdType: 'id', exportUnder: 'trackUserName' } as const;

/** The `identifier_type` of a MoEngage ID in Get User (GET_USER_READING). */
export const MOENGAGE_ID_IDENTIFIER_TYPE = GET_USER_READING.moengageIdType;

/** `identifier_type` values of Get User Details: the profile's ID field, or the MoEngage ID. */
export type ExportIdentifierType = 'customer_id' | typeof MOENGAGE_ID_IDENTIFIER_TYPE;

/**
 * The user attribute that carries each identifier type, exported alongside the requested fields
 * so that users can be matched back to the identifiers that asked for them.
 */
export const EXPORT_IDENTIFIER_ATTRIBUTE: Record<ExportIdentifierType, string> = {
	customer_id: 'customer_id',
	id: 'id',
};

export interface ExportIdentifier {
	identifier_type: ExportIdentifierType;
	identifier: string;
}

/**
 * MoEngage's OpenAPI file and public connectors wrap the export request in `data`; the live page
 * lists the two keys without it. The wrapper is sent.
 */
export function exportUsersBody(identifiers: ExportIdentifier[], fields: string[] | undefined): IDataObject {
	// Without user_fields_to_export MoEngage exports every exportable attribute.
	const data: IDataObject = { identifiers: identifiers as unknown as IDataObject[] };
	if (fields !== undefined) data.user_fields_to_export = fields;
	return { data };
}

/**
 * Cohort Sync refuses bodies over "128KB" (413); the node packs each request up to this size.
 * MoEngage does not say whether a KB is 1,000 or 1,024 bytes: the smaller reading is used, so a
 * full request never meets the 413 (it costs about 2 % more requests than the larger one).
 */
export const COHORT_SYNC_MAX_BODY_BYTES = 128_000;

/** Characters Cohort Sync refuses in a segment name (cohort-audience.yaml, `cohort_name`). */
export const COHORT_NAME_FORBIDDEN = /[|*?\\:<>=$"]/;

/**
 * A segment name may not start with a period (cohort-audience.yaml @05aa064c, the version that
 * counts). An earlier version said the opposite; the current one is followed, so such a name is
 * refused before sending.
 */
export const COHORT_NAME_LEADING_PERIOD = /^\./;

/** MoEngage runs at most this many business-event triggers an hour for campaigns (BUSINESS_EVENT_QUOTA). */
export const BUSINESS_EVENT_TRIGGERS_PER_HOUR = 50;

/** Page size of the business events list (its maximum). */
export const BUSINESS_EVENTS_PAGE_SIZE = 20;

/** Inform refuses a longer transaction_id. */
export const INFORM_TRANSACTION_ID_MAX_LENGTH = 50;

/** Inform's answer to a transaction_id it received in the last 5 minutes: the alert was not sent again. */
export const INFORM_DUPLICATE_CODE = 'DUPLICATE_REQUEST_RECEIVED';

/**
 * The channels of an Inform alert's `payloads` (api/inform/inform.yaml: SMS, EMAIL, PUSH, and
 * RCS and WHATSAPP, whose payloads take a recipient, a mobile number, and personalized_attributes).
 */
export const INFORM_CHANNELS = ['SMS', 'EMAIL', 'PUSH', 'RCS', 'WHATSAPP'] as const;
export type InformChannel = (typeof INFORM_CHANNELS)[number];

/**
 * The keys under which Identity Resolution workspaces take an email or mobile number instead of a
 * customer ID (Track User: in `attributes`; Track Event and Bulk Import events: in
 * `user_identifiers`). Mobile: `moe_mobile`, the key of every Identity Resolution example in
 * data.yaml (CreateUserRequest, CreateEventRequest, Bulk Import "Using User Identifiers") and in
 * unified-identity-identity-resolution.mdx. Email: MoEngage shows no Data API example for it; `u_em`
 * is the email attribute's key in data.yaml's UserAttributes ("Email Address of the user
 * (Standard)") and the email identifier of that page's Web SDK example, so it is used. Either
 * works only when the workspace has activated that attribute as an identifier.
 */
export const IDENTITY_RESOLUTION_KEYS = { email: 'u_em', mobile: 'moe_mobile' } as const;
export type IdentityResolutionVia = keyof typeof IDENTITY_RESOLUTION_KEYS;

/**
 * The largest GDPR request body, in bytes. MoEngage writes "The maximum limit per request is
 * 100 KB. The maximum payload size is 128 KB." (gdpr-ccpa.yaml): the smaller, in the smaller
 * reading of a KB, is kept, so that a request fits under either.
 */
export const GDPR_REQUEST_MAX_BYTES = 100_000;

/** `api_version` of a GDPR request: the only one MoEngage's example and schema show. */
export const GDPR_API_VERSION = '1.0';

/** MoEngage's segment IDs: MongoDB ObjectIds, 24 hexadecimal digits (custom-segments.yaml: "Invalid bson object-id" otherwise). */
export const SEGMENT_ID_PATTERN = /^[0-9a-f]{24}$/i;
