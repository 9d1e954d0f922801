import { moEngageApiTest } from './credentialTest';
import { listSearch, loadOptions as listSearchLoadOptions } from './listSearch';
import { getBusinessEventAttributes, getBusinessEvents } from './loadOptions';

/** The node's `methods`: the credential test n8n runs for the MoEngage credential (`testedBy`). */
export const credentialTest = { moEngageApiTest };

/** The editor's lists: campaigns (a resource locator's search). */
export { listSearch };

/** Dropdowns filled from the workspace: business events and subscription categories. */
export const loadOptions = { getBusinessEvents, ...listSearchLoadOptions };

/** Field mappings filled from the workspace: a business event's attributes. */
export const resourceMapping = { getBusinessEventAttributes };
