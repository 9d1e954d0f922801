import type { Answer } from './errors';
import { businessEventError, campaignReportError, campaignsError, cardsError, customSegmentError, dataError, gatewayError, informError, pushFailure, requestId, subscriptionsError, v5Error } from './errors';
import type { ResolvedEndpoint } from './spec';
import type { ValidationError } from './validator';
import type { Wording } from './wording';
import { cardsWording, dataWording, fieldWording } from './wording';

/**
 * Every refusal of the stand-in, answered in the error body its endpoint's page documents. An
 * endpoint names its shape once (`errors` in schemas/*.json); refuse() is the one way from a
 * refusal (authentication, rate limit, payload size, Content-Type, body, schema, or the endpoint's
 * own: a user not found, a duplicate) to an answer.
 */

/** MoEngage's documented error bodies, by the page that documents them. */
export const ERROR_SHAPES = ['data', 'cohortSync', 'cards', 'businessEvent', 'businessEventV5', 'inform', 'campaignSearch', 'campaignStats', 'subscriptions', 'subscriptionsV1', 'customSegments', 'messaging', 'flows', 'push', 'campaignReport', 'fileSegments'] as const;

/** Which of MoEngage's documented error bodies an endpoint answers with. */
export type ErrorShape = (typeof ERROR_SHAPES)[number];

export type AuthProblem = 'missing' | 'workspace' | 'key' | 'appKeyMissing' | 'appKeyMismatch';

/** A body that cannot be read: empty, not JSON, JSON but not an object, or sent with a GET. */
export type BodyProblem = 'empty' | 'malformed' | 'notObject' | 'onGet';

/** A refusal in words, before its body is built. */
interface Words extends Wording {
	/** A second wording where the page has one (the `details` of Business Events and of the v5 list). */
	detail?: string;
	/** The `details` code (Business Events: InvalidValue or MissingValue). */
	detailCode?: string;
}

/** A refusal of the endpoint's own: a user not found, a duplicate, a date range too long. */
export interface Rejection extends Words {
	kind: 'rejected';
	status: number;
}

export type Refusal =
	| { kind: 'auth'; problem: AuthProblem }
	| { kind: 'rateLimited' }
	| { kind: 'tooLarge' }
	| { kind: 'contentType'; missing: boolean }
	| { kind: 'body'; problem: BodyProblem }
	| { kind: 'invalid'; error: ValidationError }
	| Rejection;

export const rejected = (status: number, message: string, more: Omit<Words, 'message'> = {}): Rejection => ({ kind: 'rejected', status, message, ...more });

/** One documented error body: how it words each refusal. */
interface Shape {
	reject(status: number, words: Words): Answer;
	auth(problem: AuthProblem): Answer;
	tooLarge(kb: number): Answer;
	contentType(missing: boolean): Answer;
	body(problem: BodyProblem): Answer;
	invalid(error: ValidationError): Answer;
}

type Reject = Shape['reject'];

const APPKEY_MISMATCH = "MOE_APPKEY doesn't match the Username (APP_KEY) used in Basic Auth authorization";

/**
 * The Data APIs' 401 messages (data.yaml 401 examples, data-overview.mdx Response Codes; MOE-APPKEY:
 * data.yaml File Import). The campaign APIs' 401s carry them too (as details or description).
 */
const DATA_AUTH: Record<AuthProblem, string> = {
	missing: 'Authentication Header Required',
	workspace: 'Invalid APP_ID used in Authentication Header',
	key: 'App Secret key mismatch. Please login to the dashboard to verify key',
	appKeyMissing: 'MOE-APPKEY is missing in Header',
	appKeyMismatch: APPKEY_MISMATCH,
};

const DATA_BODY: Record<BodyProblem, Wording> = {
	empty: { message: 'A valid JSON document is required', type: 'Empty request body' },
	malformed: { message: 'Could not decode the request body. The JSON was incorrect or not encoded as UTF-8.', type: 'Malformed JSON' },
	notObject: { message: 'A valid JSON document is required.', type: 'Body type is not JSON' },
	onGet: { message: 'A GET request takes no body', type: 'Bad Request' },
};

const dataReject: Reject = (status, { message, type, target }) => dataError(status, message, type ?? 'Bad Request', target);

/** data.yaml (Track/Get/Merge/Delete User, Track Event, Bulk Import, Test Connection) and data-overview.mdx Response Codes. */
const data: Shape = {
	reject: dataReject,
	auth: (problem) => dataReject(401, { message: DATA_AUTH[problem], type: 'Authentication required' }),
	tooLarge: (kb) => dataReject(413, { message: `Payload size exceeds ${kb} KB`, type: 'PayloadTooLarge' }),
	contentType: (missing) =>
		missing
			? dataReject(400, { message: 'The Content-Type Header is required', type: 'Missing header value' })
			: dataReject(415, { message: 'Unsupported Media Type', type: 'MediaTypeError' }),
	body: (problem) => dataReject(400, DATA_BODY[problem]),
	invalid: (error) => dataReject(400, dataWording(error)),
};

/** cohort-audience.yaml: the Data body, with its own 413, and 415 for a Content-Type "not provided/is not supported". */
const cohortSync: Shape = {
	...data,
	tooLarge: (kb) => dataReject(413, { message: `Payload can not exceed ${kb}KB`, type: 'Payload too large' }),
	contentType: () => dataReject(415, { message: 'Content type is not supported', type: 'Unsupported media type' }),
};

/** A body too large or not JSON, where the API's page documents none: the gateway's words (cards.yaml's shape). */
const GATEWAY_LIMITS: Pick<Shape, 'tooLarge' | 'contentType'> = {
	tooLarge: (kb) => gatewayError(413, 'Request Entity Too Large', `The request body exceeds ${kb} KB`),
	contentType: () => gatewayError(415, 'Unsupported media type', 'Content type is not supported'),
};

/** cards.yaml's gateway 401s; MOE-APPKEY's are undocumented for Cards, so data.yaml File Import's words. */
const CARDS_AUTH: Record<AuthProblem, [title: string, description: string, code?: string]> = {
	missing: ['Authentication required', 'APP_ID and APP_SECRET_KEY is missing in Authorization Header.'],
	workspace: ['Authentication Failure', 'Invalid APP_ID is provided', 'HEmxyvgs'],
	key: ['Authentication Failure', 'Invalid APP_SECRET_KEY is provided', 'OjueJWoh'],
	appKeyMissing: ['HeaderMissing', 'MOE-APPKEY is missing in Header'],
	appKeyMismatch: ['HeaderMismatch', APPKEY_MISMATCH],
};

/** cards.yaml: 400 `{status: false, error, request_id}`, 401 from the gateway. */
const cards: Shape = {
	reject: (status, { message }) => cardsError(status, message),
	auth: (problem) => gatewayError(401, ...CARDS_AUTH[problem]),
	...GATEWAY_LIMITS,
	body: () => cardsError(400, "Required field missing. Please include either 'uid' or 'unique_id'"),
	invalid: (error) => cardsError(400, cardsWording(error).message),
};

/** business-events.yaml 401 examples (missingHeader, invalidAppId, invalidSecretKey): who is at fault, and why. */
const BUSINESS_EVENT_AUTH: Record<AuthProblem, { target: string; detail: string }> = {
	missing: { target: 'Authorization', detail: 'APP_ID and APP_SECRET_KEY is missing in Authorization Header.' },
	workspace: { target: 'APP_ID', detail: 'Invalid APP_ID is provided.' },
	key: { target: 'APP_SECRET_KEY', detail: 'Invalid APP_SECRET_KEY is provided.' },
	appKeyMissing: { target: 'MOE-APPKEY', detail: 'MOE-APPKEY is missing in Header' },
	appKeyMismatch: { target: 'MOE-APPKEY', detail: APPKEY_MISMATCH },
};

const businessEventReject: Reject = (status, { message, target, detail, detailCode }) =>
	businessEventError(status, { 400: '400 Bad Request', 401: '401 Authentication error' }[status] ?? String(status), message, target ?? 'payload', detailCode, detail);

/** business-events.yaml /business_event/trigger (v1.0): `{error: {code, message, details: [{code, target, message}], request_id}}`. */
const businessEvent: Shape = {
	reject: businessEventReject,
	auth: (problem) => businessEventReject(401, { message: 'Authentication required', ...BUSINESS_EVENT_AUTH[problem] }),
	...GATEWAY_LIMITS,
	body: () => businessEventReject(400, { message: 'Bad request', target: 'payload' }),
	invalid: (error) => {
		const words = dataWording(error);
		return businessEventReject(400, { ...words, detailCode: words.type === 'MissingAttributeError' ? 'MissingValue' : 'InvalidValue' });
	},
};

const V5_CODES: Record<number, string> = { 400: 'INVALID_REQUEST', 401: 'UNAUTHORIZED', 413: 'PAYLOAD_TOO_LARGE', 415: 'UNSUPPORTED_MEDIA_TYPE' };

const v5Reject: Reject = (status, { message, target, detail, detailCode }) => v5Error(status, V5_CODES[status] ?? 'ERROR', message, target, detailCode, detail);

/** business-events.yaml GET /v5/business-events, ErrorResponseV5: `{error: {code, message, target, details}, response_id}`. */
const businessEventV5: Shape = {
	reject: v5Reject,
	// The documented 401 (a missing header) names the problem in details, as the v1.0 API words it.
	auth: (problem) =>
		v5Reject(401, { message: 'Authentication required.', target: 'Authorization', detail: BUSINESS_EVENT_AUTH[problem].detail, detailCode: problem === 'missing' ? 'MISSING_VALUE' : 'INVALID_VALUE' }),
	tooLarge: (kb) => v5Reject(413, { message: `The request body exceeds ${kb} KB` }),
	contentType: () => v5Reject(415, { message: 'Content type is not supported' }),
	body: () => v5Reject(400, { message: 'A GET request takes no body' }),
	invalid: (error) => v5Reject(400, dataWording(error)),
};

/** inform.yaml: err_code and status_code of each documented status. */
const INFORM_CODES: Record<number, [errCode: string, statusCode: number]> = {
	400: ['BAD_REQUEST', 120002],
	401: ['UNAUTHORIZED', 120001],
	409: ['DUPLICATE_REQUEST_RECEIVED', 120105],
};

const informReject: Reject = (status, { message }) => informError(status, message, ...(INFORM_CODES[status] ?? INFORM_CODES[400]));

/** inform.yaml InformErrorResponse: `{message, err_code, status_code}`. */
const inform: Shape = {
	reject: informReject,
	auth: () => informReject(401, { message: 'Invalid App Key or Basic Auth' }),
	...GATEWAY_LIMITS,
	body: () => informReject(400, { message: 'Invalid payload format' }),
	invalid: (error) => informReject(400, dataWording(error)),
};

/** The campaign and v5 subscription APIs word a body too large, not JSON or unreadable alike (their pages document none but the v5 413). */
const coreServices = (reject: Reject): Pick<Shape, 'reject' | 'tooLarge' | 'contentType' | 'body'> => ({
	reject,
	tooLarge: (kb) => reject(413, { message: `Request entity is too large (over ${kb} KB)` }),
	contentType: () => reject(415, { message: 'Content type is not supported' }),
	body: (problem) => reject(400, { message: problem === 'onGet' ? 'A GET request takes no body' : 'Expecting value: line 1 column 1 (char 0)' }),
});

const mandatory = (name: string) => `${name} key is mandatory field`;

const SEARCH_CODES: Record<number, string> = { 400: '400 Bad Request', 401: '401 Authentication error', 413: '413 Payload Too Large', 415: '415 Unsupported Media Type' };

const searchReject: Reject = (status, { message, target }) => campaignsError(status, SEARCH_CODES[status] ?? String(status), message, target);

/** campaigns.yaml components/responses (BadRequest, Unauthorized): `{error: {code, message, target, details, request_id}}`. */
const campaignSearch: Shape = {
	...coreServices(searchReject),
	auth: (problem) => ({
		status: 401,
		body: {
			error: { code: '401 Authentication error', message: 'Authentication required', details: [{ code: 'InvalidValue', target: 'APP_SECRET_KEY', message: DATA_AUTH[problem] }], request_id: '' },
		},
	}),
	invalid: (error) => searchReject(400, fieldWording(error, mandatory)),
};

const STATS_TITLES: Record<number, string> = { 400: 'Invalid Field Value', 401: 'Authentication required', 413: 'Request Entity Too Large', 415: 'Unsupported media type' };

const statsReject: Reject = (status, { message }) => gatewayError(status, STATS_TITLES[status] ?? 'Error', message, 'wUcwPRZF');

/** stats-report.yaml ErrorResponseSimple: `{title, description, code}`. */
const campaignStats: Shape = {
	...coreServices(statsReject),
	auth: (problem) => statsReject(401, { message: DATA_AUTH[problem] }),
	invalid: (error) => statsReject(400, fieldWording(error, mandatory)),
};

const SUBSCRIPTION_CODES: Record<number, string> = { 400: 'BadArgument', 401: 'Unauthorized', 404: 'NotFound', 409: 'Conflict', 413: 'PayloadTooLarge', 415: 'UnsupportedMediaType' };

const subscriptionsReject: Reject = (status, { message, target }) => subscriptionsError(status, SUBSCRIPTION_CODES[status] ?? 'Error', message, target);

/** subscription-categories-v5.yaml ErrorResponse: `{error: {code, message, target}}`. */
const subscriptions: Shape = {
	...coreServices(subscriptionsReject),
	auth: () => subscriptionsReject(401, { message: 'Invalid or missing credentials', target: 'Authorization' }),
	tooLarge: () => subscriptionsReject(413, { message: 'Request entity is too large' }),
	invalid: (error) => subscriptionsReject(400, fieldWording(error, (name) => `${name} is required`)),
};

/**
 * subscription-categories.yaml (v1) ErrorResponse: `{title, description}`. A schema's x-error gives
 * the documented title as its `type` (Payload Limit Exceeded, Categories Required); other 400s
 * take its GET's "Invalid Params Received".
 */
const V1_TITLES: Record<number, string> = { 400: 'Invalid Params Received', 401: 'Authentication required', 409: 'API SECRET not configured', 413: 'Payload Too Large', 415: 'Unsupported media type' };
const subscriptionsV1Reject: Reject = (status, { message, type }) => ({ status, body: { title: type ?? V1_TITLES[status] ?? 'Error', description: message } });
const subscriptionsV1: Shape = {
	...coreServices(subscriptionsV1Reject),
	auth: (problem) =>
		problem === 'appKeyMissing' || problem === 'appKeyMismatch'
			? subscriptionsV1Reject(401, { message: 'MOE-APPKEY missing in Header', type: 'Header required' })
			: subscriptionsV1Reject(401, { message: 'No identity information found.' }),
	invalid: (error) => {
		const words = fieldWording(error, (name) => `${name} is required`);
		return subscriptionsV1Reject(400, { ...words, type: error.override?.type });
	},
};

const SEGMENT_CODES: Record<number, string> = { 400: 'Invalid request', 401: 'Authentication required', 404: 'Entity Not Found', 413: 'Payload Too Large', 415: 'Unsupported Media Type' };

const customSegmentsReject: Reject = (status, { message, type }) => customSegmentError(status, type ?? SEGMENT_CODES[status] ?? 'Error', message);

/** custom-segments.yaml v3 responses (400_FilterSegmentListError, 401_FilterSegmentError, 404_FilterSegmentError): ErrorResponseV3. */
const customSegments: Shape = {
	...coreServices(customSegmentsReject),
	auth: (problem) =>
		customSegmentsReject(401, {
			message: problem === 'key' ? 'APP_SECRET key mismatch. Please login to the dashboard to verify key' : problem === 'workspace' ? 'Invalid APP_KEY used in Authentication Header' : DATA_AUTH[problem],
		}),
	invalid: () => customSegmentsReject(400, { message: 'Invalid request format. Please check the documentation to ensure that the request has been formed correctly.' }),
};

/** trigger.yaml ErrorResponse codes, by status (401 undocumented: the v5 wording). */
const MESSAGING_CODES: Record<number, string> = {
	400: 'VALIDATION_FAILED',
	401: 'UNAUTHORIZED',
	404: 'NOT_FOUND',
	409: 'CONFLICT',
	413: 'PAYLOAD_TOO_LARGE',
	415: 'VALIDATION_FAILED',
	422: 'CAMPAIGN_NOT_TRIGGERABLE',
	429: 'RATE_LIMITED',
};

const messagingReject: Reject = (status, { message, target, detail, detailCode }) =>
	v5Error(status, detailCode && status === 422 ? detailCode : (MESSAGING_CODES[status] ?? 'INTERNAL_ERROR'), message, target, detailCode, detail);

/** messaging/trigger.yaml ErrorResponse: `{error: {code, message, target, details}, response_id}`. */
const messaging: Shape = {
	...coreServices(messagingReject),
	auth: () => messagingReject(401, { message: 'Authentication required', target: 'Authorization' }),
	tooLarge: () => messagingReject(413, { message: 'Payload exceeds the permitted maximum' }),
	invalid: (error) => messagingReject(400, { ...fieldWording(error, (name) => `${name} is required`), message: 'Request validation failed', detail: fieldWording(error, (name) => `${name} is required`).message, detailCode: 'INVALID_VALUE' }),
};

/** flows.yaml ErrorResponse codes, by status (409 is BAD_REQUEST in its example). */
const FLOW_CODES: Record<number, string> = { 400: 'VALIDATION_FAILED', 401: 'UNAUTHORIZED', 403: 'FORBIDDEN', 404: 'NOT_FOUND', 409: 'BAD_REQUEST', 413: 'VALIDATION_FAILED', 415: 'VALIDATION_FAILED', 429: 'RATE_LIMITED' };

const flowsReject: Reject = (status, { message, target, detail, detailCode }) => v5Error(status, FLOW_CODES[status] ?? 'INTERNAL_ERROR', message, target, detailCode, detail);

/** flows.yaml ErrorResponse: `{response_id, error: {code, message, target, details}}`. */
const flows: Shape = {
	...coreServices(flowsReject),
	auth: () => flowsReject(401, { message: 'Invalid or missing credentials.' }),
	invalid: (error) => flowsReject(400, { message: 'One or more request parameters failed validation.', target: fieldWording(error, (name) => `${name} is required`).target || 'request', detail: fieldWording(error, (name) => `${name} is required`).message }),
};

/** push-v2-1.yaml: every failure is a 200 `{status: "Fail", Error_Message, responseId, requestId: ""}` (PushFailureResponse). */
const pushReject: Reject = (status, { message }) => pushFailure(message, status);

/** push-v2-1.yaml 200 failures: "Signature missing or not verified", "Error parsing parameters", "Key not of Type List or Value not allowed" … */
const push: Shape = {
	reject: pushReject,
	// The Push API has no Basic auth: gateway.ts checks its signature and words its failures itself.
	auth: () => pushReject(200, { message: 'Signature missing' }),
	...GATEWAY_LIMITS,
	body: () => pushReject(200, { message: 'Error parsing parameters' }),
	invalid: (error) => {
		if (error.keyword === 'required' && error.attribute === 'campaignName') return pushReject(200, { message: 'Campaign name missing' });
		if (error.override) return pushReject(200, { message: error.override.message });
		return pushReject(200, { message: error.keyword === 'enum' || error.keyword === 'type' ? 'Key not of Type List or Value not allowed' : 'Error parsing parameters' });
	},
};

const campaignReportReject: Reject = (status, { message, target }) => campaignReportError(status, message, target);

/**
 * stats-report.yaml Download Campaign Report: 400 ErrorResponseCampaignReport `{error: {attribute,
 * message, type: "BAD REQUEST", request_id}}`, 401 "Invalid Signature or Signature Missing" with an
 * empty body. A GET that carries a body: the stand-in's 400.
 */
const campaignReport: Shape = {
	reject: campaignReportReject,
	auth: () => ({ status: 401, body: {} }),
	...GATEWAY_LIMITS,
	body: () => campaignReportReject(400, { message: 'A GET request takes no body' }),
	invalid: () => campaignReportReject(400, { message: 'Invalid request' }),
};

/** custom-segments.yaml v2 responses: ApiErrorV2 `{title, description}`, titles by status from its examples. */
const FILE_SEGMENT_TITLES: Record<number, string> = { 400: 'Invalid Request', 401: 'Authentication required', 404: 'Entity Not Found', 409: 'Resource not created', 413: 'Payload Too Large', 415: 'Unsupported Media Type' };
const fileSegmentsReject: Reject = (status, { message, type }) => ({ status, body: { title: type ?? FILE_SEGMENT_TITLES[status] ?? 'Error', description: message } });
const fileSegments: Shape = {
	...coreServices(fileSegmentsReject),
	auth: () => fileSegmentsReject(401, { message: 'Invalid Workspace ID or API key used in the Authorization header' }),
	invalid: (error) => {
		const words = fieldWording(error, (name) => `Mandatory field missing in the request: ${name}`);
		return fileSegmentsReject(400, { message: words.message });
	},
};

const SHAPES: Record<ErrorShape, Shape> = { data, cohortSync, cards, businessEvent, businessEventV5, inform, campaignSearch, campaignStats, subscriptions, subscriptionsV1, customSegments, messaging, flows, push, campaignReport, fileSegments };

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** MoEngage's answer to a refusal, in the error body the endpoint's page documents. */
export function refuse(endpoint: ResolvedEndpoint, refusal: Refusal): Answer {
	const shape = SHAPES[endpoint.errors];
	switch (refusal.kind) {
		case 'auth':
			return shape.auth(refusal.problem);
		case 'rateLimited': {
			// Documented per endpoint (schemas/*.json), since one family's pages differ.
			const documented = endpoint.rateLimitedBody;
			// The Push API's 429: an empty body (push-v2-1.yaml).
			if (documented === '') return { status: 429, body: '' };
			return { status: 429, body: isObject(documented.error) ? { ...documented, error: { ...documented.error, request_id: requestId() } } : documented };
		}
		case 'tooLarge':
			return shape.tooLarge(Math.round(endpoint.maxBodyBytes / 1024));
		case 'contentType':
			return shape.contentType(refusal.missing);
		case 'body':
			return shape.body(refusal.problem);
		case 'invalid':
			return shape.invalid(refusal.error);
		case 'rejected':
			return shape.reject(refusal.status, refusal);
	}
}
