/** The benchmark's tables and its verdict on the targets, as Markdown. */
import type { ExecutionTime, Measurement } from './measure';

const fmt = (value: number, digits = 0) =>
	Number.isFinite(value) ? value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits }) : '—';

/** The side's CPU above what an idle n8n spends over the same time. */
const workCpu = (m: Measurement) => Math.max(0, m.workCpuMs - m.idleCpuMs);

const cpuPerRequest = (m: Measurement) => (m.requests > 0 ? workCpu(m) / m.requests : Number.NaN);

const cpuPerItem = (m: Measurement) => workCpu(m) / m.n;

const rssGrowthPerItem = (m: Measurement) => m.workRssGrowthKb / m.n;

const httpOf = (all: Measurement[], m: Measurement) => all.find((other) => other.caseKey === m.caseKey && other.rttMs === m.rttMs && other.side.kind === 'http');

const inSeconds = (ms: number) => `${fmt(ms / 1000, 2)} s`;

const sideKey = (m: Measurement) => `${m.caseKey}|${m.rttMs}|${m.side.label}`;

/** The runs of each case, RTT and side, in the order they first ran. */
function bySide(all: Measurement[]): Measurement[][] {
	const groups = new Map<string, Measurement[]>();
	for (const m of all) groups.set(sideKey(m), [...(groups.get(sideKey(m)) ?? []), m]);
	return [...groups.values()];
}

/** The middle value (of an even count, the lower of the two middle ones: a value that occurred). */
const lowerMedian = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)];

const median = (values: number[]) => {
	const sorted = [...values].sort((a, b) => a - b);
	const mid = sorted.length / 2;
	return sorted.length % 2 === 1 ? sorted[Math.floor(mid)] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/** Each case, RTT and side once: its run with the median wall time (the run itself when it ran once). */
export function medianRuns(all: Measurement[]): Measurement[] {
	return bySide(all).map((runs) => {
		const wall = lowerMedian(runs.map((m) => (Number.isFinite(m.wallMs) ? m.wallMs : Number.POSITIVE_INFINITY)));
		return runs.find((m) => (Number.isFinite(m.wallMs) ? m.wallMs : Number.POSITIVE_INFINITY) === wall) ?? runs[0];
	});
}

/**
 * Where each execution's time went: n8n's execution (startedAt to stoppedAt), the side's node(s)
 * in it, the rest ("outside the node") and, of that, the Code node making the items, the other
 * nodes (the Manual Trigger, a control's Wait) and n8n's own time around them; then, from
 * the CLI's start, when the execution and the node started. Over several runs of a side: the
 * median of each figure and its range.
 */
export function timeTable(all: Measurement[]): string {
	const lines = [
		"| Case | N | RTT | Side | Execution | The node's own | Outside the node | of it the Items Code node | of it other nodes | of it n8n between nodes | CLI start → execution | CLI start → the node |",
		'| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
	];
	const figures: Array<(t: ExecutionTime) => number> = [
		(t) => t.executionMs,
		(t) => t.nodeMs,
		(t) => t.outsideMs,
		(t) => t.itemsMs,
		(t) => t.otherNodesMs,
		(t) => t.betweenMs,
		(t) => t.startupMs,
		(t) => t.toNodeMs,
	];
	for (const runs of bySide(all)) {
		const m = runs[0];
		const cells = figures.map((figure) => {
			const values = runs.map((run) => figure(run.time)).filter(Number.isFinite);
			if (values.length <= 1) return inSeconds(values[0] ?? Number.NaN);
			return `${inSeconds(median(values))} [${fmt(Math.min(...values) / 1000, 2)}–${fmt(Math.max(...values) / 1000, 2)}]`;
		});
		lines.push(`| ${m.caseName} | ${fmt(m.n)} | ${m.rttMs} ms | ${m.side.label} | ${cells.join(' | ')} |`);
	}
	return lines.join('\n');
}

export function table(all: Measurement[]): string {
	const lines = [
		'| Case | N | RTT | Side | Requests | Wall | Outside the node | 429s | Failed items | Peak RSS | RSS growth per item | CPU per request | CPU per item | Wall ÷ bound | HTTP Request ÷ this |',
		'| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
	];
	for (const m of all) {
		const http = httpOf(all, m);
		const speedUp = http && (m.side.kind === 'node' || m.side.kind === 'stock') && m.failedItems === 0 && http.failedItems === 0 ? `${fmt(http.wallMs / m.wallMs, 1)}×` : '';
		const failed = m.failedItems === 0 ? '0' : `**${fmt(m.failedItems)}**${m.runError ? ` (run failed: ${m.runError.slice(0, 80).replace(/\|/g, '/').replace(/\s+/g, ' ')}; ${fmt(m.answered2xx)} requests done at MoEngage)` : ''}`;
		lines.push(
			`| ${m.caseName} | ${fmt(m.n)} | ${m.rttMs} ms | ${m.side.label} | ${fmt(m.requests)} | ${fmt(m.wallMs / 1000, 2)} s | ${inSeconds(m.time.outsideMs)} | ${fmt(m.rateLimited)} | ${failed} | ${fmt(m.peakRssKb / 1024)} MB | ${fmt(rssGrowthPerItem(m), 1)} KB | ${fmt(cpuPerRequest(m), 2)} ms | ${fmt(cpuPerItem(m), 2)} ms | ${m.boundMs > 0 ? `${fmt(m.wallMs / m.boundMs, 2)} (${fmt(m.boundMs / 1000, 1)} s)` : '—'} | ${speedUp} |`,
		);
	}
	return lines.join('\n');
}

/** One line per target of the issue, met or missed, with the numbers. */
export function verdicts(all: Measurement[]): string {
	const out: string[] = [];
	const say = (met: boolean, text: string) => out.push(`- ${met ? 'met' : '**missed**'}: ${text}`);
	const sameRun = (m: Measurement) => (other: Measurement) => other.caseKey === m.caseKey && other.rttMs === m.rttMs;
	const seconds = (m: Measurement) => `${fmt(m.wallMs / 1000, 2)} s`;
	// The node as added, with its defaults: one side per case and RTT.
	const defaults = all.filter((m) => m.side.kind === 'node' && m.side.label === 'MoEngage node');
	// Where MoEngage's limit binds, one request per item fails: its own lines below.
	for (const m of defaults.filter((node) => !['limited', 'get10k', 'sendMessage10k'].includes(node.caseKey))) {
		const http = httpOf(all, m);
		if (http) {
			const ratio = http.wallMs / m.wallMs;
			say(m.failedItems === 0 && ratio >= 2, `${m.caseName} at ${m.rttMs} ms: ${fmt(ratio, 1)}× the HTTP Request node's speed (target ≥ 2×; ${seconds(m)} vs ${seconds(http)})`);
		}
	}
	// Against the best stock setup, the node's best way to do the same (Send in Bulk where the stock setup uses Bulk Import).
	for (const stock of all.filter((m) => m.side.kind === 'stock' && m.caseKey !== 'limited')) {
		const nodes = all.filter((m) => sameRun(stock)(m) && m.side.kind === 'node' && m.failedItems === 0);
		const best = nodes.sort((a, b) => a.wallMs - b.wallMs)[0];
		if (!best) continue;
		say(best.wallMs <= stock.wallMs, `${best.caseName} at ${best.rttMs} ms: ${best.side.label} ${seconds(best)} vs the best stock setup's ${seconds(stock)} (target: no slower)`);
	}
	for (const m of all.filter((node) => node.side.kind === 'node' && node.caseKey === 'limited')) {
		say(m.failedItems === 0 && m.wallMs <= 1.1 * m.boundMs, `${m.caseName}, ${m.side.label}: ${fmt(m.failedItems)} failed, ${fmt(m.wallMs / 1000, 1)} s = ${fmt(m.wallMs / m.boundMs, 2)}× the ${fmt(m.boundMs / 1000)} s bound (target 0 failed, ≤ 1.1×)`);
	}
	for (const m of all.filter((node) => node.side.kind === 'node' && node.caseKey.startsWith('sendMessage'))) {
		const limit = `${fmt(m.limit.perMinute)} a minute`;
		if (m.rateBoundMs > 0) {
			say(m.failedItems === 0 && m.wallMs <= 1.1 * m.boundMs, `${m.caseName} at ${m.rttMs} ms, ${m.side.label}: ${fmt(m.failedItems)} failed, ${fmt(m.wallMs / 1000, 1)} s = ${fmt(m.wallMs / m.boundMs, 3)}× the ${fmt(m.boundMs / 1000, 2)} s bound (target 0 failed, ≤ 1.1×)`);
		} else {
			const rtt = m.boundMs > 0 ? `; ${fmt(m.wallMs / m.boundMs, 2)}× the ${fmt(m.boundMs / 1000, 2)} s the round trips take at ${fmt(m.side.concurrency)} in flight` : '';
			out.push(`- n/a: ${m.caseName} at ${m.rttMs} ms, ${m.side.label}: ${fmt(m.requests)} requests fit in MoEngage's ${limit}, so the limit sets no bound (${fmt(m.failedItems)} failed, ${fmt(m.rateLimited)} × 429, ${seconds(m)}${rtt})`);
		}
		const http = httpOf(all, m);
		if (http && m.side.label === 'MoEngage node') {
			const how = http.failedItems > 0 ? `fails: ${fmt(http.failedItems)} items without output, ${fmt(http.rateLimited)} × 429, ${fmt(http.answered2xx)} messages queued${http.runError ? ` (run failed: ${http.runError.slice(0, 80)})` : ''}` : `is slower: ${seconds(http)} = ${fmt(http.wallMs / m.wallMs, 1)}× the node's ${seconds(m)}, ${fmt(http.rateLimited)} × 429`;
			out.push(`- ${m.caseName} at ${m.rttMs} ms: HTTP Request, one request per item, ${how}`);
		}
	}
	for (const m of all.filter((node) => node.side.kind === 'node' && ['get10k', 'update10k', 'update70k'].includes(node.caseKey))) {
		if (m.rateBoundMs > 0) {
			say(m.failedItems === 0 && m.wallMs <= 1.05 * m.boundMs, `${m.caseName} at ${m.rttMs} ms: ${fmt(m.wallMs / 1000, 1)} s = ${fmt(m.wallMs / m.boundMs, 3)}× the ${fmt(m.boundMs / 1000, 2)} s bound (target ≤ 1.05×)`);
		} else {
			out.push(`- n/a: ${m.caseName} at ${m.rttMs} ms: ${fmt(m.n)} items fit in MoEngage's minute, so no rate-limit bound applies (${fmt(m.failedItems)} failed, ${fmt(m.wallMs / 1000, 2)} s, ${fmt(m.requests)} requests)`);
		}
		const growth = rssGrowthPerItem(m);
		say(growth <= 20, `${m.caseName} at ${m.rttMs} ms: RSS grew by ${fmt(growth, 1)} KB per item while the node ran (target ≤ 20 KB)`);
	}
	// Per request for the node with its defaults, one-item and batch requests (up to 50 items);
	// a Bulk Import request carries a thousand (the table's CPU per item tells of those).
	const cpu = defaults.filter((m) => m.rttMs === 0 && m.failedItems === 0 && m.requests > 0 && m.n / m.requests <= 50);
	for (const m of cpu) {
		say(cpuPerRequest(m) <= 2, `${m.caseName}, ${m.side.label}: node CPU ${fmt(cpuPerRequest(m), 2)} ms per request, ${fmt(cpuPerItem(m), 2)} ms per item (${fmt(m.requests)} requests; target ≤ 2 ms per request)`);
	}
	return out.join('\n');
}
