/* eslint-disable @n8n/community-nodes/no-restricted-imports -- runs on a developer's machine or in CI, never inside n8n */
/**
 * Where the CPU time of a run goes, from the `.cpuprofile` files `node --cpu-prof` wrote: the
 * samples whose stack holds a frame of this package (the node's own code and what it calls
 * synchronously: n8n's request helper, credential handling, parameter reads), split by the
 * package of the frame that was running, and the functions that ran most.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

interface ProfileNode {
	id: number;
	callFrame: { functionName: string; url: string; lineNumber: number };
	children?: number[];
}

interface CpuProfile {
	nodes: ProfileNode[];
	samples: number[];
	timeDeltas: number[];
}

/** Where n8n loads the package from (Community Nodes' folder): its own code, not the e2e cache's path. */
const PACKAGE_MARK = '/node_modules/n8n-nodes-moengage/';

function packageOf(url: string, functionName: string): string {
	if (!url) return functionName.startsWith('(') ? functionName : 'V8/native';
	if (url.includes(PACKAGE_MARK)) return 'this package';
	if (url.startsWith('node:')) return 'Node.js internals';
	const match = /node_modules\/((?:@[^/]+\/)?[^/]+)\/(?!.*node_modules\/)/.exec(url);
	return match ? match[1] : path.basename(url);
}

function summarizeOne(profile: CpuProfile, requests: number): { underPackageMs: number; text: string } {
	const byId = new Map(profile.nodes.map((node) => [node.id, node]));
	const parent = new Map<number, number>();
	for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
	const underPackage = new Map<number, boolean>();
	const isUnder = (id: number): boolean => {
		const known = underPackage.get(id);
		if (known !== undefined) return known;
		const node = byId.get(id);
		const up = parent.get(id);
		const result = (node?.callFrame.url.includes(PACKAGE_MARK) ?? false) || (up !== undefined && isUnder(up));
		underPackage.set(id, result);
		return result;
	};
	// The node's run starts with its `execute` (before it, n8n loads the package: not the node's work).
	const inExecute = new Map<number, boolean>();
	const isInExecute = (id: number): boolean => {
		const known = inExecute.get(id);
		if (known !== undefined) return known;
		const { functionName, url } = byId.get(id)!.callFrame;
		const up = parent.get(id);
		const result = (functionName === 'execute' && url.endsWith('MoEngage.node.js')) || (up !== undefined && isInExecute(up));
		inExecute.set(id, result);
		return result;
	};
	const first = profile.samples.findIndex((id) => isInExecute(id));
	let last = -1;
	profile.samples.forEach((id, i) => {
		if (isUnder(id)) last = i;
	});
	const byPackage = new Map<string, number>();
	const byFunction = new Map<string, number>();
	// Everything the process ran while the node did (its execute to the last sample with the package
	// on the stack): what its requests cost asynchronously too (sockets, parsing answers, hooks, GC).
	const whileRunning = new Map<string, number>();
	let totalUs = 0;
	let underUs = 0;
	let whileUs = 0;
	profile.samples.forEach((id, i) => {
		const dt = profile.timeDeltas[i + 1] ?? 0;
		totalUs += dt;
		if (first < 0 || i < first || i > last) return;
		const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
		if (functionName === '(idle)') return;
		whileUs += dt;
		const under = isUnder(id);
		const pkg = packageOf(url, functionName);
		const where = under ? 'this package (and what it calls)' : pkg;
		whileRunning.set(where, (whileRunning.get(where) ?? 0) + dt);
		if (!under) return;
		underUs += dt;
		byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + dt);
		const fn = `${functionName || '(anonymous)'} (${pkg === 'this package' ? url.slice(url.indexOf('dist/') + 5) : pkg}:${lineNumber + 1})`;
		byFunction.set(fn, (byFunction.get(fn) ?? 0) + dt);
	});
	const top = (map: Map<string, number>, count: number, ofUs = underUs) =>
		[...map]
			.sort((a, b) => b[1] - a[1])
			.slice(0, count)
			.map(([name, us]) => `| ${name} | ${(us / 1000).toFixed(0)} ms | ${((100 * us) / Math.max(1, ofUs)).toFixed(0)} % |`)
			.join('\n');
	const text = [
		`Profile of ${(totalUs / 1000).toFixed(0)} ms (the whole \`n8n execute\`, start-up included); while the node ran, ${(underUs / 1000).toFixed(0)} ms with this package on the stack = ${(underUs / 1000 / Math.max(1, requests)).toFixed(2)} ms per request. Of those:`,
		'',
		'| Running in | Time | Share |',
		'| --- | --- | --- |',
		top(byPackage, 8),
		'',
		'| Function | Self time | Share |',
		'| --- | --- | --- |',
		top(byFunction, 12),
		'',
		`While the node ran, the process was busy ${(whileUs / 1000).toFixed(0)} ms = ${(whileUs / 1000 / Math.max(1, requests)).toFixed(2)} ms per request, in:`,
		'',
		'| Running in | Time | Share |',
		'| --- | --- | --- |',
		top(whileRunning, 10, whileUs),
	].join('\n');
	return { underPackageMs: underUs / 1000, text };
}

/** The summary of the profile (of the process) in `dir` where this package ran the most. */
export function summarizeProfile(dir: string, requests: number): string {
	const files = fs.readdirSync(dir).filter((file) => file.endsWith('.cpuprofile'));
	const summaries = files.map((file) => summarizeOne(JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as CpuProfile, requests));
	const best = summaries.sort((a, b) => b.underPackageMs - a.underPackageMs)[0];
	return best ? best.text : `No .cpuprofile in ${dir}.`;
}
