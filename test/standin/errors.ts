import { randomBytes, randomUUID } from 'node:crypto';

/**
 * The bodies of MoEngage's error answers, one builder per documented body. Which endpoint answers
 * with which, and in what words, is refusals.ts's job.
 */

export interface Answer {
	status: number;
	/** JSON, text, or a file's bytes. */
	body: unknown;
	headers?: Record<string, string>;
	/** Default application/json. */
	contentType?: string;
}

export const requestId = () => randomBytes(12).toString('hex');

/** The Data APIs (data.yaml, data-overview.mdx): `{status: "fail", error: {message, type, attribute?, request_id}}`. */
export const dataError = (status: number, message: string, type: string, attribute?: string): Answer => ({
	status,
	body: { status: 'fail', error: { message, type, ...(attribute ? { attribute } : {}), request_id: requestId() } },
});

/** The gateway (cards.yaml 401/429/500, stats-report.yaml ErrorResponseSimple): `{title, description, code}`. */
export const gatewayError = (status: number, title: string, description: string, code = 'KMxkunyz'): Answer => ({
	status,
	body: { title, description, code },
});

/** The Cards APIs' 400 (cards.yaml): `{status: false, error, request_id}`. */
export const cardsError = (status: number, error: string): Answer => ({
	status,
	body: { status: false, error, request_id: requestId() },
});

/** Business Events v1.0 (business-events.yaml): `code` is the HTTP status in words, `details` names the field. */
export const businessEventError = (status: number, code: string, message: string, target: string, detailCode = 'InvalidValue', detail = message): Answer => ({
	status,
	body: { error: { code, message, details: [{ code: detailCode, target, message: detail }], request_id: requestId() } },
});

/** The v5 envelope of GET /v5/business-events (business-events.yaml ErrorResponseV5). */
export const v5Error = (status: number, code: string, message: string, target?: string, detailCode = 'INVALID_VALUE', detail = message): Answer => ({
	status,
	body: { error: { code, message, ...(target ? { target } : {}), details: target ? [{ code: detailCode, target, message: detail }] : [] }, response_id: `resp_${requestId()}` },
});

/** Inform (inform.yaml InformErrorResponse): its own code names and numeric status codes. */
export const informError = (status: number, message: string, errCode: string, statusCode: number): Answer => ({
	status,
	body: { message, err_code: errCode, status_code: statusCode },
});

/** The core-services envelope of Search Campaigns (campaigns.yaml components/schemas/ErrorResponse). */
export const campaignsError = (status: number, code: string, message: string, target = ''): Answer => ({
	status,
	body: { error: { code, message, target, details: [{ target, message }], request_id: requestId() } },
});

/** The v5 subscription preferences (subscription-categories-v5.yaml ErrorResponse): `{error: {code, message, target}}`. */
export const subscriptionsError = (status: number, code: string, message: string, target: string | null = null): Answer => ({
	status,
	body: { error: { code, message, target } },
});

/** The Segments API v3 (custom-segments.yaml ErrorResponseV3): `{response_id, type: "custom_segment", error: {code, message}}`. */
export const customSegmentError = (status: number, code: string, message: string): Answer => ({
	status,
	body: { response_id: requestId().slice(0, 8), type: 'custom_segment', error: { code, message } },
});

/** push-v2-1.yaml PushFailureResponse, answered with 200: `{status: "Fail", Error_Message, responseId, requestId: ""}`. */
export const pushFailure = (message: string, status = 200): Answer => ({
	status,
	body: { status: 'Fail', Error_Message: message, responseId: randomUUID(), requestId: '' },
});

/** The campaign report download's 400 (stats-report.yaml ErrorResponseCampaignReport): `{error: {attribute, message, type, request_id}}`. */
export const campaignReportError = (status: number, message: string, attribute = 'FILENAME'): Answer => ({
	status,
	body: { error: { attribute, message, type: 'BAD REQUEST', request_id: requestId() } },
});
