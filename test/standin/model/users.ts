import { randomBytes } from 'node:crypto';

/**
 * The workspace's user profiles, shared by the families that name users: the Data APIs change
 * them (Track User, Track Event, Merge Users, Bulk Import) and read them (Get User, Delete
 * User), Cards finds a user's cards, Cohort Sync adds only users MoEngage has.
 */

export type Platform = 'android' | 'ios' | 'web';

export interface StandInUser {
	customer_id: string;
	/** The MoEngage ID. */
	id: string;
	attributes: Record<string, unknown>;
	/** Campaign IDs with cards for this user, by lower-case platform. */
	cards?: Partial<Record<Platform, string[]>>;
	/** Device ID used by Delete Cards' unique_id. */
	uniqueId?: string;
	/** Standard ID (email/mobile) used by Delete Cards' uid. */
	uid?: string;
	/** Card category by campaign ID (Fetch Cards' card_category); 'General' when absent. */
	cardCategories?: Record<string, string>;
}

/** A rule of unset_attributes (data.yaml UnsetAttributeRule). */
export interface UnsetRule {
	type: 'equals' | 'prefix' | 'suffix' | 'contains';
	attr: string;
	case_sensitive?: boolean;
}

/** A change to a profile: Track User's or a Bulk Import customer element's. */
export interface ProfileChange {
	/** When set, a missing user is not created. */
	existingOnly: boolean;
	attributes: Record<string, unknown>;
	add?: Record<string, unknown[]>;
	remove?: Record<string, unknown[]>;
	unset?: UnsetRule[];
}

export class Profiles {
	private readonly users: StandInUser[];

	/** `users` by customer ID (the first with it), kept in step with every change to `users` below: lookups by customer ID stay O(1) for 100,000 users. */
	private readonly byCustomerId = new Map<string, StandInUser>();

	constructor(private readonly initial: StandInUser[]) {
		this.users = initial.map(copyUser);
		this.index();
	}

	/** Restores the profiles the stand-in was made with. */
	reset(): void {
		// Not splice(0, n, ...users): a spread of 100,000 users overflows the call stack.
		this.users.length = 0;
		for (const user of this.initial) this.users.push(copyUser(user));
		this.index();
	}

	userWith(customerId: string): StandInUser | undefined {
		return this.byCustomerId.get(customerId);
	}

	/** Every user that matches (a GDPR erasure by an email shared by several users). */
	matching(predicate: (user: StandInUser) => boolean): StandInUser[] {
		return this.users.filter(predicate);
	}

	/** The first user that matches (by MoEngage ID, by a card identity). */
	find(predicate: (user: StandInUser) => boolean): StandInUser | undefined {
		return this.users.find(predicate);
	}

	findOrCreate(customerId: string): StandInUser {
		let user = this.userWith(customerId);
		if (!user) {
			user = { customer_id: customerId, id: `moe-${randomBytes(6).toString('hex')}`, attributes: {} };
			this.users.push(user);
			this.byCustomerId.set(customerId, user);
		}
		return user;
	}

	/**
	 * Changes (or creates) a user: unset_attributes first (an order MoEngage does not document), then
	 * the attributes, then the values added to and removed from array attributes.
	 */
	apply(customerId: string, { existingOnly, attributes, add = {}, remove = {}, unset = [] }: ProfileChange): void {
		const existed = this.userWith(customerId) !== undefined;
		const user = existingOnly ? this.userWith(customerId) : this.findOrCreate(customerId);
		if (!user) return;
		// stand-in's own choice: unset_attributes is applied before attributes, an order MoEngage does not document.
		for (const name of Object.keys(user.attributes)) {
			if (unset.some((rule) => unsetMatches(rule, name))) delete user.attributes[name];
		}
		for (const [name, value] of Object.entries(attributes)) {
			// stand-in's own choice: MoEngage says the reserved keys "should not be used" and documents no answer; the request is accepted (200) and they are not stored.
			if (RESERVED_USER_ATTRIBUTE_KEYS.includes(name)) continue;
			// data-overview.mdx's table: these are created through Track User, not updated (the answer is the request's 200 all the same).
			if (existed && CREATE_ONLY_USER_ATTRIBUTES.includes(name)) continue;
			user.attributes[name] = value;
		}
		for (const [name, values] of Object.entries(add)) {
			const value = user.attributes[name];
			const current: unknown[] = Array.isArray(value) ? value : [];
			user.attributes[name] = [...current, ...values.filter((entry) => !current.includes(entry))];
		}
		for (const [name, values] of Object.entries(remove)) {
			const value = user.attributes[name];
			if (Array.isArray(value)) user.attributes[name] = value.filter((entry: unknown) => !values.includes(entry));
		}
	}

	/** `merged` joins `retained` (whose attributes win) and is gone. */
	merge(merged: StandInUser, retained: StandInUser): void {
		retained.attributes = { ...merged.attributes, ...retained.attributes };
		this.users.splice(this.users.indexOf(merged), 1);
		// Another user with the same customer ID, if any, is found from now on.
		if (this.byCustomerId.get(merged.customer_id) === merged) {
			this.byCustomerId.delete(merged.customer_id);
			const next = this.users.find((user) => user.customer_id === merged.customer_id);
			if (next) this.byCustomerId.set(next.customer_id, next);
		}
	}

	private index(): void {
		this.byCustomerId.clear();
		for (const user of this.users) if (!this.byCustomerId.has(user.customer_id)) this.byCustomerId.set(user.customer_id, user);
	}
}

/**
 * data-overview.mdx, "Reserved Keywords for User Attributes": keys that "should not be used when
 * tracking user attributes". Matched exactly, case and all: the same page's attribute table lists
 * `moe_gaid` as a standard attribute Track User creates, while `MOE_GAID` is reserved.
 */
export const RESERVED_USER_ATTRIBUTE_KEYS: readonly string[] = [
	'USER_ATTRIBUTE_UNIQUE_ID',
	'USER_ATTRIBUTE_USER_EMAIL',
	'USER_ATTRIBUTE_USER_MOBILE',
	'USER_ATTRIBUTE_USER_NAME',
	'USER_ATTRIBUTE_USER_GENDER',
	'USER_ATTRIBUTE_USER_FIRST_NAME',
	'USER_ATTRIBUTE_USER_LAST_NAME',
	'USER_ATTRIBUTE_USER_BDAY',
	'USER_ATTRIBUTE_NOTIFICATION_PREF',
	'USER_ATTRIBUTE_OLD_ID',
	'MOE_TIME_FORMAT',
	'MOE_TIME_TIMEZONE',
	'USER_ATTRIBUTE_DND_START_TIME',
	'USER_ATTRIBUTE_DND_END_TIME',
	'MOE_GAID',
	'INSTALL',
	'UPDATE',
	'MOE_ISLAT',
	'status',
	'user_id',
	'source',
];

/** data-overview.mdx's User Attributes table: "Create through Track User API: yes", "Update …: no". */
export const CREATE_ONLY_USER_ATTRIBUTES: readonly string[] = ['publisher_name', 'campaign_name', 'u_l_a', 'cr_t', 'moe_gaid', 'advertising_identifier', 'moe_mweb'];

function copyUser(user: StandInUser): StandInUser {
	return { ...user, attributes: { ...user.attributes } };
}

/** Whether an unset_attributes rule (case-sensitive by default) matches an attribute name. */
function unsetMatches(rule: UnsetRule, name: string): boolean {
	const sensitive = rule.case_sensitive !== false;
	const subject = sensitive ? name : name.toLowerCase();
	const pattern = sensitive ? rule.attr : rule.attr.toLowerCase();
	switch (rule.type) {
		case 'equals':
			return subject === pattern;
		case 'prefix':
			return subject.startsWith(pattern);
		case 'suffix':
			return subject.endsWith(pattern);
		case 'contains':
			return subject.includes(pattern);
	}
}
