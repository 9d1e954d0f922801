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

/** One source, set up from the node's parameters and the credential. */
export interface TriggerSource {
	/** Whether the call proves it comes from MoEngage. Checked before anything else is read. */
	authenticate(call: InboundCall): boolean;
	parse(call: InboundCall): ParsedCall;
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
