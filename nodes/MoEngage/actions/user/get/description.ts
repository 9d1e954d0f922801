import type { INodeProperties } from 'n8n-workflow';

import { updateDisplayOptions } from '../../../helpers/displayOptions';
import { STANDARD_ATTRIBUTES as STANDARD_ATTRIBUTES_LIST } from '../../../helpers/standardAttributes';
import { forwardedForOption } from '../../../helpers/forwardedFor';
import { operationOptions } from '../../../helpers/requestSettings';
import { ENDPOINTS } from '../../../transport/api';
import { IDENTIFY_USER_BY_LABEL, USER_ID_LABEL, userIdFields } from '../../../helpers/userIdFields';

export const IDENTIFIER_TYPE = { name: 'identifierType', label: IDENTIFY_USER_BY_LABEL };
export const IDENTIFIER = { name: 'identifier', label: USER_ID_LABEL };
export const STANDARD_ATTRIBUTES = { name: 'standardAttributes', label: 'Standard Attributes' };
export const CUSTOM_ATTRIBUTES = { name: 'customAttributes', label: 'Custom Attributes' };
export const IF_NOT_FOUND = { name: 'ifNotFound', label: 'If Not Found' };
export const ALL_ATTRIBUTES = { name: 'allAttributes', label: 'Return All Attributes' };

const properties: INodeProperties[] = [
	...userIdFields(IDENTIFIER_TYPE, 'id', IDENTIFIER, "The user's Customer ID or MoEngage ID, as chosen in Identify User By. Map it from the input to look up many users: the node asks MoEngage for up to 20 users per request."),
	{
		displayName: STANDARD_ATTRIBUTES.label,
		name: STANDARD_ATTRIBUTES.name,
		type: 'multiOptions',
		default: ['name', 'email', 'mobile'],
		description: 'Standard attributes to return. The ID the user is identified by is always returned.',
		options: STANDARD_ATTRIBUTES_LIST.map(({ displayName, name }) => ({ name: displayName, value: name })),
	},
	{
		displayName: CUSTOM_ATTRIBUTES.label,
		name: CUSTOM_ATTRIBUTES.name,
		type: 'string',
		default: '',
		placeholder: 'e.g. plan, loyalty_tier',
		description: 'Names of custom attributes to return, separated by commas',
	},
	...operationOptions(ENDPOINTS.exportUsers, { perItem: false }, [
		{
			displayName: ALL_ATTRIBUTES.label,
			name: ALL_ATTRIBUTES.name,
			type: 'boolean',
			default: false,
			description:
				"Whether to return every attribute MoEngage exports for the user (standard and custom) instead of the ones chosen above",
		},
		forwardedForOption('IP address of the client the lookup is made for, sent as the X-Forwarded-For header'),
		{
			displayName: IF_NOT_FOUND.label,
			name: IF_NOT_FOUND.name,
			type: 'options',
			default: 'error',
			description: 'What to do when MoEngage has no user with this User ID. Found users carry found: true.',
			options: [
				{
					name: 'Return a Not-Found Item',
					value: 'returnItem',
					description:
						'Output {found: false, identifier_type, identifier} for the item, plus a hint when MoEngage returned users that could not be matched to it',
				},
				{ name: 'Return an Error', value: 'error' },
			],
		},
	]),
];

export const description = updateDisplayOptions({ show: { resource: ['user'], operation: ['get'] } }, properties);
