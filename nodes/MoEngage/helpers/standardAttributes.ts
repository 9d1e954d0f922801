/**
 * MoEngage's standard user attributes, in one place for writing them (Create or Update) and
 * reading them (Get). The names are the ones MoEngage's Track User examples and public
 * connectors use (`first_name`, `email`…). MoEngage's data overview lists these attributes only
 * under internal keys (`u_fn`, `u_em`…) and its Get User examples show only `name`,
 * `last_name`, `customer_id` and `id`: Get asks for and reads them under the names below, the
 * reading transport/limits.ts GET_USER_READING keeps with its reason. "Return All Attributes" in
 * Get shows what a workspace really returns.
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

/**
 * MoEngage's standard subscription attributes: the only names starting `moe_` that Track User may
 * set (custom names may not start with `moe_`). Types as data.yaml's UserAttributes gives them:
 * three are text, the others booleans.
 */
export interface SubscriptionAttribute {
	name: string;
	displayName: string;
	kind: 'boolean' | 'string' | 'options';
	description: string;
	/** For `options`: the values MoEngage accepts. */
	values?: readonly string[];
}

export const EMAIL_OPT_IN_STATUSES = ['DOUBLE_OPTED_IN', 'OPTED_OUT', 'OPT_IN_PENDING'] as const;

export const SUBSCRIPTION_ATTRIBUTES: readonly SubscriptionAttribute[] = [
	{ name: 'moe_hard_bounce', displayName: 'Email Hard Bounced', kind: 'boolean', description: 'Whether the email address hard-bounced: MoEngage sends no email while it is true (moe_hard_bounce)' },
	{ name: 'moe_spam', displayName: 'Email Marked as Spam', kind: 'boolean', description: 'Whether the user marked an email as spam: MoEngage sends no email while it is true (moe_spam)' },
	{ name: 'moe_email_optin_status', displayName: 'Email Opt-In Status', kind: 'options', values: EMAIL_OPT_IN_STATUSES, description: "The user's email opt-in status (moe_email_optin_status)" },
	{ name: 'moe_em_unsub_categories', displayName: 'Email Unsubscribed Categories', kind: 'string', description: 'The email categories the user unsubscribed from, as text (moe_em_unsub_categories)' },
	{ name: 'moe_unsubscribe', displayName: 'Email Unsubscribed', kind: 'boolean', description: 'Whether the user unsubscribed from email: MoEngage sends no email while it is true (moe_unsubscribe)' },
	{ name: 'moe_sms_subscription', displayName: 'SMS Subscription Status', kind: 'string', description: "The user's SMS subscription status, as text: MoEngage decides SMS reachability from its value (moe_sms_subscription)" },
	{ name: 'moe_sub_w', displayName: 'Web Push Subscribed', kind: 'boolean', description: 'Whether the user is subscribed to web push (moe_sub_w)' },
	{ name: 'moe_wa_subscription', displayName: 'WhatsApp Subscribed', kind: 'boolean', description: 'Whether the user is subscribed to WhatsApp (moe_wa_subscription)' },
];

/**
 * `moe_gaid`, the Google Advertising ID: the one other standard `moe_` attribute Track User may
 * set. data-overview.mdx's attribute table marks it "Create through Track User API: yes" (and
 * "Update: no", so MoEngage keeps the value a user was created with); data.yaml's UserAttributes
 * types it as text. `MOE_GAID` in capitals is a reserved key (data-overview.mdx) and stays refused.
 */
export const ADVERTISING_ID_ATTRIBUTE: SubscriptionAttribute = {
	name: 'moe_gaid',
	displayName: 'Google Advertising ID',
	kind: 'string',
	description: "The user's Google Advertising ID (moe_gaid); MoEngage sets it when it creates the user and does not change it later",
};

/** Every `moe_` name Track User may set: the subscription attributes and `moe_gaid`. */
export const SETTABLE_MOE_ATTRIBUTES: readonly SubscriptionAttribute[] = [...SUBSCRIPTION_ATTRIBUTES, ADVERTISING_ID_ATTRIBUTE];

/** The attribute names MoEngage blocks for users (data.yaml UserAttributes); the empty name is refused on its own. */
export const BLOCKED_USER_ATTRIBUTE_NAMES: readonly string[] = ['id', '_id'];
