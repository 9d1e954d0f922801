import type {
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	IDataObject,
	INodeCredentialTestResult,
} from 'n8n-workflow';

import {
	baseUrlOf,
	baseUrlProblem,
	credentialText,
	CUSTOM_DATA_CENTER,
	KEY_LABELS,
	keyFor,
	regionOf,
	secretsOf,
} from '../transport/credential';
import { networkErrorCode, redactSecrets } from '../transport/attempt';
import { readMoEngageError } from '../transport/errors';

/**
 * The credential test n8n runs on "Test" / "Save" (the node's `testedBy`). Two read-only checks:
 *
 * 1. The Data API Key, with MoEngage's Test Connection API. Get User would also prove the key, but
 *    MoEngage enables it per workspace on request, so a correct key could fail there.
 * 2. The Campaign API Key, when one is given, with Fetch Cards for a user that cannot exist:
 *    "user not found" means MoEngage accepted the key; 401 means it did not.
 *
 * A failure names the field to fix. Keys never appear in messages, and no redirect is followed:
 * the next host would receive the key.
 */

/** MoEngage's Test Connection API (Data key, `MOE-APPKEY`). */
export const TEST_CONNECTION_PATH = '/v1/integrations/authentication';

/** Fetch Cards, the read-only Cards call that proves the Campaign key. */
export const FETCH_CARDS_PATH = '/v1/cards/fetch';

/** A user ID no workspace holds, so the Cards check reads nothing. */
export const NONEXISTENT_USER = 'n8n-credential-test-nonexistent-user';

/** What Test Connection is told about the caller (`source`). */
const SOURCE = 'n8n';

/** The credential test waits this long for each answer. */
const TIMEOUT_MS = 30_000;

interface Answer {
	statusCode: number;
	body: unknown;
	headers: IDataObject;
}

type Outcome = { ok: true; workspaceName?: string } | { ok: false; message: string };

const isObject = (value: unknown): value is IDataObject =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/** Sends one request with n8n's credential-test helper; a network failure comes back as its code. */
async function send(
	context: ICredentialTestFunctions,
	credentials: ICredentialDataDecryptedObject,
	path: string,
	body: IDataObject,
): Promise<Answer | { networkError: string }> {
	const workspaceId = credentialText(credentials.workspaceId);
	// The same key choice as every other request with this credential.
	const { key } = keyFor(path, credentials);
	try {
		const response = (await context.helpers.request({
			method: 'POST',
			uri: `${baseUrlOf(credentials)}${path}`,
			headers: { 'Content-Type': 'application/json', 'MOE-APPKEY': workspaceId },
			auth: { username: workspaceId, password: key },
			body,
			json: true,
			// A redirect would hand the key to whichever host it names.
			followRedirect: false,
			followAllRedirects: false,
			// Every status comes back, to be read here.
			simple: false,
			resolveWithFullResponse: true,
			timeout: TIMEOUT_MS,
		})) as { statusCode: number; body: unknown; headers?: IDataObject };
		return { statusCode: response.statusCode, body: response.body, headers: response.headers ?? {} };
	} catch (error) {
		return { networkError: networkErrorCode(error) };
	}
}

/** MoEngage's own words about a failed answer, with every secret masked. */
function moEngageSays(answer: Answer, secrets: string[]): string {
	const { message, requestId } = readMoEngageError(redactSecrets(answer.body, secrets), answer.statusCode);
	return requestId ? `${message} (request_id ${requestId})` : message;
}

function hostOf(location: unknown): string {
	try {
		return new URL(String(Array.isArray(location) ? location[0] : location)).host || 'another address';
	} catch {
		return 'another address';
	}
}

/** Failures every check shares: no answer, a redirect, a missing route. */
function commonFailure(answer: Answer | { networkError: string }, label: string, credentials: ICredentialDataDecryptedObject): string | undefined {
	const where = credentials.dataCenter === CUSTOM_DATA_CENTER ? 'the Base URL' : 'the Data Center';
	if ('networkError' in answer) {
		return `MoEngage could not be reached at ${baseUrlOf(credentials)} to check the ${label} (${answer.networkError}). Check ${where}, and that this n8n instance can reach it.`;
	}
	const { statusCode } = answer;
	if (statusCode >= 300 && statusCode < 400) {
		return `MoEngage's address answered the check of the ${label} with a redirect to ${hostOf(answer.headers.location)} (HTTP ${statusCode}), which was not followed: the keys are only sent to the credential's host. Check ${where}.`;
	}
	if (statusCode === 404) {
		return `MoEngage's address has no such API (HTTP 404 while checking the ${label}). Check ${where}.`;
	}
	return undefined;
}

const REJECTED = new Set([401, 403]);

/** Test Connection: 200 `{status: "success", app_name}` proves the workspace ID and the Data key. */
async function checkDataKey(
	context: ICredentialTestFunctions,
	credentials: ICredentialDataDecryptedObject,
	secrets: string[],
): Promise<Outcome> {
	const label = KEY_LABELS.dataApiKey;
	const answer = await send(context, credentials, TEST_CONNECTION_PATH, {
		app_id: credentialText(credentials.workspaceId),
		app_secret: credentialText(credentials.dataApiKey),
		source: SOURCE,
		region: regionOf(credentials),
	});
	const failure = commonFailure(answer, label, credentials);
	if (failure) return { ok: false, message: failure };
	const { statusCode, body } = answer as Answer;
	if (REJECTED.has(statusCode)) {
		return {
			ok: false,
			message: `The ${label} was rejected: MoEngage answered HTTP ${statusCode}, "${moEngageSays(answer as Answer, secrets)}". Check the ${label} (Data tile under Settings > Account > APIs) and the Workspace ID.`,
		};
	}
	if (statusCode >= 200 && statusCode < 300 && isObject(body) && String(body.status).toLowerCase() === 'success') {
		const workspaceName = credentialText(body.app_name);
		return { ok: true, workspaceName: workspaceName || undefined };
	}
	return {
		ok: false,
		message: `MoEngage's Test Connection did not confirm the ${label}: HTTP ${statusCode}, "${moEngageSays(answer as Answer, secrets)}".`,
	};
}

/** Fetch Cards for a user that cannot exist: 400 "User not found" (or 200) = accepted, 401 = rejected. */
async function checkCampaignKey(
	context: ICredentialTestFunctions,
	credentials: ICredentialDataDecryptedObject,
	secrets: string[],
): Promise<Outcome> {
	const label = KEY_LABELS.cardsApiKey;
	const answer = await send(context, credentials, FETCH_CARDS_PATH, { uid: NONEXISTENT_USER });
	const failure = commonFailure(answer, label, credentials);
	if (failure) return { ok: false, message: failure };
	const { statusCode } = answer as Answer;
	if (REJECTED.has(statusCode)) {
		return {
			ok: false,
			message: `The ${label} was rejected: MoEngage answered HTTP ${statusCode}, "${moEngageSays(answer as Answer, secrets)}". Check the ${label} (the Campaign report / Business events / Custom templates / Catalog API / Inform Report tile under Settings > Account > APIs), or leave it empty to use the ${KEY_LABELS.dataApiKey}.`,
		};
	}
	const said = moEngageSays(answer as Answer, secrets);
	if ((statusCode >= 200 && statusCode < 300) || (statusCode === 400 && /user not found/i.test(said))) return { ok: true };
	return {
		ok: false,
		message: `MoEngage's Cards API did not confirm the ${label}: HTTP ${statusCode}, "${said}".`,
	};
}

export async function moEngageApiTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const credentials = credential.data ?? {};
	if (!credentialText(credentials.workspaceId)) {
		return { status: 'Error', message: 'The Workspace ID is empty: fill it in from Settings > Account > APIs.' };
	}
	if (!credentialText(credentials.dataApiKey)) {
		return { status: 'Error', message: `The ${KEY_LABELS.dataApiKey} is empty: fill it in from the Data tile under Settings > Account > APIs.` };
	}
	if (credentials.dataCenter === CUSTOM_DATA_CENTER) {
		const problem = baseUrlProblem(baseUrlOf(credentials));
		if (problem) return { status: 'Error', message: `The Base URL ${problem}.` };
	}
	const secrets = secretsOf(credentials);

	const data = await checkDataKey(this, credentials, secrets);
	if (!data.ok) return { status: 'Error', message: data.message };
	const workspace = data.workspaceName ? ` for workspace "${redactSecrets(data.workspaceName, secrets)}"` : '';

	if (!credentialText(credentials.cardsApiKey)) {
		return {
			status: 'OK',
			message: `Connection successful: MoEngage accepted the ${KEY_LABELS.dataApiKey}${workspace}. The ${KEY_LABELS.cardsApiKey} is empty, so it was not checked.`,
		};
	}
	const campaign = await checkCampaignKey(this, credentials, secrets);
	if (!campaign.ok) return { status: 'Error', message: campaign.message };
	return {
		status: 'OK',
		message: `Connection successful: MoEngage accepted the ${KEY_LABELS.dataApiKey} and the ${KEY_LABELS.cardsApiKey}${workspace}.`,
	};
}
