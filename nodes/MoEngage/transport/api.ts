import type { MoEngageEndpoint } from './endpoint';
import { DATA_ENDPOINTS } from './endpoints.data';
import { ENGAGE_ENDPOINTS } from './endpoints.engage';

export type { MoEngageEndpoint, RequestWindow } from './endpoint';
export * from './limits';

/** The MoEngage endpoints this node calls (method, path, repeat safety, limits), each a one-line change in its family's file. */
export const ENDPOINTS = { ...DATA_ENDPOINTS, ...ENGAGE_ENDPOINTS } satisfies Record<string, MoEngageEndpoint>;
