import { moEngageApiTest } from './credentialTest';
import { getBusinessEvents } from './loadOptions';

/** The node's `methods`: the credential test n8n runs for the MoEngage credential (`testedBy`). */
export const credentialTest = { moEngageApiTest };

/** Dropdowns filled from the workspace. */
export const loadOptions = { getBusinessEvents };
