import { createHash } from 'crypto';

import { secretsEqual } from '../helpers/constantTime';
import { headerValue, isPlainObject, type TriggerSource } from './call';

/** The header MoEngage signs alert webhooks in (webhook.mdx, "Verify the Webhook Signature"). */
export const SIGNATURE_HEADER = 'Signature';

/**
 * MoEngage's alert signature: the hex SHA-256 of the Campaign report key, "|" and the body exactly
 * as sent. The bytes as received are hashed, never the parsed JSON written out again, which would
 * differ in spacing and key order.
 */
export function alertSignature(campaignKey: string, rawBody: Buffer): string {
	return createHash('sha256').update(`${campaignKey}|`, 'utf8').update(rawBody).digest('hex');
}

/** An alert webhook: one item, the alert as MoEngage sent it. */
export function alertSource(campaignKey: string): TriggerSource {
	return {
		authenticate: (call) => {
			const signature = headerValue(call, SIGNATURE_HEADER);
			// n8n keeps the bytes for every body it parses; without them nothing can be verified.
			if (signature === undefined || call.rawBody === undefined) return false;
			return secretsEqual(signature.trim().toLowerCase(), alertSignature(campaignKey, call.rawBody));
		},
		parse: (call) =>
			isPlainObject(call.body)
				? { kind: 'items', items: [{ json: call.body }] }
				: { kind: 'malformed', reason: 'an alert is a JSON object' },
	};
}
