import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import type { InboundCall } from './sources/call';
import { sourceFor } from './settings';

/** Node's ServerResponse, as much of it as the trigger writes to. */
interface RefusalResponse {
	writeHead(status: number, headers: Record<string, string>): unknown;
	end(body: string): unknown;
}

/**
 * The trigger's webhook: authenticate, then parse, then start the workflow. A call that fails
 * authentication gets 401 with the same body whatever was wrong, and a malformed one 400; for
 * both the trigger writes the answer itself and returns `noWebhookResponse`, so n8n starts no
 * execution. An accepted call is answered by n8n (Respond: immediately) as soon as the execution
 * is started, which keeps MoEngage from retrying while the workflow runs.
 */
export async function receive(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const credential = await this.getCredentials('moEngageApi');
	const source = sourceFor(this.getNode(), (name, fallback) => this.getNodeParameter(name, fallback), credential);
	const call: InboundCall = this.getRequestObject();
	const response: RefusalResponse = this.getResponseObject();

	if (!source.authenticate(call)) return refuse(response, 401, { message: 'Unauthorized' });
	const parsed = source.parse(call);
	if (parsed.kind === 'malformed') return refuse(response, 400, { message: `Malformed body: ${parsed.reason}` });
	// Nothing passed the filters: the call is answered, and no execution is started for it.
	if (parsed.items.length === 0) return { webhookResponse: { message: 'Received; no event passed the filters' } };
	return { workflowData: [parsed.items] };
}

function refuse(response: RefusalResponse, status: 400 | 401, body: IDataObject): IWebhookResponseData {
	response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
	response.end(JSON.stringify(body));
	return { noWebhookResponse: true };
}
