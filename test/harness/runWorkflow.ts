/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- runs on a developer's machine or in CI, never inside n8n */
import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	INode,
	IPinData,
	ICredentials,
	ICredentialType,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	INodeTypes,
	IRun,
	IRunExecutionData,
	IVersionedNodeType,
	IWorkflowBase,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import { ICredentialsHelper, NodeHelpers, Workflow, createDeferredPromise, createRunExecutionData } from 'n8n-workflow';

import { join } from 'node:path';

import { AGENT_NODE_TYPE, AgentNode, asAiTool } from './aiTool';
import { CREDENTIAL_TYPE, CUSTOM_CALL_NODE_TYPE, CustomApiCallNode } from './customApiCallNode';
import { LOOP_NODE_TYPE, LoopOverItemsNode } from './loopNode';

/**
 * Runs workflows through n8n-core's real execution engine (WorkflowExecute), with the package's
 * built node and credential loaded the way n8n loads them (from the dist paths in package.json),
 * and a tiny "Items" start node that emits the test's input items.
 */

const packageRoot = join(__dirname, '..', '..');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const packageJson = require(join(packageRoot, 'package.json')) as { n8n: { nodes: string[]; credentials: string[] } };

function loadClass<T>(distPath: string): T {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const exported = require(join(packageRoot, distPath)) as Record<string, new () => T>;
	const [Class] = Object.values(exported);
	return new Class();
}

export const MOENGAGE_NODE_TYPE = 'n8n-nodes-moengage.moEngage';
export const ITEMS_NODE_TYPE = 'test.items';
export const MOENGAGE_TOOL_NODE_TYPE = 'n8n-nodes-moengage.moEngageTool';
export { AGENT_NODE_TYPE, CREDENTIAL_TYPE, CUSTOM_CALL_NODE_TYPE };

/** Emits the JSON items given in its `items` parameter (the workflow's trigger stand-in). */
class ItemsNode implements INodeType {
	description = {
		displayName: 'Items',
		name: 'items',
		group: ['input'],
		version: 1,
		description: 'Emits test items',
		defaults: { name: 'Items' },
		inputs: ['main'],
		outputs: ['main'],
		properties: [{ displayName: 'Items', name: 'items', type: 'json', default: '[]' }],
	} as unknown as INodeType['description'];

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const raw = this.getNodeParameter('items', 0) as string | IDataObject[];
		const items = (typeof raw === 'string' ? JSON.parse(raw) : raw) as IDataObject[];
		return [items.map((json) => ({ json }))];
	}
}

const moEngageNode = loadClass<INodeType>(packageJson.n8n.nodes[0]);

const nodeTypesByName: Record<string, INodeType> = {
	[MOENGAGE_NODE_TYPE]: moEngageNode,
	[MOENGAGE_TOOL_NODE_TYPE]: asAiTool(moEngageNode),
	[ITEMS_NODE_TYPE]: new ItemsNode(),
	[CUSTOM_CALL_NODE_TYPE]: new CustomApiCallNode(),
	[AGENT_NODE_TYPE]: new AgentNode(),
	[LOOP_NODE_TYPE]: new LoopOverItemsNode(),
};

export const credentialTypes: Record<string, ICredentialType> = {
	[CREDENTIAL_TYPE]: loadClass<ICredentialType>(packageJson.n8n.credentials[0]),
};

export const nodeTypes: INodeTypes = {
	getByName: (type: string): INodeType | IVersionedNodeType => nodeTypesByName[type],
	getByNameAndVersion: (type: string, version?: number): INodeType =>
		NodeHelpers.getVersionedNodeType(nodeTypesByName[type], version),
	getKnownTypes: () => ({}),
};

/** Hands the engine the test's decrypted credentials and applies the credential's `authenticate`. */
export class TestCredentialsHelper extends ICredentialsHelper {
	constructor(private readonly credentials: Record<string, ICredentialDataDecryptedObject>) {
		super();
	}

	getParentTypes(): string[] {
		return [];
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const { authenticate } = credentialTypes[typeName];
		return typeof authenticate === 'function' ? await authenticate(credentials, requestOptions) : requestOptions;
	}

	async preAuthentication(): Promise<undefined> {
		return undefined;
	}

	async getCredentials(): Promise<ICredentials> {
		throw new Error('not used by these tests');
	}

	async getDecrypted(_additionalData: unknown, _nodeCredentials: unknown, type: string): Promise<ICredentialDataDecryptedObject> {
		// Like n8n, fill in the defaults of fields the stored credential leaves out.
		const defaults = Object.fromEntries(credentialTypes[type].properties.map((p) => [p.name, p.default]));
		return { ...defaults, ...this.credentials[type] } as ICredentialDataDecryptedObject;
	}

	async updateCredentials(): Promise<void> {}

	async updateCredentialsOauthTokenData(): Promise<void> {}

	getCredentialsProperties() {
		return [];
	}
}

export function additionalDataFor(
	credentials: Record<string, ICredentialDataDecryptedObject>,
	hooks: ExecutionLifecycleHooks,
): IWorkflowExecuteAdditionalData {
	return {
		credentialsHelper: new TestCredentialsHelper(credentials),
		hooks,
		executeWorkflow: async () => {
			throw new Error('not used by these tests');
		},
		restApiUrl: 'http://127.0.0.1/rest',
		instanceBaseUrl: 'http://127.0.0.1/',
		formWaitingBaseUrl: 'http://127.0.0.1/form-waiting',
		webhookBaseUrl: 'http://127.0.0.1/webhook',
		webhookWaitingBaseUrl: 'http://127.0.0.1/webhook-waiting',
		webhookTestBaseUrl: 'http://127.0.0.1/webhook-test',
		currentNodeParameters: undefined,
		executionTimeoutTimestamp: undefined,
		userId: 'test-user',
		variables: {},
		logAiEvent: () => {},
		getRunExecutionData: async () => undefined,
		setExecutionStatus: () => {},
		sendDataToUI: () => {},
		startRunnerTask: async () => {
			throw new Error('not used by these tests');
		},
	} as unknown as IWorkflowExecuteAdditionalData;
}

export interface WorkflowRun {
	run: IRun;
	/** The output items of a node (first run; output 0, or 1 for the error output). */
	output(nodeName: string, outputIndex?: number): INodeExecutionData[];
	/** The error the execution stopped with, if any. */
	error: IRun['data']['resultData']['error'];
	/** Every run of a node, e.g. one per round of a loop. */
	runsOf(nodeName: string): IRun['data']['resultData']['runData'][string];
}

/** Builds the usual test workflow: Items → MoEngage, with the given MoEngage parameters. */
export type OnError = 'stopWorkflow' | 'continueRegularOutput' | 'continueErrorOutput';

/** The MoEngage node's version in the test workflow: 1 unless a test asks for another (e.g. 1.1). */
export const DEFAULT_TEST_VERSION = 1;

/** n8n's node settings a test may set on the MoEngage node besides On Error (e.g. Retry On Fail). */
export type NodeSettings = Partial<Pick<INode, 'retryOnFail' | 'maxTries' | 'waitBetweenTries' | 'alwaysOutputData'>>;

export function moEngageWorkflow(
	parameters: IDataObject,
	settings: { continueOnFail?: boolean; onError?: OnError; typeVersion?: number; nodeSettings?: NodeSettings } = {},
): Pick<IWorkflowBase, 'nodes' | 'connections'> {
	const onError = settings.onError ?? (settings.continueOnFail ? 'continueRegularOutput' : undefined);
	return {
		nodes: [
			{ id: '1', name: 'Items', type: ITEMS_NODE_TYPE, typeVersion: 1, position: [0, 0], parameters: {} },
			{
				id: '2',
				name: 'MoEngage',
				type: MOENGAGE_NODE_TYPE,
				typeVersion: settings.typeVersion ?? DEFAULT_TEST_VERSION,
				position: [200, 0],
				// test parameters are plain JSON, which INodeParameters' value union does not spell out
				parameters: parameters as INodeParameters,
				credentials: { [CREDENTIAL_TYPE]: { id: '1', name: 'MoEngage account' } },
				...(onError ? { onError } : {}),
				...settings.nodeSettings,
			},
		],
		connections: { Items: { main: [[{ node: 'MoEngage', type: 'main', index: 0 }]] } },
	};
}

/** Each run is an execution of its own, with its own ID, as in n8n, unless a test gives one. */
let executionCount = 0;

/** Every execution of the MoEngage node, settled or not: a cancelled run ends before its nodes do. */
export const moEngageExecutions: Array<Promise<unknown>> = [];
const execute = moEngageNode.execute!;
moEngageNode.execute = function (this: IExecuteFunctions) {
	const running = execute.call(this);
	moEngageExecutions.push(running.catch(() => undefined));
	return running;
};

/** Executes the workflow with WorkflowExecute, the Items node emitting `items`. */
export async function runWorkflow(
	workflowData: Pick<IWorkflowBase, 'nodes' | 'connections'>,
	items: IDataObject[],
	credentials: Record<string, ICredentialDataDecryptedObject>,
	{ onStart, pinData, executionId = `test-execution-${++executionCount}` }: { onStart?: (cancel: () => void) => void; pinData?: IPinData; executionId?: string } = {},
): Promise<WorkflowRun> {
	const nodes = workflowData.nodes.map((node) =>
		node.type === ITEMS_NODE_TYPE ? { ...node, parameters: { items: JSON.stringify(items) } } : node,
	);
	const workflow = new Workflow({
		id: 'test',
		nodes,
		connections: workflowData.connections,
		nodeTypes,
		active: false,
		settings: { executionOrder: 'v1' },
	});
	const hooks = new ExecutionLifecycleHooks('manual', executionId, { ...workflowData, id: 'test', name: 'test', active: false, createdAt: new Date(), updatedAt: new Date(), isArchived: false, activeVersionId: null } as unknown as IWorkflowBase);
	const finished = createDeferredPromise<IRun>();
	hooks.addHandler('workflowExecuteAfter', (fullRunData) => finished.resolve(fullRunData));

	const startNode = nodes.find((node) => node.type === ITEMS_NODE_TYPE)!;
	const runExecutionData: IRunExecutionData = createRunExecutionData({
		executionData: { nodeExecutionStack: [{ node: startNode, data: { main: [[{ json: {} }]] }, source: null }] },
		// Pinned nodes answer with their pinned items instead of running (as in n8n's editor).
		...(pinData ? { resultData: { runData: {}, pinData } } : {}),
	});
	const workflowExecute = new WorkflowExecute({ ...additionalDataFor(credentials, hooks), executionId }, 'manual', runExecutionData);
	const running = workflowExecute.processRunExecutionData(workflow);
	onStart?.(() => running.cancel());
	await running;
	const run = await finished.promise;
	return {
		run,
		error: run.data.resultData.error,
		output: (nodeName, outputIndex = 0) => run.data.resultData.runData[nodeName]?.[0]?.data?.main?.[outputIndex] ?? [],
		runsOf: (nodeName) => run.data.resultData.runData[nodeName] ?? [],
	};
}
