import type { IDataObject } from 'n8n-workflow';

/**
 * The MoEngage node's parameters for one operation, reading its IDs from the input item by
 * expression (`id`, or `old`/`keep` for Merge, `event` for Track Event), with the given Options.
 */

export const deleteUser = (options: IDataObject = {}) => ({
	resource: 'user',
	operation: 'delete',
	identityType: 'customer_id',
	identityValue: '={{ $json.id }}',
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
