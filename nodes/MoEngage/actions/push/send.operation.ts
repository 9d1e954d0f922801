import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { defineOperation } from '../operation';
import { fieldError, readChoice, readOptionalText, readRequiredText } from '../../helpers/parameters';
import { checkBodySize } from '../../helpers/requestSize';
import { operationOptions } from '../../helpers/requestSettings';
import { ENDPOINTS } from '../../transport/api';
import { KEY_LABELS } from '../../transport/credential';
import { isObject } from '../../transport/errors';
import type { PushPlatform, PushUserAttribute } from '../../transport/push';
import { PUSH_CAMPAIGN_NAME_MIN_LENGTH, PUSH_PLATFORMS, PUSH_USER_ATTRIBUTES } from '../../transport/push';

export const CAMPAIGN_NAME = { name: 'campaignName', label: 'Campaign Name' };
export const IDENTIFY_BY = { name: 'identifyBy', label: 'Identify User By' };
export const USER = { name: 'user', label: 'User' };
export const PLATFORMS = { name: 'platforms', label: 'Platforms' };
export const TITLE = { name: 'title', label: 'Title' };
export const MESSAGE = { name: 'message', label: 'Message' };
export const CLICK_URL = { name: 'clickUrl', label: 'Click-Through URL' };
export const IMAGE_URL = { name: 'imageUrl', label: 'Image URL' };
export const WEB_ICON_URL = { name: 'webIconUrl', label: 'Web Icon URL' };
export const IGNORE_FREQUENCY_CAP = { name: 'ignoreFrequencyCap', label: 'Ignore Frequency Capping' };
export const EXTRA_PAYLOAD = { name: 'extraPayloadJson', label: 'Extra Payload (JSON)' };

const properties: INodeProperties[] = [
	{
		displayName:
			"Sends a push notification to one user per item through MoEngage's Push API (Push API Key in the credential), for workspaces without Inform. MoEngage answers that it accepted the push, not that it was delivered. Requests with the same Campaign Name are grouped in one campaign: the first one sets its settings, later ones only change the message.",
		name: 'pushNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: CAMPAIGN_NAME.label,
		name: CAMPAIGN_NAME.name,
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. Order Shipped Push',
		description: `The campaign MoEngage files the push under (at least ${PUSH_CAMPAIGN_NAME_MIN_LENGTH} characters), created by the first push with this name. Use one name per kind of message, so that its pushes are reported together.`,
	},
	{
		displayName: IDENTIFY_BY.label,
		name: IDENTIFY_BY.name,
		type: 'options',
		default: 'USER_ATTRIBUTE_UNIQUE_ID',
		options: [
			{ name: 'Customer ID', value: 'USER_ATTRIBUTE_UNIQUE_ID', description: "The user's ID field (customer_id)" },
			{ name: 'Email', value: 'USER_ATTRIBUTE_USER_EMAIL', description: 'The email address on the profile (may match up to 100 users)' },
			{ name: 'Google Advertising ID', value: 'MOE_GAID', description: "The Android device's advertising ID (GAID)" },
			{ name: 'iOS Advertising ID', value: 'ADVERTISING_IDENTIFIER', description: "The iOS device's advertising ID (IDFA)" },
			{ name: 'Mobile Number', value: 'USER_ATTRIBUTE_USER_MOBILE', description: 'The mobile number on the profile (may match up to 100 users)' },
			{ name: 'Push Token', value: 'PUSH_ID', description: "A device's push token (Android or iOS)" },
		],
	},
	{
		displayName: USER.label,
		name: USER.name,
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. u-1001',
		description: 'The user to send the push to, as the profile stores it',
	},
	{
		displayName: PLATFORMS.label,
		name: PLATFORMS.name,
		type: 'multiOptions',
		required: true,
		default: ['ANDROID', 'IOS'],
		options: [
			{ name: 'Android', value: 'ANDROID' },
			{ name: 'iOS', value: 'IOS' },
			{ name: 'Web', value: 'WEB', description: 'Web push needs a Click-Through URL and a Web Icon URL (in Options)' },
		],
		description: "The user's devices to send to",
	},
	{ displayName: TITLE.label, name: TITLE.name, type: 'string', required: true, default: '', placeholder: 'e.g. Your order has shipped' },
	{ displayName: MESSAGE.label, name: MESSAGE.name, type: 'string', required: true, default: '', typeOptions: { rows: 2 }, placeholder: 'e.g. Order 1042 arrives tomorrow' },
	{
		displayName: CLICK_URL.label,
		name: CLICK_URL.name,
		type: 'string',
		default: '',
		placeholder: 'e.g. https://shop.example.com/orders/1042 or myapp://orders/1042',
		description: 'Where a tap on the push leads: a web address or an app deep link. Required for Web.',
	},
	{
		displayName: IMAGE_URL.label,
		name: IMAGE_URL.name,
		type: 'string',
		default: '',
		placeholder: 'e.g. https://cdn.example.com/parcel.png',
		description: 'An image shown in the push (optional)',
	},
	...operationOptions(ENDPOINTS.sendPush, { perItem: true }, [
		{
			displayName: EXTRA_PAYLOAD.label,
			name: EXTRA_PAYLOAD.name,
			type: 'json',
			default: '{}',
			description:
				'More fields of MoEngage\'s payload, by platform, added to what the fields above set, e.g. {"ANDROID": {"channel_id": "orders"}, "IOS": {"subtitle": "Arriving tomorrow"}}',
		},
		{
			displayName: IGNORE_FREQUENCY_CAP.label,
			name: IGNORE_FREQUENCY_CAP.name,
			type: 'boolean',
			default: false,
			description: "Whether to send even when the user has reached the workspace's frequency cap (for transactional pushes such as OTPs)",
		},
		{
			displayName: WEB_ICON_URL.label,
			name: WEB_ICON_URL.name,
			type: 'string',
			default: '',
			placeholder: 'e.g. https://shop.example.com/icon.png',
			description: 'The icon of a web push (required for Web)',
		},
	]),
];

/** How the target user is named in messages. */
const USER_LABELS: Record<PushUserAttribute, string> = {
	USER_ATTRIBUTE_UNIQUE_ID: 'customer ID',
	USER_ATTRIBUTE_USER_EMAIL: 'email',
	USER_ATTRIBUTE_USER_MOBILE: 'mobile number',
	PUSH_ID: 'push token',
	MOE_GAID: 'GAID',
	ADVERTISING_IDENTIFIER: 'IDFA',
};

export interface SendPushParams {
	body: IDataObject & { campaignName: string; targetPlatform: PushPlatform[]; targetUserAttributes: { attribute: PushUserAttribute; comparisonParameter: 'is'; attributeValue: string } };
}

function readPlatforms(context: IExecuteFunctions, itemIndex: number): PushPlatform[] {
	const value = context.getNodeParameter(PLATFORMS.name, itemIndex, []);
	const list = typeof value === 'string' ? value.split(',').map((entry) => entry.trim().toUpperCase()) : value;
	const known = (entry: unknown): entry is PushPlatform => typeof entry === 'string' && (PUSH_PLATFORMS as readonly string[]).includes(entry);
	if (!Array.isArray(list) || list.length === 0 || !list.every(known)) {
		throw fieldError(context, PLATFORMS, itemIndex, `must list one or more of ${PUSH_PLATFORMS.join(', ')}`, 'Choose Android, iOS or Web');
	}
	return [...new Set(list)];
}

/** The Extra Payload (JSON): fields to add per platform, only for the platforms chosen. */
function readExtraPayload(context: IExecuteFunctions, itemIndex: number, options: IDataObject, platforms: PushPlatform[]): Partial<Record<PushPlatform, IDataObject>> {
	let value: unknown = options[EXTRA_PAYLOAD.name] ?? {};
	if (typeof value === 'string') {
		try {
			value = value.trim() === '' ? {} : JSON.parse(value);
		} catch {
			throw fieldError(context, EXTRA_PAYLOAD, itemIndex, 'is not valid JSON', 'e.g. {"ANDROID": {"channel_id": "orders"}}');
		}
	}
	if (!isObject(value)) throw fieldError(context, EXTRA_PAYLOAD, itemIndex, 'must be a JSON object', 'e.g. {"ANDROID": {"channel_id": "orders"}}');
	const extra: Partial<Record<PushPlatform, IDataObject>> = {};
	for (const [platform, fields] of Object.entries(value)) {
		if (!(PUSH_PLATFORMS as readonly string[]).includes(platform) || !isObject(fields)) {
			throw fieldError(context, EXTRA_PAYLOAD, itemIndex, `has "${platform}", which is not ANDROID, IOS or WEB with an object of fields`, 'e.g. {"IOS": {"subtitle": "Arriving tomorrow"}}');
		}
		const chosen = platforms.find((candidate) => candidate === platform);
		if (!chosen) throw fieldError(context, EXTRA_PAYLOAD, itemIndex, `has fields for ${platform}, which is not among the Platforms`, `Add ${platform} to Platforms, or remove its fields`);
		extra[chosen] = fields;
	}
	return extra;
}

/** One platform's payload (push-v2-1.yaml AndroidPayload, IOSPayload, WebPayload): the extra fields first, the fields of the form over them. */
function payloadFor(platform: PushPlatform, { title, message, clickUrl, imageUrl, iconUrl }: { title: string; message: string; clickUrl?: string; imageUrl?: string; iconUrl?: string }, extra: IDataObject = {}): IDataObject {
	if (platform === 'WEB') return { ...extra, title, message, redirectURL: clickUrl, iconURL: iconUrl, ...(imageUrl !== undefined ? { imageURL: imageUrl } : {}) };
	return {
		...extra,
		title,
		message,
		...(imageUrl !== undefined ? { richContent: [{ type: 'image', value: imageUrl }] } : {}),
		// A deep link opens the app's screen, or the browser for a web address.
		...(clickUrl !== undefined ? { defaultAction: { type: 'deeplinking', value: clickUrl } } : {}),
	};
}

export function readItem(this: IExecuteFunctions, itemIndex: number): SendPushParams {
	const campaignName = readRequiredText(this, CAMPAIGN_NAME, itemIndex);
	if (campaignName.length < PUSH_CAMPAIGN_NAME_MIN_LENGTH) {
		throw fieldError(this, CAMPAIGN_NAME, itemIndex, `is "${campaignName}", shorter than the ${PUSH_CAMPAIGN_NAME_MIN_LENGTH} characters MoEngage requires`, 'e.g. Order Shipped Push');
	}
	const attribute = readChoice(this, IDENTIFY_BY, itemIndex, PUSH_USER_ATTRIBUTES);
	const user = readRequiredText(this, USER, itemIndex);
	const platforms = readPlatforms(this, itemIndex);
	const title = readRequiredText(this, TITLE, itemIndex);
	const message = readRequiredText(this, MESSAGE, itemIndex);
	const clickUrl = readOptionalText(this, CLICK_URL, itemIndex);
	const imageUrl = readOptionalText(this, IMAGE_URL, itemIndex);
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const iconUrl = readOptionalText(this, WEB_ICON_URL, itemIndex, options[WEB_ICON_URL.name]);
	if (platforms.includes('WEB')) {
		// WebPayload requires redirectURL and iconURL.
		if (clickUrl === undefined) throw fieldError(this, CLICK_URL, itemIndex, 'is empty, and MoEngage requires it for Web', 'Enter the page a tap opens, or remove Web from Platforms');
		if (iconUrl === undefined) throw fieldError(this, WEB_ICON_URL, itemIndex, 'is empty, and MoEngage requires it for Web', 'Add the option Web Icon URL, or remove Web from Platforms');
	}
	const extra = readExtraPayload(this, itemIndex, options, platforms);
	const payload = Object.fromEntries(platforms.map((platform) => [platform, payloadFor(platform, { title, message, clickUrl, imageUrl, iconUrl }, extra[platform])]));
	const body: SendPushParams['body'] = {
		campaignName,
		requestType: 'push',
		targetPlatform: platforms,
		targetAudience: 'User',
		targetUserAttributes: { attribute, comparisonParameter: 'is', attributeValue: user },
		payload,
		campaignDelivery: { type: 'soon' },
	};
	if (options[IGNORE_FREQUENCY_CAP.name] === true) body.advancedSettings = { ignoreFC: 'true' };
	checkBodySize(this, itemIndex, body, [
		{ field: CAMPAIGN_NAME, value: campaignName },
		{ field: USER, value: user },
		{ field: TITLE, value: title },
		{ field: MESSAGE, value: message },
		{ field: CLICK_URL, value: clickUrl },
		{ field: IMAGE_URL, value: imageUrl },
		{ field: WEB_ICON_URL, value: iconUrl },
		{ field: EXTRA_PAYLOAD, value: extra },
	]);
	return { body };
}

export const send = defineOperation<SendPushParams, 'push', 'send'>({
	resource: 'push',
	operation: 'send',
	picker: {
		name: 'Send',
		description: "Send a push notification to one user now through MoEngage's Push API (for workspaces without Inform). MoEngage answers that it accepted the push, not that it was delivered.",
		action: 'Send a push notification',
	},
	properties,
	endpoint: ENDPOINTS.sendPush,
	readItem,
	// The Push API checks a signature made with the Push key: without it nothing can be sent.
	needsCredential: { field: 'pushApiKey', missing: KEY_LABELS.pushApiKey, hint: 'Open the credential and fill in "Push API Key" (Settings > Account > APIs, the Push tile).' },
	async sendEach(client, { body }, itemIndex) {
		const { attribute, attributeValue } = body.targetUserAttributes;
		const answer = await client.request(ENDPOINTS.sendPush, body, { itemIndex, subject: `${USER_LABELS[attribute]} "${attributeValue}"` });
		return {
			// "Success": MoEngage accepted the push; delivery happens later.
			status: 'accepted',
			campaign_name: body.campaignName,
			campaign_id: answer.cid,
			identify_by: attribute,
			user: attributeValue,
			platforms: body.targetPlatform,
			request_id: answer.requestId,
			response_id: answer.responseId,
		};
	},
	userOf: ({ body }) => `${body.targetUserAttributes.attribute}|${body.targetUserAttributes.attributeValue}`,
});
