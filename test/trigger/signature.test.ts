import { createHash } from 'node:crypto';

import { secretsEqual } from '../../nodes/MoEngageTrigger/helpers/constantTime';
import { alertSignature, alertSource } from '../../nodes/MoEngageTrigger/sources/alert';
import type { InboundCall } from '../../nodes/MoEngageTrigger/sources/call';

/**
 * MoEngage's alert signature (webhook.mdx): hex SHA-256 of `<Campaign report key> + "|" + <raw
 * body>`. The expected digest below was computed outside this code, with coreutils:
 *   printf '%s' 'cmp-key-9f1b|{"alert_id":"a-17", "alert_type":"CAMPAIGN_EXPIRY",  "entity_data":{"count":1}}' | sha256sum
 */
const KEY = 'cmp-key-9f1b';
const RAW = '{"alert_id":"a-17", "alert_type":"CAMPAIGN_EXPIRY",  "entity_data":{"count":1}}';
const DIGEST = '0ac7694cebd9f5219bda5f9e356dc69ebb94bca86c1634b36a25bb846def74e5';

function call(rawBody: string | undefined, signature?: string | string[]): InboundCall {
	return {
		headers: signature === undefined ? {} : { signature },
		body: rawBody === undefined ? undefined : (JSON.parse(rawBody) as unknown),
		rawBody: rawBody === undefined ? undefined : Buffer.from(rawBody, 'utf8'),
	};
}

describe('alert signature', () => {
	test('is the hex SHA-256 of key, "|" and the raw body', () => {
		expect(alertSignature(KEY, Buffer.from(RAW, 'utf8'))).toBe(DIGEST);
	});

	test('a call signed that way is accepted, in either hex case, and becomes one item: the alert', () => {
		const source = alertSource(KEY);
		expect(source.authenticate(call(RAW, DIGEST))).toBe(true);
		expect(source.authenticate(call(RAW, DIGEST.toUpperCase()))).toBe(true);
		expect(source.parse(call(RAW, DIGEST))).toEqual({
			kind: 'items',
			items: [{ json: { alert_id: 'a-17', alert_type: 'CAMPAIGN_EXPIRY', entity_data: { count: 1 } } }],
		});
	});

	test('the bytes as sent are signed: the same JSON written out again (other spacing) does not verify', () => {
		const rewritten = JSON.stringify(JSON.parse(RAW));
		expect(rewritten).not.toBe(RAW);
		expect(alertSource(KEY).authenticate(call(rewritten, DIGEST))).toBe(false);
	});

	test('non-ASCII bodies are hashed as their UTF-8 bytes', () => {
		const raw = '{"alert_name":"Zustellrate für Kampagne ✓"}';
		const bytes = Buffer.from(raw, 'utf8');
		// the same digest as hashing the whole string "key|body" encoded as UTF-8 (MoEngage's Python example)
		const whole = createHash('sha256').update(Buffer.from(`${KEY}|${raw}`, 'utf8')).digest('hex');
		expect(alertSignature(KEY, bytes)).toBe(whole);
	});

	test.each([
		['another key', () => call(RAW, alertSignature('other-key', Buffer.from(RAW)))],
		['a changed body', () => call(RAW.replace('a-17', 'a-18'), DIGEST)],
		['no Signature header', () => call(RAW)],
		['an empty Signature', () => call(RAW, '')],
		['Signature sent twice', () => call(RAW, [DIGEST, DIGEST])],
		['no raw body kept', () => ({ ...call(RAW, DIGEST), rawBody: undefined })],
	])('refused: %s', (_case, makeCall) => {
		expect(alertSource(KEY).authenticate(makeCall())).toBe(false);
	});

	test('an authenticated body that is not a JSON object is malformed', () => {
		expect(alertSource(KEY).parse({ headers: {}, body: 'text', rawBody: Buffer.from('text') })).toEqual({
			kind: 'malformed',
			reason: 'an alert is a JSON object',
		});
	});
});

describe('secretsEqual', () => {
	test('equal only for equal values, whatever the lengths, without throwing', () => {
		expect(secretsEqual('s3cret', 's3cret')).toBe(true);
		expect(secretsEqual('s3cret', 's3cre')).toBe(false);
		expect(secretsEqual('', 's3cret')).toBe(false);
		expect(secretsEqual('S3CRET', 's3cret')).toBe(false);
		expect(secretsEqual(Buffer.from('ab'), 'ab')).toBe(true);
	});
});
