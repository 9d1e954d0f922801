/**
 * MoEngage's standard user attributes, in one place for writing them (Create or Update) and
 * reading them (Get). The names are the ones MoEngage's Track User examples and public
 * connectors use (`first_name`, `email`…). MoEngage's data overview lists these attributes only
 * under internal keys (`u_fn`, `u_em`…) and its Get User examples show only `name`,
 * `last_name`, `customer_id` and `id`, so whether every name below exports under the same name
 * is not documented: "Return All Attributes" in Get shows what a workspace really returns.
 */
export interface StandardAttribute {
	/** The name sent to and read from MoEngage. */
	name: string;
	displayName: string;
	/** MoEngage's internal key (data overview), for reference. */
	internalKey: string;
	/** Whether Create or Update can set it (the IDs cannot be set as attributes). */
	writable: boolean;
}

export const STANDARD_ATTRIBUTES: readonly StandardAttribute[] = [
	{ name: 'birthday', displayName: 'Birthday', internalKey: 'u_bd', writable: true },
	{ name: 'customer_id', displayName: 'Customer ID', internalKey: 'uid', writable: false },
	{ name: 'email', displayName: 'Email', internalKey: 'u_em', writable: true },
	{ name: 'first_name', displayName: 'First Name', internalKey: 'u_fn', writable: true },
	{ name: 'gender', displayName: 'Gender', internalKey: 'u_gd', writable: true },
	{ name: 'last_name', displayName: 'Last Name', internalKey: 'u_ln', writable: true },
	{ name: 'mobile', displayName: 'Mobile', internalKey: 'u_mb', writable: true },
	{ name: 'id', displayName: 'MoEngage ID', internalKey: '_id', writable: false },
	{ name: 'name', displayName: 'Name', internalKey: 'u_n', writable: true },
];
