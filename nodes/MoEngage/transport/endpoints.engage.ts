import type { MoEngageEndpoint } from './endpoint';
import { BUSINESS_EVENT_QUOTA, REPORT_DOWNLOADS_PER_MINUTE } from './limits';

/** The engagement APIs (cards, business events, Inform, campaigns, flows, the Messaging API). */
export const ENGAGE_ENDPOINTS = {
	// Idempotent: cards already deleted are reported as invalid, nothing else changes.
	deleteCards: {
		method: 'DELETE',
		path: '/v1/cards/delete',
		workspaceIdInQuery: false,
		safeToRepeat: true,
		effect: 'deleted these cards',
		rateLimit: { perMinute: 50000, unit: 'requests' },
	},
	// Read-only.
	fetchCards: {
		method: 'POST',
		path: '/v1/cards/fetch',
		workspaceIdInQuery: false,
		safeToRepeat: true,
		effect: 'answered this lookup',
		rateLimit: { perMinute: 50000, unit: 'requests' },
	},
	// Not repeated after a 5xx or a lost answer: a second trigger fires the campaigns again.
	// MoEngage's quota (BUSINESS_EVENT_QUOTA): 10 per 5 minutes, 50 an hour, 200 a day. A run
	// never exceeds the hour (it is refused before sending); inside it the pacer sends 10, then
	// the next 10 once the first 10 are 5 minutes old, and so on.
	triggerBusinessEvent: {
		method: 'POST',
		path: '/v1.0/business_event/trigger',
		workspaceIdInQuery: false,
		safeToRepeat: false,
		effect: 'triggered this business event',
		rateLimit: { perMinute: 50, unit: 'requests', windows: BUSINESS_EVENT_QUOTA },
	},
	// Read-only. 60 a minute and 1,000 an hour (the v5 business events page, GET /v5/business-events).
	listBusinessEvents: {
		method: 'GET',
		path: '/v5/business-events',
		workspaceIdInQuery: false,
		safeToRepeat: true,
		effect: 'answered this lookup',
		rateLimit: { perMinute: 60, unit: 'requests', windows: [{ limit: 1000, windowMs: 60 * 60_000, label: '1,000 an hour' }] },
	},
	// Repeated after a 5xx or a lost answer, with the same transaction_id: MoEngage sends one
	// transaction ID once and answers 409 to a repeat "within 5 minutes of a previously successful
	// or in-progress request", and says a 500 may be retried up to 3 times with backoff
	// (api/inform/inform.yaml). A 409 is "already sent" only after an attempt of this very
	// request (inform/sendAlert.operation.ts); otherwise the ID was someone else's. 10,000 a minute.
	sendAlert: {
		method: 'POST',
		path: '/v1.0/alerts/send',
		workspaceIdInQuery: false,
		safeToRepeat: true,
		effect: 'sent this alert',
		rateLimit: { perMinute: 10000, unit: 'requests' },
	},
	// Read-only. 10 a second, 100 a minute, 6,000 an hour per client (campaigns.yaml /campaigns/search).
	searchCampaigns: {
		method: 'POST',
		path: '/core-services/v1/campaigns/search',
		workspaceIdInQuery: false,
		safeToRepeat: true,
		effect: 'answered this search',
		rateLimit: { perMinute: 100, unit: 'requests', requestsPerSecond: 10 },
	},
	// Read-only. 100 a minute per workspace (stats-report.yaml /core-services/v1/campaign-stats).
	campaignStats: {
		method: 'POST',
		path: '/core-services/v1/campaign-stats',
		workspaceIdInQuery: false,
		safeToRepeat: true,
		effect: 'answered this lookup',
		rateLimit: { perMinute: 100, unit: 'requests' },
	},
	// Read-only: a GET of a file MoEngage generated. Signed with a `Signature` header instead of
	// Basic auth (transport/credential.ts withReportSignature). No rate limit documented
	// (stats-report.yaml): the node's own pace is REPORT_DOWNLOADS_PER_MINUTE.
	downloadCampaignReport: {
		method: 'GET',
		path: '/campaign_reports/rest_api/{workspaceId}/{file_name}',
		workspaceIdInQuery: false,
		safeToRepeat: true,
		effect: 'answered this download',
		rateLimit: { perMinute: REPORT_DOWNLOADS_PER_MINUTE, unit: 'requests' },
	},
	// Pausing, resuming or stopping again leaves the campaign as the first request left it.
	// 10 a second, 100 a minute, 6,000 an hour per client (campaigns.yaml /campaigns/status, V1:
	// up to 10 campaign IDs a request; V5 PATCH /v5/campaigns/{id}/status takes one).
	changeCampaignStatus: {
		method: 'POST',
		path: '/core-services/v1/campaigns/status',
		workspaceIdInQuery: false,
		safeToRepeat: true,
		effect: 'changed the status of these campaigns',
		rateLimit: { perMinute: 100, unit: 'requests', requestsPerSecond: 10 },
	},
	// Flows (api/flows/flows.yaml, early access): 10 a second, 100 a minute and 6,000 an hour per
	// workspace for search, get and status. Search and get are read-only.
	searchFlows: {
		method: 'POST',
		path: '/v5/flows/search',
		workspaceIdInQuery: false,
		safeToRepeat: true,
		effect: 'answered this search',
		rateLimit: { perMinute: 100, unit: 'requests', requestsPerSecond: 10 },
	},
	getFlow: {
		method: 'GET',
		path: '/v5/flows/{flow_id}',
		workspaceIdInQuery: false,
		safeToRepeat: true,
		effect: 'answered this lookup',
		rateLimit: { perMinute: 100, unit: 'requests', requestsPerSecond: 10 },
	},
	// Safe to repeat: every attempt carries the same Idempotency-Key, and "reusing the same key
	// replays the original response instead of re-applying the transition" (flows.yaml).
	changeFlowStatus: {
		method: 'PATCH',
		path: '/v5/flows/{flow_id}/status',
		workspaceIdInQuery: false,
		safeToRepeat: true,
		effect: 'changed the status of this flow',
		rateLimit: { perMinute: 100, unit: 'requests', requestsPerSecond: 10 },
	},
	// Not repeated after a 5xx or a lost answer: MoEngage accepts the Idempotency-Key but "does not
	// deduplicate on it, so retrying an accepted request sends the message again"
	// (api/messaging/messaging-api-overview.mdx, Limitations), although trigger.yaml calls a 500
	// "safe to retry with the same Idempotency-Key". A 429 is retried (rejected, not queued), after
	// its Retry-After. 5,000 requests a minute per workspace (trigger.yaml).
	sendMessage: {
		method: 'POST',
		path: '/v5/campaigns/{campaign_id}/send',
		workspaceIdInQuery: false,
		safeToRepeat: false,
		effect: 'queued this message',
		rateLimit: { perMinute: 5000, unit: 'requests' },
	},
	// Not repeated after a 5xx or a lost answer: the Push API has no idempotency key, and requests
	// for one user that share a campaign name are "clubbed in the same campaign", each one sent
	// (push-v2-1.yaml, campaignName), so a repeat pushes again. A 429 (empty body,
	// x-envoy-ratelimited, x-ratelimit-reset in seconds) is retried: the gateway rejected it
	// unprocessed. 10,000 requests a minute. Its host is pushapi-{dc}.moengage.com (push.ts).
	sendPush: {
		method: 'POST',
		path: '/v2.1/transaction/sendpush',
		workspaceIdInQuery: false,
		safeToRepeat: false,
		effect: 'sent this push',
		rateLimit: { perMinute: 10000, unit: 'requests' },
	},
} satisfies Record<string, MoEngageEndpoint>;
