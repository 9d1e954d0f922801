import type { ILoadOptionsFunctions } from 'n8n-workflow';

import { defaultRequestSettings } from '../helpers/requestSettings';
import { RunControl } from '../run/control';
import type { MoEngageClient } from '../transport';
import { createMoEngageClient } from '../transport';
import type { MoEngageEndpoint } from '../transport/api';

/**
 * A client for the editor's lists (pickers and dropdowns): the node's own transport with the
 * endpoint's default settings, so a list is signed, paced and masked like every other request
 * and never follows a redirect.
 */
export async function editorClient(context: ILoadOptionsFunctions, endpoint: MoEngageEndpoint): Promise<MoEngageClient> {
	return await createMoEngageClient.call(context, defaultRequestSettings(endpoint), new RunControl());
}
