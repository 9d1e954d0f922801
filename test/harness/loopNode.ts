import type { IExecuteFunctions, INodeExecutionData, INodeType, IWorkflowBase } from 'n8n-workflow';

export const LOOP_NODE_TYPE = 'test.loopOverItems';

interface LoopState {
	/** The input items not handed out yet (set on the loop's first run). */
	remaining?: INodeExecutionData[];
	/** What came back from the loop body, round after round. */
	processed?: INodeExecutionData[];
}

/**
 * The part of n8n's Loop Over Items (SplitInBatches v3) the tests need: on its first run it keeps
 * its input and hands out `batchSize` items on output 1 ("loop"); each later run collects what the
 * loop body sent back and hands out the next batch; once none is left, output 0 ("done") gets
 * everything collected. Its state lives in the node context, as in n8n.
 */
export class LoopOverItemsNode implements INodeType {
	description = {
		displayName: 'Loop Over Items',
		name: 'loopOverItems',
		group: ['organization'],
		version: 1,
		description: 'Hands out items in batches',
		defaults: { name: 'Loop' },
		inputs: ['main'],
		outputs: ['main', 'main'],
		outputNames: ['done', 'loop'],
		properties: [{ displayName: 'Batch Size', name: 'batchSize', type: 'number', default: 1 }],
	} as unknown as INodeType['description'];

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const state = this.getContext('node') as LoopState;
		const batchSize = this.getNodeParameter('batchSize', 0) as number;
		const input = this.getInputData();
		if (state.remaining === undefined) {
			state.remaining = input.map(({ json }, item) => ({ json, pairedItem: { item } }));
			state.processed = [];
		} else {
			state.processed!.push(...input.map(({ json }) => ({ json })));
		}
		const batch = state.remaining.splice(0, batchSize);
		return batch.length === 0 ? [state.processed!, []] : [[], batch];
	}
}

type Workflow = Pick<IWorkflowBase, 'nodes' | 'connections'>;

/**
 * Items → Loop → MoEngage → back to Loop (every output of MoEngage, error output included), as a
 * marketer loops over items: the MoEngage node runs once per batch of `batchSize` items.
 */
export function inLoop(workflow: Workflow, batchSize: number): Workflow {
	const to = (node: string) => [{ node, type: 'main' as const, index: 0 }];
	return {
		nodes: [
			...workflow.nodes,
			{ id: 'loop', name: 'Loop', type: LOOP_NODE_TYPE, typeVersion: 1, position: [100, 0], parameters: { batchSize } },
		],
		connections: {
			Items: { main: [to('Loop')] },
			Loop: { main: [[], to('MoEngage')] },
			MoEngage: { main: [to('Loop'), to('Loop')] },
		},
	};
}
