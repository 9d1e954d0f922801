import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { defineOperation } from '../operation';
import { sendInBulkOption } from '../bulkImport';
import type { AttributeFields } from '../../helpers/attributes';
import { attributeField, attributeFields, readAttributes, subscriptionValue, USER_ATTRIBUTE_RULES } from '../../helpers/attributes';
import { echoIdentity, identityField, identityValue, readUserIdentity, userIdentityFields, type UserIdentity } from '../../helpers/userIdentity';
import { forwardedForOption, readForwardedForHeader } from '../../helpers/forwardedFor';
import type { Field } from '../../helpers/parameters';
import { fieldError, readOptionalText, readTextList } from '../../helpers/parameters';
import { operationOptions } from '../../helpers/requestSettings';
import { checkBodySize } from '../../helpers/requestSize';
import { STANDARD_ATTRIBUTES as STANDARD_ATTRIBUTES_LIST, SUBSCRIPTION_ATTRIBUTES } from '../../helpers/standardAttributes';
import { readDateTime } from '../../helpers/time';
import { ENDPOINTS } from '../../transport/api';
import { userWrite } from '../userWrite';

export const STANDARD_ATTRIBUTES = { name: 'standardAttributes', label: 'Standard Attributes' };
export const UPDATE_EXISTING_ONLY = { name: 'updateExistingOnly', label: 'Only Update Existing Users' };
export const UNSET_ATTRIBUTES = { name: 'unsetAttributes', label: 'Unset Attributes' };
export const CUSTOM_ATTRIBUTES: AttributeFields = {
	input: { name: 'customAttributesInput', label: 'Specify Custom Attributes' },
	rows: { name: 'customAttributes', label: 'Custom Attributes' },
	json: { name: 'customAttributesJson', label: 'Custom Attributes (JSON)' },
};

/** Extra detail for the standard attributes Create or Update sets. */
const WRITE_DETAILS: Record<string, Partial<INodeProperties>> = {
	birthday: { type: 'dateTime', description: 'Date of birth' },
	email: { placeholder: 'name@email.com' },
	gender: { placeholder: 'e.g. female' },
	mobile: { placeholder: 'e.g. +15550001', description: 'Mobile number, with the country code' },
	name: { description: 'Full name' },
};

const OPT_IN_STATUS_NAMES: Record<string, string> = { DOUBLE_OPTED_IN: 'Double Opted In', OPTED_OUT: 'Opted Out', OPT_IN_PENDING: 'Opt-In Pending' };

/** MoEngage's subscription attributes (opt-outs), as the types MoEngage gives them. */
const SUBSCRIPTION_FIELDS: INodeProperties[] = SUBSCRIPTION_ATTRIBUTES.map(({ name, displayName, kind, description, values }) =>
	kind === 'options'
		? {
				displayName,
				name,
				type: 'options',
				default: 'OPTED_OUT',
				description,
				options: (values ?? []).map((value) => ({ name: OPT_IN_STATUS_NAMES[value] ?? value, value })).sort((a, b) => a.name.localeCompare(b.name)),
			}
		: kind === 'boolean'
			? { displayName, name, type: 'boolean', default: true, description }
			: { displayName, name, type: 'string', default: '', description },
);

/** MoEngage's standard user attributes a CRM usually holds, under MoEngage's own names, and its subscription attributes. */
export const STANDARD_ATTRIBUTE_FIELDS: INodeProperties[] = [
	...STANDARD_ATTRIBUTES_LIST.filter(({ writable }) => writable).map(
		({ name, displayName }): INodeProperties => ({ displayName, name, type: 'string', default: '', ...WRITE_DETAILS[name] }),
	),
	...SUBSCRIPTION_FIELDS,
].sort((a, b) => a.displayName.localeCompare(b.displayName));

const properties: INodeProperties[] = [
	...userIdentityFields('The ID field of the profile to create or update. MoEngage creates the user when no profile has this ID.'),
	{
		displayName: STANDARD_ATTRIBUTES.label,
		name: STANDARD_ATTRIBUTES.name,
		type: 'collection',
		placeholder: 'Add attribute',
		default: {},
		options: STANDARD_ATTRIBUTE_FIELDS,
	},
	...attributeFields(CUSTOM_ATTRIBUTES, 'Custom user attributes'),
	...operationOptions(ENDPOINTS.trackUser, { perItem: true }, [
		{
			displayName: UPDATE_EXISTING_ONLY.label,
			name: UPDATE_EXISTING_ONLY.name,
			type: 'boolean',
			default: false,
			description:
				'Whether to leave users MoEngage does not know alone instead of creating them. Turn it on for CRM syncs: a user deleted for GDPR is not re-created by the next sync.',
		},
		{
			displayName: UNSET_ATTRIBUTES.label,
			name: UNSET_ATTRIBUTES.name,
			type: 'string',
			default: '',
			placeholder: 'e.g. coupon_code, cart_value',
			description: 'Names of attributes to remove from the profile, separated by commas (exact names, case-sensitive)',
			hint: 'Unsetting attributes is an early-access MoEngage feature: ask MoEngage to enable it for the workspace. Its own attributes cannot be unset.',
		},
		forwardedForOption('IP address of the client the update comes from, sent as the X-Forwarded-For header'),
		sendInBulkOption({ items: 'user updates', endpoint: ENDPOINTS.bulkImportUsers, singleLimit: ENDPOINTS.trackUser.rateLimit.perMinute }),
	]),
];

export interface TrackUserParams {
	user: UserIdentity;
	attributes: IDataObject;
	updateExistingOnly: boolean;
	/** Attribute names to remove (MoEngage's `unset_attributes`, exact match). */
	unset: string[];
	headers?: Record<string, string>;
}

/** A standard attribute's field, as messages name it. */
const standardField = ({ name, displayName }: INodeProperties): Field => ({ name, label: `${STANDARD_ATTRIBUTES.label} > ${displayName}` });

function readStandardAttributes(context: IExecuteFunctions, itemIndex: number): IDataObject {
	const values = context.getNodeParameter(STANDARD_ATTRIBUTES.name, itemIndex, {}) as IDataObject;
	const attributes: IDataObject = {};
	for (const property of STANDARD_ATTRIBUTE_FIELDS) {
		const { name } = property;
		const field = standardField(property);
		const subscription = SUBSCRIPTION_ATTRIBUTES.find((attribute) => attribute.name === name);
		if (subscription !== undefined) {
			if (values[name] === undefined) continue;
			const sent = subscriptionValue(subscription, values[name]);
			if (sent === undefined) throw fieldError(context, field, itemIndex, `is ${JSON.stringify(values[name])}, which MoEngage does not take for ${name}`);
			attributes[name] = sent;
			continue;
		}
		const value = name === 'birthday' ? readDateTime(context, field, itemIndex, values[name]) : readOptionalText(context, field, itemIndex, values[name]);
		if (value === undefined) continue;
		if (name === 'email' && !/^[^\s@]+@[^\s@]+$/.test(value)) {
			throw fieldError(context, field, itemIndex, `is not an email address: "${value}"`);
		}
		attributes[name] = value;
	}
	return attributes;
}

export function readItem(this: IExecuteFunctions, itemIndex: number): TrackUserParams {
	const user = readUserIdentity(this, itemIndex);
	const standard = readStandardAttributes(this, itemIndex);
	const custom = readAttributes(this, CUSTOM_ATTRIBUTES, itemIndex, USER_ATTRIBUTE_RULES);
	const clash = Object.keys(custom).find((name) => Object.prototype.hasOwnProperty.call(standard, name));
	if (clash !== undefined) {
		throw fieldError(this, CUSTOM_ATTRIBUTES.rows, itemIndex, `sets "${clash}", which Standard Attributes already sets`);
	}
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const updateExistingOnly = options[UPDATE_EXISTING_ONLY.name] ?? false;
	if (typeof updateExistingOnly !== 'boolean') throw fieldError(this, UPDATE_EXISTING_ONLY, itemIndex, 'must be true or false');
	if (updateExistingOnly && !('customer_id' in user)) {
		throw fieldError(this, UPDATE_EXISTING_ONLY, itemIndex, 'works only with a Customer ID', "MoEngage matches existing users by customer ID for this option (data.yaml, update_existing_only). Turn it off, or identify the user by Customer ID.");
	}
	const unset = readTextList(this, UNSET_ATTRIBUTES, itemIndex, options[UNSET_ATTRIBUTES.name] ?? '');
	const attributes = { ...standard, ...custom };
	const setAndUnset = unset.find((name) => Object.prototype.hasOwnProperty.call(attributes, name));
	if (setAndUnset !== undefined) {
		throw fieldError(this, UNSET_ATTRIBUTES, itemIndex, `removes "${setAndUnset}", which the item also sets`);
	}
	const params: TrackUserParams = { user, attributes, updateExistingOnly, unset, headers: readForwardedForHeader(this, itemIndex) };
	checkBodySize(this, itemIndex, trackUserBody(params), [
		{ field: identityField(user), value: identityValue(user) },
		...STANDARD_ATTRIBUTE_FIELDS.map((property) => ({ field: standardField(property), value: standard[property.name] })),
		{ field: attributeField(this, CUSTOM_ATTRIBUTES, itemIndex), value: custom },
		{ field: UNSET_ATTRIBUTES, value: unset },
	]);
	return params;
}

/** The Track User body for one item: sent alone, or as one element of a Bulk Import request. */
function trackUserBody({ user, attributes, updateExistingOnly, unset }: TrackUserParams): IDataObject {
	// By email or mobile (Identity Resolution), the identifier is one of the attributes and there is no customer_id.
	const body: IDataObject =
		'customer_id' in user ? { type: 'customer', customer_id: user.customer_id, attributes } : { type: 'customer', attributes: { ...attributes, [user.key]: user.value } };
	if (updateExistingOnly) body.update_existing_only = true;
	if (unset.length > 0) body.unset_attributes = unset.map((attr) => ({ type: 'equals', attr, case_sensitive: true }));
	return body;
}

const echo = ({ user, attributes }: TrackUserParams): IDataObject => ({ ...echoIdentity(user), attributes });
// Track User takes one user per request here, so that each item gets its own answer.
const sending = userWrite<TrackUserParams>({ endpoint: ENDPOINTS.trackUser, bulkEndpoint: ENDPOINTS.bulkImportUsers, body: trackUserBody, echo });

export const createOrUpdate = defineOperation<TrackUserParams, 'user', 'createOrUpdate'>({
	resource: 'user',
	operation: 'createOrUpdate',
	picker: { name: 'Create or Update', description: "Create a user, or update the attributes of the user with this Customer ID", action: 'Create or update a user' },
	properties,
	endpoint: ENDPOINTS.trackUser,
	readItem,
	...sending,
});
