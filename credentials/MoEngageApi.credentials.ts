import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import { baseUrlOf, baseUrlProblem, credentialText, CUSTOM_DATA_CENTER, keyFieldFor, keyFor, withDatabaseName, withProjectCode, withReportSignature } from '../nodes/MoEngage/transport/credential';
import { signPushRequest } from '../nodes/MoEngage/transport/push';

/** MoEngage's data centers; the REST host is always `https://api-{code}.moengage.com`. */
const DATA_CENTERS = [
	{ code: '01', region: 'US' },
	{ code: '02', region: 'EU' },
	{ code: '03', region: 'India' },
	{ code: '04', region: 'US' },
	{ code: '05', region: 'Singapore' },
	{ code: '06', region: 'Indonesia' },
	{ code: '101', region: 'US' },
];

export class MoEngageApi implements ICredentialType {
	name = 'moEngageApi';

	displayName = 'MoEngage API';

	icon: Icon = {
		light: 'file:../nodes/MoEngage/moengage.svg',
		dark: 'file:../nodes/MoEngage/moengage.dark.svg',
	};

	documentationUrl = 'https://github.com/n8n-nodes-moengage/n8n-nodes-moengage/blob/main/docs/credentials.md';

	properties: INodeProperties[] = [
		{
			displayName: 'Workspace ID',
			name: 'workspaceId',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. VJ0GSMESHMQA3L7WV1EEK3UR',
			description:
				'Your workspace ID (formerly App ID), in the MoEngage dashboard under Settings > Account > APIs > Workspace ID',
		},
		{
			displayName: 'Data API Key',
			name: 'dataApiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'The key of the Data tile under Settings > Account > APIs > API Keys. Used by the Data APIs (users, events, Test Connection). Generating a new key invalidates the old one.',
		},
		{
			displayName: 'Campaign API Key',
			// Named after its first use (Cards); kept so that saved credentials keep their key.
			name: 'cardsApiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'The key of the Campaign report/Business events/Custom templates/Catalog API/Inform Report tile under Settings > Account > APIs (old dashboard: APP SECRET). Used by Cards, campaign search and stats, campaign report downloads (it signs them), business events, custom templates, catalog and recommendations; when empty, the Data API key is sent.',
		},
		{
			displayName: 'Inform API Key',
			name: 'informApiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'Optional. The key of the Inform tile under Settings > Account > APIs, for Inform transactional alerts (e.g. with the HTTP Request node). When empty, the Data API key is sent.',
		},
		{
			displayName: 'Personalize API Key',
			name: 'personalizeApiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'Optional. The key of the Personalize tile under Settings > Account > APIs, for the Personalize APIs (e.g. with the HTTP Request node). When empty, the Data API key is sent.',
		},
		{
			displayName: 'Push API Key',
			name: 'pushApiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				"Optional. The key of the Push tile under Settings > Account > APIs, for Push > Send (MoEngage's Push API, for workspaces without Inform). It is never sent: it signs each push request (SHA-256 of workspace ID, campaign name and key). No other key stands in for it.",
		},
		{
			displayName: 'Project Code',
			name: 'projectCode',
			type: 'string',
			default: '',
			placeholder: 'e.g. brand_a',
			description:
				'Only for Portfolio workspaces: the Project ID under Settings > Account > Portfolio. Sent as project_code to Track User, Track Event and Bulk Import (without it MoEngage stores the data at the portfolio level) and as the MOE-PROJECT-CODE header to the subscription APIs, which require it there. Leave empty otherwise.',
		},
		{
			displayName: 'Database Name',
			name: 'databaseName',
			type: 'string',
			default: '',
			placeholder: 'e.g. acme_shop',
			description:
				"Only for Segment → Create From File: the workspace's MoEngage database name (db_name), which MoEngage's file-segment API requires as the MOE-DBNAME header. MoEngage's documents do not say where the dashboard shows it: ask your MoEngage CSM or support. Leave empty otherwise.",
		},
		{
			displayName: 'Data Center',
			name: 'dataCenter',
			type: 'options',
			default: '01',
			description:
				'The data center of your workspace: the number in your dashboard URL, e.g. dashboard-02.moengage.com is DC-02',
			options: [
				...DATA_CENTERS.map(({ code, region }) => ({
					name: `DC-${code} (${region})`,
					value: code,
					description: `api-${code}.moengage.com`,
				})),
				{
					name: 'Custom URL',
					value: CUSTOM_DATA_CENTER,
					description: 'A proxy in front of MoEngage, or a local test server',
				},
			],
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: 'e.g. https://moengage-proxy.example.com',
			description: 'The URL that stands in for https://api-0X.moengage.com',
			displayOptions: { show: { dataCenter: [CUSTOM_DATA_CENTER] } },
		},
		{
			displayName: 'Trigger Secret',
			name: 'triggerSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'Optional. A secret you choose for the MoEngage Trigger: MoEngage sends it with every connector campaign or Streams call (as a header value, or as the Basic auth password) and the trigger refuses calls without it. Not sent to MoEngage\'s APIs.',
		},
	];

	/**
	 * Basic auth (workspace ID + the key the endpoint needs), the workspace header the Cards APIs
	 * require, the `Signature` of a campaign report download, and the data center's host for
	 * requests that carry only a path. The Push API takes no Basic auth: its requests are signed
	 * with the Push key instead (transport/push.ts), and go to its own host.
	 */
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const workspaceId = credentialText(credentials.workspaceId);
		// n8n's HTTP Request node hands over request-style options, with `uri` instead of `url`.
		const { uri } = requestOptions as IHttpRequestOptions & { uri?: unknown };
		const url = String(requestOptions.url ?? uri ?? '');
		const { key } = keyFor(url, credentials);
		const baseURL = requestOptions.baseURL ?? baseUrlOf(credentials, url);
		const problem = credentials.dataCenter === CUSTOM_DATA_CENTER ? baseUrlProblem(baseURL) : undefined;
		if (problem) throw new Error(`The MoEngage credential's Base URL ${problem}`);
		if (keyFieldFor(url) === 'pushApiKey') return signPushRequest({ ...requestOptions, baseURL }, workspaceId, key);
		// A campaign report download is signed with the key instead (withReportSignature).
		return withReportSignature(
			url,
			workspaceId,
			key,
			withDatabaseName(url, credentialText(credentials.databaseName), withProjectCode(url, credentialText(credentials.projectCode), {
				...requestOptions,
				baseURL,
				auth: { username: workspaceId, password: key },
				headers: { ...requestOptions.headers, 'MOE-APPKEY': workspaceId },
			})),
		);
	}

	// The credential test is the MoEngage node's `moEngageApiTest` (testedBy): it checks the Data
	// key with Test Connection and the Campaign key with a Cards call, which one request cannot do.
}
