import type { INodeProperties } from 'n8n-workflow';

import { campaignsField } from '../../../helpers/campaignLocator';
import { updateDisplayOptions } from '../../../helpers/displayOptions';
import { operationOptions } from '../../../helpers/requestSettings';
import { CAMPAIGN_STATS_MAX_DAYS, CAMPAIGN_STATS_MAX_IDS, ENDPOINTS } from '../../../transport/api';

export const PERIOD = { name: 'period', label: 'Period' };
export const START_DATE = { name: 'startDate', label: 'Start Date' };
export const END_DATE = { name: 'endDate', label: 'End Date' };
export const ATTRIBUTION = { name: 'attributionType', label: 'Attribution' };
export const METRIC = { name: 'metricType', label: 'Metric Type' };
export const SIMPLIFY = { name: 'simplify', label: 'Simplify' };

/** The periods the node offers, in days up to and including today (UTC). */
export const PERIOD_DAYS: Readonly<Record<string, number>> = { last7Days: 7, last30Days: 30, last90Days: 90 };

const properties: INodeProperties[] = [
	campaignsField(
		`The campaigns to get stats of. MoEngage takes ${CAMPAIGN_STATS_MAX_IDS} a request; the node sends as few requests as it can, also for the campaigns of several items.`,
	),
	{
		displayName: PERIOD.label,
		name: PERIOD.name,
		type: 'options',
		default: 'last7Days',
		options: [
			{ name: 'Custom Range', value: 'custom' },
			{ name: 'Last 30 Days', value: 'last30Days', description: 'The 30 days up to and including today (UTC)' },
			{ name: 'Last 7 Days', value: 'last7Days', description: 'The 7 days up to and including today (UTC)' },
			{ name: 'Last 90 Days', value: 'last90Days', description: 'The 90 days up to and including today (UTC)' },
		],
		hint: `MoEngage answers at most ${CAMPAIGN_STATS_MAX_DAYS} days a request: longer periods are asked for in parts, and each part is a row of its own`,
	},
	{
		displayName: START_DATE.label,
		name: START_DATE.name,
		type: 'dateTime',
		default: '',
		required: true,
		description: 'First day of the stats (its date part is used)',
		displayOptions: { show: { period: ['custom'] } },
	},
	{
		displayName: END_DATE.label,
		name: END_DATE.name,
		type: 'dateTime',
		default: '',
		required: true,
		description: 'Last day of the stats, included (its date part is used)',
		displayOptions: { show: { period: ['custom'] } },
	},
	{
		displayName: ATTRIBUTION.label,
		name: ATTRIBUTION.name,
		type: 'options',
		default: 'VIEW_THROUGH',
		description: 'How conversions are attributed to the campaign',
		options: [
			{ name: 'Click Conversions', value: 'CLICK_CONVERSIONS' },
			{ name: 'Click Through', value: 'CLICK_THROUGH' },
			{ name: 'In Session', value: 'IN_SESSION' },
			{ name: 'Total Conversions', value: 'TOTAL_CONVERSIONS' },
			{ name: 'View Through', value: 'VIEW_THROUGH' },
		],
	},
	{
		displayName: METRIC.label,
		name: METRIC.name,
		type: 'options',
		default: 'TOTAL',
		options: [
			{ name: 'Total', value: 'TOTAL', description: 'Every occurrence, e.g. three clicks by one user count three' },
			{ name: 'Unique', value: 'UNIQUE', description: 'Distinct users, e.g. three clicks by one user count one' },
		],
	},
	{
		displayName: SIMPLIFY.label,
		name: SIMPLIFY.name,
		type: 'boolean',
		default: true,
		description:
			"Whether to return one flat row per campaign, platform and period (all locales and variations: sent, clicks, rates, and the conversions of all goals) instead of MoEngage's full answer per campaign and period",
	},
	...operationOptions(ENDPOINTS.campaignStats, { perItem: false }),
];

export const description = updateDisplayOptions({ show: { resource: ['campaign'], operation: ['getStats'] } }, properties);
