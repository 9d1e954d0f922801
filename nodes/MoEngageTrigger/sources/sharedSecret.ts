import { secretsEqual } from '../helpers/constantTime';
import { headerValue, type InboundCall } from './call';

/**
 * How connector campaigns and Streams prove a call comes from MoEngage: both can send a static
 * header (connector campaign: Headers; Streams: headers named in the enablement ticket) or Basic
 * auth (Streams: Basic Auth; connector campaign: an `Authorization` header the marketer enters).
 */
export type SharedSecretCheck =
	| { method: 'headerSecret'; headerName: string; secret: string }
	| { method: 'basicAuth'; username: string; secret: string };

const BASIC = /^Basic\s+([A-Za-z0-9+/=_-]+)\s*$/i;

/**
 * Whether the call carries the secret. Every comparison runs in constant time, and the username
 * and password are both compared before the answer is known, so a refused call cannot tell which
 * of them was wrong.
 */
export function carriesSharedSecret(call: InboundCall, check: SharedSecretCheck): boolean {
	if (check.method === 'headerSecret') {
		const value = headerValue(call, check.headerName);
		return value !== undefined && secretsEqual(value, check.secret);
	}
	const match = BASIC.exec(headerValue(call, 'authorization') ?? '');
	if (!match) return false;
	const decoded = Buffer.from(match[1], 'base64').toString('utf8');
	const colon = decoded.indexOf(':');
	if (colon < 0) return false;
	const usernameMatches = secretsEqual(decoded.slice(0, colon), check.username);
	const passwordMatches = secretsEqual(decoded.slice(colon + 1), check.secret);
	return usernameMatches && passwordMatches;
}
