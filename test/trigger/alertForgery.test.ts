import { createHash } from 'node:crypto';

import { receivedItems, startTrigger, type TriggerServer } from '../harness/runTrigger';
import { ManualClock, useNodeClock } from '../harness/clock';
import { credentialsFor, WORKSPACE } from '../harness/fixtures';
import { lengthExtend } from '../harness/sha256Extension';
import { alertSignature } from '../../nodes/MoEngageTrigger/sources/alert';

/**
 * Forged alerts. MoEngage signs an alert with SHA-256(Campaign key ‖ "|" ‖ body), a plain hash:
 * from one genuine (body, Signature) pair and the key's length, anyone can sign
 * `body ‖ SHA-256 padding ‖ suffix` without the key. Sent as a form, n8n parses those bytes into
 * fields of the sender's choosing. The trigger takes an alert only as a JSON body exactly as
 * signed, read from the raw bytes: every such forgery is refused, and starts nothing.
 */
const NOW = Date.parse('2026-01-15T10:00:00Z');
const clock = new ManualClock(NOW);
useNodeClock(() => clock);

const GENUINE = Buffer.from('{"alert_id":"a-1","alert_name":"Delivery Rate Breach","alert_type":"CAMPAIGN_STATS","alert_triggered_at":"2026-01-15T09:59:00Z"}');
const sign = (body: Buffer) => alertSignature(WORKSPACE.cardsApiKey, body);
const MALFORMED_TYPE = { message: 'Malformed body: an alert is sent as JSON (Content-Type: application/json)' };
const MALFORMED_BODY = { message: 'Malformed body: an alert is a JSON object' };

/** The attacker's side: the genuine body, its Signature and the key's length, never the key. */
function forge(suffix: string): { body: Buffer; signature: string } {
	return lengthExtend(sign(GENUINE), WORKSPACE.cardsApiKey.length + 1, GENUINE, Buffer.from(suffix));
}
const FORM_SUFFIX = '&alert_id=forged-1&alert_name=Pause+every+campaign&alert_type=CAMPAIGN_EXPIRY&db_name=attacker';

let server: TriggerServer | undefined;
async function listen() {
	server = await startTrigger({ source: 'alert' }, credentialsFor('http://127.0.0.1:9', { triggerSecret: 'unused' }));
	return server;
}
afterEach(async () => {
	await server?.stop();
	server = undefined;
});

test('the length extension is right: the forged Signature verifies with the key', () => {
	const forged = forge(FORM_SUFFIX);
	expect(forged.signature).toBe(createHash('sha256').update(`${WORKSPACE.cardsApiKey}|`).update(forged.body).digest('hex'));
	expect(forged.signature).toBe(sign(forged.body));
});

test('a forged alert sent as a form (attacker-chosen fields, valid Signature) is refused with 400 and starts nothing', async () => {
	const trigger = await listen();
	const genuine = await trigger.post(GENUINE, { 'content-type': 'application/json', signature: sign(GENUINE) });
	expect(genuine.status).toBe(200);
	expect(receivedItems(genuine.run).map((item) => item.json)).toEqual([JSON.parse(GENUINE.toString())]);

	const forged = forge(FORM_SUFFIX);
	const call = await trigger.post(forged.body, { 'content-type': 'application/x-www-form-urlencoded', signature: forged.signature });
	expect([call.status, call.body, call.run]).toEqual([400, MALFORMED_TYPE, undefined]);
	expect(trigger.calls.filter((made) => made.run !== undefined)).toHaveLength(1);
});

test('the answer to a form is the same whether its Signature is right or not: it says nothing about the key', async () => {
	const trigger = await listen();
	const forged = forge(FORM_SUFFIX);
	const right = await trigger.post(forged.body, { 'content-type': 'application/x-www-form-urlencoded', signature: forged.signature });
	const wrongLength = lengthExtend(sign(GENUINE), WORKSPACE.cardsApiKey.length + 2, GENUINE, Buffer.from(FORM_SUFFIX));
	const wrong = await trigger.post(wrongLength.body, { 'content-type': 'application/x-www-form-urlencoded', signature: wrongLength.signature });
	expect([right.status, right.body, right.run]).toEqual([400, MALFORMED_TYPE, undefined]);
	expect([wrong.status, wrong.body, wrong.run]).toEqual([400, MALFORMED_TYPE, undefined]);
});

test('a forged alert declared JSON: refused by n8n (422) as application/json, by the trigger (400) where n8n does not parse it', async () => {
	const trigger = await listen();
	const forged = forge('{"alert_id":"forged-2"}');
	const plain = await trigger.post(forged.body, { 'content-type': 'application/json', signature: forged.signature });
	expect([plain.status, plain.run]).toEqual([422, undefined]);
	// n8n takes the media type before ";" without trimming it: this one reaches the node unparsed
	for (const contentType of ['application/json ; charset=utf-8', 'Application/JSON ;charset=latin1']) {
		const call = await trigger.post(forged.body, { 'content-type': contentType, signature: forged.signature });
		expect([call.status, call.body, call.run]).toEqual([400, MALFORMED_BODY, undefined]);
	}
});

test.each([
	['XML', 'application/xml', '<alert><alert_id>a-2</alert_id><alert_triggered_at>2026-01-15T09:59:00Z</alert_triggered_at></alert>'],
	['text', 'text/plain', '{"alert_id":"a-2","alert_triggered_at":"2026-01-15T09:59:00Z"}'],
	['JSON under another media type', 'application/vnd.api+json', '{"alert_id":"a-2","alert_triggered_at":"2026-01-15T09:59:00Z"}'],
	['no Content-Type', '', '{"alert_id":"a-2","alert_triggered_at":"2026-01-15T09:59:00Z"}'],
])('a body signed with the key but sent as %s is refused with 400 and starts nothing', async (_case, contentType, raw) => {
	const trigger = await listen();
	const body = Buffer.from(raw);
	const headers: Record<string, string> = { signature: sign(body) };
	if (contentType) headers['content-type'] = contentType;
	const call = await trigger.post(body, headers);
	expect([call.status, call.body, call.run]).toEqual([400, MALFORMED_TYPE, undefined]);
});

test.each([
	['text after the object', `${GENUINE.toString()} x`],
	['a second object', `${GENUINE.toString()}{"alert_id":"a-3"}`],
	['a NUL after the object', `${GENUINE.toString()}\u0000`],
	['a list of alerts', `[${GENUINE.toString()}]`],
	['a byte-order mark', `\ufeff${GENUINE.toString()}`],
])('a JSON body signed with the key but with %s is refused with 400 and starts nothing', async (_case, raw) => {
	const trigger = await listen();
	const body = Buffer.from(raw);
	// declared so that n8n leaves it unparsed and the node reads it: the node's own check decides
	const call = await trigger.post(body, { 'content-type': 'application/json ; charset=utf-8', signature: sign(body) });
	expect([call.status, call.body, call.run]).toEqual([400, MALFORMED_BODY, undefined]);
});

test('bytes that are not UTF-8 are refused, even when n8n would have read them', async () => {
	const trigger = await listen();
	const body = Buffer.concat([Buffer.from('{"alert_id":"a-4","alert_name":"'), Buffer.from([0xff, 0xfe]), Buffer.from('","alert_triggered_at":"2026-01-15T09:59:00Z"}')]);
	const call = await trigger.post(body, { 'content-type': 'application/json', signature: sign(body) });
	expect([call.status, call.body, call.run]).toEqual([400, MALFORMED_BODY, undefined]);
});

test('taken: whitespace around the object, a charset, the media type in any case', async () => {
	const trigger = await listen();
	const cases: Array<[string, string]> = [
		[`\n ${GENUINE.toString().replace('a-1', 'a-5')}\r\n\t `, 'application/json'],
		[GENUINE.toString().replace('a-1', 'a-6'), 'application/json; charset=utf-8'],
		[GENUINE.toString().replace('a-1', 'a-7'), 'Application/JSON; Charset="UTF-8"'],
	];
	for (const [raw, contentType] of cases) {
		const body = Buffer.from(raw);
		const call = await trigger.post(body, { 'content-type': contentType, signature: sign(body) });
		expect(call.status).toBe(200);
		expect(receivedItems(call.run).map((item) => item.json)).toEqual([JSON.parse(raw)]);
	}
});

test('an unsigned JSON alert still gets 401', async () => {
	const trigger = await listen();
	const call = await trigger.post(GENUINE, { 'content-type': 'application/json' });
	expect([call.status, call.body, call.run]).toEqual([401, { message: 'Unauthorized' }, undefined]);
});
