import type { Answer } from '../errors';
import type { Refusal } from '../refusals';
import type { ResolvedEndpoint, SpecApi } from '../spec';

/**
 * What an API family's module is: a handler for each of its endpoints (by their names in
 * schemas/*.json), its state, and what it observed for tests to read. A handler sees only valid
 * requests: the gateway has checked the key, the limits, the body and the schemas already.
 */

/** A request the gateway let through to its endpoint's handler. */
export interface Call {
	endpoint: ResolvedEndpoint;
	/** The body, valid against the endpoint's schema ({} for a GET). */
	body: Record<string, unknown>;
	query: Record<string, string>;
	/** The values of the path's `{name}` parts besides the workspace ID (`campaign_id`). */
	pathParams: Record<string, string>;
	headers: Record<string, string | string[] | undefined>;
	rawBody: string;
}

/** MoEngage's answer to a valid request, or the endpoint's own refusal (a user not found, a duplicate). */
export type Handler = (call: Call) => Answer | Refusal;

/** The handlers of a family's endpoints. */
export type Handlers<A extends SpecApi> = Record<A, Handler>;

/** The message of the Data APIs' and Cohort Sync's 200 (data.yaml, cohort-audience.yaml). */
export const ACCEPTED = 'Your request has been accepted and will be processed soon.';
