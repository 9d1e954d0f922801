import type { ILoadOptionsFunctions } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { defaultRequestSettings } from '../helpers/requestSettings';
import { RunControl } from '../run/control';
import type { MoEngageClient } from '../transport';
import { createMoEngageClient } from '../transport';
import type { MoEngageEndpoint } from '../transport/api';
import type { RequestSettings } from '../transport/retry';

/**
 * The longest a list in the node panel keeps the user waiting before it shows an error: its two
 * attempts (the first and one retry) and the wait between them. A run may wait minutes for
 * MoEngage's rate limit to reset; someone opening a dropdown should not.
 */
export const EDITOR_LIST_MAX_MS = 15_000;

const MAX_RETRIES = 1;
/** Enough to wait out MoEngage's per-second limits (Search Campaigns: 10 a second), no more. */
const MAX_WAIT_MS = 2_000;

/** How the editor's lists send: one retry at most, short waits, and a timeout that keeps the whole within EDITOR_LIST_MAX_MS. */
export function editorRequestSettings(endpoint: MoEngageEndpoint): RequestSettings {
	return {
		...defaultRequestSettings(endpoint),
		maxRetries: MAX_RETRIES,
		maxWaitMs: MAX_WAIT_MS,
		timeoutMs: (EDITOR_LIST_MAX_MS - MAX_RETRIES * MAX_WAIT_MS) / (MAX_RETRIES + 1),
	};
}

/** Whether the list gave up on MoEngage (rate-limited, failing, or not answering) rather than being refused. */
function gaveUp(error: unknown): error is NodeApiError {
	if (!(error instanceof NodeApiError)) return false;
	const status = Number(error.httpCode);
	return error.httpCode === undefined || error.httpCode === null || status === 429 || status >= 500;
}

/** The error of a list that gave up, saying so first: the list stopped early on purpose, and what to do meanwhile. */
function explained<T>(call: () => Promise<T>): Promise<T> {
	return call().catch((error: unknown) => {
		if (gaveUp(error)) {
			const facts = typeof error.description === 'string' && error.description !== '' ? ` (${error.description})` : '';
			error.description = `The list stops after ${MAX_RETRIES + 1} attempts, so that the editor does not wait. Try again in a minute, or enter the value instead: by ID, or with an expression${facts}`;
		}
		throw error;
	});
}

/**
 * A client for the editor's lists (pickers and dropdowns): the node's own transport, so a list is
 * signed, paced and masked like every other request and never follows a redirect, with settings
 * that give up within EDITOR_LIST_MAX_MS.
 */
export async function editorClient(context: ILoadOptionsFunctions, endpoint: MoEngageEndpoint): Promise<MoEngageClient> {
	const client = await createMoEngageClient.call(context, editorRequestSettings(endpoint), new RunControl());
	return {
		...client,
		request: async (...args) => await explained(async () => await client.request(...args)),
		requestList: async (...args) => await explained(async () => await client.requestList(...args)),
	};
}
