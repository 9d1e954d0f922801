import { ENDPOINTS } from '../../../transport/api';

export { description } from './description';
export { bulk, execute, readItem } from './execute';

export const endpoint = ENDPOINTS.trackUser;
