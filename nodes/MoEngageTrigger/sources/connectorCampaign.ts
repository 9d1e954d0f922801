import { isPlainObject, type TriggerSource } from './call';
import { carriesSharedSecret, type SharedSecretCheck } from './sharedSecret';

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
 */
export function connectorCampaignSource(check: SharedSecretCheck): TriggerSource {
	return {
		authenticate: (call) => carriesSharedSecret(call, check),
		parse: (call) => ({
			kind: 'items',
			items: [{ json: isPlainObject(call.body) ? call.body : { body: call.body ?? null } }],
		}),
	};
}
