import type { IExecuteFunctions } from 'n8n-workflow';

import type { CohortMemberParams } from './cohortSync';
import { cohortSyncDescription, readCohortMember, syncMembers } from './cohortSync';
import { defineOperation } from '../operation';
import { ENDPOINTS } from '../../transport/api';

const properties = cohortSyncDescription('removeUsers');

export function readItem(this: IExecuteFunctions, itemIndex: number): CohortMemberParams {
	return readCohortMember(this, itemIndex, 'remove_members');
}

export const removeUsers = defineOperation<CohortMemberParams, 'segment', 'removeUsers'>({
	resource: 'segment',
	operation: 'removeUsers',
	picker: { name: 'Remove Users', description: 'Remove users from a custom segment made through the API', action: 'Remove users from a segment' },
	properties,
	endpoint: ENDPOINTS.cohortSync,
	readItem,
	sendAll: syncMembers('remove_members'),
});
