import type { INodeProperties } from 'n8n-workflow';

import { ALERT_MAX_AGE_MS, SIGNATURE_HEADER } from './sources/alert';
import { CONNECTOR_BODY_TEMPLATE, CONNECTOR_VALUES_REMEMBERED } from './sources/connectorCampaign';
import { STREAMS_REPEAT_WINDOW_MS } from './sources/streams';
import { STREAMS_EVENT_OPTIONS } from './sources/streamsEvents';

const showFor = (source: string[], extra: Record<string, string[]> = {}) => ({ show: { source, ...extra } });
const SHARED_SECRET_SOURCES = ['connectorCampaign', 'streams'];

const bodyTemplate = JSON.stringify(CONNECTOR_BODY_TEMPLATE, null, 2);
const minutes = (ms: number) => `${ms / 60000} minutes`;

export const triggerProperties: INodeProperties[] = [
	{
		displayName: 'Source',
		name: 'source',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Alert',
				value: 'alert',
				description: 'Alert management webhooks (campaign or flow stats crossing a threshold, expiries), signed by MoEngage',
			},
			{
				name: 'Connector Campaign',
				value: 'connectorCampaign',
				description: 'A Custom connector campaign calls the URL once per user, with a body you write',
			},
			{
				name: 'Streams',
				value: 'streams',
				description: 'Batches of campaign and user events (Streams add-on)',
			},
		],
		default: 'connectorCampaign',
	},
	{
		displayName: 'Authentication',
		name: 'authentication',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Basic Auth', value: 'basicAuth', description: 'Username and the Trigger Secret of the credential as password' },
			{ name: 'Header Secret', value: 'headerSecret', description: 'A header whose value is the Trigger Secret of the credential' },
		],
		default: 'headerSecret',
		description: 'How MoEngage proves a call is its own. Calls without it get 401 and start nothing.',
		displayOptions: showFor(SHARED_SECRET_SOURCES),
	},
	{
		displayName: 'Header Name',
		name: 'headerName',
		type: 'string',
		default: 'X-MoEngage-Secret',
		required: true,
		description: 'The header MoEngage sends the Trigger Secret in',
		displayOptions: showFor(SHARED_SECRET_SOURCES, { authentication: ['headerSecret'] }),
	},
	{
		displayName: 'Username',
		name: 'username',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. moengage',
		description: 'The Basic auth username MoEngage sends; the password is the Trigger Secret of the credential',
		displayOptions: showFor(SHARED_SECRET_SOURCES, { authentication: ['basicAuth'] }),
	},
	{
		displayName: `In MoEngage: Engage > + New Campaign > Connectors > Custom. In the Content step set Method to POST, paste the Production URL above as Webhook URL, add the header (Header Secret: the Header Name above with the credential's Trigger Secret; Basic Auth: Authorization with Basic and the base64 of username:secret) and choose Body type JSON with the body below. Each field of the body becomes a field of the output item. MoEngage may rerun a One Time or Periodic campaign's batch and call again for the same users: set Remove Duplicate Users in the campaign's Schedule and Goals step, or Drop Repeats by Field below.`,
		name: 'connectorCampaignNotice',
		type: 'notice',
		default: '',
		displayOptions: showFor(['connectorCampaign']),
	},
	{
		// A notice drops the body's line breaks in n8n 2.x: a JSON field keeps it readable and copyable.
		displayName: 'Body to Paste in MoEngage',
		name: 'connectorBody',
		type: 'json',
		default: bodyTemplate,
		description: "An example body for MoEngage's connector, with its user attribute placeholders; type @ in MoEngage's editor to insert others. The node does not read this field.",
		displayOptions: showFor(['connectorCampaign']),
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: showFor(['connectorCampaign']),
		options: [
			{
				displayName: 'Drop Repeats by Field',
				name: 'dropRepeatsByField',
				type: 'string',
				default: '',
				placeholder: 'e.g. customer_id',
				description: `A top-level field of the body that is different for each call, such as the user's ID. A call whose value came in one of the last ${CONNECTOR_VALUES_REMEMBERED.toLocaleString('en-US')} calls is answered 200 and starts nothing; a call without the field is refused (400). Leave empty when the same user should start the workflow again, e.g. each period of a Periodic campaign. MoEngage's own setting for this is Remove Duplicate Users (Schedule and Goals step).`,
			},
		],
	},
	{
		displayName:
			`Streams is set up by MoEngage: in the enablement ticket, give the Production URL above as API Endpoint, and either Basic Auth (the Username above, the credential's Trigger Secret as password) or, under Headers, the Header Name above with the Trigger Secret. Each event of a batch becomes one item. MoEngage sends a batch again when it does not get a 2xx answer: an event whose event_uuid came in the last ${minutes(STREAMS_REPEAT_WINDOW_MS)} is left out.`,
		name: 'streamsNotice',
		type: 'notice',
		default: '',
		displayOptions: showFor(['streams']),
	},
	{
		displayName: `In MoEngage: App marketplace > Alert management > Webhooks > Integrate, paste the Production URL above as Connection URL, then pick the connection under Send Alerts On when creating an alert. Each call's ${SIGNATURE_HEADER} header is checked with the credential's Campaign API Key. Only a JSON body exactly as MoEngage signed it is taken, triggered (alert_triggered_at) at most ${minutes(ALERT_MAX_AGE_MS)} before it arrives; an alert received before is answered 200 and starts nothing.`,
		name: 'alertNotice',
		type: 'notice',
		default: '',
		displayOptions: showFor(['alert']),
	},
	{
		// Not "options": that name holds the connector campaign's options in saved workflows.
		displayName: 'Options',
		name: 'alertOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: showFor(['alert']),
		options: [
			{
				displayName: 'One Item per Campaign',
				name: 'oneItemPerCampaign',
				type: 'boolean',
				default: false,
				description:
					"Whether to output one item per campaign (or flow) the alert lists in entity_data.content, each with the alert's fields (alert_id, alert_name, alert_type, alert_evaluation_criteria…) and the campaign's (campaign_id, campaign_name, current_value…), instead of one item per alert. An alert that lists none, such as a token expiry, stays one item.",
			},
		],
	},
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		description: 'Events that do not pass are left out; a batch where none passes starts nothing',
		displayOptions: showFor(['streams']),
		options: [
			{
				displayName: 'Event Names',
				name: 'eventNames',
				type: 'string',
				default: '',
				placeholder: 'e.g. Purchase, MOE_EMAIL_HARD_BOUNCE',
				description:
					"Comma-separated event codes (event_code) or names as shown in MoEngage (event_name), e.g. the workspace's own events. Together with Events: an event that matches either passes. An expression must give text.",
			},
			{
				displayName: 'Event Type',
				name: 'eventType',
				type: 'options',
				options: [
					{ name: 'Campaign Events', value: 'CAMPAIGN_EVENT', description: 'Sent, delivered, opened, bounced… (event_type CAMPAIGN_EVENT)' },
					{ name: 'User Action Events', value: 'USER_ACTION_EVENT', description: 'Events users perform (event_type USER_ACTION_EVENT)' },
				],
				default: 'CAMPAIGN_EVENT',
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				default: [],
				options: STREAMS_EVENT_OPTIONS,
				description:
					"MoEngage's documented campaign and standard user events, matched by event code. Add other events, such as the workspace's own, in Event Names.",
			},
		],
	},
];
