import { moEngageApiTest } from './credentialTest';

/** The node's `methods`: the credential test n8n runs for the MoEngage credential (`testedBy`). */
export const credentialTest = { moEngageApiTest };

/** The editor's lists: campaigns (a resource locator's search) and subscription categories. */
export { listSearch, loadOptions } from './listSearch';
