import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { readAttributes } from '../../../helpers/attributes';
import { readCustomerId } from '../../../helpers/customerId';
import { readForwardedForHeader } from '../../../helpers/forwardedFor';
import type { Field } from '../../../helpers/parameters';
import { fieldError, readOptionalText } from '../../../helpers/parameters';
import { readDateTime } from '../../../helpers/time';
import { ENDPOINTS } from '../../../transport/api';
import { sendEachItem } from '../../operation';
import { CUSTOM_ATTRIBUTES, STANDARD_ATTRIBUTE_FIELDS, STANDARD_ATTRIBUTES } from './description';

export interface TrackUserParams {
	customer_id: string;
	attributes: IDataObject;
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
	const clash = Object.keys(custom).find((name) => name in standard);
	if (clash !== undefined) {
		throw fieldError(this, CUSTOM_ATTRIBUTES.rows, itemIndex, `sets "${clash}", which Standard Attributes already sets`);
	}
	return { customer_id, attributes: { ...standard, ...custom }, headers: readForwardedForHeader(this, itemIndex) };
}

// Track User takes one user per request here, so that each item gets its own answer.
export const execute = sendEachItem<TrackUserParams>(async function (client, params, itemIndex) {
	const { customer_id, attributes, headers } = params;
	const answer = await client.request(ENDPOINTS.trackUser, { type: 'customer', customer_id, attributes }, { itemIndex, subject: `customer_id "${customer_id}"`, headers });
	return { status: answer.status, message: answer.message, customer_id, attributes };
}, (params) => params.customer_id);
