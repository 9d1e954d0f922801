/**
 * What one side's run cost, read from the run n8n stored (its nodes' start and execution
 * times), the stand-in's record of requests and GNU time's rusage.
 */
import type { N8nRun } from '../harness/n8n/n8n';
import type { MoEngageStandIn } from '../standin/server';
import type { Limit } from './cases';
import type { Executed } from './execute';
import { ITEMS_NODE, type Side } from './workflows';

export interface Measurement {
	caseKey: string;
	caseName: string;
	rttMs: number;
	side: Side;
	n: number;
	/** The limit the stand-in enforced for the side. */
	limit: Limit;
	requests: number;
	rateLimited: number;
	/** Requests MoEngage answered 2xx (carried out, whatever n8n then made of it). */
	answered2xx: number;
	/** From the first work node's start to the last one's end. */
	wallMs: number;
	/** Items without a successful output item (a failed run outputs none). */
	failedItems: number;
	runError?: string;
	peakRssKb: number;
	/** CPU time of the n8n process over the whole CLI run (start-up included). */
	cpuMs: number;
	/** CPU time of the n8n processes while the side's work nodes ran. */
	workCpuMs: number;
	/** What an idle n8n spends in CPU over the same wall time (measured once per bench run). */
	idleCpuMs: number;
	/** Peak RSS while the work nodes ran, above the RSS when they started. */
	workRssGrowthKb: number;
	/** max(rate-limit bound, requests × RTT / concurrency); 0 when neither binds. */
	boundMs: number;
	/** The rate-limit part alone: 0 within one minute's budget. */
	rateBoundMs: number;
	/** Where the execution's time went (NaN where the run was not read back). */
	time: ExecutionTime;
}

/**
 * One execution's time, from n8n's run data (startedAt, stoppedAt, each node's startTime and
 * executionTime) and the moment the CLI was started.
 */
export interface ExecutionTime {
	/** n8n's execution, startedAt to stoppedAt (saving it to the database comes after). */
	executionMs: number;
	/** The side's work nodes' own executionTime, summed (the node alone, for the node and HTTP Request sides). */
	nodeMs: number;
	/** executionMs − nodeMs: the execution's time outside the side's node(s). */
	outsideMs: number;
	/** Of it, the Code node that makes the items (with its wait for n8n's task runner, when the run reaches it first). */
	itemsMs: number;
	/** Of it, the workflow's other nodes (its Manual Trigger; a control's Wait). */
	otherNodesMs: number;
	/** Of it, the rest: n8n's own time before, between and after the nodes. */
	betweenMs: number;
	/** From the CLI's start to the execution's start: n8n's start-up and loading the nodes the workflow uses. */
	startupMs: number;
	/** From the CLI's start to the first work node's start. */
	toNodeMs: number;
}

interface TaskRun {
	startTime?: number;
	executionTime?: number;
	data?: { main: Array<Array<{ json: Record<string, unknown> }> | null> };
}

function taskRuns(run: N8nRun | undefined, node: string): TaskRun[] {
	return (run?.data?.resultData?.runData?.[node] ?? []) as TaskRun[];
}

/** From the first work node's start to the last work node's end (epoch ms); undefined when none ran. */
export function workWindow(run: N8nRun | undefined, nodes: string[]): { start: number; end: number } | undefined {
	const runs = nodes.flatMap((node) => taskRuns(run, node));
	if (runs.length === 0) return undefined;
	const start = Math.min(...runs.map((task) => task.startTime ?? Number.POSITIVE_INFINITY));
	const end = Math.max(...runs.map((task) => (task.startTime ?? 0) + (task.executionTime ?? 0)));
	return { start, end };
}

/** See ExecutionTime. */
export function executionTime(run: N8nRun | undefined, workNodes: string[], spawnedAt: number): ExecutionTime {
	const startedAt = Date.parse(String(run?.startedAt));
	const stoppedAt = Date.parse(String(run?.stoppedAt));
	const own = (node: string) => {
		const runs = taskRuns(run, node);
		return runs.length > 0 ? runs.reduce((sum, task) => sum + (task.executionTime ?? 0), 0) : Number.NaN;
	};
	const executionMs = stoppedAt - startedAt;
	const nodeMs = workNodes.reduce((sum, node) => sum + own(node), 0);
	const itemsMs = own(ITEMS_NODE);
	const others = Object.keys(run?.data?.resultData?.runData ?? {}).filter((node) => node !== ITEMS_NODE && !workNodes.includes(node));
	const otherNodesMs = others.reduce((sum, node) => sum + own(node), 0);
	const firstStart = Math.min(...workNodes.flatMap((node) => taskRuns(run, node).map((task) => task.startTime ?? Number.NaN)));
	return {
		executionMs,
		nodeMs,
		outsideMs: executionMs - nodeMs,
		itemsMs,
		otherNodesMs,
		betweenMs: executionMs - nodeMs - itemsMs - otherNodesMs,
		startupMs: startedAt - spawnedAt,
		toNodeMs: firstStart - spawnedAt,
	};
}

function okItems(run: N8nRun | undefined, node: string): number {
	const last = taskRuns(run, node).at(-1);
	return (last?.data?.main?.[0] ?? []).filter((item) => item.json.error === undefined).length;
}

/** The earliest the work can finish: MoEngage's minute budget (spent at once, then refilled) and the round trips. */
export function boundMs(units: number, limit: Limit, requests: number, rttMs: number, concurrency: number): number {
	const minutes = units > limit.perMinute ? Math.ceil(units / limit.perMinute) - 1 : 0;
	return Math.max(minutes * 60_000, (requests * rttMs) / Math.max(1, concurrency));
}

export function measurement(
	{ idleCpuPerMs, ...args }: { caseKey: string; caseName: string; rttMs: number; side: Side; n: number; limit: Limit; idleCpuPerMs: number },
	executed: Executed,
	standIn: MoEngageStandIn,
): Measurement {
	const { side, n, limit, rttMs } = args;
	const requests = standIn.requests.length;
	const rateLimited = standIn.requests.filter((request) => request.status === 429).length;
	const answered2xx = standIn.requests.filter((request) => request.status >= 200 && request.status < 300).length;
	const accepted = requests - rateLimited;
	const units = limit.unit === 'users' ? n : accepted;
	const runError = executed.run?.data?.resultData?.error?.message ?? (executed.succeeded ? undefined : `no run printed (${executed.exit}): ${executed.stderrTail.slice(-300)}`);
	const window = workWindow(executed.run, side.workNodes);
	const work = window ? executed.sampler.window(window.start, window.end) : { cpuMs: Number.NaN, rssGrowthKb: Number.NaN };
	const wallMs = window ? window.end - window.start : Number.NaN;
	return {
		...args,
		requests,
		rateLimited,
		answered2xx,
		wallMs,
		failedItems: Math.max(0, n - okItems(executed.run, side.outputNode)),
		runError,
		peakRssKb: executed.peakRssKb,
		cpuMs: executed.cpuMs,
		workCpuMs: work.cpuMs,
		idleCpuMs: idleCpuPerMs * wallMs,
		workRssGrowthKb: work.rssGrowthKb,
		boundMs: boundMs(units, limit, accepted, rttMs, side.concurrency),
		rateBoundMs: boundMs(units, limit, accepted, 0, side.concurrency),
		time: executionTime(executed.run, side.workNodes, executed.spawnedAt),
	};
}

/** Idle CPU is read in slices of this length; the median slice counts (n8n's start-up work, e.g. its task runner's, falls in a few). */
const IDLE_SLICE_MS = 1000;

/** CPU an idle n8n spends per ms of wall time: the median second of the idle workflow's Wait node. */
export function idleCpuPerMs(executed: Executed, node: string): number {
	const window = workWindow(executed.run, [node]);
	if (!window) return 0;
	const rates: number[] = [];
	for (let from = window.start; from + IDLE_SLICE_MS <= window.end; from += IDLE_SLICE_MS) {
		rates.push(executed.sampler.window(from, from + IDLE_SLICE_MS).cpuMs / IDLE_SLICE_MS);
	}
	rates.sort((a, b) => a - b);
	return rates.length > 0 ? Math.max(0, rates[Math.floor(rates.length / 2)]) : 0;
}
