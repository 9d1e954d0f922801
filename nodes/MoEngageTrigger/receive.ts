import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { getClock } from '../MoEngage/run/clock';
import type { Admission, InboundCall } from './sources/call';
import { sourceFor } from './settings';

/** Node's ServerResponse, as much of it as the trigger writes to. */
interface TriggerResponse {
	writeHead(status: number, headers: Record<string, string>): unknown;
	end(body: string): unknown;
}

/**
 * The trigger's webhook: screen, authenticate, parse, admit, then start the workflow.
 *
 * - A body the source never takes gets 400 (alerts: anything but one JSON object sent as JSON),
 *   before authentication, so that the answer says nothing about the credentials.
 * - A call that fails authentication gets 401 with the same body whatever was wrong.
 * - A malformed body gets 400, and so does an alert too old or dated ahead.
 * - A call that brings nothing new (a repeat MoEngage or someone else sent again) gets 200, so
 *   that MoEngage stops sending it, and starts nothing.
 *
 * For every refusal the trigger writes the answer itself and returns `noWebhookResponse`, so n8n
 * starts no execution. An accepted call is answered 200 before the execution is started, which
 * keeps MoEngage from retrying while the workflow runs: with an empty body, or, when some of its
 * items were left out as repeats, with a message saying how many.
 *
 * The trigger always writes that answer itself (`noWebhookResponse` with `workflowData`) because
 * only then does n8n store what the call wrote into the workflow's static data on every line:
 * n8n stores it in the callback that answers the call. n8n 1.x calls it before starting the
 * execution; n8n 2.x, when n8n answers (Respond: immediately), calls it after starting the
 * execution, and starting it wraps the same static data object in a new Workflow, which marks it
 * unchanged, so nothing is stored and a repeat would start the workflow again. When the node has
 * answered, both lines call it before starting the execution.
 */
export async function receive(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const credential = await this.getCredentials('moEngageApi');
	const source = sourceFor(this.getNode(), (name, fallback) => this.getNodeParameter(name, fallback), credential);
	const call: InboundCall = this.getRequestObject();
	const response: TriggerResponse = this.getResponseObject();

	const screened = source.screen?.(call);
	if (screened !== undefined) return answer(response, 400, { message: `Malformed body: ${screened}` });
	if (!source.authenticate(call)) return answer(response, 401, { message: 'Unauthorized' });
	const parsed = source.parse(call);
	if (parsed.kind === 'malformed') return answer(response, 400, { message: `Malformed body: ${parsed.reason}` });
	// Nothing passed the filters: the call is answered, and no execution is started for it.
	if (parsed.items.length === 0) return { webhookResponse: { message: 'Received; no event passed the filters' } };

	const admission: Admission = source.admit
		? source.admit(call, parsed.items, { memory: this.getWorkflowStaticData('node'), nowMs: getClock().now() })
		: { kind: 'run', items: parsed.items };
	if (admission.kind === 'refused') return answer(response, 400, { message: admission.message });
	if (admission.kind === 'nothingNew') return { webhookResponse: { message: admission.message } };
	// n8n starts the run after a node's own answer too (its Webhook node streams that way).
	if (admission.message === undefined) accepted(response);
	else answer(response, 200, { message: admission.message });
	return { noWebhookResponse: true, workflowData: [admission.items] };
}

/** 200 with an empty body: what n8n itself sends for Respond: immediately with Response Data: no data. */
function accepted(response: TriggerResponse): void {
	response.writeHead(200, {});
	response.end('');
}

function answer(response: TriggerResponse, status: 200 | 400 | 401, body: IDataObject): IWebhookResponseData {
	response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
	response.end(JSON.stringify(body));
	return { noWebhookResponse: true };
}
