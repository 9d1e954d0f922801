/** The node's resources and the operations each offers. */
export type MoEngageType = {
	user: 'createOrUpdate' | 'get' | 'delete' | 'merge';
	event: 'track';
	card: 'delete' | 'get';
	businessEvent: 'trigger';
	inform: 'sendAlert';
	segment: 'addUsers' | 'removeUsers';
};
