import { LoadOptionsContext } from 'n8n-core';
import type { ICredentialDataDecryptedObject, INodePropertyOptions, INodeType } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { CREDENTIAL_TYPE } from './customApiCallNode';
import { additionalDataFor, MOENGAGE_NODE_TYPE, nodeTypes } from './runWorkflow';

/**
 * Runs one of the node's `methods.loadOptions` the way the n8n editor does (REST
 * /dynamic-node-parameters/options): with n8n-core's LoadOptionsContext, whose request helpers go
 * over real HTTP with the credential's `authenticate`. Built package (dist), as n8n loads it.
 */
export async function loadOptions(
	method: string,
	parameters: Record<string, unknown>,
	credentials: Record<string, ICredentialDataDecryptedObject>,
): Promise<INodePropertyOptions[]> {
	const node = {
		id: '2',
		name: 'MoEngage',
		type: MOENGAGE_NODE_TYPE,
		typeVersion: 1.1,
		position: [0, 0] as [number, number],
		parameters: parameters as never,
		credentials: { [CREDENTIAL_TYPE]: { id: '1', name: 'MoEngage account' } },
	};
	const workflow = new Workflow({ id: 'test', nodes: [node], connections: {}, nodeTypes, active: false });
	const additionalData = additionalDataFor(credentials, undefined as never);
	const context = new LoadOptionsContext(workflow, node, additionalData, 'parameters');
	const load = (nodeTypes.getByName(MOENGAGE_NODE_TYPE) as INodeType).methods?.loadOptions?.[method];
	if (!load) throw new Error(`The MoEngage node has no methods.loadOptions.${method}`);
	return await load.call(context);
}
