import type { IDataObject } from 'n8n-workflow';

/**
 * The MoEngage node's parameters for one operation, reading its IDs from the input item by
 * expression (`id`, or `old`/`keep` for Merge, `event` for Track Event, `plan` for Create or
 * Update), with the given Options.
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
