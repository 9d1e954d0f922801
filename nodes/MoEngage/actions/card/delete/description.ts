import type { INodeProperties } from 'n8n-workflow';

import { CAMPAIGN_PICKER_SINCE_VERSION, campaignsField } from '../../../helpers/campaignLocator';
import { cardUserFields, platformsField } from '../../../helpers/cardUser';
import { updateDisplayOptions } from '../../../helpers/displayOptions';
import { operationOptions } from '../../../helpers/requestSettings';
import { ENDPOINTS } from '../../../transport/api';

export const CAMPAIGN_IDS = { name: 'campaignIds', label: 'Campaign IDs' };

const properties: INodeProperties[] = [
	...cardUserFields,
	{
		displayName: CAMPAIGN_IDS.label,
		name: CAMPAIGN_IDS.name,
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 64f6a59e1, 64f6a59e2',
		description:
			"IDs of the campaigns whose cards to delete, separated by commas. A periodic campaign's parent ID also deletes its child campaigns' cards.",
		// Saved workflows of versions 1 and 1.1 keep their text field; later versions pick campaigns.
		displayOptions: { show: { '@version': [1, 1.1] } },
	},
	{
		...campaignsField(
			"The campaigns whose cards to delete: pick one, or enter IDs (several separated by commas, or a list such as Get Cards' campaign_ids). A periodic campaign's parent ID also deletes its child campaigns' cards.",
		),
		displayOptions: { show: { '@version': [{ _cnd: { gte: CAMPAIGN_PICKER_SINCE_VERSION } }] } },
	},
	platformsField('Platforms to delete the cards from. Leave empty for all platforms.'),
	...operationOptions(ENDPOINTS.deleteCards, { perItem: true }),
];

export const description = updateDisplayOptions({ show: { resource: ['card'], operation: ['delete'] } }, properties);
