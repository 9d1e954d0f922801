import type { IDataObject, IExecuteFunctions, IHttpRequestOptions, INodeExecutionData, INodeType } from 'n8n-workflow';

export const CREDENTIAL_TYPE = 'moEngageApi';

export const CUSTOM_CALL_NODE_TYPE = 'test.customApiCall';

/**
 * Calls any URL with the MoEngage credential the two ways n8n's nodes can: `requestWithAuthentication`
 * with request-style options (`uri`), as the HTTP Request node does with a predefined credential
 * type, and `httpRequestWithAuthentication` (`url`, which may be a bare path).
 */
export class CustomApiCallNode implements INodeType {
	description = {
		displayName: 'Custom API Call',
		name: 'customApiCall',
		group: ['transform'],
		version: 1,
		description: 'Calls a URL with the MoEngage credential',
		defaults: { name: 'Custom API Call' },
		inputs: ['main'],
		outputs: ['main'],
		credentials: [{ name: CREDENTIAL_TYPE, required: true }],
		properties: [
			{ displayName: 'Helper', name: 'helper', type: 'string', default: 'requestWithAuthentication' },
			{ displayName: 'Method', name: 'method', type: 'string', default: 'POST' },
			{ displayName: 'URL', name: 'url', type: 'string', default: '' },
			{ displayName: 'Body', name: 'body', type: 'json', default: '{}' },
		],
	} as unknown as INodeType['description'];

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const output: INodeExecutionData[] = [];
		for (let itemIndex = 0; itemIndex < this.getInputData().length; itemIndex++) {
			const url = this.getNodeParameter('url', itemIndex) as string;
			const method = this.getNodeParameter('method', itemIndex) as IHttpRequestOptions['method'];
			const raw = this.getNodeParameter('body', itemIndex) as string | IDataObject;
			const body = typeof raw === 'string' ? (JSON.parse(raw) as IDataObject) : raw;
			const json = (
				this.getNodeParameter('helper', itemIndex) === 'httpRequestWithAuthentication'
					? await this.helpers.httpRequestWithAuthentication.call(this, CREDENTIAL_TYPE, { method, url, body, json: true })
					: // eslint-disable-next-line @n8n/community-nodes/no-deprecated-workflow-functions -- the legacy helper on purpose: Custom API Call must keep working with it
					  await this.helpers.requestWithAuthentication.call(this, CREDENTIAL_TYPE, { method, uri: url, body, json: true })
			) as IDataObject;
			output.push({ json, pairedItem: { item: itemIndex } });
		}
		return [output];
	}
}
