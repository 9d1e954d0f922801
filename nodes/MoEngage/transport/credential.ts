import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

/**
 * What the credential's fields mean, in one place for the credential (authenticate, test) and
 * the node's transport.
 */

export const CUSTOM_DATA_CENTER = 'custom';

/**
 * The Cards APIs authenticate with the Campaign report key instead of the Data key. The choice is
 * made from the request path so that the node and n8n's HTTP Request node ("predefined
 * credential") both get the right key for whichever MoEngage endpoint they call.
 */
const CARDS_API_PATH = /\/v1\/cards\//;

export function credentialText(value: unknown): string {
	return typeof value === 'string' ? value.trim() : '';
}

/** Plain http only to this machine (tests, a local proxy): anywhere else the keys would travel in clear. */
const LOOPBACK_HOST = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i;

/** Why a custom Base URL cannot carry the keys, or undefined when it can. */
export function baseUrlProblem(baseUrl: string): string | undefined {
	let url: URL;
	try {
		url = new URL(baseUrl);
	} catch {
		return 'is not a URL';
	}
	if (url.protocol === 'https:') return undefined;
	if (url.protocol === 'http:' && LOOPBACK_HOST.test(url.hostname)) return undefined;
	return 'must start with https:// (plain http only for localhost)';
}

/** The API host of the credential's data center, or its custom Base URL. */
export function baseUrlOf(credentials: ICredentialDataDecryptedObject): string {
	if (credentials.dataCenter === CUSTOM_DATA_CENTER) {
		return credentialText(credentials.baseUrl).replace(/\/+$/, '');
	}
	return `https://api-${credentialText(credentials.dataCenter) || '01'}.moengage.com`;
}

export interface KeyChoice {
	key: string;
	/** Which credential field the key came from, for error messages. */
	label: string;
	/** Set when the request needed another key whose field is empty. */
	note?: string;
}

/** The key a request to `url` is signed with. */
export function keyFor(url: string, credentials: ICredentialDataDecryptedObject): KeyChoice {
	const dataKey: KeyChoice = { key: credentialText(credentials.dataApiKey), label: 'Data API Key' };
	if (!CARDS_API_PATH.test(url)) return dataKey;
	const cardsKey = credentialText(credentials.cardsApiKey);
	if (cardsKey) return { key: cardsKey, label: 'Cards API Key' };
	return { ...dataKey, note: "the credential's Cards API Key is empty, so the Data API Key was sent" };
}

/** Every form in which the credential's secrets could come back in an answer. */
export function secretsOf(credentials: ICredentialDataDecryptedObject): string[] {
	const workspaceId = credentialText(credentials.workspaceId);
	const keys = [credentials.dataApiKey, credentials.cardsApiKey].map(credentialText).filter((key) => key.length > 0);
	return keys.flatMap((key) => [Buffer.from(`${workspaceId}:${key}`).toString('base64'), key]);
}
