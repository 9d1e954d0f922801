import type { ICredentialDataDecryptedObject, IDataObject, INodeExecutionData } from 'n8n-workflow';

import type { OnError, WorkflowRun } from '../engine/runWorkflow';
import { moEngageWorkflow, runWorkflow } from '../engine/runWorkflow';
import type { StandInOptions, StandInUser, StandInWorkspace } from '../standin/server';
import { MoEngageStandIn } from '../standin/server';

export const WORKSPACE: StandInWorkspace = {
	workspaceId: 'WS0TESTWORKSPACE',
	dataApiKey: 'data-key-7f3c9a1e5b',
	cardsApiKey: 'cards-key-2d8e4b6f0a',
};

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
			dataCenter: 'custom',
			baseUrl,
			...overrides,
		},
	};
}

/** Starts a stand-in for the test file and resets it before each test. */
export function useStandIn(options: Partial<StandInOptions> = {}): { standIn: MoEngageStandIn; baseUrl: () => string } {
	const standIn = new MoEngageStandIn({ workspace: WORKSPACE, users: [ANN, BOB], ...options });
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
	}: { continueOnFail?: boolean; onError?: OnError; credentials?: IDataObject; onStart?: (cancel: () => void) => void; typeVersion?: number } = {},
): Promise<WorkflowRun & { items: INodeExecutionData[] }> {
	const run = await runWorkflow(moEngageWorkflow(parameters, { continueOnFail, onError, typeVersion }), items, credentialsFor(baseUrl, credentials), { onStart });
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
