import type { IDataObject } from 'n8n-workflow';

/**
 * Campaign Stats' answer per campaign (stats-report.yaml CampaignStatsResponse): a list of
 * `{platforms: {<platform>: {locales: {<locale>: {variations: {all_variations, …}}}}}}`.
 * Flattened, it is one row per platform with the campaign's totals over locales and variations.
 */

const asObject = (value: unknown): IDataObject =>
	typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as IDataObject) : {};

/** The platform's totals: the `all_locales` locale when MoEngage sends one, else its only locale. */
function totalsOf(platformStats: IDataObject): IDataObject {
	const locales = asObject(platformStats.locales);
	const locale = asObject(locales.all_locales ?? (Object.keys(locales).length === 1 ? Object.values(locales)[0] : undefined));
	return asObject(asObject(locale.variations).all_variations);
}

function conversionsOf(goals: IDataObject): number | undefined {
	const counts = Object.values(goals)
		.map((goal) => asObject(goal).conversions)
		.filter((count): count is number => typeof count === 'number');
	return counts.length > 0 ? counts.reduce((sum, count) => sum + count, 0) : undefined;
}

/** The flat rows of one campaign's stats; `row` holds the columns every row repeats (campaign, period). */
export function statsRows(row: IDataObject, entries: unknown[]): IDataObject[] {
	const rows: IDataObject[] = [];
	for (const entry of entries) {
		for (const [platform, stats] of Object.entries(asObject(asObject(entry).platforms))) {
			const totals = totalsOf(asObject(stats));
			const goals = asObject(totals.conversion_goal_stats);
			rows.push({
				...row,
				platform,
				...asObject(totals.performance_stats),
				// Flat for a spreadsheet: the goals' conversions summed (Simplify off keeps each goal).
				conversions: conversionsOf(goals) ?? 0,
			});
		}
	}
	return rows;
}
