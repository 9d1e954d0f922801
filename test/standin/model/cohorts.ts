import type { Answer } from '../errors';
import type { Handlers } from './family';
import { ACCEPTED } from './family';
import type { Profiles } from './users';

/**
 * Segments (schemas/data.json cohortSync, from cohort-audience.yaml): Cohort Sync makes a custom
 * segment on first use and adds or removes its members.
 */

/** A custom segment made by Cohort Sync: name, description, partner and the customer IDs in it. */
export interface Cohort {
	name: string;
	description?: string;
	partner: string;
	members: Set<string>;
}

/** A segment as tests read it. */
export type ObservedCohort = Readonly<Omit<Cohort, 'members'>> & { readonly members: ReadonlySet<string> };

export class CohortsApi {
	/** The segments by cohort_id. */
	private readonly cohorts = new Map<string, Cohort>();

	readonly observed: ReadonlyMap<string, ObservedCohort> = this.cohorts;

	readonly handlers: Handlers<'cohortSync'> = {
		cohortSync: ({ body }) => this.cohortSync(body),
	};

	constructor(private readonly users: Profiles) {}

	reset(): void {
		this.cohorts.clear();
	}

	/**
	 * Cohort Sync (cohort-audience.yaml): adds or removes the members MoEngage has (matched on the
	 * ID field); others are left out, and the answer is 200 either way. The segment is made on first use.
	 */
	private cohortSync(body: Record<string, unknown>): Answer {
		// stand-in's own choice: an empty members list is refused by the schema (400, data.json note 13): cohort-audience.yaml does not say what it does with one.
		const parameters = body.parameters as { cohort_id: string; cohort_name: string; cohort_description?: string; members: Array<{ uid: string }> };
		let cohort = this.cohorts.get(parameters.cohort_id);
		if (!cohort) {
			cohort = { name: parameters.cohort_name, partner: body.partner as string, members: new Set() };
			this.cohorts.set(parameters.cohort_id, cohort);
		}
		cohort.name = parameters.cohort_name;
		if (parameters.cohort_description !== undefined) cohort.description = parameters.cohort_description;
		for (const { uid } of parameters.members) {
			if (body.action === 'remove_members') cohort.members.delete(uid);
			else if (this.users.userWith(uid)) cohort.members.add(uid);
		}
		return { status: 200, body: { status: 'success', message: ACCEPTED } };
	}
}
