import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { ItemRun } from '../run/itemRun';
import type { RunnableOperation } from './operation';
import { findOperation } from './operations';

/** The choice n8n adds to the resource and operation lists of nodes whose credential authenticates requests. */
const CUSTOM_API_CALL = '__CUSTOM_API_CALL__';

function operationFor(context: IExecuteFunctions): RunnableOperation {
	const resource = String(context.getNodeParameter('resource', 0));
	const operation = String(context.getNodeParameter('operation', 0, ''));
	if (resource === CUSTOM_API_CALL || operation === CUSTOM_API_CALL) {
		throw new NodeOperationError(context.getNode(), 'For a custom API call, use the HTTP Request node with the MoEngage credential', {
			description:
				'In the HTTP Request node, set Authentication to "Predefined Credential Type" and Credential Type to "MoEngage API", then enter the full MoEngage URL, e.g. https://api-01.moengage.com/v1/customer/merge?app_id=<Workspace ID>. The credential adds Basic auth with the right key (the Cards key for /v1/cards/ URLs) and the MOE-APPKEY header.',
		});
	}
	const found = findOperation(resource, operation);
	if (!found) {
		throw new NodeOperationError(context.getNode(), `The operation "${operation}" of "${resource}" is not supported`);
	}
	return found;
}

/**
 * Runs the picked operation over the input items: it validates every item, then sends what
 * passed. Output and failures follow the run semantics in ItemRun.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const operation = operationFor(this);
	const run = new ItemRun(this);
	await operation.run(this, run);
	return [run.finish(this.getInputData().length)];
}
