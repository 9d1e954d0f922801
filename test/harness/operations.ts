import type { IDataObject } from 'n8n-workflow';

/**
 * The MoEngage node's parameters for one operation, reading its IDs from the input item by
 * expression (`id`, or `old`/`keep` for Merge, `event` for Track Event and Trigger, `plan` for
 * Create or Update, `segment` for the Segment operations, `to` for Send Alert, `uid` and
 * `campaigns` for Cards, `name`/`channel`/`campaign` for Campaigns), with the given Options.
 */

export const createOrUpdate = (options: IDataObject = {}) => ({
	resource: 'user',
	operation: 'createOrUpdate',
	customerId: '={{ $json.id }}',
	customAttributes: { attribute: [{ name: 'plan', value: '={{ $json.plan }}' }] },
	options,
});

export const deleteUser = (options: IDataObject = {}) => ({
	resource: 'user',
	operation: 'delete',
	identityType: 'customer_id',
	identityValue: '={{ $json.id }}',
	options,
});

/** Erase by email: `email` from the item. */
export const eraseUser = (options: IDataObject = {}) => ({
	resource: 'user',
	operation: 'erase',
	eraseBy: 'email',
	eraseValue: '={{ $json.email }}',
	options,
});

export const getUser = (options: IDataObject = {}) => ({
	resource: 'user',
	operation: 'get',
	identifierType: 'customer_id',
	identifier: '={{ $json.id }}',
	standardAttributes: ['name'],
	options,
});

export const mergeUsers = (options: IDataObject = {}) => ({
	resource: 'user',
	operation: 'merge',
	mergedUser: '={{ $json.old }}',
	retainedUser: '={{ $json.keep }}',
	options,
});

export const trackEvent = (options: IDataObject = {}) => ({
	resource: 'event',
	operation: 'track',
	customerId: '={{ $json.id }}',
	eventName: '={{ $json.event }}',
	options,
});

/** Card operations read the user's standard ID from `uid`, the campaigns from `campaigns`. */
export const getCards = (options: IDataObject = {}) => ({
	resource: 'card',
	operation: 'get',
	identifyBy: 'uid',
	userValue: '={{ $json.uid }}',
	options,
});

export const deleteCards = (options: IDataObject = {}) => ({
	resource: 'card',
	operation: 'delete',
	identifyBy: 'uid',
	userValue: '={{ $json.uid }}',
	campaignIds: '={{ $json.campaigns }}',
	options,
});

/** The request settings that node version 1.1 moved from Options to Advanced (helpers/requestSettings.ts). */
const ADVANCED_SETTINGS = ['concurrency', 'maxRetries', 'maxWaitSeconds', 'timeoutSeconds'];

/** Node version 1.2 turned Card → Delete's Campaign IDs text into a campaign picker (helpers/campaignLocator.ts). */
function withCampaignPicker(parameters: IDataObject): IDataObject {
	if (!('campaignIds' in parameters)) return parameters;
	const { campaignIds, ...rest } = parameters;
	return { ...rest, campaigns: { __rl: true, mode: 'id', value: campaignIds } };
}

/**
 * The parameters as a node of `version` holds them: from 1.1 on, request settings sit in
 * Advanced; from 1.2 on, Card → Delete's campaigns are a picker.
 */
export function atVersion(parameters: IDataObject, version: number): IDataObject {
	if (version < 1.1) return parameters;
	if (version >= 1.2) parameters = withCampaignPicker(parameters);
	const options = { ...(parameters.options as IDataObject | undefined) };
	const advanced: IDataObject = {};
	for (const name of ADVANCED_SETTINGS) {
		if (name in options) {
			advanced[name] = options[name];
			delete options[name];
		}
	}
	return { ...parameters, options, advanced };
}
const segmentMembers = (operation: 'addUsers' | 'removeUsers') => (options: IDataObject = {}) => ({
	resource: 'segment',
	operation,
	segmentId: '={{ $json.segment }}',
	segmentName: '={{ "Segment " + $json.segment }}',
	customerId: '={{ $json.id }}',
	options,
});

export const addUsersToSegment = segmentMembers('addUsers');

export const removeUsersFromSegment = segmentMembers('removeUsers');

export const triggerBusinessEvent = (options: IDataObject = {}) => ({
	resource: 'businessEvent',
	operation: 'trigger',
	businessEventName: '={{ $json.event }}',
	businessEventAttributesInput: 'json',
	businessEventAttributesJson: '={{ JSON.stringify($json.attributes ?? {}) }}',
	options,
});

/** Send Alert by reference name, by SMS to `$json.to`, for the user `$json.id`. */
export const sendAlert = (options: IDataObject = {}) => ({
	resource: 'inform',
	operation: 'sendAlert',
	identifyAlertBy: 'alert_reference_name',
	alertReferenceName: '={{ $json.alert ?? "order_shipped" }}',
	customerId: '={{ $json.id }}',
	channels: { channel: [{ channel: 'SMS', recipient: '={{ $json.to }}' }] },
	options,
});

/** Campaign → Search: the first campaign named like the item's `name`, of the item's `channel` (all when absent). */
export const searchCampaigns = (options: IDataObject = {}) => ({
	resource: 'campaign',
	operation: 'search',
	returnAll: false,
	limit: 1,
	filters: { name: '={{ $json.name }}', channels: '={{ $json.channel ?? [] }}' },
	options,
});

/** Campaign → Get Stats of the item's `campaign` over a fixed 7-day range. */
export const getCampaignStats = (options: IDataObject = {}) => ({
	resource: 'campaign',
	operation: 'getStats',
	campaigns: { __rl: true, mode: 'id', value: '={{ $json.campaign }}' },
	period: 'custom',
	startDate: '2024-06-01',
	endDate: '2024-06-07',
	options,
});

/** User → Get Subscription Preferences of the item's `id` (Customer ID). */
export const getSubscriptionPreferences = (options: IDataObject = {}) => ({
	resource: 'user',
	operation: 'getSubscriptionPreferences',
	subscriberIdType: 'uid',
	subscriberId: '={{ $json.id }}',
	options,
});

/** User → Update Subscription Preferences: the item's `id` (Customer ID) unsubscribed from the newsletter. */
export const unsubscribeFromNewsletter = (options: IDataObject = {}) => ({
	resource: 'user',
	operation: 'updateSubscriptionPreferences',
	subscriberIdType: 'uid',
	subscriberId: '={{ $json.id }}',
	categories: { category: [{ name: 'newsletter', subscribed: false }] },
	options,
});

/** Segment → Get Many: the segment named `name` (exact), up to `limit` (default 50). */
export const getSegments = (options: IDataObject = {}) => ({
	resource: 'segment',
	operation: 'getMany',
	limit: '={{ $json.limit ?? 50 }}',
	segmentFilters: { name: '={{ $json.name }}' },
	options,
});

/** Segment → Get: the segment with ID `segment`. */
export const getSegment = (options: IDataObject = {}) => ({
	resource: 'segment',
	operation: 'get',
	segment: { __rl: true, mode: 'id', value: '={{ $json.segment }}' },
	options,
});

/** Campaign → Send Message: the item's `campaign` (default: the seeded Order Confirmation shell) to the Customer ID `$json.id`, with the order number. */
export const sendMessage = (options: IDataObject = {}) => ({
	resource: 'campaign',
	operation: 'sendMessage',
	campaign: { __rl: true, mode: 'id', value: '={{ $json.campaign ?? "66e93302000000000shell01" }}' },
	recipientType: 'ID',
	recipient: '={{ $json.id }}',
	personalizedAttributesInput: 'json',
	personalizedAttributesJson: '={{ JSON.stringify({ order_id: $json.order ?? "ORD-1" }) }}',
	options,
});

/**
 * Push → Send to the item's `id` (customer ID) on Android and iOS, under the campaign "Order
 * Shipped Push"; `extra` goes to Extra Payload (JSON) (a wrong type there is refused by MoEngage).
 */
export const sendPush = (options: IDataObject = {}) => ({
	resource: 'push',
	operation: 'send',
	campaignName: 'Order Shipped Push',
	identifyBy: 'USER_ATTRIBUTE_UNIQUE_ID',
	user: '={{ $json.id }}',
	platforms: ['ANDROID', 'IOS'],
	title: 'Your order has shipped',
	message: '={{ "Order " + ($json.order ?? "1042") + " arrives tomorrow" }}',
	clickUrl: 'myapp://orders',
	options: { extraPayloadJson: '={{ JSON.stringify($json.extra ?? {}) }}', ...options },
});

/** Campaign → Get of the item's `campaign` (by ID). */
export const getCampaign = (options: IDataObject = {}) => ({
	resource: 'campaign',
	operation: 'get',
	campaign: { __rl: true, mode: 'id', value: '={{ $json.campaign }}' },
	options,
});

/** Campaign → Change Status: the item's `campaign` (by ID) paused, or the item's `action`. */
export const pauseCampaign = (options: IDataObject = {}) => ({
	resource: 'campaign',
	operation: 'changeStatus',
	campaigns: { __rl: true, mode: 'id', value: '={{ $json.campaign }}' },
	statusAction: '={{ $json.action ?? "PAUSE" }}',
	options,
});

/** Campaign → Download Report: the file named in the item's `file`, in the binary field `data`. */
export const downloadReport = (options: IDataObject = {}) => ({
	resource: 'campaign',
	operation: 'downloadReport',
	reportFile: 'fileName',
	fileName: '={{ $json.file }}',
	options,
});

/** Segment → Create From File: a segment named by the item's `name` from the CSV at its `url`, by customer ID. */
export const createSegmentFromFile = (options: IDataObject = {}) => ({
	resource: 'segment',
	operation: 'createFromFile',
	fileSegmentName: '={{ $json.name }}',
	fileUrl: '={{ $json.url }}',
	attributeName: 'ID',
	options,
});

/** Flow → Search: the first 50 flows named like the item's `name`. */
export const searchFlows = (options: IDataObject = {}) => ({
	resource: 'flow',
	operation: 'search',
	flowFilters: { name: '={{ $json.name }}' },
	options,
});

/** Flow → Get of the item's `flow` (by ID). */
export const getFlow = (options: IDataObject = {}) => ({
	resource: 'flow',
	operation: 'get',
	flow: { __rl: true, mode: 'id', value: '={{ $json.flow }}' },
	options,
});

/** Flow → Change Status: the item's `flow` paused (or the item's `action`), by ann@example.com. */
export const pauseFlow = (options: IDataObject = {}) => ({
	resource: 'flow',
	operation: 'changeStatus',
	flow: { __rl: true, mode: 'id', value: '={{ $json.flow }}' },
	flowAction: '={{ $json.action ?? "pause" }}',
	updatedBy: 'ann@example.com',
	options,
});
