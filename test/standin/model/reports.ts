/* eslint-disable @n8n/community-nodes/no-restricted-imports -- runs on a developer's machine or in CI, never inside n8n */
import { gzipSync } from 'node:zlib';

import type { Answer } from '../errors';
import type { Rejection } from '../refusals';
import { rejected } from '../refusals';
import type { Handlers } from './family';

/**
 * Campaign report files (api/stats-report/stats-report.yaml GET
 * /campaign_reports/rest_api/{APP_ID}/{FILENAME}): reports set up in the dashboard generate files
 * named <report name>_<YYYYMMDD>.zip, downloadable for 7 days. The 200 is `application/gzip`
 * (the yaml's only content type); what is inside is MoEngage's and undocumented: the stand-in
 * serves a small CSV, gzipped. Its 400 words are the stand-in's own (the yaml gives the shape and
 * the reasons, no message).
 */

const DAY_MS = 86_400_000;

/** MoEngage keeps a generated report this long (stats-report.yaml, Limits: "expire in 7 days"). */
export const REPORT_EXPIRY_MS = 7 * DAY_MS;

export interface StandInReport {
	fileName: string;
	/** What the file holds (gzipped when served). */
	csv: string;
	/** How long before the stand-in started it was generated. */
	ageMs: number;
}

/** The CSV inside the seeded reports. */
export const REPORT_CSV = 'Campaign Name,Channel,Sent,Delivered,Clicks\nWeekly Newsletter,EMAIL,1200,1180,96\nSpring Sale,PUSH,5000,4870,410\n';

/** A report generated yesterday, and the same report's file from 10 days ago (expired). */
export function seededReports(): StandInReport[] {
	return [
		{ fileName: 'Daily_Campaigns_20261206.zip', csv: REPORT_CSV, ageMs: DAY_MS },
		{ fileName: 'Daily_Campaigns_20261127.zip', csv: REPORT_CSV, ageMs: 10 * DAY_MS },
	];
}

export class ReportsApi {
	readonly handlers: Handlers<'downloadCampaignReport'> = {
		downloadCampaignReport: ({ pathParams }) => this.download(pathParams.file_name),
	};

	private generatedAt = new Map<string, { csv: string; at: number }>();

	constructor(
		private readonly now: () => number,
		private readonly initial: StandInReport[] = seededReports(),
	) {
		this.reset();
	}

	reset(): void {
		const now = this.now();
		this.generatedAt = new Map(this.initial.map((report) => [report.fileName, { csv: report.csv, at: now - report.ageMs }]));
	}

	/** The gzipped file; 400 for a name MoEngage has no file under, or a file older than 7 days. */
	private download(fileName: string): Answer | Rejection {
		const report = this.generatedAt.get(fileName);
		if (!report) return rejected(400, `Invalid Report file name: ${fileName}`, { target: 'FILENAME' });
		if (this.now() - report.at > REPORT_EXPIRY_MS) return rejected(400, `The requested report is older than 7 days: ${fileName}`, { target: 'FILENAME' });
		return { status: 200, body: gzipSync(Buffer.from(report.csv, 'utf8')), contentType: 'application/gzip' };
	}
}
