/** The node's resources and the operations each offers. */
export type MoEngageType = {
	user: 'get' | 'delete';
	card: 'delete';
};
