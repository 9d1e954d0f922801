import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

/**
 * What the trigger reads of an incoming call: Node's request after n8n's body parser, which
 * keeps the bytes as received in `rawBody` (n8n-workflow types it on `http.IncomingMessage`) and
 * the parsed JSON, form or text in `body`.
 */
export interface InboundCall {
	/** Header names in lower case, as Node gives them. */
	headers: Record<string, string | string[] | undefined>;
	body: unknown;
	rawBody?: Buffer;
}

/** What a source makes of an authenticated call. */
export type ParsedCall =
	| { kind: 'items'; items: INodeExecutionData[] }
	/** The body does not have the shape MoEngage documents: answered 400, nothing starts. */
	| { kind: 'malformed'; reason: string };

/**
 * What a source makes of parsed items, given what the trigger received before: MoEngage sends
 * some calls again, and a signed alert can be sent again by anyone who saw it.
 */
export type Admission =
	/**
	 * Start the workflow with these items. With a message (some items were left out as received
	 * before), the call is answered 200 with it; otherwise n8n answers 200 with no body.
	 */
	| { kind: 'run'; items: INodeExecutionData[]; message?: string }
	/** Everything was already received: answered 200 with this message, so MoEngage stops sending it; nothing starts. */
	| { kind: 'nothingNew'; message: string }
	/** Answered 400 with this message; nothing starts. */
	| { kind: 'refused'; message: string };

/** What a source needs to tell a repeat from a new call. */
export interface AdmissionContext {
	/** The workflow's static data of this node: n8n stores it with the workflow after each call. */
	memory: IDataObject;
	/** Now, in epoch ms (the package's clock, which tests replace). */
	nowMs: number;
}

/** One source, set up from the node's parameters and the credential. */
export interface TriggerSource {
	/**
	 * A reason to refuse the call (400) whoever sent it, checked before authentication: a body the
	 * source never takes. Undefined lets the call on to authentication.
	 */
	screen?(call: InboundCall): string | undefined;
	/** Whether the call proves it comes from MoEngage. Nothing of the body is used before it passes. */
	authenticate(call: InboundCall): boolean;
	parse(call: InboundCall): ParsedCall;
	/** Leaves out what was already received (and refuses what is too old), remembering what it lets through. Without it, all items run. */
	admit?(call: InboundCall, items: INodeExecutionData[], context: AdmissionContext): Admission;
}

export function isPlainObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A header's single value; a header sent twice is not a value the trigger can trust. */
export function headerValue(call: InboundCall, name: string): string | undefined {
	const value = call.headers[name.toLowerCase()];
	return typeof value === 'string' ? value : undefined;
}

/**
 * The largest body the trigger takes: none of its own. MoEngage documents no size for what it
 * sends out (Streams: only a default batch of 100 events, moengage-streams.mdx FAQ; connector
 * campaigns and alert webhooks: nothing), and a limit it does not document would refuse real
 * batches, which MoEngage retries three times and then drops. n8n reads at most
 * N8N_PAYLOAD_SIZE_MAX (16 MiB by default) and refuses larger bodies before any node runs.
 */
export const BODY_LIMIT_BYTES: number | undefined = undefined;
