/**
 * When things happened in one execution, from n8n's own log (debug level, JSON, which carries a
 * timestamp per line) and its run data, relative to the execution's start (startedAt): when n8n
 * loaded this package, started its task broker (the JS task runner is started right after it),
 * set the run up and took the execution up, when the task runner registered, and when the Code node making the
 * items and the side's node ran. It tells whether the time an execution spends outside the node
 * is the node's or n8n waiting for its task runner.
 */
import type { Executed } from './execute';
import { ITEMS_NODE, type Side } from './workflows';

/** n8n 2.x log messages (their beginnings) that mark a step of `n8n execute`. */
const LOG_MARKS: Array<{ label: string; message: string }> = [
	{ label: 'n8n loaded this package', message: 'Loaded all credentials and nodes from n8n-nodes-moengage' },
	{ label: 'task broker up (task runner started)', message: 'n8n Task Broker ready' },
	// Logged as `n8n execute` sets up the run (its execution-concurrency service): from here to
	// "execution taken up" n8n checks the nodes' credentials and builds the run, loading on first
	// use the nodes of its own the workflow has (a disabled node: after "taken up").
	{ label: 'run set up', message: 'Production execution concurrency' },
	{ label: 'execution taken up', message: 'Execution added' },
	{ label: 'task runner registered', message: 'Registered runner' },
];

/** Columns of the timeline, in order of the execution as it usually goes. */
export const TIMELINE_COLUMNS = [
	...LOG_MARKS.map((mark) => mark.label),
	'Items Code node starts',
	'Items Code node ends',
	'the node starts',
	'the node ends',
	'execution ends',
] as const;

export type Timeline = Partial<Record<(typeof TIMELINE_COLUMNS)[number], number>>;

interface TaskRun {
	startTime?: number;
	executionTime?: number;
}

/** Each mark in ms from the execution's start (absent where n8n did not log it or the node did not run). */
export function timelineOf(executed: Executed, side: Side): Timeline {
	const run = executed.run;
	const startedAt = Date.parse(String(run?.startedAt));
	const stoppedAt = Date.parse(String(run?.stoppedAt));
	if (!Number.isFinite(startedAt)) return {};
	const timeline: Timeline = {};
	for (const { label, message } of LOG_MARKS) {
		const line = executed.logLines.find((logLine) => logLine.message.startsWith(message));
		if (line && Number.isFinite(line.at)) timeline[label as keyof Timeline] = line.at - startedAt;
	}
	const task = (node: string) => (run?.data?.resultData?.runData?.[node] as TaskRun[] | undefined)?.[0];
	const items = task(ITEMS_NODE);
	const work = task(side.workNodes[0]);
	if (items?.startTime !== undefined) {
		timeline['Items Code node starts'] = items.startTime - startedAt;
		timeline['Items Code node ends'] = items.startTime + (items.executionTime ?? 0) - startedAt;
	}
	if (work?.startTime !== undefined) {
		timeline['the node starts'] = work.startTime - startedAt;
		timeline['the node ends'] = work.startTime + (work.executionTime ?? 0) - startedAt;
	}
	if (Number.isFinite(stoppedAt)) timeline['execution ends'] = stoppedAt - startedAt;
	return timeline;
}

const fmtS = (ms: number) => (ms / 1000).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

const median = (values: number[]) => {
	const sorted = [...values].sort((a, b) => a - b);
	const mid = sorted.length / 2;
	return sorted.length % 2 === 1 ? sorted[Math.floor(mid)] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/** One row per case and side: each mark in seconds from the execution's start; over several runs the median [min–max]. */
export function timelineTable(rows: Array<{ caseName: string; rttMs: number; side: Side; timelines: Timeline[] }>): string {
	const lines = [`| Case | RTT | Side | ${TIMELINE_COLUMNS.join(' | ')} |`, `| --- | --- | --- | ${TIMELINE_COLUMNS.map(() => '---').join(' | ')} |`];
	for (const { caseName, rttMs, side, timelines } of rows) {
		const cells = TIMELINE_COLUMNS.map((column) => {
			const values = timelines.map((timeline) => timeline[column]).filter((value): value is number => value !== undefined);
			if (values.length === 0) return '—';
			if (values.length === 1) return `${fmtS(values[0])} s`;
			return `${fmtS(median(values))} s [${fmtS(Math.min(...values))} to ${fmtS(Math.max(...values))}]`;
		});
		lines.push(`| ${caseName} | ${rttMs} ms | ${side.label} | ${cells.join(' | ')} |`);
	}
	return lines.join('\n');
}
