import type { IExecuteFunctions } from 'n8n-workflow';

import type { CohortMemberParams } from '../cohortSync';
import { readCohortMember, syncMembers } from '../cohortSync';

export function readItem(this: IExecuteFunctions, itemIndex: number): CohortMemberParams {
	return readCohortMember(this, itemIndex, 'remove_members');
}

export const execute = syncMembers('remove_members');
