import type { IExecuteFunctions } from 'n8n-workflow';

import type { CohortMemberParams } from './cohortSync';
import { cohortSyncDescription, readCohortMember, syncMembers } from './cohortSync';
import { defineOperation } from '../operation';
import { ENDPOINTS } from '../../transport/api';

const properties = cohortSyncDescription('addUsers');

export function readItem(this: IExecuteFunctions, itemIndex: number): CohortMemberParams {
	return readCohortMember(this, itemIndex, 'add_members');
}

export const addUsers = defineOperation<CohortMemberParams, 'segment', 'addUsers'>({
	resource: 'segment',
	operation: 'addUsers',
	picker: { name: 'Add Users', description: 'Add users to a custom segment, e.g. the members of a CRM list', action: 'Add users to a segment' },
	properties,
	endpoint: ENDPOINTS.cohortSync,
	readItem,
	sendAll: syncMembers('add_members'),
});
