import type { IDataObject } from 'n8n-workflow';

import { RecentKeys } from '../helpers/recentKeys';
import { isPlainObject, type Admission, type AdmissionContext, type TriggerSource } from './call';
import { carriesSharedSecret, type SharedSecretCheck } from './sharedSecret';

/**
 * How many values of Drop Repeats by Field are remembered: the last 10,000 calls. MoEngage reruns
 * a batch of a One Time or Periodic campaign after an infrastructure or network issue
 * (connector-error-reference.mdx), so the values of one send are what must be remembered; a
 * campaign sent to more users than this may let a repeat through.
 */
export const CONNECTOR_VALUES_REMEMBERED = 10_000;

/** Where the values of Drop Repeats by Field are kept in the node's static data. */
export const CONNECTOR_SLOT = 'callsReceived';

/**
 * A body to paste into a connector campaign (Content step, Body type JSON). MoEngage replaces
 * each `{{UserAttribute['…']}}` with the user's value; typing @ in MoEngage's editor inserts
 * these for any attribute of the workspace.
 */
export const CONNECTOR_BODY_TEMPLATE: Readonly<Record<string, string>> = {
	customer_id: "{{UserAttribute['ID']}}",
	email: "{{UserAttribute['Email (Standard)']}}",
	first_name: "{{UserAttribute['First Name']}}",
	campaign_name: 'Uninstall follow-up',
};

/**
 * A connector campaign calls once per user with the body the marketer wrote: one item, the body's
 * fields at the top. A body that is not a JSON object (raw text, a list) arrives as `body`.
 *
 * With `dropRepeatsByField` (the option Drop Repeats by Field), a call whose value of that field
 * came before is answered 200 and starts nothing: MoEngage can rerun a batch and call again for
 * the same users.
 */
export function connectorCampaignSource(check: SharedSecretCheck, dropRepeatsByField?: string): TriggerSource {
	return {
		authenticate: (call) => carriesSharedSecret(call, check),
		parse: (call) => ({
			kind: 'items',
			items: [{ json: isPlainObject(call.body) ? call.body : { body: call.body ?? null } }],
		}),
		admit: dropRepeatsByField ? (_call, items, context) => admitCall(dropRepeatsByField, items[0].json, context) : undefined,
	};
}

function admitCall(field: string, body: IDataObject, { memory, nowMs }: AdmissionContext): Admission {
	const value = Object.prototype.hasOwnProperty.call(body, field) ? body[field] : undefined;
	const usable = (typeof value === 'string' && value.trim() !== '') || (typeof value === 'number' && Number.isFinite(value)) || typeof value === 'boolean';
	if (!usable) {
		return {
			kind: 'refused',
			message: `Malformed body: the field "${field}" (Drop Repeats by Field) is missing, empty or not a single value, so a repeat of this call cannot be told apart`,
		};
	}
	const key = String(value);
	const received = new RecentKeys(memory, CONNECTOR_SLOT, { count: CONNECTOR_VALUES_REMEMBERED }, nowMs);
	if (received.has(key)) {
		received.save();
		return { kind: 'nothingNew', message: `Received; a call with the same "${field}" was received before, nothing started` };
	}
	received.add(key);
	received.save();
	return { kind: 'run', items: [{ json: body }] };
}
