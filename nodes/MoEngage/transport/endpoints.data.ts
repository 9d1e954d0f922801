import type { MoEngageEndpoint } from './endpoint';
import { FILE_SEGMENT_QUOTA, GDPR_REQUESTS_PER_MINUTE, GET_USER_ENABLEMENT } from './limits';

/** The Data API family (users, events, Bulk Import, Cohort Sync, GDPR, segments, subscription preferences): the Data key. */
export const DATA_ENDPOINTS = {
	// Read-only: repeating an export changes nothing.
	exportUsers: {
		method: 'POST',
		path: '/v1/customers/export',
		workspaceIdInQuery: true,
		safeToRepeat: true,
		effect: 'answered this lookup',
		batchOf: ['data', 'identifiers'],
		rateLimit: { perMinute: 1000, unit: 'users' },
		enablement: GET_USER_ENABLEMENT,
	},
	// Idempotent: deleting a user twice schedules the same hard delete (the second may answer 400).
	deleteUser: {
		method: 'POST',
		path: '/v1/customer/delete',
		workspaceIdInQuery: true,
		safeToRepeat: true,
		effect: 'deleted this user',
		rateLimit: { perMinute: 5000, unit: 'requests' },
	},
	// Setting the same attributes again leaves the profile as it was.
	trackUser: {
		method: 'POST',
		path: '/v1/customer/{workspaceId}',
		workspaceIdInQuery: true,
		safeToRepeat: true,
		effect: 'updated this user',
		rateLimit: { perMinute: 10000, unit: 'users' },
	},
	// Not repeated after a 5xx or a lost answer: MoEngage may have recorded the event, and a
	// second request would record it twice. 30,000 events a minute (api/rate-limits.mdx).
	trackEvent: {
		method: 'POST',
		path: '/v1/event/{workspaceId}',
		workspaceIdInQuery: true,
		safeToRepeat: false,
		effect: 'recorded this event',
		rateLimit: { perMinute: 30000, unit: 'requests' },
	},
	// Merging the same pair again finds it already merged: the outcome does not change.
	mergeUsers: {
		method: 'POST',
		path: '/v1/customer/merge',
		workspaceIdInQuery: true,
		safeToRepeat: true,
		effect: 'merged these users',
		batchOf: ['merge_data'],
		rateLimit: { perMinute: 1000, unit: 'users' },
	},
	// Bulk Import (data.yaml /transition/{Workspace_ID}, rate-limits.mdx): many users or events in
	// one request, 60,000 users and 60,000 events a minute across requests. Two entries for one
	// path, since each limit counts its own unit; a run sends only one of them. The path carries
	// the workspace ID (the page documents no query parameter). Each keeps the repeat policy of
	// the single-item endpoint it stands in for.
	bulkImportUsers: {
		method: 'POST',
		path: '/v1/transition/{workspaceId}',
		workspaceIdInQuery: false,
		safeToRepeat: true,
		effect: 'updated these users',
		batchOf: ['elements'],
		rateLimit: { perMinute: 60000, unit: 'users' },
	},
	bulkImportEvents: {
		method: 'POST',
		path: '/v1/transition/{workspaceId}',
		workspaceIdInQuery: false,
		safeToRepeat: false,
		effect: 'recorded these events',
		batchOf: ['elements'],
		rateLimit: { perMinute: 60000, unit: 'events' },
	},
	// Adding members already in the segment, or removing members already out, changes nothing.
	// 300 requests a minute, bodies up to 128 KB (api/cohort-audience/cohort-audience.yaml).
	cohortSync: {
		method: 'POST',
		path: '/v1/integrations/cohortsync',
		workspaceIdInQuery: false,
		safeToRepeat: true,
		effect: 'updated this segment',
		batchOf: ['parameters', 'members'],
		rateLimit: { perMinute: 300, unit: 'requests' },
	},
	// Read-only. 100 a minute and 360,000 a day (subscription-categories-v5.yaml).
	subscriptionCategories: {
		method: 'GET',
		path: '/v5/subscription-categories',
		workspaceIdInQuery: false,
		safeToRepeat: true,
		effect: 'answered this lookup',
		rateLimit: { perMinute: 100, unit: 'requests' },
	},
	// Read-only; shares the path, and so the pace, with the update below.
	getSubscriptionPreferences: {
		method: 'GET',
		path: '/v5/subscription-preferences',
		workspaceIdInQuery: false,
		safeToRepeat: true,
		effect: 'answered this lookup',
		rateLimit: { perMinute: 100, unit: 'requests' },
	},
	// Safe to repeat: every attempt carries the same Idempotency-Key, and MoEngage answers a
	// repeat with the first answer without applying the update again.
	updateSubscriptionPreferences: {
		method: 'PATCH',
		path: '/v5/subscription-preferences',
		workspaceIdInQuery: false,
		safeToRepeat: true,
		effect: 'accepted this update',
		rateLimit: { perMinute: 100, unit: 'requests' },
	},
	// v1 Bulk Update Subscription Preferences (subscription-categories.yaml POST): up to 50 users
	// a request, email only, 100 requests a minute and 360,000 a day, Data key and MOE-APPKEY.
	// Safe to repeat: each entry sets the user's categories and unsubscribe-all flag to given
	// values, so applying it twice leaves the same state.
	bulkUpdateSubscriptionPreferences: {
		method: 'POST',
		path: '/v1/category-subscription/user-preferences',
		workspaceIdInQuery: false,
		safeToRepeat: true,
		effect: 'applied these updates',
		rateLimit: { perMinute: 100, unit: 'requests' },
	},
	// Not repeated after a 5xx or a lost answer: MoEngage documents no idempotency for GDPR
	// requests, and a repeat files a second request with an ID of its own. MoEngage documents no
	// rate limit either, only that a 429 exists (api/gdpr-ccpa/gdpr-ccpa.yaml): the node's own
	// pace is GDPR_REQUESTS_PER_MINUTE.
	gdprRequest: {
		method: 'POST',
		path: '/v1/opengdpr_requests/{workspaceId}',
		workspaceIdInQuery: false,
		safeToRepeat: false,
		effect: 'filed this erasure request',
		rateLimit: { perMinute: GDPR_REQUESTS_PER_MINUTE, unit: 'requests' },
	},
	// Not repeated after a 5xx or a lost answer: a second request for the same name is one more of
	// MoEngage's 10 file-segment operations an hour and answers 409 "Name already exists".
	// FILE_SEGMENT_QUOTA: 10 an hour, 100 a day (custom-segments.yaml, Create File Segment).
	createFileSegment: {
		method: 'POST',
		path: '/v2/custom-segments/file-segment',
		workspaceIdInQuery: false,
		safeToRepeat: false,
		effect: 'created this file segment',
		rateLimit: { perMinute: 10, unit: 'requests', windows: FILE_SEGMENT_QUOTA },
	},
	// Read-only. 50 a minute, 200 an hour and 1,000 a day per workspace (custom-segments.yaml
	// GET /v3/custom-segments): the node paces at the minute's limit.
	listSegments: {
		method: 'GET',
		path: '/v3/custom-segments',
		workspaceIdInQuery: false,
		safeToRepeat: true,
		effect: 'answered this lookup',
		rateLimit: { perMinute: 50, unit: 'requests' },
	},
	// Read-only. 100 a minute, 1,000 an hour and 4,000 a day (custom-segments.yaml GET /v3/custom-segments/{id}).
	getSegment: {
		method: 'GET',
		path: '/v3/custom-segments/{id}',
		workspaceIdInQuery: false,
		safeToRepeat: true,
		effect: 'answered this lookup',
		rateLimit: { perMinute: 100, unit: 'requests' },
	},
} satisfies Record<string, MoEngageEndpoint>;
