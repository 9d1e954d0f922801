/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- runs on a developer's machine or in CI, never inside n8n */
/**
 * Samples, every few ms, the CPU time and RSS of a process tree from /proc (Linux), so that the
 * CPU and memory of one stretch of a run (a node's execution, from n8n's run data) can be told
 * apart from n8n's start-up: CPU = utime + stime of every process under the root (n8n and its
 * task runner), RSS = the largest process's resident set (n8n's).
 */
import * as fs from 'node:fs';

/** Kernel clock ticks per second (`getconf CLK_TCK`; 100 on Linux x86-64). */
const TICK_MS = 10;
const EVERY_MS = 20;

interface Sample {
	at: number;
	cpuMs: number;
	rssKb: number;
}

function read(file: string): string | undefined {
	try {
		return fs.readFileSync(file, 'utf8');
	} catch {
		return undefined;
	}
}

function childrenOf(pid: number): number[] {
	const text = read(`/proc/${pid}/task/${pid}/children`);
	return text ? text.trim().split(/\s+/).filter(Boolean).map(Number) : [];
}

function statOf(pid: number): { cpuMs: number; rssKb: number } | undefined {
	const text = read(`/proc/${pid}/stat`);
	if (!text) return undefined;
	// Fields after the command name, which is in parentheses and may hold spaces.
	const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
	const utime = Number(fields[11]);
	const stime = Number(fields[12]);
	const rssPages = Number(fields[21]);
	return { cpuMs: (utime + stime) * TICK_MS, rssKb: rssPages * 4 };
}

export class TreeSampler {
	private readonly samples: Sample[] = [];

	private readonly timer: NodeJS.Timeout;

	constructor(private readonly rootPid: number) {
		this.timer = setInterval(() => this.sample(), EVERY_MS);
	}

	private sample(): void {
		let cpuMs = 0;
		let rssKb = 0;
		const pending = [this.rootPid];
		while (pending.length > 0) {
			const pid = pending.pop()!;
			const stat = statOf(pid);
			if (!stat) continue;
			cpuMs += stat.cpuMs;
			rssKb = Math.max(rssKb, stat.rssKb);
			pending.push(...childrenOf(pid));
		}
		if (rssKb > 0) this.samples.push({ at: Date.now(), cpuMs, rssKb });
	}

	stop(): void {
		clearInterval(this.timer);
	}

	/** CPU spent between `from` and `to` (epoch ms), and the RSS peak in that stretch above its level at `from`. */
	window(from: number, to: number): { cpuMs: number; rssGrowthKb: number } {
		const before = [...this.samples].reverse().find((sample) => sample.at <= from) ?? this.samples[0];
		const after = this.samples.find((sample) => sample.at >= to) ?? this.samples.at(-1);
		if (!before || !after) return { cpuMs: Number.NaN, rssGrowthKb: Number.NaN };
		const inside = this.samples.filter((sample) => sample.at >= before.at && sample.at <= after.at);
		const peak = Math.max(...inside.map((sample) => sample.rssKb));
		return { cpuMs: after.cpuMs - before.cpuMs, rssGrowthKb: peak - before.rssKb };
	}
}
