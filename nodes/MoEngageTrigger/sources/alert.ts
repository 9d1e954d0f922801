import { createHash } from 'crypto';
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { parseIso } from '../../MoEngage/helpers/time';
import { secretsEqual } from '../helpers/constantTime';
import { RecentKeys } from '../helpers/recentKeys';
import { headerValue, isPlainObject, type Admission, type InboundCall, type TriggerSource } from './call';

/** The header MoEngage signs alert webhooks in (webhook.mdx, "Verify the Webhook Signature"). */
export const SIGNATURE_HEADER = 'Signature';

/**
 * How old an alert may be when it arrives: 15 minutes after its `alert_triggered_at`. MoEngage
 * sends alerts in real time and documents no retries for them (webhook.mdx), so a genuine alert
 * arrives within seconds; the margin covers a slow delivery and a few minutes of difference
 * between MoEngage's clock and n8n's. An older alert is a recording sent again, and is refused.
 * Within the window, a recording is caught by the memory of received alerts.
 */
export const ALERT_MAX_AGE_MS = 15 * 60 * 1000;

/** How far ahead of n8n's clock `alert_triggered_at` may be: a clock that runs a little behind MoEngage's. */
export const ALERT_MAX_AHEAD_MS = 5 * 60 * 1000;

/**
 * How many received alerts are remembered. Alerts are evaluated hourly or daily, so 1,000 is far
 * more than the window of `ALERT_MAX_AGE_MS` ever holds for one workflow.
 */
export const ALERTS_REMEMBERED = 1000;

/** Where the received alerts are kept in the node's static data. */
export const ALERTS_SLOT = 'alertsReceived';

/**
 * `application/json`, optionally with a charset (which is not used: the body is read as UTF-8,
 * as JSON must be). Media types are case-insensitive.
 */
const JSON_CONTENT_TYPE = /^application\/json[ \t]*(?:;[ \t]*charset[ \t]*=[ \t]*(?:"[\w.:-]*"|[\w.:-]*)[ \t]*)?$/i;

/** A date-time with at least hours and minutes: a date alone says too little to check an alert's age. */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/i;

/**
 * MoEngage's alert signature: the hex SHA-256 of the Campaign report key, "|" and the body exactly
 * as sent. The bytes as received are hashed, never the parsed JSON written out again, which would
 * differ in spacing and key order.
 */
export function alertSignature(campaignKey: string, rawBody: Buffer): string {
	return createHash('sha256').update(`${campaignKey}|`, 'utf8').update(rawBody).digest('hex');
}

/**
 * The alert in the bytes as signed: valid UTF-8 that is exactly one JSON object, with nothing but
 * whitespace around it. n8n's own parsing of the body (`req.body`) is never used for alerts.
 *
 * This is what makes the signature trustworthy. It is a plain SHA-256 of key and body, not an
 * HMAC, so from one genuine alert anyone can sign that alert followed by SHA-256's padding (a
 * 0x80 byte, NULs, a length) and text of their own, without the key. Such a body is never one
 * JSON object: the padding follows the closing brace. Read as a form instead, it would have been
 * fields of the sender's choosing.
 */
export function alertBody(rawBody: Buffer | undefined): IDataObject | undefined {
	if (rawBody === undefined) return undefined;
	const text = rawBody.toString('utf8');
	// bytes that are not UTF-8 are read as U+FFFD and do not come back the same
	if (!Buffer.from(text, 'utf8').equals(rawBody)) return undefined;
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch {
		return undefined;
	}
	return isPlainObject(value) ? value : undefined;
}

/**
 * An alert webhook: one item, the alert as MoEngage signed it. A call is refused (400) unless it
 * is declared JSON and its body is one JSON object; this comes before the signature is checked,
 * so that a body that cannot be an alert gets the same answer whether its signature is right or
 * not. Then the signature (401), then the alert's age (400), then whether it was received before
 * (200, nothing started).
 */
export function alertSource(campaignKey: string, { oneItemPerCampaign = false }: AlertOptions = {}): TriggerSource {
	return {
		screen: (call) => {
			const contentType = headerValue(call, 'content-type');
			if (contentType === undefined || !JSON_CONTENT_TYPE.test(contentType.trim())) {
				return 'an alert is sent as JSON (Content-Type: application/json)';
			}
			return alertBody(call.rawBody) === undefined ? 'an alert is a JSON object' : undefined;
		},
		authenticate: (call) => {
			const signature = headerValue(call, SIGNATURE_HEADER);
			// n8n keeps the bytes for every body it parses; without them nothing can be verified.
			if (signature === undefined || call.rawBody === undefined) return false;
			return secretsEqual(signature.trim().toLowerCase(), alertSignature(campaignKey, call.rawBody));
		},
		parse: (call) => {
			const alert = alertBody(call.rawBody);
			return alert ? { kind: 'items', items: [{ json: alert }] } : { kind: 'malformed', reason: 'an alert is a JSON object' };
		},
		admit: (call, items, { memory, nowMs }) => {
			const admission = admitAlert(call, items[0].json, memory, nowMs);
			return admission.kind === 'run' && oneItemPerCampaign ? { ...admission, items: itemPerEntity(items[0].json) } : admission;
		},
	};
}

export interface AlertOptions {
	/** One item per entry of `entity_data.content` (a campaign, or a flow for flow alerts) instead of one per alert. */
	oneItemPerCampaign?: boolean;
}

/**
 * The alert split by the entities that met its criteria (webhook.mdx: `entity_data.content`, one
 * object per campaign or flow, `entity_data.count` of them): one item per entity, its fields next
 * to the alert's (alert_id, alert_name, alert_type, alert_evaluation_criteria…), without
 * entity_data. An alert without entities (token expiries have no entity_data) stays one item, as
 * does one whose content is not a list of objects.
 */
export function itemPerEntity(alert: IDataObject): INodeExecutionData[] {
	const entityData = alert.entity_data;
	const content = isPlainObject(entityData) ? entityData.content : undefined;
	const entities: unknown[] = Array.isArray(content) ? content : [];
	const objects = entities.filter(isPlainObject);
	if (objects.length === 0 || objects.length !== entities.length) return [{ json: alert }];
	const fields: IDataObject = { ...alert };
	delete fields.entity_data;
	return objects.map((entity) => ({ json: { ...fields, ...entity } }));
}

/**
 * Refuses an alert triggered too long ago or too far ahead, and leaves out one received before.
 * An alert is known by its `alert_id` and the time in `alert_triggered_at`, so that the same alert
 * written out again (other spacing) is known too. One without them (MoEngage documents both in
 * every alert) is known by its bytes; without `alert_triggered_at` it cannot be dated, and only
 * the memory of received alerts stops a copy of it.
 */
function admitAlert(call: InboundCall, alert: IDataObject, memory: IDataObject, nowMs: number): Admission {
	const triggeredAt = alert.alert_triggered_at;
	let triggeredAtMs: number | undefined;
	if (triggeredAt !== undefined) {
		triggeredAtMs = typeof triggeredAt === 'string' && DATE_TIME.test(triggeredAt.trim()) ? parseIso(triggeredAt.trim())?.epochMs : undefined;
		if (triggeredAtMs === undefined) {
			return { kind: 'refused', message: 'Malformed body: "alert_triggered_at" must be an ISO 8601 date-time such as 2025-03-21T23:59:00Z' };
		}
		const times = `triggered at ${new Date(triggeredAtMs).toISOString()}, received at ${new Date(nowMs).toISOString()}`;
		if (triggeredAtMs < nowMs - ALERT_MAX_AGE_MS) {
			return {
				kind: 'refused',
				message: `Refused: the alert is more than ${ALERT_MAX_AGE_MS / 60000} minutes old (${times}). MoEngage sends an alert when it is triggered, so this is a copy sent again later`,
			};
		}
		if (triggeredAtMs > nowMs + ALERT_MAX_AHEAD_MS) {
			return {
				kind: 'refused',
				message: `Refused: the alert is dated more than ${ALERT_MAX_AHEAD_MS / 60000} minutes ahead of this server's clock (${times})`,
			};
		}
	}
	const id = typeof alert.alert_id === 'string' || typeof alert.alert_id === 'number' ? String(alert.alert_id) : '';
	const key =
		id !== '' && triggeredAtMs !== undefined
			? `alert:${JSON.stringify([id, triggeredAtMs])}`
			: `body:${createHash('sha256').update(call.rawBody ?? '').digest('hex')}`;

	const received = new RecentKeys(memory, ALERTS_SLOT, { count: ALERTS_REMEMBERED }, nowMs);
	if (received.has(key)) {
		received.save();
		return { kind: 'nothingNew', message: 'Received; this alert was received before, nothing started' };
	}
	received.add(key);
	received.save();
	return { kind: 'run', items: [{ json: alert }] };
}
