import type { INodeProperties } from 'n8n-workflow';

import { updateDisplayOptions } from '../../../helpers/displayOptions';
import { operationOptions } from '../../../helpers/requestSettings';
import { ENDPOINTS } from '../../../transport/api';
import { IDENTIFY_USER_BY_LABEL, USER_ID_LABEL, userIdFields } from '../../../helpers/userIdFields';
import { forwardedForOption } from '../../../helpers/forwardedFor';

export const IDENTITY_TYPE = { name: 'identityType', label: IDENTIFY_USER_BY_LABEL };
export const IDENTITY_VALUE = { name: 'identityValue', label: USER_ID_LABEL };

const properties: INodeProperties[] = [
	{
		displayName:
			'MoEngage hard-deletes the user 24 hours after the request. It cannot be undone; until then the user stays visible and can still be updated.',
		name: 'deleteNotice',
		type: 'notice',
		default: '',
	},
	...userIdFields(IDENTITY_TYPE, 'moengage_id', IDENTITY_VALUE, 'The Customer ID or MoEngage ID of the user to delete, as chosen in Identify User By. MoEngage removes the user for good after a 24-hour buffer; this cannot be undone.'),
	...operationOptions(ENDPOINTS.deleteUser, { perItem: true }, [
		forwardedForOption('IP address of the client that asked for the deletion, sent as the X-Forwarded-For header'),
	]),
];

export const description = updateDisplayOptions({ show: { resource: ['user'], operation: ['delete'] } }, properties);
