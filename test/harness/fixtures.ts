import type { ICredentialDataDecryptedObject, IDataObject, INodeExecutionData, IPinData } from 'n8n-workflow';

import { inLoop } from './loopNode';
import type { NodeSettings, OnError, WorkflowRun } from './runWorkflow';
import { moEngageWorkflow, runWorkflow } from './runWorkflow';
import type { StandInAlert, StandInBusinessEvent, StandInOptions, StandInUser, StandInWorkspace } from '../standin/server';
import { MoEngageStandIn } from '../standin/server';

export const WORKSPACE: StandInWorkspace & { informApiKey: string; pushApiKey: string; databaseName: string } = {
	workspaceId: 'WS0TESTWORKSPACE',
	dataApiKey: 'example-data-key-7f3c9a1e5b',
	cardsApiKey: 'example-cards-key-2d8e4b6f0a',
	informApiKey: 'example-inform-key-9b1f7c3d2e',
	pushApiKey: 'example-push-key-4c6a8e0b2d',
	databaseName: 'ws0_test_db',
};

/** The workspace's business events. */
export const BUSINESS_EVENTS: StandInBusinessEvent[] = [
	{ id: '6447b078712cd8c650074840', name: 'price_drop', attributes: [{ name: 'product_id', data_type: 'string' }, { name: 'new_price', data_type: 'number' }] },
	{ id: '6447b078712cd8c650074841', name: 'flight_delayed', attributes: [{ name: 'flight', data_type: 'string' }] },
];

/** The workspace's Inform alerts. */
export const ALERTS: StandInAlert[] = [
	{ id: '636b77e6e2cf83277195fb60', referenceName: 'order_shipped', channels: ['SMS', 'EMAIL', 'PUSH'] },
	{ id: '636b77e6e2cf83277195fb61', referenceName: 'otp', channels: ['SMS'] },
];

export const ANN: StandInUser = {
	customer_id: 'u-1',
	id: 'moe-0001',
	uid: 'ann@example.com',
	uniqueId: 'device-ann',
	attributes: { name: 'Ann Lee', first_name: 'Ann', email: 'ann@example.com', mobile: '+15550001', plan: 'gold' },
	cards: { android: ['c1', 'c2'], ios: ['c1'], web: [] },
};

export const BOB: StandInUser = {
	customer_id: 'u-2',
	id: 'moe-0002',
	uid: 'bob@example.com',
	attributes: { name: 'Bob Roy', email: 'bob@example.com', plan: 'silver' },
	cards: { web: ['c9'] },
};

/** `count` users u-100, u-101, … with a name each. */
export function manyUsers(count: number): StandInUser[] {
	return Array.from({ length: count }, (_, i) => ({
		customer_id: `u-${100 + i}`,
		id: `moe-${100 + i}`,
		attributes: { name: `User ${100 + i}` },
	}));
}

export function credentialsFor(baseUrl: string, overrides: IDataObject = {}): Record<string, ICredentialDataDecryptedObject> {
	return {
		moEngageApi: {
			workspaceId: WORKSPACE.workspaceId,
			dataApiKey: WORKSPACE.dataApiKey,
			cardsApiKey: WORKSPACE.cardsApiKey,
			informApiKey: WORKSPACE.informApiKey,
			pushApiKey: WORKSPACE.pushApiKey,
			databaseName: WORKSPACE.databaseName,
			dataCenter: 'custom',
			baseUrl,
			...overrides,
		},
	};
}

/** Starts a stand-in for the test file and resets it before each test. */
export function useStandIn(options: Partial<StandInOptions> = {}): { standIn: MoEngageStandIn; baseUrl: () => string } {
	const standIn = new MoEngageStandIn({ workspace: WORKSPACE, users: [ANN, BOB], businessEvents: BUSINESS_EVENTS, alerts: ALERTS, ...options });
	beforeAll(async () => {
		await standIn.start();
	});
	afterAll(async () => {
		await standIn.stop();
	});
	beforeEach(() => standIn.reset());
	return { standIn, baseUrl: () => standIn.baseUrl };
}

/** Runs Items → MoEngage through the engine against the stand-in. */
export async function runMoEngage(
	baseUrl: string,
	parameters: IDataObject,
	items: IDataObject[],
	{
		continueOnFail = false,
		onError,
		credentials = {} as IDataObject,
		onStart,
		typeVersion,
		nodeSettings,
		pinData,
		loopBatchSize,
		executionId,
	}: {
		continueOnFail?: boolean;
		onError?: OnError;
		credentials?: IDataObject;
		onStart?: (cancel: () => void) => void;
		/** The MoEngage node's version (default DEFAULT_TEST_VERSION). */
		typeVersion?: number;
		/** n8n's node settings such as Retry On Fail. */
		nodeSettings?: NodeSettings;
		/** Pinned output of nodes ('Items', 'MoEngage'). */
		pinData?: IPinData;
		/** Runs Items → Loop → MoEngage → Loop instead, the loop handing out this many items a round. */
		loopBatchSize?: number;
		/** The execution's ID (what operations that derive IDs from the execution see). */
		executionId?: string;
	} = {},
): Promise<WorkflowRun & { items: INodeExecutionData[] }> {
	const workflow = moEngageWorkflow(parameters, { continueOnFail, onError, typeVersion, nodeSettings });
	const run = await runWorkflow(loopBatchSize ? inLoop(workflow, loopBatchSize) : workflow, items, credentialsFor(baseUrl, credentials), { onStart, pinData, executionId });
	return { ...run, items: run.output('MoEngage') };
}

export function pairedItems(items: INodeExecutionData[]): unknown[] {
	return items.map((item) => item.pairedItem);
}

interface WorkflowFile {
	nodes: Parameters<typeof runWorkflow>[0]['nodes'];
	connections: Parameters<typeof runWorkflow>[0]['connections'];
	input: IDataObject[];
	pinData: Record<string, Array<{ json: IDataObject }>>;
}

/** Runs a `<op>.workflow.json` (nodes, connections, input items, expected output as pinData). */
export async function runWorkflowFile(path: string, baseUrl: string): Promise<WorkflowRun & { expected: IDataObject[]; items: INodeExecutionData[] }> {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const file = require(path) as WorkflowFile;
	const run = await runWorkflow(file, file.input, credentialsFor(baseUrl));
	return { ...run, items: run.output('MoEngage'), expected: file.pinData.MoEngage.map(({ json }) => json) };
}

/** A JSON answer read field by field in assertions: every field reads as another answer (or undefined at run time). */
export type Answer = { readonly [key: string]: Answer } & readonly Answer[];
