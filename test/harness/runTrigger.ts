/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- runs on a developer's machine or in CI, never inside n8n */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { parse as parseQuery } from 'node:querystring';

import { ExecutionLifecycleHooks, HookContext, WebhookContext, WorkflowExecute } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	INode,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	INodeTypes,
	IRun,
	IWebhookData,
	IWebhookResponseData,
	IWorkflowBase,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { NodeHelpers, Workflow, createDeferredPromise, createRunExecutionData } from 'n8n-workflow';

import { CREDENTIAL_TYPE, additionalDataFor } from './runWorkflow';

/**
 * The MoEngage Trigger as n8n runs it, over real HTTP: each request is read the way n8n's body
 * parser reads it (the bytes kept in `rawBody`, JSON / form / text parsed into `body`, a JSON body
 * that does not parse answered 422 before the node runs: n8n's
 * packages/cli/src/middlewares/body-parser.ts), handed to the node's `webhook()` in n8n-core's
 * WebhookContext, and answered the way n8n's webhook helper does: the node's own answer when it
 * wrote one (`noWebhookResponse`), otherwise 200 as soon as the run is started (Respond:
 * immediately, no body). A result with `workflowData` starts the run in both cases. The run then
 * goes through n8n-core's WorkflowExecute, trigger → "Received".
 *
 * The workflow's static data lives as long as the server, as n8n keeps it in its database: each
 * call gets its own copy (n8n reads the workflow for each production call, live-webhooks.ts) and
 * the copy is stored again when the node changed it and did not throw (`saveStaticData` in the
 * response callback). As in n8n 2.x, a call that starts a run and leaves the answer to n8n stores
 * nothing: 2.x defers that answer until the run is started (webhook-helpers.js,
 * `shouldDeferOnReceivedResponse`), and starting it builds a new Workflow over the same static
 * data object (workflow-runner.js, `establishContextForPersistence`), whose ObservableObject
 * marks it unchanged before `saveStaticData` looks. n8n 1.x answers, and stores, before the run.
 */

const packageRoot = join(__dirname, '..', '..');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const packageJson = require(join(packageRoot, 'package.json')) as { n8n: { nodes: string[] } };
const triggerPath = packageJson.n8n.nodes.find((path) => path.endsWith('MoEngageTrigger.node.js'))!;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { MoEngageTrigger } = require(join(packageRoot, triggerPath)) as { MoEngageTrigger: new () => INodeType };

export const TRIGGER_NODE_TYPE = 'n8n-nodes-moengage.moEngageTrigger';
const RECEIVED_NODE_TYPE = 'test.received';

/** Hands its input on: what the trigger's items look like to the next node. */
class ReceivedNode implements INodeType {
	description = {
		displayName: 'Received',
		name: 'received',
		group: ['transform'],
		version: 1,
		description: 'Passes items on',
		defaults: { name: 'Received' },
		inputs: ['main'],
		outputs: ['main'],
		properties: [],
	} as unknown as INodeType['description'];

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [this.getInputData()];
	}
}

export const triggerNode = new MoEngageTrigger();
const nodeTypesByName: Record<string, INodeType> = { [TRIGGER_NODE_TYPE]: triggerNode, [RECEIVED_NODE_TYPE]: new ReceivedNode() };
const nodeTypes: INodeTypes = {
	getByName: (type) => nodeTypesByName[type],
	getByNameAndVersion: (type, version) => NodeHelpers.getVersionedNodeType(nodeTypesByName[type], version),
	getKnownTypes: () => ({}),
};

function triggerWorkflow(parameters: INodeParameters, staticData: IDataObject = {}): { workflow: Workflow; trigger: INode; data: IWorkflowBase } {
	const trigger: INode = {
		id: '1',
		name: 'MoEngage Trigger',
		type: TRIGGER_NODE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters,
		webhookId: 'hook-1',
		credentials: { [CREDENTIAL_TYPE]: { id: '1', name: 'MoEngage account' } },
	};
	const received: INode = { id: '2', name: 'Received', type: RECEIVED_NODE_TYPE, typeVersion: 1, position: [200, 0], parameters: {} };
	const connections = { [trigger.name]: { main: [[{ node: received.name, type: 'main' as const, index: 0 }]] } };
	const workflow = new Workflow({ id: 'wf-trigger', nodes: [trigger, received], connections, nodeTypes, active: true, staticData, settings: { executionOrder: 'v1' } });
	const data = { id: 'wf-trigger', name: 'trigger', nodes: [trigger, received], connections, active: true, isArchived: false, createdAt: new Date(), updatedAt: new Date(), activeVersionId: null } as unknown as IWorkflowBase;
	return { workflow, trigger, data };
}

/**
 * n8n's body parser, as far as MoEngage's calls need it: bytes kept, JSON / form / text parsed.
 * The media type is the header's part before ";", lower-cased but not trimmed, as n8n-core's
 * parseContentType makes it: "application/json ; charset=utf-8" is not parsed as JSON by n8n.
 * False when the body is declared JSON and does not parse: n8n answers 422 and the node never runs.
 */
async function readBody(req: IncomingMessage): Promise<boolean> {
	const chunks: Buffer[] = [];
	for await (const chunk of req) chunks.push(chunk as Buffer);
	req.rawBody = Buffer.concat(chunks);
	const contentType = (req.headers['content-type'] ?? '').split(';')[0].toLowerCase();
	const text = req.rawBody.toString('utf8');
	let parsed: unknown;
	try {
		parsed = !text ? undefined : contentType === 'application/json' ? JSON.parse(text) : contentType === 'application/x-www-form-urlencoded' ? parseQuery(text) : contentType === 'text/plain' ? text : undefined;
	} catch {
		return false;
	}
	(req as IncomingMessage & { body?: unknown }).body = parsed ?? {};
	return true;
}

export interface TriggerCall {
	status: number;
	body: unknown;
	/** The run the call started, if it started one. */
	run?: IRun;
	/** What `webhook()` threw, if it threw (n8n answers 500 then). */
	thrown?: Error;
}

export interface TriggerServer {
	url: string;
	/** Every call, answered or not yet, with the run it started. */
	calls: TriggerCall[];
	post(body: string | Buffer, headers: Record<string, string>): Promise<TriggerCall>;
	/** The workflow's static data as n8n stored it after the last call (a copy). */
	staticData(): IDataObject;
	stop(): Promise<void>;
}

/** A trigger node with these parameters and credentials, listening on 127.0.0.1 (port 0). */
export async function startTrigger(
	parameters: INodeParameters,
	credentials: Record<string, ICredentialDataDecryptedObject>,
	mode: WorkflowExecuteMode = 'webhook',
): Promise<TriggerServer> {
	const calls: TriggerCall[] = [];
	const pending: Array<Promise<void>> = [];
	let storedStaticData: IDataObject = {};
	const copy = (value: IDataObject) => JSON.parse(JSON.stringify(value)) as IDataObject;

	const handle = async (req: IncomingMessage, res: ServerResponse, call: TriggerCall): Promise<void> => {
		if (!(await readBody(req))) {
			res.writeHead(422, { 'content-type': 'application/json' }).end(JSON.stringify({ code: 422, message: 'Failed to parse request body' }));
			return;
		}
		const staticData = copy(storedStaticData);
		const { workflow, trigger, data } = triggerWorkflow(parameters, staticData);
		const hooks = new ExecutionLifecycleHooks(mode, 'exec-1', data);
		const finished = createDeferredPromise<IRun>();
		hooks.addHandler('workflowExecuteAfter', (run) => finished.resolve(run));
		const additionalData = { ...additionalDataFor(credentials, hooks), httpRequest: req, httpResponse: res } as ReturnType<typeof additionalDataFor>;
		const webhookData: IWebhookData = {
			httpMethod: 'POST',
			node: trigger.name,
			path: 'webhook',
			webhookDescription: triggerNode.description.webhooks![0],
			workflowId: workflow.id,
			workflowExecuteAdditionalData: additionalData,
		};
		let result: IWebhookResponseData;
		try {
			result = await triggerNode.webhook!.call(new WebhookContext(workflow, trigger, additionalData, mode, webhookData, [], null));
		} catch (error) {
			call.thrown = error as Error;
			res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ message: 'Error in workflow' }));
			return;
		}
		// n8n 2.x: the run is started before n8n answers, over the same static data object
		if (result.workflowData && !result.noWebhookResponse) triggerWorkflow(parameters, staticData);
		if (workflow.staticData.__dataChanged === true) storedStaticData = copy(workflow.staticData);
		if (!result.workflowData) {
			if (!result.noWebhookResponse) {
				res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(result.webhookResponse ?? { message: 'Webhook call received' }));
			}
			return;
		}
		// Respond: immediately, Response Data: no data (the node's webhook description), unless the node answered itself
		if (!result.noWebhookResponse) res.writeHead(200).end();
		const runExecutionData = createRunExecutionData({
			executionData: { nodeExecutionStack: [{ node: trigger, data: { main: result.workflowData }, source: null }] },
		});
		await new WorkflowExecute(additionalData, mode, runExecutionData).processRunExecutionData(workflow);
		call.run = await finished.promise;
	};

	const server: Server = createServer((req, res) => {
		const call: TriggerCall = { status: 0, body: undefined };
		calls.push(call);
		pending.push(handle(req, res, call));
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	const url = `http://127.0.0.1:${port}/webhook/hook-1/webhook`;

	return {
		url,
		calls,
		staticData: () => copy(storedStaticData),
		async post(body, headers) {
			const before = calls.length;
			const response = await fetch(url, { method: 'POST', headers, body });
			const text = await response.text();
			// the run goes on after the answer (Respond: immediately); wait for it before asserting
			await Promise.all(pending);
			const call = calls[before];
			call.status = response.status;
			call.body = text ? (JSON.parse(text) as unknown) : undefined;
			return call;
		},
		async stop() {
			await Promise.all(pending);
			await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
		},
	};
}

/** The node's activation ("create"), as n8n runs it when the workflow is activated or listens for a test event. */
export async function activateTrigger(parameters: INodeParameters, credentials: Record<string, ICredentialDataDecryptedObject>): Promise<boolean> {
	const { workflow, trigger, data } = triggerWorkflow(parameters);
	const additionalData = additionalDataFor(credentials, new ExecutionLifecycleHooks('trigger', 'activation', data));
	const context = new HookContext(workflow, trigger, additionalData, 'trigger', 'activate');
	const methods = triggerNode.webhookMethods!.default!;
	if (await methods.checkExists.call(context)) return true;
	return await methods.create.call(context);
}

/** The output of the node after the trigger: the items the workflow received. */
export function receivedItems(run: IRun | undefined): INodeExecutionData[] {
	return run?.data.resultData.runData.Received?.[0]?.data?.main?.[0] ?? [];
}
