import type { IHttpRequestMethods } from 'n8n-workflow';

/** The MoEngage endpoints this node calls, and the API facts whose details are uncertain, each a one-line change here. */
export interface MoEngageEndpoint {
	method: IHttpRequestMethods;
	/** `{workspaceId}` in the path is replaced by the credential's workspace ID. */
	path: string;
	/** The user APIs repeat the workspace ID as `?app_id=`. */
	workspaceIdInQuery: boolean;
	/**
	 * Whether a request that may have reached MoEngage (5xx, reset, timeout) can be sent again
	 * without changing the outcome. A 429 is always retried: MoEngage rejected it unprocessed.
	 */
	safeToRepeat: boolean;
	/** What the request does, for messages about an outcome that is unknown ("may already have …"). */
	effect: string;
	/** Where a body lists entries MoEngage carries out each on its own (transport/entries.ts). */
	batchOf?: readonly string[];
	/**
	 * MoEngage's per-workspace limit, the default pace of the node; `requestsPerSecond` where
	 * MoEngage also limits requests per second (kept whenever the node paces).
	 */
	rateLimit: { perMinute: number; unit: 'requests' | 'users' | 'events'; requestsPerSecond?: number; windows?: readonly RequestWindow[] };
	/**
	 * For an API MoEngage must enable per workspace: what an error says when it refuses (401/403).
	 * MoEngage documents the requirement but not the answer of a workspace without it.
	 */
	enablement?: string;
}

/** A limit of MoEngage's in requests over a window longer than a minute (a quota), kept by the pacer too. */
export interface RequestWindow {
	limit: number;
	windowMs: number;
	/** How MoEngage states it, for messages: "10 per 5 minutes". */
	label: string;
}
