/** The node's resources and the operations each offers. */
export type MoEngageType = {
	user: 'createOrUpdate' | 'get' | 'delete' | 'merge' | 'getSubscriptionPreferences' | 'updateSubscriptionPreferences';
	event: 'track';
	campaign: 'getStats' | 'search';
	card: 'delete' | 'get';
	businessEvent: 'trigger';
	inform: 'sendAlert';
	segment: 'addUsers' | 'removeUsers';
};
