import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { defineOperation } from '../operation';
import { readDay } from '../../helpers/dateRange';
import type { Field } from '../../helpers/parameters';
import { fieldError, readChoice, readRequiredText } from '../../helpers/parameters';
import { checkQuerySize } from '../../helpers/requestSize';
import { operationOptions } from '../../helpers/requestSettings';
import { WithBinary } from '../../run/itemRun';
import { ENDPOINTS, REPORT_RETENTION_DAYS } from '../../transport/api';

/**
 * MoEngage names a report's files `<report name>_<YYYYMMDD>.zip`: "a combination of report name,
 * generation date, and file format", e.g. `Report_-_test_20210217.zip` (stats-report.yaml FILENAME;
 * zapier/fetch-campaign-report.mdx builds it from the date as YYYYMMDD and `.zip`).
 */
export const REPORT_FILE_EXTENSION = '.zip';

const REPORT_FILE: Field = { name: 'reportFile', label: 'Report File' };
const REPORT_NAME: Field = { name: 'reportName', label: 'Report Name' };
const REPORT_DATE: Field = { name: 'reportDate', label: 'Report Date' };
const FILE_NAME: Field = { name: 'fileName', label: 'File Name' };
const BINARY_PROPERTY: Field = { name: 'binaryPropertyName', label: 'Put Output File in Field' };

const BY_FILE_NAME = 'fileName';
const BY_REPORT_AND_DATE = 'reportAndDate';

const properties: INodeProperties[] = [
	{
		displayName: 'Report File',
		name: REPORT_FILE.name,
		type: 'options',
		default: BY_REPORT_AND_DATE,
		description: 'How to name the file to download',
		options: [
			{ name: 'File Name', value: BY_FILE_NAME, description: 'The file name exactly as MoEngage generated it' },
			{
				name: 'Report Name and Date',
				value: BY_REPORT_AND_DATE,
				description: `The file MoEngage generated for a report on a day: [report name]_[YYYYMMDD]${REPORT_FILE_EXTENSION}`,
			},
		],
	},
	{
		displayName: 'Report Name',
		name: REPORT_NAME.name,
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. Daily_Campaigns',
		description: `The report's name as its files start: MoEngage names them [report name]_[YYYYMMDD]${REPORT_FILE_EXTENSION}, e.g. Daily_Campaigns_20240219${REPORT_FILE_EXTENSION}`,
		displayOptions: { show: { [REPORT_FILE.name]: [BY_REPORT_AND_DATE] } },
	},
	{
		displayName: 'Report Date',
		name: REPORT_DATE.name,
		type: 'dateTime',
		default: '',
		required: true,
		description: `The day MoEngage generated the file (the date in its name), e.g. {{ $today }}. Files are kept ${REPORT_RETENTION_DAYS} days.`,
		displayOptions: { show: { [REPORT_FILE.name]: [BY_REPORT_AND_DATE] } },
	},
	{
		displayName: 'File Name',
		name: FILE_NAME.name,
		type: 'string',
		default: '',
		required: true,
		placeholder: `e.g. Daily_Campaigns_20240219${REPORT_FILE_EXTENSION}`,
		description: `The report file's name exactly as MoEngage generated it. Files are kept ${REPORT_RETENTION_DAYS} days.`,
		displayOptions: { show: { [REPORT_FILE.name]: [BY_FILE_NAME] } },
	},
	{
		displayName: 'Put Output File in Field',
		name: BINARY_PROPERTY.name,
		type: 'string',
		default: 'data',
		required: true,
		hint: 'The name of the output binary field to put the file in',
	},
	...operationOptions(ENDPOINTS.downloadCampaignReport, { perItem: true }),
];

export interface DownloadReportParams {
	fileName: string;
	binaryPropertyName: string;
}

/** A file name is one segment of MoEngage's path: no slash, and short enough for an address. */
function checkedName(context: IExecuteFunctions, field: Field, itemIndex: number, name: string): string {
	if (name.includes('/')) throw fieldError(context, field, itemIndex, `must not contain "/": "${name}"`, 'Enter the name of the file, not a path or URL');
	checkQuerySize(context, itemIndex, { file_name: name }, [{ field, value: name }]);
	return name;
}

export function readItem(this: IExecuteFunctions, itemIndex: number): DownloadReportParams {
	const binaryPropertyName = readRequiredText(this, BINARY_PROPERTY, itemIndex);
	if (readChoice(this, REPORT_FILE, itemIndex, [BY_REPORT_AND_DATE, BY_FILE_NAME]) === BY_FILE_NAME) {
		return { fileName: checkedName(this, FILE_NAME, itemIndex, readRequiredText(this, FILE_NAME, itemIndex)), binaryPropertyName };
	}
	const reportName = checkedName(this, REPORT_NAME, itemIndex, readRequiredText(this, REPORT_NAME, itemIndex));
	const day = readDay(this, REPORT_DATE, itemIndex, this.getNodeParameter(REPORT_DATE.name, itemIndex, ''));
	return { fileName: `${reportName}_${day.replace(/-/g, '')}${REPORT_FILE_EXTENSION}`, binaryPropertyName };
}

/** What MoEngage's refusal of a file name means (400: an unknown name, an expired file, another workspace's ID). */
const NOT_THERE = `MoEngage keeps a report file ${REPORT_RETENTION_DAYS} days after generating it, under the name [report name]_[YYYYMMDD]${REPORT_FILE_EXTENSION}: check the name and the date, or download it within ${REPORT_RETENTION_DAYS} days`;

/**
 * A campaign report file MoEngage generated (a report set up in the dashboard), as n8n binary
 * data: GET /campaign_reports/rest_api/{APP_ID}/{FILENAME}, signed by the credential
 * (transport/credential.ts withReportSignature). One request per item; the output item carries
 * the file under the chosen field and its name, type and size as JSON.
 */
export const downloadReport = defineOperation<DownloadReportParams, 'campaign', 'downloadReport'>({
	resource: 'campaign',
	operation: 'downloadReport',
	picker: {
		name: 'Download Report',
		description: `Download a campaign report file generated by MoEngage (by report name and date, or file name) as binary data, e.g. to save in Drive or post in Slack. Files are kept ${REPORT_RETENTION_DAYS} days.`,
		action: 'Download a campaign report',
	},
	properties,
	endpoint: ENDPOINTS.downloadCampaignReport,
	readItem,
	async sendEach(client, { fileName, binaryPropertyName }, itemIndex) {
		const file = await client
			.requestFile(ENDPOINTS.downloadCampaignReport, { itemIndex, subject: `report file "${fileName}"`, pathParams: { file_name: fileName } })
			.catch((error: unknown) => {
				// MoEngage refuses a name it has no file under with a bare 400: say what usually causes it.
				if (error instanceof NodeApiError && (error.httpCode === '400' || error.httpCode === '404')) {
					error.description = [error.description, NOT_THERE].filter(Boolean).join(' · ');
				}
				throw error;
			});
		// An unspecific type is left to n8n, which reads it from the file name.
		const mimeType = file.mimeType === 'application/octet-stream' ? undefined : file.mimeType;
		const binary = await this.helpers.prepareBinaryData(file.data, fileName, mimeType);
		return new WithBinary({ fileName, mimeType: binary.mimeType, fileSize: file.data.length }, { [binaryPropertyName]: binary });
	},
	// Items that name the same file go one after the other.
	userOf: ({ fileName }) => fileName,
});
