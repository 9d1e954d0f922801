import type { INodeProperties } from 'n8n-workflow';

import { cardUserFields, platformsField } from '../../../helpers/cardUser';
import { updateDisplayOptions } from '../../../helpers/displayOptions';
import { operationOptions } from '../../../helpers/requestSettings';
import { ENDPOINTS } from '../../../transport/api';

export const CATEGORY = { name: 'category', label: 'Category' };
export const LIMIT = { name: 'limit', label: 'Limit' };

const properties: INodeProperties[] = [
	...cardUserFields,
	platformsField('Platforms to get the cards of. Leave empty for all platforms.'),
	...operationOptions(ENDPOINTS.fetchCards, { perItem: true }, [
		{
			displayName: CATEGORY.label,
			name: CATEGORY.name,
			type: 'string',
			default: '',
			placeholder: 'e.g. Announcements',
			description: 'Only cards of this category',
		},
		{
			displayName: LIMIT.label,
			name: LIMIT.name,
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 50,
			description: 'Max number of results to return',
		},
	]),
];

export const description = updateDisplayOptions({ show: { resource: ['card'], operation: ['get'] } }, properties);
