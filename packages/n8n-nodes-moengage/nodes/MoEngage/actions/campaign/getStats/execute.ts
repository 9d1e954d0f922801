import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { readCampaignIds } from '../../../helpers/campaignLocator';
import type { Day } from '../../../helpers/dateRange';
import { addDays, dayOf, readDay, splitRange } from '../../../helpers/dateRange';
import { fieldError, readChoice } from '../../../helpers/parameters';
import { CAMPAIGN_STATS_MAX_DAYS, CAMPAIGN_STATS_MAX_IDS, ENDPOINTS } from '../../../transport/api';
import { getClock } from '../../../run/clock';
import type { ItemRequest, Operation } from '../../operation';
import { inParallel } from '../../../run/schedule';
import { ATTRIBUTION, END_DATE, METRIC, PERIOD, PERIOD_DAYS, SIMPLIFY, START_DATE } from './description';
import { statsRows } from './statsRows';

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

function readPeriod(context: IExecuteFunctions, itemIndex: number): { start: Day; end: Day } {
	const period = readChoice(context, PERIOD, itemIndex, PERIODS);
	if (period !== 'custom') {
		const today = dayOf(getClock().now());
		return { start: addDays(today, 1 - PERIOD_DAYS[period]), end: today };
	}
	const start = readDay(context, START_DATE, itemIndex, context.getNodeParameter(START_DATE.name, itemIndex, ''));
	const end = readDay(context, END_DATE, itemIndex, context.getNodeParameter(END_DATE.name, itemIndex, ''));
	if (end < start) throw fieldError(context, END_DATE, itemIndex, `(${end}) is before the Start Date (${start})`);
	return { start, end };
}

export function readItem(this: IExecuteFunctions, itemIndex: number): GetStatsParams {
	const campaignIds = readCampaignIds(this, itemIndex);
	const { start, end } = readPeriod(this, itemIndex);
	return {
		campaignIds,
		start,
		end,
		attribution: readChoice(this, ATTRIBUTION, itemIndex, ATTRIBUTIONS),
		metric: readChoice(this, METRIC, itemIndex, METRICS),
		simplify: this.getNodeParameter(SIMPLIFY.name, itemIndex, true) !== false,
	};
}

/** Items that ask for the same period, attribution and metric share requests. */
const queryKey = ({ start, end, attribution, metric }: GetStatsParams) => [start, end, attribution, metric].join('|');

function chunks<T>(list: T[], size: number): T[][] {
	return Array.from({ length: Math.ceil(list.length / size) }, (_, index) => list.slice(index * size, (index + 1) * size));
}

/**
 * The items' campaigns, 10 to a request and 30 days to a request, for as few requests as the
 * limits allow; each item then gets its campaigns' rows for every part of its period. An item
 * whose campaigns were in a failed request fails with that request's error.
 */
export const execute: Operation<GetStatsParams>['execute'] = async function (client, requests, run) {
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
		const batches = chunks([...new Set(group.flatMap(({ params }) => params.campaignIds))], CAMPAIGN_STATS_MAX_IDS);
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
					{
						request_id: `n8n-${executionId}-stats-${++requestNumber}`,
						campaign_ids: campaignIds,
						start_date: window.start,
						end_date: window.end,
						attribution_type: attribution,
						metric_type: metric,
					},
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
};
