import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { Field } from './parameters';
import { fieldError, readTextList } from './parameters';

/** The method in `methods.listSearch` that pages through the workspace's campaigns (methods/listSearch.ts). */
export const SEARCH_CAMPAIGNS_METHOD = 'searchCampaigns';

/** Node version 1.2 turned Card → Delete's Campaign IDs text into this picker. */
export const CAMPAIGN_PICKER_SINCE_VERSION = 1.2;

export const CAMPAIGNS: Field = { name: 'campaigns', label: 'Campaigns' };

/**
 * A campaign's page in MoEngage's dashboard, e.g.
 * https://dashboard-01.moengage.com/v4/#/email/66e933029ff25f3322d8279d/info: the campaign ID is
 * the 24-hex-digit part of the path. MoEngage documents no dashboard URL format: this shape (a
 * dashboard-NN.moengage.com host, the ID as one segment of the address after #/) is assumed from
 * its dashboard's addresses, and the ID from its API's campaign IDs (24 hex digits, as
 * campaigns.yaml's examples and Search's answers show).
 */
export const CAMPAIGN_URL_REGEX = 'https?://dashboard-\\d+\\.moengage\\.com/[^#]*#/(?:[^?#]*/)?([0-9a-fA-F]{24})(?:[/?&].*)?';
/** The same, for n8n's extraction (which does not anchor it; its validation anchors at both ends). */
const CAMPAIGN_URL_EXTRACT = `^${CAMPAIGN_URL_REGEX}$`;

/**
 * The one campaign picker every campaign field is built from: a campaign from MoEngage's list
 * (`searchListMethod`), its dashboard address (By URL), or its ID typed or mapped in. `several`:
 * By ID also takes several IDs separated by commas, or a list from an expression such as
 * `{{ $json.campaign_ids }}`. Saved values keep their mode's name (list, url, id).
 */
function campaignLocator(field: Field, description: string, searchListMethod: string, several: boolean): INodeProperties {
	return {
		displayName: field.label,
		name: field.name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Select a campaign...',
				typeOptions: { searchListMethod, searchable: true },
			},
			{
				displayName: 'By URL',
				name: 'url',
				type: 'string',
				placeholder: 'e.g. https://dashboard-01.moengage.com/v4/#/email/66e933029ff25f3322d8279d/info',
				hint: "The address of the campaign's page in MoEngage's dashboard",
				extractValue: { type: 'regex', regex: CAMPAIGN_URL_EXTRACT },
				validation: [
					{
						type: 'regex',
						properties: {
							regex: CAMPAIGN_URL_REGEX,
							errorMessage: "Not a campaign's address in MoEngage's dashboard (https://dashboard-NN.moengage.com/…#/…/<24-character campaign ID>…)",
						},
					},
				],
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				...(several
					? { placeholder: 'e.g. 66e933029ff25f3322d8279d, 6645fbae1101e4c6611b15c7', hint: 'One campaign ID, several separated by commas, or a list mapped from the input' }
					: { placeholder: 'e.g. 66e933029ff25f3322d8279d', hint: 'The campaign ID, e.g. mapped from the input: {{ $json.campaign_id }}' }),
			},
		],
	};
}

/** A picker of campaigns: one from MoEngage's list or by URL, or IDs typed or mapped in (one, several, or a list). */
export function campaignsField(description: string): INodeProperties {
	return campaignLocator(CAMPAIGNS, description, SEARCH_CAMPAIGNS_METHOD, true);
}

/** The campaign IDs the picker holds for this item, at least one. */
export function readCampaignIds(context: IExecuteFunctions, itemIndex: number, field: Field = CAMPAIGNS): string[] {
	// An expression that gives nothing is no campaign (undefined would make readTextList read the field again).
	const value = (urlMode(context, field, itemIndex) ? idFromUrl(context, field, itemIndex) : (context.getNodeParameter(field.name, itemIndex, '', { extractValue: true }) as unknown)) ?? '';
	const ids = [...new Set(readTextList(context, field, itemIndex, value))];
	if (ids.length === 0) {
		throw fieldError(context, field, itemIndex, 'is empty', 'Pick a campaign from the list, or enter its ID, e.g. 66e933029ff25f3322d8279d');
	}
	return ids;
}

/** Whether the picker is in By URL mode for this item. */
function urlMode(context: IExecuteFunctions, field: Field, itemIndex: number): boolean {
	const locator = context.getNodeParameter(field.name, itemIndex, {}, { rawExpressions: true }) as unknown;
	return typeof locator === 'object' && locator !== null && (locator as { mode?: unknown }).mode === 'url';
}

/** The ID n8n takes out of a By URL address; an address given by an expression may not be one (the editor checks typed ones). */
function idFromUrl(context: IExecuteFunctions, field: Field, itemIndex: number): unknown {
	try {
		return context.getNodeParameter(field.name, itemIndex, '', { extractValue: true }) as unknown;
	} catch {
		throw fieldError(context, field, itemIndex, "is not a campaign's address in MoEngage's dashboard", 'e.g. https://dashboard-01.moengage.com/v4/#/email/66e933029ff25f3322d8279d/info');
	}
}

/** The method in `methods.listSearch` that lists the published API-triggered email campaigns (Messaging API shells). */
export const SEARCH_API_TRIGGERED_CAMPAIGNS_METHOD = 'searchApiTriggeredCampaigns';

export const CAMPAIGN: Field = { name: 'campaign', label: 'Campaign' };

/** A picker of one campaign: from MoEngage's list (`searchListMethod`), by URL, or its ID typed or mapped in. */
export function campaignField(description: string, searchListMethod = SEARCH_CAMPAIGNS_METHOD, field: Field = CAMPAIGN): INodeProperties {
	return campaignLocator(field, description, searchListMethod, false);
}

/** The one campaign ID the picker holds for this item. */
export function readCampaignId(context: IExecuteFunctions, itemIndex: number, field: Field = CAMPAIGN): string {
	const ids = readCampaignIds(context, itemIndex, field);
	if (ids.length > 1) throw fieldError(context, field, itemIndex, `holds ${ids.length} campaigns`, 'Give one campaign per item; split a list into items first');
	return ids[0];
}
