import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { statsRows } from './statsRows';
import type { ItemRequest } from '../operation';
import { defineOperation } from '../operation';
import { CAMPAIGNS, campaignsField, readCampaignIds } from '../../helpers/campaignLocator';
import type { Day } from '../../helpers/dateRange';
import { addDays, dayOf, daysIn, readDay, splitRange } from '../../helpers/dateRange';
import { fieldError, readChoice } from '../../helpers/parameters';
import { operationOptions } from '../../helpers/requestSettings';
import { checkBodySize, jsonBytes, packBatches } from '../../helpers/requestSize';
import type { ItemRun } from '../../run/itemRun';
import type { MoEngageClient } from '../../transport';
import { CAMPAIGN_STATS_MAX_DAYS, CAMPAIGN_STATS_MAX_IDS, ENDPOINTS } from '../../transport/api';
import type { Clock } from '../../run/clock';
import { inParallel } from '../../run/schedule';

export const PERIOD = { name: 'period', label: 'Period' };
export const START_DATE = { name: 'startDate', label: 'Start Date' };
export const END_DATE = { name: 'endDate', label: 'End Date' };
export const ATTRIBUTION = { name: 'attributionType', label: 'Attribution' };
export const METRIC = { name: 'metricType', label: 'Metric Type' };
export const SIMPLIFY = { name: 'simplify', label: 'Simplify' };

/** The periods the node offers, in days up to and including today (UTC). */
export const PERIOD_DAYS: Readonly<Record<string, number>> = { last7Days: 7, last30Days: 30, last90Days: 90 };

/**
 * The longest custom range, in days counting both ends: a year, leap day included. Each 30 days
 * of it is one request per 10 campaigns, so a year costs 13 of the 100 Campaign Stats requests
 * MoEngage allows the whole workspace a minute. A longer range is a typo more often than a wish
 * (1924 for 2024 would be 1,218 requests, 12 minutes of that quota), and can be split over items.
 */
export const MAX_RANGE_DAYS = 366;

/**
 * The furthest time zone ahead of UTC (UTC+14): its date is the latest "today" anywhere, the
 * latest end date a user's own today can be.
 */
const FURTHEST_AHEAD_MS = 14 * 3_600_000;

/** Requests a range costs for each 10 campaigns: one per 30 days. */
export const requestsPerTenCampaigns = (days: number) => Math.ceil(days / CAMPAIGN_STATS_MAX_DAYS);

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
		hint: `MoEngage answers at most ${CAMPAIGN_STATS_MAX_DAYS} days a request: longer periods are asked for in parts, and each part is a row of its own. Each part costs one request per ${CAMPAIGN_STATS_MAX_IDS} campaigns, of the ${ENDPOINTS.campaignStats.rateLimit.perMinute} a minute MoEngage allows the workspace (90 days: ${requestsPerTenCampaigns(90)}; a custom range of up to ${MAX_RANGE_DAYS} days: ${requestsPerTenCampaigns(MAX_RANGE_DAYS)}).`,
	},
	{
		displayName: START_DATE.label,
		name: START_DATE.name,
		type: 'dateTime',
		default: '',
		required: true,
		description: `First day of the stats (its date part is used), at most ${MAX_RANGE_DAYS} days before the End Date`,
		displayOptions: { show: { period: ['custom'] } },
	},
	{
		displayName: END_DATE.label,
		name: END_DATE.name,
		type: 'dateTime',
		default: '',
		required: true,
		description: 'Last day of the stats, included (its date part is used): today at the latest',
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

const ATTRIBUTIONS = ['VIEW_THROUGH', 'CLICK_THROUGH', 'IN_SESSION', 'TOTAL_CONVERSIONS', 'CLICK_CONVERSIONS'] as const;
const METRICS = ['TOTAL', 'UNIQUE'] as const;
const PERIODS = ['custom', ...Object.keys(PERIOD_DAYS)];

export interface GetStatsParams {
	campaignIds: string[];
	start: Day;
	end: Day;
	attribution: (typeof ATTRIBUTIONS)[number];
	metric: (typeof METRICS)[number];
	simplify: boolean;
}

function readPeriod(context: IExecuteFunctions, itemIndex: number, nowMs: number): { start: Day; end: Day } {
	const period = readChoice(context, PERIOD, itemIndex, PERIODS);
	if (period !== 'custom') {
		const today = dayOf(nowMs);
		return { start: addDays(today, 1 - PERIOD_DAYS[period]), end: today };
	}
	const start = readDay(context, START_DATE, itemIndex, context.getNodeParameter(START_DATE.name, itemIndex, ''));
	const end = readDay(context, END_DATE, itemIndex, context.getNodeParameter(END_DATE.name, itemIndex, ''));
	const latestToday = dayOf(nowMs + FURTHEST_AHEAD_MS);
	if (end > latestToday) {
		throw fieldError(context, END_DATE, itemIndex, `(${end}) is in the future`, 'MoEngage has no stats for days that have not begun: end the range today at the latest, or choose a Last … period');
	}
	if (end < start) throw fieldError(context, END_DATE, itemIndex, `(${end}) is before the Start Date (${start})`);
	const days = daysIn(start, end);
	if (days > MAX_RANGE_DAYS) {
		const requests = requestsPerTenCampaigns(days);
		const minutes = Math.ceil(requests / ENDPOINTS.campaignStats.rateLimit.perMinute);
		throw fieldError(
			context,
			START_DATE,
			itemIndex,
			`(${start}) starts a range of ${days.toLocaleString('en-US')} days, more than the ${MAX_RANGE_DAYS} the node asks MoEngage for at once`,
			`The range would cost ${requests.toLocaleString('en-US')} requests per ${CAMPAIGN_STATS_MAX_IDS} campaigns (one per ${CAMPAIGN_STATS_MAX_DAYS} days), ${minutes} ${minutes === 1 ? 'minute' : 'minutes'} of the ${ENDPOINTS.campaignStats.rateLimit.perMinute} Campaign Stats requests a minute MoEngage allows the whole workspace. Check the dates, or split the period over several items of up to ${MAX_RANGE_DAYS} days each.`,
		);
	}
	return { start, end };
}

export function readItem(this: IExecuteFunctions, itemIndex: number, clock: Clock): GetStatsParams {
	const campaignIds = readCampaignIds(this, itemIndex);
	const { start, end } = readPeriod(this, itemIndex, clock.now());
	const params: GetStatsParams = {
		campaignIds,
		start,
		end,
		attribution: readChoice(this, ATTRIBUTION, itemIndex, ATTRIBUTIONS),
		metric: readChoice(this, METRIC, itemIndex, METRICS),
		simplify: this.getNodeParameter(SIMPLIFY.name, itemIndex, true) !== false,
	};
	// Campaigns of several items share requests: each campaign must fit in one on its own, and
	// the requests are packed so that they fit (sendAll).
	const sizes = campaignIds.map(jsonBytes);
	const longest = campaignIds[sizes.indexOf(Math.max(...sizes))];
	checkBodySize(this, itemIndex, statsBody(params, [longest], LONGEST_REQUEST_ID), [{ field: CAMPAIGNS, value: longest }]);
	return params;
}

/** Room for the longest request ID the node sends (`n8n-<execution>-stats-<number>`). */
const LONGEST_REQUEST_ID = 'x'.repeat(100);

/** A Campaign Stats body: these campaigns over one window of the item's period. */
function statsBody({ start, end, attribution, metric }: Pick<GetStatsParams, 'start' | 'end' | 'attribution' | 'metric'>, campaignIds: string[], requestId: string): IDataObject {
	return { request_id: requestId, campaign_ids: campaignIds, start_date: start, end_date: end, attribution_type: attribution, metric_type: metric };
}

/** Items that ask for the same period, attribution and metric share requests. */
const queryKey = ({ start, end, attribution, metric }: GetStatsParams) => [start, end, attribution, metric].join('|');

/**
 * The items' campaigns, 10 to a request and 30 days to a request, for as few requests as the
 * limits allow; each item then gets its campaigns' rows for every part of its period. An item
 * whose campaigns were in a failed request fails with that request's error.
 */
async function sendAll(this: IExecuteFunctions, client: MoEngageClient, requests: Array<ItemRequest<GetStatsParams>>, run: ItemRun): Promise<void> {
	const groups = new Map<string, Array<ItemRequest<GetStatsParams>>>();
	for (const request of requests) {
		const key = queryKey(request.params);
		groups.set(key, [...(groups.get(key) ?? []), request]);
	}
	const executionId = this.getExecutionId?.() ?? 'manual';
	let requestNumber = 0;

	for (const group of groups.values()) {
		const { start, end, attribution, metric } = group[0].params;
		const windows = splitRange(start, end, CAMPAIGN_STATS_MAX_DAYS);
		// 10 campaigns a request, fewer when their IDs would make the body too large.
		const envelope = jsonBytes(statsBody(group[0].params, [], LONGEST_REQUEST_ID));
		const batches = packBatches([...new Set(group.flatMap(({ params }) => params.campaignIds))], CAMPAIGN_STATS_MAX_IDS, jsonBytes, envelope);
		/** The stats by window and campaign, and the campaigns of failed requests. */
		const stats = new Map<string, unknown[]>();
		const failures = new Set<string>();
		const jobs = batches.flatMap((campaignIds) => windows.map((window) => ({ campaignIds, window })));

		await inParallel(jobs.length, client.settings.concurrency, async (job) => {
			const { campaignIds, window } = jobs[job];
			const about = `campaigns ${campaignIds.join(', ')}, ${window.start} to ${window.end}`;
			const asking = group.filter(({ params }) => params.campaignIds.some((id) => campaignIds.includes(id))).map(({ itemIndex }) => itemIndex);
			try {
				const answer = await client.request(
					ENDPOINTS.campaignStats,
					statsBody({ start: window.start, end: window.end, attribution, metric }, campaignIds, `n8n-${executionId}-stats-${++requestNumber}`),
					{
						itemIndex: asking.length === 1 ? asking[0] : undefined,
						subject: asking.length === 1 ? about : `items ${asking.join(', ')} (${about})`,
						batch: asking.length > 1,
					},
				);
				const data = typeof answer.data === 'object' && answer.data !== null ? (answer.data as IDataObject) : {};
				for (const id of campaignIds) stats.set(`${window.start}|${id}`, Array.isArray(data[id]) ? (data[id] as unknown[]) : []);
			} catch (error) {
				for (const id of campaignIds) failures.add(id);
				// At once, not after the other requests: a run that stops on failure sends nothing more.
				for (const itemIndex of asking) run.fail(itemIndex, error);
			}
		});

		for (const { itemIndex, params } of group) {
			// Failed with its request, above: once, with that request's error.
			if (params.campaignIds.some((id) => failures.has(id))) continue;
			const rows: IDataObject[] = [];
			for (const id of params.campaignIds) {
				for (const window of windows) {
					const entries = stats.get(`${window.start}|${id}`);
					// Not asked for: the run stopped before this request left.
					if (entries === undefined) continue;
					const row: IDataObject = { campaign_id: id, start_date: window.start, end_date: window.end, attribution_type: attribution, metric_type: metric };
					if (entries.length === 0) rows.push({ ...row, found: false });
					else if (params.simplify) rows.push(...statsRows(row, entries));
					else rows.push({ ...row, stats: entries as IDataObject[] });
				}
			}
			run.succeedMany(itemIndex, rows);
		}
	}
}

export const getStats = defineOperation<GetStatsParams, 'campaign', 'getStats'>({
	resource: 'campaign',
	operation: 'getStats',
	picker: { name: 'Get Stats', description: "Get campaigns' delivery, engagement and conversion stats for a period", action: 'Get stats of campaigns' },
	properties,
	endpoint: ENDPOINTS.campaignStats,
	readItem,
	sendAll,
});
