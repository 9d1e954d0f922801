import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { CampaignFilters, CampaignSearch } from '../../../helpers/campaignSearch';
import { searchCampaigns } from '../../../helpers/campaignSearch';
import type { Field } from '../../../helpers/parameters';
import { fieldError, readOptionalText, readTextList } from '../../../helpers/parameters';
import { inParallel } from '../../../run/schedule';
import type { Operation } from '../../operation';
import { FILTERS, LIMIT, NAME, RETURN_ALL, TAGS } from './description';

export interface SearchCampaignsParams extends CampaignSearch {
	/** Undefined: every campaign found. */
	limit?: number;
}

const CHANNELS = ['EMAIL', 'PUSH', 'SMS'];
const DELIVERY_TYPES = ['ONE_TIME', 'PERIODIC', 'EVENT_TRIGGERED', 'BUSINESS_EVENT_TRIGGERED', 'DEVICE_TRIGGERED', 'LOCATION_TRIGGERED', 'BROADCAST_LIVE_ACTIVITY'];
const STATUSES = ['ACTIVE', 'SCHEDULED', 'PAUSED', 'SENT', 'STOPPED', 'ARCHIVED'];

/** A multi-choice filter (from the panel, or a list or comma-separated text from an expression). */
function readChoices(context: IExecuteFunctions, field: Field, itemIndex: number, value: unknown, allowed: string[]): string[] | undefined {
	const chosen = readTextList(context, field, itemIndex, value).map((entry) => entry.toUpperCase());
	const unknown = chosen.find((entry) => !allowed.includes(entry));
	if (unknown !== undefined) {
		throw fieldError(context, field, itemIndex, `has an unknown value "${unknown}"`, `Allowed values: ${allowed.join(', ')}`);
	}
	return chosen.length > 0 ? chosen : undefined;
}

function readLimit(context: IExecuteFunctions, itemIndex: number): number | undefined {
	if (context.getNodeParameter(RETURN_ALL.name, itemIndex, false) === true) return undefined;
	const limit = context.getNodeParameter(LIMIT.name, itemIndex, 50) as unknown;
	if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1) {
		throw fieldError(context, LIMIT, itemIndex, 'must be a whole number of 1 or more');
	}
	return limit;
}

export function readItem(this: IExecuteFunctions, itemIndex: number): SearchCampaignsParams {
	const raw = this.getNodeParameter(FILTERS.name, itemIndex, {}) as IDataObject;
	const filters: CampaignFilters = {
		channels: readChoices(this, { name: 'channels', label: 'Channels' }, itemIndex, raw.channels, CHANNELS),
		delivery_type: readChoices(this, { name: 'deliveryTypes', label: 'Delivery Types' }, itemIndex, raw.deliveryTypes, DELIVERY_TYPES),
		name: readOptionalText(this, NAME, itemIndex, raw.name),
		status: readChoices(this, { name: 'status', label: 'Status' }, itemIndex, raw.status, STATUSES),
		tags: readTextList(this, TAGS, itemIndex, raw.tags),
	};
	if (filters.tags?.length === 0) delete filters.tags;
	for (const key of Object.keys(filters) as Array<keyof CampaignFilters>) if (filters[key] === undefined) delete filters[key];
	return {
		filters,
		includeChildCampaigns: raw.includeChildCampaigns === true,
		includeArchivedCampaigns: raw.includeArchivedCampaigns === true,
		limit: readLimit(this, itemIndex),
	};
}

/** Each item's search pages through MoEngage's answers; its campaigns are its output items. */
export const execute: Operation<SearchCampaignsParams>['execute'] = async function (client, requests, run) {
	const executionId = this.getExecutionId?.() ?? 'manual';
	await inParallel(requests.length, client.settings.concurrency, async (job) => {
		const { itemIndex, params } = requests[job];
		try {
			const campaigns = await searchCampaigns(client, params, params.limit, `n8n-${executionId}-${itemIndex}`, { itemIndex, subject: 'campaign search' });
			run.succeedMany(itemIndex, campaigns);
		} catch (error) {
			run.fail(itemIndex, error);
		}
	});
};
