import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties, INodeType } from 'n8n-workflow';
import { NodeConnectionTypes, deepCopy } from 'n8n-workflow';

/**
 * The tool variant n8n makes of a `usableAsTool` node when it loads it (the CLI's
 * `convertNodeToAiTool`, which n8n-core does not ship): same execute, no main input, an AI tool
 * output, "Tool" appended to the name, and a tool-description choice.
 */
export function asAiTool(nodeType: INodeType): INodeType {
	const description = deepCopy(nodeType.description);
	description.name += 'Tool';
	description.displayName += ' Tool';
	description.inputs = [];
	description.outputs = [NodeConnectionTypes.AiTool];
	delete description.usableAsTool;
	const toolDescription: INodeProperties[] = [
		{
			displayName: 'Tool Description',
			name: 'descriptionType',
			type: 'options',
			noDataExpression: true,
			options: [
				{ name: 'Set Automatically', value: 'auto' },
				{ name: 'Set Manually', value: 'manual' },
			],
			default: 'auto',
		},
		{
			displayName: 'Description',
			name: 'toolDescription',
			type: 'string',
			default: description.description,
			displayOptions: { show: { descriptionType: ['manual'] } },
		},
	];
	description.properties = [...toolDescription, ...description.properties];
	return { description, execute: nodeType.execute };
}

export const AGENT_NODE_TYPE = 'test.agent';

interface Tool {
	name: string;
	description: string;
	schema: { shape: Record<string, unknown> };
	invoke(args: IDataObject): Promise<unknown>;
}

/**
 * Stands in for an AI agent: asks the engine for its connected tools (n8n-core's
 * getInputConnectionData, which wraps a tool node with createNodeAsTool) and calls the first one
 * with the arguments in its `toolArgs` parameter, as a model's tool call would.
 */
export class AgentNode implements INodeType {
	description = {
		displayName: 'Agent',
		name: 'agent',
		group: ['transform'],
		version: 1,
		description: 'Calls a connected tool',
		defaults: { name: 'Agent' },
		inputs: [NodeConnectionTypes.Main, { type: NodeConnectionTypes.AiTool, required: true }],
		outputs: [NodeConnectionTypes.Main],
		properties: [
			{ displayName: 'Tool Arguments', name: 'toolArgs', type: 'json', default: '{}' },
			// Calls made after the first one in the same run, as a model calls a tool again.
			{ displayName: 'Further Calls', name: 'furtherCalls', type: 'json', default: '[]' },
		],
	} as unknown as INodeType['description'];

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const connected = (await this.getInputConnectionData(NodeConnectionTypes.AiTool, 0)) as Tool | Tool[];
		const [tool] = Array.isArray(connected) ? connected : [connected];
		const raw = this.getNodeParameter('toolArgs', 0) as string | IDataObject;
		const args = typeof raw === 'string' ? (JSON.parse(raw) as IDataObject) : raw;
		const json: IDataObject = { name: tool.name, description: tool.description, arguments: Object.keys(tool.schema.shape) };
		try {
			json.result = (await tool.invoke(args)) as string;
		} catch (error) {
			// An agent hands a tool's error message back to the model as the tool's answer.
			json.error = (error as Error).message;
		}
		const furtherRaw = this.getNodeParameter('furtherCalls', 0, '[]') as string | IDataObject[];
		const furtherCalls = typeof furtherRaw === 'string' ? (JSON.parse(furtherRaw) as IDataObject[]) : furtherRaw;
		if (furtherCalls.length > 0) {
			const results: string[] = [];
			for (const call of furtherCalls) results.push((await tool.invoke(call)) as string);
			json.furtherResults = results;
		}
		return [[{ json, pairedItem: { item: 0 } }]];
	}
}
