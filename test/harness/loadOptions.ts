import { LoadOptionsContext } from 'n8n-core';
import type { ExecutionLifecycleHooks } from 'n8n-core';
import type { ICredentialDataDecryptedObject, ILoadOptionsFunctions, INode, INodeListSearchResult, INodeParameters, INodePropertyOptions, ResourceMapperFields } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { additionalDataFor, CREDENTIAL_TYPE, MOENGAGE_NODE_TYPE, nodeTypes } from './runWorkflow';

/**
 * The editor's lists as n8n builds them: n8n-core's LoadOptionsContext for a MoEngage node of the
 * latest version with the given parameters, calling the built node's `methods` (listSearch, loadOptions).
 */
function contextFor(credentials: Record<string, ICredentialDataDecryptedObject>, parameters: INodeParameters): ILoadOptionsFunctions {
	const node: INode = {
		id: '2',
		name: 'MoEngage',
		type: MOENGAGE_NODE_TYPE,
		typeVersion: 1.2,
		position: [0, 0],
		parameters,
		credentials: { [CREDENTIAL_TYPE]: { id: '1', name: 'MoEngage account' } },
	};
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	const additionalData = additionalDataFor(credentials, {} as ExecutionLifecycleHooks);
	additionalData.currentNodeParameters = parameters;
	return new LoadOptionsContext(workflow, node, additionalData, '');
}

const methodsOf = () => nodeTypes.getByNameAndVersion(MOENGAGE_NODE_TYPE, 1.2).methods!;

export async function listSearch(
	credentials: Record<string, ICredentialDataDecryptedObject>,
	method: string,
	parameters: INodeParameters,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await methodsOf().listSearch![method].call(contextFor(credentials, parameters), filter, paginationToken);
}

export async function loadOptions(
	credentials: Record<string, ICredentialDataDecryptedObject>,
	method: string,
	parameters: INodeParameters,
): Promise<INodePropertyOptions[]> {
	return await methodsOf().loadOptions![method].call(contextFor(credentials, parameters));
}

/** A field mapping's fields as the editor asks for them (the node's `methods.resourceMapping`). */
export async function resourceMapping(
	credentials: Record<string, ICredentialDataDecryptedObject>,
	method: string,
	parameters: INodeParameters,
): Promise<ResourceMapperFields> {
	return await methodsOf().resourceMapping![method].call(contextFor(credentials, parameters));
}
