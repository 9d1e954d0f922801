import { cohortSyncDescription } from '../cohortSync';

export const description = cohortSyncDescription('addUsers');
