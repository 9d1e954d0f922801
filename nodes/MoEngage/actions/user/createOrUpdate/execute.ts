import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { readAttributes } from '../../../helpers/attributes';
import { readCustomerId } from '../../../helpers/customerId';
import { readForwardedForHeader } from '../../../helpers/forwardedFor';
import type { Field } from '../../../helpers/parameters';
import { fieldError, readOptionalText, readTextList } from '../../../helpers/parameters';
import { readDateTime } from '../../../helpers/time';
import { ENDPOINTS } from '../../../transport/api';
import type { BulkImport } from '../../bulkImport';
import { sendEachItem } from '../../operation';
import { CUSTOM_ATTRIBUTES, STANDARD_ATTRIBUTE_FIELDS, STANDARD_ATTRIBUTES, UNSET_ATTRIBUTES, UPDATE_EXISTING_ONLY } from './description';

export interface TrackUserParams {
	customer_id: string;
	attributes: IDataObject;
	updateExistingOnly: boolean;
	/** Attribute names to remove (MoEngage's `unset_attributes`, exact match). */
	unset: string[];
	headers?: Record<string, string>;
}

function readStandardAttributes(context: IExecuteFunctions, itemIndex: number): IDataObject {
	const values = context.getNodeParameter(STANDARD_ATTRIBUTES.name, itemIndex, {}) as IDataObject;
	const attributes: IDataObject = {};
	for (const { name, displayName } of STANDARD_ATTRIBUTE_FIELDS) {
		const field: Field = { name, label: `${STANDARD_ATTRIBUTES.label} > ${displayName}` };
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
	const customer_id = readCustomerId(this, itemIndex);
	const standard = readStandardAttributes(this, itemIndex);
	const custom = readAttributes(this, CUSTOM_ATTRIBUTES, itemIndex);
	const clash = Object.keys(custom).find((name) => Object.prototype.hasOwnProperty.call(standard, name));
	if (clash !== undefined) {
		throw fieldError(this, CUSTOM_ATTRIBUTES.rows, itemIndex, `sets "${clash}", which Standard Attributes already sets`);
	}
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const updateExistingOnly = options[UPDATE_EXISTING_ONLY.name] ?? false;
	if (typeof updateExistingOnly !== 'boolean') throw fieldError(this, UPDATE_EXISTING_ONLY, itemIndex, 'must be true or false');
	const unset = readTextList(this, UNSET_ATTRIBUTES, itemIndex, options[UNSET_ATTRIBUTES.name] ?? '');
	const attributes = { ...standard, ...custom };
	const setAndUnset = unset.find((name) => Object.prototype.hasOwnProperty.call(attributes, name));
	if (setAndUnset !== undefined) {
		throw fieldError(this, UNSET_ATTRIBUTES, itemIndex, `removes "${setAndUnset}", which the item also sets`);
	}
	return { customer_id, attributes, updateExistingOnly, unset, headers: readForwardedForHeader(this, itemIndex) };
}

/** The Track User body for one item: sent alone, or as one element of a Bulk Import request. */
function trackUserBody({ customer_id, attributes, updateExistingOnly, unset }: TrackUserParams): IDataObject {
	const body: IDataObject = { type: 'customer', customer_id, attributes };
	if (updateExistingOnly) body.update_existing_only = true;
	if (unset.length > 0) body.unset_attributes = unset.map((attr) => ({ type: 'equals', attr, case_sensitive: true }));
	return body;
}

const echo = ({ customer_id, attributes }: TrackUserParams): IDataObject => ({ customer_id, attributes });
const userOf = (params: TrackUserParams) => params.customer_id;

// Track User takes one user per request here, so that each item gets its own answer.
export const execute = sendEachItem<TrackUserParams>(async function (client, params, itemIndex) {
	const answer = await client.request(ENDPOINTS.trackUser, trackUserBody(params), {
		itemIndex,
		subject: `customer_id "${params.customer_id}"`,
		headers: params.headers,
	});
	return { status: answer.status, message: answer.message, ...echo(params) };
}, userOf);

export const bulk: BulkImport<TrackUserParams> = {
	endpoint: ENDPOINTS.bulkImportUsers,
	element: trackUserBody,
	userOf,
	echo,
	headersOf: (params) => params.headers,
};
