import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { defineOperation, sendEachItem } from '../operation';
import type { Field } from '../../helpers/parameters';
import { fieldError, readChoice, readOptionalText, readRequiredText, readTextList } from '../../helpers/parameters';
import { checkBodySize } from '../../helpers/requestSize';
import { operationOptions } from '../../helpers/requestSettings';
import type { ItemRequest } from '../../run/schedule';
import type { ItemRun } from '../../run/itemRun';
import type { MoEngageClient } from '../../transport';
import { ENDPOINTS, FILE_SEGMENT_MAX_FILE_MB, FILE_SEGMENT_OPS_PER_HOUR, FILE_SEGMENT_QUOTA } from '../../transport/api';

const QUOTA_TEXT = FILE_SEGMENT_QUOTA.map((window) => window.label).join(' and ');

const NAME: Field = { name: 'fileSegmentName', label: 'Segment Name' };
const FILE_URL: Field = { name: 'fileUrl', label: 'File URL' };
const ATTRIBUTE_NAME: Field = { name: 'attributeName', label: 'Identify Users By Attribute' };
const ATTRIBUTE_TYPE: Field = { name: 'attributeType', label: 'Attribute Type' };
const EXPIRY: Field = { name: 'expiryDays', label: 'Expiry (Days)' };
const CALLBACK_URL: Field = { name: 'callbackUrl', label: 'Callback URL' };
const EMAILS: Field = { name: 'notifyEmails', label: 'Notify Emails' };

const ATTRIBUTE_TYPES = ['string', 'double'] as const;

const properties: INodeProperties[] = [
	{
		displayName: `Each item creates one file segment from a public CSV file (one column, at most ${FILE_SEGMENT_MAX_FILE_MB} MB). MoEngage allows ${QUOTA_TEXT} file-segment operations (create, add, remove together): the node refuses a run of more than ${FILE_SEGMENT_OPS_PER_HOUR} items before sending any. Needs the credential's Database Name.`,
		name: 'fileSegmentNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: NAME.label,
		name: NAME.name,
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. Warehouse VIPs 2024-06',
		description: 'A name no other segment of the workspace has (MoEngage answers 409 otherwise)',
	},
	{
		displayName: FILE_URL.label,
		name: FILE_URL.name,
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. https://storage.example.com/vips.csv',
		description: `A public, downloadable URL of a single-column CSV file of the users' identifiers, at most ${FILE_SEGMENT_MAX_FILE_MB} MB, one value a line, no header values MoEngage cannot match, no duplicates`,
	},
	{
		displayName: ATTRIBUTE_NAME.label,
		name: ATTRIBUTE_NAME.name,
		type: 'string',
		default: 'ID',
		required: true,
		placeholder: 'e.g. ID',
		description: "The user attribute the file's values are, e.g. ID (the customer ID) or email. Only users MoEngage already has are added.",
	},
	{
		displayName: ATTRIBUTE_TYPE.label,
		name: ATTRIBUTE_TYPE.name,
		type: 'options',
		default: 'string',
		options: [
			{ name: 'Number', value: 'double' },
			{ name: 'Text', value: 'string' },
		],
		description: "The data type of the attribute's values",
	},
	{
		displayName: EXPIRY.label,
		name: EXPIRY.name,
		type: 'number',
		default: 30,
		required: true,
		typeOptions: { minValue: 1, numberPrecision: 0 },
		description: 'After this many days MoEngage archives the segment',
	},
	...operationOptions(ENDPOINTS.createFileSegment, { perItem: true }, [
		{
			displayName: CALLBACK_URL.label,
			name: CALLBACK_URL.name,
			type: 'string',
			default: '',
			placeholder: 'e.g. https://n8n.example.com/webhook/segment-ready',
			description: "Where MoEngage posts the result once it has processed the file (users found and added, or why it failed), e.g. an n8n Webhook node's URL",
		},
		{
			displayName: EMAILS.label,
			name: EMAILS.name,
			type: 'string',
			default: '',
			placeholder: 'e.g. crm@example.com, ops@example.com',
			description: 'Email addresses MoEngage sends the processing result to, separated by commas',
		},
	]),
];

export interface CreateFromFileParams {
	body: IDataObject;
}

function readUrl(context: IExecuteFunctions, field: Field, itemIndex: number, text: string): string {
	let url: URL;
	try {
		url = new URL(text);
	} catch {
		throw fieldError(context, field, itemIndex, `is not a URL: "${text}"`, 'Enter a full URL starting with https://');
	}
	if (url.protocol !== 'https:' && url.protocol !== 'http:') throw fieldError(context, field, itemIndex, `must start with https:// or http://: "${text}"`);
	return text;
}

export function readItem(this: IExecuteFunctions, itemIndex: number): CreateFromFileParams {
	const name = readRequiredText(this, NAME, itemIndex);
	const fileUrl = readUrl(this, FILE_URL, itemIndex, readRequiredText(this, FILE_URL, itemIndex));
	const attributeName = readRequiredText(this, ATTRIBUTE_NAME, itemIndex);
	const attributeType = readChoice(this, ATTRIBUTE_TYPE, itemIndex, ATTRIBUTE_TYPES);
	const expiry: unknown = this.getNodeParameter(EXPIRY.name, itemIndex);
	if (typeof expiry !== 'number' || !Number.isInteger(expiry) || expiry < 1) {
		throw fieldError(this, EXPIRY, itemIndex, `must be a whole number of days from 1, but it is ${JSON.stringify(expiry)}`);
	}
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const callbackText = readOptionalText(this, CALLBACK_URL, itemIndex, options[CALLBACK_URL.name]);
	const emails = readTextList(this, EMAILS, itemIndex, options[EMAILS.name] ?? '');
	for (const email of emails) {
		if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) throw fieldError(this, EMAILS, itemIndex, `has an entry that is not an email address: "${email}"`);
	}
	const body: IDataObject = { name, attribute_name: attributeName, attribute_type: attributeType, file_url: fileUrl, expiry_time: expiry };
	if (callbackText !== undefined) body.callback_url = readUrl(this, CALLBACK_URL, itemIndex, callbackText);
	if (emails.length > 0) body.emails = emails;
	checkBodySize(this, itemIndex, body, [
		{ field: NAME, value: name },
		{ field: FILE_URL, value: fileUrl },
		{ field: ATTRIBUTE_NAME, value: attributeName },
		{ field: CALLBACK_URL, value: callbackText },
		{ field: EMAILS, value: emails },
	]);
	return { body };
}

/**
 * MoEngage's file-segment quota is 10 operations an hour: a run of more is refused before any is
 * sent, so that none is left half done.
 */
async function sendAll(this: IExecuteFunctions, client: MoEngageClient, requests: Array<ItemRequest<CreateFromFileParams>>, run: ItemRun): Promise<void> {
	if (requests.length > FILE_SEGMENT_OPS_PER_HOUR) {
		const description = `Send at most ${FILE_SEGMENT_OPS_PER_HOUR} items per hour, e.g. with a Limit node. MoEngage's quota is ${QUOTA_TEXT}, for creating, adding and removing together; operations from other workflows count too.`;
		for (const { itemIndex } of requests) {
			const message = `This run would create ${requests.length} file segments, but MoEngage allows ${FILE_SEGMENT_OPS_PER_HOUR} file-segment operations an hour: nothing was sent (item ${itemIndex})`;
			run.fail(itemIndex, new NodeOperationError(this.getNode(), message, { itemIndex, description }));
		}
		return;
	}
	await sendEachItem(this, client, requests, run, {
		async sendEach(client, { body }, itemIndex) {
			return await client.request(ENDPOINTS.createFileSegment, body, { itemIndex, subject: `segment "${String(body.name)}"` });
		},
		userOf: ({ body }) => String(body.name),
	});
}

export const createFromFile = defineOperation<CreateFromFileParams, 'segment', 'createFromFile'>({
	resource: 'segment',
	operation: 'createFromFile',
	picker: {
		name: 'Create From File',
		description: `Create a file segment from a public CSV URL of user identifiers (up to ${FILE_SEGMENT_MAX_FILE_MB} MB). MoEngage allows ${QUOTA_TEXT} file-segment operations; it adds the users after answering.`,
		action: 'Create a segment from a file',
	},
	properties,
	endpoint: ENDPOINTS.createFileSegment,
	readItem,
	// MoEngage cannot take a file-segment request without the workspace's database name (MOE-DBNAME).
	needsCredential: {
		field: 'databaseName',
		missing: "Database Name, which MoEngage's file-segment API requires",
		hint: 'Open the credential and fill in "Database Name" (MoEngage\'s db_name of the workspace, sent as the MOE-DBNAME header; your MoEngage CSM or support can tell you).',
	},
	sendAll,
});
