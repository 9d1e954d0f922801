import type { IDataObject } from 'n8n-workflow';

/**
 * The MoEngage node's parameters for one operation, reading its IDs from the input item by
 * expression (`id`, or `old`/`keep` for Merge, `event` for Track Event, `plan` for Create or
 * Update), with the given Options.
 * expression (`id`, or `old`/`keep` for Merge, `event` for Track Event and Trigger, `segment` for
 * the Segment operations, `to` for Send Alert), with the given Options.
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

/** The parameters as a node of `version` holds them: from 1.1 on, request settings sit in Advanced. */
export function atVersion(parameters: IDataObject, version: number): IDataObject {
	if (version < 1.1) return parameters;
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
