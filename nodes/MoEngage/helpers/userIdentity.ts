import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { CUSTOMER_ID, checkCustomerId, customerIdField, readCustomerId } from './customerId';
import type { Field } from './parameters';
import { fieldError, readChoice, readRequiredText } from './parameters';
import { IDENTIFY_USER_BY_LABEL } from './userIdFields';
import { IDENTITY_RESOLUTION_KEYS, type IdentityResolutionVia } from '../transport/api';

/**
 * Who an item writes to in Track User, Track Event and Bulk Import: a customer ID (the default,
 * what saved workflows hold), or, in workspaces with MoEngage's Identity Resolution, an email or
 * mobile number the workspace has activated as an identifier (data.yaml: customer_id "Not
 * mandatory in Identity Resolution enabled workspaces").
 */
export const IDENTIFY_BY: Field = { name: 'identifyUserBy', label: IDENTIFY_USER_BY_LABEL };
export const USER_EMAIL: Field = { name: 'userEmail', label: 'Email' };
export const USER_MOBILE: Field = { name: 'userMobile', label: 'Mobile' };

const VALUE_FIELDS: Record<IdentityResolutionVia, Field> = { email: USER_EMAIL, mobile: USER_MOBILE };
const CHOICES = ['customerId', 'email', 'mobile'] as const;

/** The user of one item: by customer ID, or by an Identity Resolution identifier (`key`: MoEngage's attribute). */
export type UserIdentity = { customer_id: string } | { via: IdentityResolutionVia; key: string; value: string };

/** Identify User By, then the Customer ID, Email or Mobile field it asks for. */
export function userIdentityFields(customerIdDescription: string): INodeProperties[] {
	const byEmailOrMobile = "Only in workspaces with MoEngage's Identity Resolution, where this attribute is activated as an identifier (Settings > Data > Identity resolution)";
	return [
		{
			displayName: IDENTIFY_BY.label,
			name: IDENTIFY_BY.name,
			type: 'options',
			default: 'customerId',
			options: [
				{ name: 'Customer ID', value: 'customerId', description: 'The ID field of the profile' },
				{ name: 'Email', value: 'email', description: `${byEmailOrMobile}. Sent as ${IDENTITY_RESOLUTION_KEYS.email}.` },
				{ name: 'Mobile', value: 'mobile', description: `${byEmailOrMobile}. Sent as ${IDENTITY_RESOLUTION_KEYS.mobile}.` },
			],
		},
		customerIdField(customerIdDescription, { show: { [IDENTIFY_BY.name]: ['customerId'] } }),
		{
			displayName: USER_EMAIL.label,
			name: USER_EMAIL.name,
			type: 'string',
			placeholder: 'name@email.com',
			default: '',
			required: true,
			description: "The user's email address, an identifier of the workspace's Identity Resolution",
			displayOptions: { show: { [IDENTIFY_BY.name]: ['email'] } },
		},
		{
			displayName: USER_MOBILE.label,
			name: USER_MOBILE.name,
			type: 'string',
			placeholder: 'e.g. +15550001',
			default: '',
			required: true,
			description: "The user's mobile number as the workspace stores it, an identifier of the workspace's Identity Resolution",
			displayOptions: { show: { [IDENTIFY_BY.name]: ['mobile'] } },
		},
	];
}

/** The item's user, checked as customer IDs are (MoEngage's blocked placeholder values, at least two characters). */
export function readUserIdentity(context: IExecuteFunctions, itemIndex: number): UserIdentity {
	const by = readChoice(context, IDENTIFY_BY, itemIndex, CHOICES);
	if (by === 'customerId') return { customer_id: readCustomerId(context, itemIndex) };
	const field = VALUE_FIELDS[by];
	const value = checkCustomerId(context, field, itemIndex, readRequiredText(context, field, itemIndex), `an identifier`);
	if (by === 'email' && !/^[^\s@]+@[^\s@]+$/.test(value)) throw fieldError(context, field, itemIndex, `is not an email address: "${value}"`);
	return { via: by, key: IDENTITY_RESOLUTION_KEYS[by], value };
}

/** The field the user was named in, for messages about its size. */
export const identityField = (identity: UserIdentity): Field => ('customer_id' in identity ? CUSTOMER_ID : VALUE_FIELDS[identity.via]);
export const identityValue = (identity: UserIdentity): string => ('customer_id' in identity ? identity.customer_id : identity.value);

/** The key that keeps one user's items in input order. */
export const identityKey = (identity: UserIdentity): string => ('customer_id' in identity ? `customer_id:${identity.customer_id}` : `${identity.key}:${identity.value}`);

/** How messages name the user. */
export const describeIdentity = (identity: UserIdentity): string =>
	'customer_id' in identity ? `customer_id "${identity.customer_id}"` : `${identity.via} "${identity.value}"`;

/** The user in an item's output: `customer_id`, or `user_identifiers` as MoEngage took them. */
export const echoIdentity = (identity: UserIdentity): IDataObject =>
	'customer_id' in identity ? { customer_id: identity.customer_id } : { user_identifiers: { [identity.key]: identity.value } };
