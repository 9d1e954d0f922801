import { CredentialTestContext } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentialTestFunction,
	ICredentialTestFunctions,
	INodeCredentialTestResult,
	INodeType,
} from 'n8n-workflow';

import { CREDENTIAL_TYPE, credentialTypes, MOENGAGE_NODE_TYPE, nodeTypes } from './runWorkflow';

/**
 * Finds the credential's test the way n8n's CredentialsTester.getCredentialTestFunction does: a
 * declarative `test` on the credential type comes first (it would shadow the node's), otherwise
 * the `testedBy` of a node that lists the credential names a function in its
 * `methods.credentialTest`. Built package (dist), as n8n loads it.
 */
export function findCredentialTest(): ICredentialTestFunction {
	if (credentialTypes[CREDENTIAL_TYPE].test) {
		throw new Error('The credential type has a declarative `test`: n8n would run it instead of the node\'s testedBy');
	}
	const node = nodeTypes.getByName(MOENGAGE_NODE_TYPE) as INodeType;
	const entry = node.description.credentials?.find(({ name }) => name === CREDENTIAL_TYPE);
	if (typeof entry?.testedBy !== 'string') throw new Error('The MoEngage node names no testedBy function for its credential');
	const test = node.methods?.credentialTest?.[entry.testedBy];
	if (!test) throw new Error(`The MoEngage node has no methods.credentialTest.${entry.testedBy}`);
	return test;
}

/** The credential's fields with their defaults, as n8n stores a saved credential. */
function withDefaults(data: ICredentialDataDecryptedObject): ICredentialDataDecryptedObject {
	const defaults = Object.fromEntries(credentialTypes[CREDENTIAL_TYPE].properties.map(({ name, default: value }) => [name, value]));
	return { ...defaults, ...data } as ICredentialDataDecryptedObject;
}

/**
 * Runs the credential test as n8n's REST `/rest/credentials/test` does: the function is called
 * with n8n-core's CredentialTestContext (its `helpers.request` goes over real HTTP), or with
 * `context` when a test wants to watch the requests.
 */
export async function testCredential(
	data: ICredentialDataDecryptedObject,
	context: ICredentialTestFunctions = new CredentialTestContext(),
): Promise<INodeCredentialTestResult> {
	const test = findCredentialTest();
	return await test.call(context, { id: '1', name: 'MoEngage account', type: CREDENTIAL_TYPE, data: withDefaults(data) });
}
