import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { fieldError } from './parameters';

/**
 * Node version 1.4 turned Simplify on by default (Campaign → Search, Campaign → Get, Flow → Get,
 * User → Get with Return All Attributes, Card → Get): the fields a marketer reads instead of MoEngage's full objects, so that
 * items stay small in a table and in an AI agent's context. Nodes of earlier versions keep the
 * full answer, so saved workflows output what they did.
 */
export const SIMPLIFY_SINCE_VERSION = 1.4;

export const SIMPLIFY = { name: 'simplify', label: 'Simplify' };

const BEFORE = { show: { '@version': [1, 1.1, 1.2, 1.3] } };
const SINCE = { show: { '@version': [{ _cnd: { gte: SIMPLIFY_SINCE_VERSION } }] } };

/** Whether Simplify is on when a node of this version has none saved. */
export const simplifyByDefault = (typeVersion: number): boolean => typeVersion >= SIMPLIFY_SINCE_VERSION;

/**
 * The Simplify field, twice: off by default in nodes before version 1.4, on from 1.4 (a field's
 * default cannot vary by version). `what` ends the description: what the simplified answer holds.
 */
export function simplifyFields(what: string): INodeProperties[] {
	const description = `Whether to return a simplified version of the response instead of the raw data. ${what} Keeps items small for tables and for AI agents using the node as a tool.`;
	// Written out twice: n8n's lint wants a literal boolean default.
	return [
		{ displayName: SIMPLIFY.label, name: SIMPLIFY.name, type: 'boolean', default: false, description, displayOptions: BEFORE },
		{ displayName: SIMPLIFY.label, name: SIMPLIFY.name, type: 'boolean', default: true, description, displayOptions: SINCE },
	];
}

/** Simplify for one item: the saved value, else the default of the node's version. */
export function readSimplify(context: IExecuteFunctions, itemIndex: number): boolean {
	const value = context.getNodeParameter(SIMPLIFY.name, itemIndex, simplifyByDefault(context.getNode().typeVersion)) as unknown;
	if (typeof value !== 'boolean') throw fieldError(context, SIMPLIFY, itemIndex, 'must be true or false');
	return value;
}

/** The named fields of an object, in the given order, leaving out those it does not have. */
export function pick(source: IDataObject, names: readonly string[]): IDataObject {
	const picked: IDataObject = {};
	for (const name of names) if (source[name] !== undefined) picked[name] = source[name];
	return picked;
}

const objectOf = (value: unknown): IDataObject => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as IDataObject) : {});

/** The ten fields of a campaign that Campaign → Search's Simplify keeps (docs/operations.md). */
export const SIMPLE_CAMPAIGN_FIELDS = [
	'campaign_id',
	'name',
	'channel',
	'status',
	'campaign_delivery_type',
	'tags',
	'created_by',
	'created_at',
	'parent_campaign_id',
	'flow_name',
] as const;

/** A campaign of Search Campaigns' answer, flat: name and tags come out of basic_details. */
export function simplifyCampaign(campaign: IDataObject): IDataObject {
	const basics = objectOf(campaign.basic_details);
	return pick({ ...campaign, name: basics.name ?? campaign.name, tags: basics.tags ?? campaign.tags }, SIMPLE_CAMPAIGN_FIELDS);
}

/** The ten fields of a card that Card → Get's Simplify keeps (docs/operations.md). */
export const SIMPLE_CARD_FIELDS = [
	'id',
	'platform',
	'category',
	'campaign_id',
	'campaign_name',
	'delivery_type',
	'created_at',
	'updated_at',
	'is_clicked',
	'expire_at',
] as const;

/** A card of Fetch Cards' answer, flat: the campaign from meta_data, the click from user_activity, the expiry from display_controls. */
export function simplifyCard(card: IDataObject): IDataObject {
	const meta = objectOf(card.meta_data);
	return pick(
		{
			...card,
			// cid is the card's own ID (fetch-cards), not its campaign's
			campaign_id: meta.moe_campaign_id,
			campaign_name: meta.moe_campaign_name,
			delivery_type: meta.moe_delivery_type,
			is_clicked: objectOf(card.user_activity).is_clicked,
			expire_at: objectOf(card.display_controls).expire_at,
		},
		SIMPLE_CARD_FIELDS,
	);
}

/** The ten fields of a flow that Flow → Get's Simplify keeps (docs/operations.md; flows.yaml FlowDetail). */
export const SIMPLE_FLOW_FIELDS = [
	'flow_id',
	'name',
	'status',
	'archived',
	'delivery_type',
	'active_version_name',
	'tags',
	'created_by',
	'created_at',
	'updated_at',
] as const;

/** A flow of Get Flow's answer without its versions, settings, attribution, conversion goal and stages. */
export const simplifyFlow = (flow: IDataObject): IDataObject => pick(flow, SIMPLE_FLOW_FIELDS);
