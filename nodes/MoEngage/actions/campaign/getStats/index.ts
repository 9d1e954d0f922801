import { ENDPOINTS } from '../../../transport/api';

export { description } from './description';
export { execute, readItem } from './execute';

export const endpoint = ENDPOINTS.campaignStats;
