import { randomUUID } from 'node:crypto';

import type { Answer } from '../errors';
import type { StandInWorkspace } from '../gateway';
import type { Refusal, Rejection } from '../refusals';
import { rejected } from '../refusals';
import type { ResolvedEndpoint } from '../spec';
import { validateIn } from '../spec';
import type { Handlers } from './family';
import { ACCEPTED } from './family';
import type { Profiles, StandInUser, UnsetRule } from './users';

/**
 * The Data APIs (schemas/data.json, from data.yaml and data-overview.mdx): Track User, Track
 * Event, Get User (export), Merge Users, Delete User, Bulk Import, Test Connection and GDPR/CCPA
 * erasure requests (gdpr-ccpa.yaml), over the
 * workspace's profiles (users.ts).
 */

/** An element of a Bulk Import call, as the stand-in took it. */
export interface BulkElement {
	type: 'customer' | 'event' | 'device';
	element: Record<string, unknown>;
}

interface MergePair {
	merged_user: string;
	retained_user: string;
}

/** A GDPR/CCPA erasure request as the stand-in accepted it. */
export interface ErasureRequest {
	identity_type: string;
	identity_value: string;
	submitted_time: string;
	request_id: string;
	/** Customer IDs of every user with that identity (all are erased). */
	erased: string[];
}

/** What the Data APIs carried out, for tests to read. */
export interface DataObserved {
	readonly deletedUsers: ReadonlyArray<Readonly<{ identity_type: string; identity_value: string }>>;
	readonly trackedEvents: ReadonlyArray<Readonly<{ customer_id: string; action: Record<string, unknown> }>>;
	/** Pairs MoEngage merged. */
	readonly mergedUsers: ReadonlyArray<Readonly<MergePair>>;
	/** Pairs MoEngage skipped (a user missing, or both the same): the answer is still 200 (data.yaml, MergeUserRequest). */
	readonly skippedMerges: ReadonlyArray<Readonly<MergePair>>;
	/** GDPR/CCPA erasure requests MoEngage accepted, with the customer IDs of the users they match. */
	readonly erasures: ReadonlyArray<Readonly<ErasureRequest>>;
	/** Bulk Import elements that were processed. */
	readonly bulkElements: readonly BulkElement[];
	/** Bulk Import elements that were skipped, with the reason (the call itself still answered 200). */
	readonly bulkRejected: ReadonlyArray<Readonly<{ element: unknown; reason: string }>>;
}

/** How far ahead of the stand-in's clock an event's current_time may be (clock skew); see data.json note 5. */
const FUTURE_TOLERANCE_MS = 60_000;

const accepted = (): Answer => ({ status: 200, body: { status: 'success', message: ACCEPTED } });

export class DataApi {
	private readonly deletedUsers: Array<{ identity_type: string; identity_value: string }> = [];

	private readonly trackedEvents: Array<{ customer_id: string; action: Record<string, unknown> }> = [];

	private readonly mergedUsers: MergePair[] = [];

	private readonly skippedMerges: MergePair[] = [];

	private readonly bulkElements: BulkElement[] = [];

	private readonly erasures: ErasureRequest[] = [];

	private readonly bulkRejected: Array<{ element: unknown; reason: string }> = [];

	readonly observed: DataObserved = {
		deletedUsers: this.deletedUsers,
		trackedEvents: this.trackedEvents,
		mergedUsers: this.mergedUsers,
		skippedMerges: this.skippedMerges,
		bulkElements: this.bulkElements,
		erasures: this.erasures,
		bulkRejected: this.bulkRejected,
	};

	readonly handlers: Handlers<'trackUser' | 'trackEvent' | 'exportUsers' | 'mergeUsers' | 'deleteUser' | 'bulkImport' | 'testConnection' | 'gdprRequest'> = {
		trackUser: ({ body }) => this.trackUser(body),
		trackEvent: ({ body }) => this.trackEvent(body),
		exportUsers: ({ body }) => this.exportUsers(body),
		mergeUsers: ({ body }) => this.mergeUsers(body),
		deleteUser: ({ body }) => this.deleteUser(body),
		bulkImport: ({ body, endpoint }) => this.bulkImport(body, endpoint),
		testConnection: ({ body }) => this.testConnection(body),
		gdprRequest: ({ body }) => this.gdprRequest(body),
	};

	/** `workspace` is the gateway's: Test Connection checks the keys the gateway accepts. */
	constructor(
		private readonly users: Profiles,
		private readonly workspace: () => StandInWorkspace,
	) {}

	reset(): void {
		for (const list of [this.deletedUsers, this.trackedEvents, this.mergedUsers, this.skippedMerges, this.bulkElements, this.bulkRejected, this.erasures]) list.length = 0;
	}

	/**
	 * Track User (data.yaml /customer/{app_id}, CreateUserRequest): with update_existing_only a
	 * missing user is not created; unset_attributes removes the attributes its rules match (applied
	 * before `attributes`, an order MoEngage does not document); addValueToArrayField and
	 * removeValueFromArrayField change array attributes, and one attribute in both is a 400
	 * ArrayFieldError (data.yaml's example).
	 */
	/**
	 * The user a write names: its customer_id, else (Identity Resolution only) an identifier the
	 * workspace activated, found in `identifiers` (a user's attributes, an event's
	 * user_identifiers) and kept as "key:value"; undefined when neither is there (data.json note 4).
	 */
	private userOf(customerId: unknown, identifiers: unknown): string | undefined {
		if (customerId !== undefined) return customerId as string;
		const active = this.workspace().identityResolution ?? [];
		const named = (identifiers ?? {}) as Record<string, unknown>;
		const key = active.find((candidate) => typeof named[candidate] === 'string' && named[candidate] !== '');
		return key === undefined ? undefined : `${key}:${String(named[key])}`;
	}

	private trackUser(body: Record<string, unknown>): Answer | Rejection {
		const customerId = this.userOf(body.customer_id, body.attributes);
		if (customerId === undefined) return rejected(400, 'customer_id is not found in the payload', { type: 'MissingAttributeError', target: 'customer_id' });
		const attributes = (body.attributes ?? {}) as Record<string, unknown>;
		const { addValueToArrayField: add = {}, removeValueFromArrayField: remove = {}, ...plain } = attributes as Record<string, Record<string, unknown[]>>;
		const both = Object.keys(add).find((name) => name in remove);
		if (both) return rejected(400, `Cannot add and remove '${both}' at the same time`, { type: 'ArrayFieldError', target: 'addValueToArrayField' });
		this.users.apply(customerId, {
			existingOnly: body.update_existing_only === true,
			attributes: plain,
			add,
			remove,
			unset: body.unset_attributes as UnsetRule[] | undefined,
		});
		return accepted();
	}

	/** Track Event (data.yaml /event/{Workspace_ID}): future-dated events are refused (see data.json note 5). */
	private trackEvent(body: Record<string, unknown>): Answer | Rejection {
		const actions = body.actions as Array<Record<string, unknown>>;
		const future = actions.find((action) => isFuture(action.current_time));
		// stand-in's own choice: MoEngage does not accept future-dated events but documents no answer; a current_time over a minute ahead is a 400 ValueError of its own wording.
		if (future) return rejected(400, 'current_time can not be a future time', { type: 'ValueError', target: 'current_time' });
		const customerId = this.userOf(body.customer_id, body.user_identifiers);
		if (customerId === undefined) return rejected(400, 'customer_id is not found in the payload', { type: 'MissingAttributeError', target: 'customer_id' });
		this.users.findOrCreate(customerId);
		for (const action of actions) this.trackedEvents.push({ customer_id: customerId, action });
		return accepted();
	}

	/**
	 * Get User (data.yaml /customers/export): users found and identifiers not found, attributes
	 * under their export names (EXPORT_NAMES); without
	 * user_fields_to_export (or with an empty list, undocumented) every attribute is returned.
	 */
	private exportUsers(body: Record<string, unknown>): Answer {
		const data = body.data as { identifiers: Array<{ identifier_type: string; identifier: string }>; user_fields_to_export?: string[] };
		// stand-in's own choice: an empty user_fields_to_export (undocumented) exports every attribute, as its absence does.
		const fields = data.user_fields_to_export ?? [];
		const users: unknown[] = [];
		const notFound: unknown[] = [];
		for (const { identifier_type, identifier } of data.identifiers) {
			const user = identifier_type === 'customer_id' ? this.users.userWith(identifier) : this.users.find((candidate) => candidate.id === identifier);
			if (!user) {
				notFound.push({ identifier_type, identifier });
				continue;
			}
			const all: Record<string, unknown> = { ...exported(user.attributes), customer_id: user.customer_id, id: user.id };
			const attributes = fields.length === 0 ? all : Object.fromEntries(fields.filter((field) => field in all).map((field) => [field, all[field]]));
			users.push({ user_attributes: attributes });
		}
		return { status: 200, body: { status: 'success', type: 'export_users', data: { users_not_found: notFound, users } } };
	}

	/**
	 * Merge Users (data.yaml /customer/merge): a pair that fails (a user missing, or merged into
	 * itself) is skipped and the others go on; the answer is 200 either way and does not say which.
	 */
	private mergeUsers(body: Record<string, unknown>): Answer {
		for (const pair of body.merge_data as MergePair[]) {
			const merged = this.users.userWith(pair.merged_user);
			const retained = this.users.userWith(pair.retained_user);
			if (!merged || !retained || merged === retained) {
				this.skippedMerges.push({ merged_user: pair.merged_user, retained_user: pair.retained_user });
				continue;
			}
			this.users.merge(merged, retained);
			this.mergedUsers.push({ merged_user: pair.merged_user, retained_user: pair.retained_user });
		}
		return { status: 200, body: { status: 'success', operation: 'created' } };
	}

	/** Delete User (data.yaml /customer/delete): 400 "User doesn't exists …" for an unknown user. */
	private deleteUser(body: Record<string, unknown>): Answer | Rejection {
		const identity_type = body.identity_type as 'customer_id' | 'moengage_id';
		const identity_value = body.identity_value as string;
		const user = identity_type === 'customer_id' ? this.users.userWith(identity_value) : this.users.find((candidate) => candidate.id === identity_value);
		if (!user) {
			const kind = identity_type === 'customer_id' ? 'customer id' : 'moengage id';
			return rejected(400, `User doesn't exists with ${kind} ${identity_value}`, { type: 'Not Found' });
		}
		this.deletedUsers.push({ identity_type, identity_value });
		return accepted();
	}

	/**
	 * Bulk Import (data.yaml /transition/{Workspace_ID}): the call's own schema decides the 400s;
	 * each element is then checked against its type's schema and skipped (observed in
	 * bulkRejected) when it fails, with 200 for the call (data.json note 6). Customers update
	 * users as Track User does, events are observed with trackedEvents, devices only in bulkElements.
	 */
	private bulkImport(body: Record<string, unknown>, endpoint: ResolvedEndpoint): Answer | Rejection {
		const elements = body.elements as Array<Record<string, unknown>>;
		// A documented 400 for the whole call (data.yaml's missing_customerid example), unless Identity Resolution names the user.
		const unnamed = elements.find((element) => this.userOf(element.customer_id, element.type === 'event' ? element.user_identifiers : element.type === 'customer' ? element.attributes : undefined) === undefined);
		if (unnamed) return rejected(400, 'customer_id not found in the payload', { type: 'MissingAttributeError', target: 'customer_id' });
		for (const element of elements) {
			const type = element.type as BulkElement['type'];
			const schema = endpoint.elementSchemas?.[type];
			const [problem] = schema ? validateIn('data', schema, element) : [];
			const actions = type === 'event' ? (element.actions as Array<Record<string, unknown>>) : [];
			// stand-in's own choice: an element that breaks its schema otherwise than the documented 400s is skipped with a 200 ("debugging should be done on the user profile"); MoEngage does not say which it drops.
			const reason = problem ? `${problem.keyword} at ${problem.path || '/'}` : actions.some((action) => isFuture(action.current_time)) ? 'future current_time' : undefined;
			if (reason) {
				this.bulkRejected.push({ element, reason });
				continue;
			}
			this.bulkElements.push({ type, element });
			const customerId = this.userOf(element.customer_id, type === 'event' ? element.user_identifiers : element.attributes) as string;
			if (type === 'customer') {
				const { addValueToArrayField, removeValueFromArrayField, ...plain } = (element.attributes ?? {}) as Record<string, unknown>;
				this.users.apply(customerId, {
					existingOnly: element.update_existing_only === true,
					attributes: plain,
					add: addValueToArrayField as Record<string, unknown[]>,
					remove: removeValueFromArrayField as Record<string, unknown[]>,
					unset: element.unset_attributes as UnsetRule[] | undefined,
				});
			} else if (type === 'event') {
				this.users.findOrCreate(customerId);
				for (const action of actions) this.trackedEvents.push({ customer_id: customerId, action });
			}
		}
		return accepted();
	}

	/**
	 * GDPR/CCPA request (gdpr-ccpa.yaml /opengdpr_requests/{appId}): an erasure is accepted with a
	 * request ID whether or not a user has the identity, and matches every user who has it (data.json note 14).
	 */
	private gdprRequest(body: Record<string, unknown>): Answer | Rejection {
		// stand-in's own choice: request_type is free text in gdpr-ccpa.yaml; only erasure is carried out, other types are a 400 of its own wording.
		if (body.request_type !== 'erasure') return rejected(400, 'request_type has an invalid value', { type: 'ValueError', target: 'request_type' });
		const [{ identity_type, identity_value }] = body.identities as Array<{ identity_type: string; identity_value: string }>;
		const matches = (user: StandInUser) => {
			if (identity_type === 'ID') return user.customer_id === identity_value;
			return user.attributes[identity_type] === identity_value || (identity_type === 'email' && user.uid === identity_value);
		};
		// stand-in's own choice: MoEngage documents no answer for an identity it does not have: the request is accepted all the same.
		const request_id = randomUUID();
		const erased = this.users.matching(matches).map((user) => user.customer_id);
		this.erasures.push({ identity_type, identity_value, submitted_time: body.submitted_time as string, request_id, erased });
		return { status: 200, body: { status: 'success', message: ACCEPTED, request_id } };
	}

	/** Test Connection (data.yaml /integrations/authentication): the body names the workspace and Data key again. */
	private testConnection(body: Record<string, unknown>): Answer | Refusal {
		const { workspaceId, dataApiKey, name } = this.workspace();
		if (body.app_id !== workspaceId || body.app_secret !== dataApiKey) return { kind: 'auth', problem: 'key' };
		return { status: 200, body: { status: 'success', app_name: name ?? workspaceId } };
	}
}

/**
 * Whether an event time lies in the future: epoch seconds (milliseconds above 1e11, as MoEngage's
 * own examples send them), as a number or a numeric string, or an ISO 8601 string.
 */
function isFuture(time: unknown): boolean {
	let ms: number | undefined;
	if (typeof time === 'number' || (typeof time === 'string' && /^\d+(\.\d+)?$/.test(time))) {
		const value = Number(time);
		ms = value > 1e11 ? value : value * 1000;
	} else if (typeof time === 'string') {
		const parsed = Date.parse(time);
		ms = Number.isNaN(parsed) ? undefined : parsed;
	}
	return ms !== undefined && ms > Date.now() + FUTURE_TOLERANCE_MS;
}

/**
 * The name Get User exports each standard attribute under, by the internal key a Track User may
 * have written it with: the names Track User writes, the one reading of Get User the node keeps
 * too (nodes/MoEngage/transport/limits.ts GET_USER_READING, with its reason; spec.test.ts checks
 * that this list agrees with the node's standard attributes).
 */
export const EXPORT_NAMES: Readonly<Record<string, string>> = {
	u_n: 'name',
	u_fn: 'first_name',
	u_ln: 'last_name',
	u_em: 'email',
	u_mb: 'mobile',
	u_gd: 'gender',
	u_bd: 'birthday',
};

/** A user's attributes as Get User exports them: internal keys under their export names. */
function exported(attributes: Record<string, unknown>): Record<string, unknown> {
	return Object.fromEntries(Object.entries(attributes).map(([name, value]) => [EXPORT_NAMES[name] ?? name, value]));
}
