/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, no-console -- runs on a developer's machine or in CI, never inside n8n */
/**
 * How many of the package's files one item crosses from the node's execute to MoEngage and back:
 * runs an operation once through n8n-core's engine against the stand-in to load and warm
 * everything, then again with V8's precise coverage on, and lists the package's files in which
 * any function ran during that second run (module loading excluded).
 *
 * It also prints the item's path: the package's files on the call chain (V8's async stack, outermost
 * first) at the two moments a reader follows, the request leaving for MoEngage (the credential
 * signs it) and the item's outcome being recorded. Files where code ran but which are not on that
 * chain are the leaves it calls and returns from: field readers, constants, the pure transport
 * steps.
 *
 *   npx ts-node --transpile-only -P test/tsconfig.json test/tools/walk.ts [get|delete|bulk]...
 */
import '../setup';

import { Session } from 'node:inspector/promises';
import { join, relative } from 'node:path';

import type { IDataObject } from 'n8n-workflow';

import { ANN, BOB, runMoEngage, WORKSPACE } from '../harness/fixtures';
import { createOrUpdate, deleteUser, getUser } from '../harness/operations';
import { MoEngageStandIn } from '../standin/server';

const root = join(__dirname, '..', '..');
const dist = join(root, 'dist');

const WALKS: Record<string, { parameters: IDataObject; items: IDataObject[] }> = {
	get: { parameters: getUser(), items: [{ id: 'u-1' }] },
	delete: { parameters: deleteUser(), items: [{ id: 'u-1' }] },
	bulk: { parameters: createOrUpdate({ sendInBulk: true }), items: [{ id: 'u-1', plan: 'gold' }] },
};

/** The package's files on the call chain of each call to `method`, outermost first, in order of appearance. */
function onTheChain(target: { prototype: object }, method: string, own: string, seen: string[]): () => void {
	const prototype = target.prototype as Record<string, (...args: unknown[]) => unknown>;
	const original = prototype[method];
	prototype[method] = function (this: unknown, ...args: unknown[]) {
		const limit = Error.stackTraceLimit;
		Error.stackTraceLimit = 200;
		const stack = new Error().stack ?? '';
		Error.stackTraceLimit = limit;
		const files = [...stack.matchAll(/\(?((?:file:\/\/)?\/[^():\s]+\.[jt]s):\d+:\d+\)?$/gm)]
			.map((match) => relative(root, match[1].replace(/^file:\/\//, '')).replace(/^dist\//, '').replace(/\.js$/, '.ts'))
			.filter((file) => /^(nodes|credentials)\//.test(file))
			.reverse();
		files.push(own);
		for (const file of files) if (!seen.includes(file)) seen.push(file);
		return original.apply(this, args);
	};
	return () => {
		prototype[method] = original;
	};
}

async function pathOf(walk: (typeof WALKS)[string], baseUrl: string): Promise<string[]> {
	/* eslint-disable @typescript-eslint/no-require-imports -- the built classes the engine loads, patched in place */
	const { MoEngageApi } = require(join(dist, 'credentials', 'MoEngageApi.credentials.js')) as { MoEngageApi: { prototype: object } };
	const { ItemRun } = require(join(dist, 'nodes', 'MoEngage', 'run', 'itemRun.js')) as { ItemRun: { prototype: object } };
	/* eslint-enable @typescript-eslint/no-require-imports */
	const seen: string[] = [];
	const restore = [onTheChain(MoEngageApi, 'authenticate', 'credentials/MoEngageApi.credentials.ts', seen), onTheChain(ItemRun, 'succeedMany', 'nodes/MoEngage/run/itemRun.ts', seen)];
	try {
		await runMoEngage(baseUrl, walk.parameters, walk.items);
	} finally {
		for (const undo of restore) undo();
	}
	return seen;
}

async function filesCrossed(session: Session, walk: (typeof WALKS)[string], baseUrl: string): Promise<string[]> {
	await runMoEngage(baseUrl, walk.parameters, walk.items);
	await session.post('Profiler.takePreciseCoverage');
	await runMoEngage(baseUrl, walk.parameters, walk.items);
	const { result } = await session.post('Profiler.takePreciseCoverage');
	return result
		.filter((script) => script.url.includes(dist) && script.functions.some((fn) => fn.ranges.some((range) => range.count > 0)))
		.map((script) => relative(dist, script.url.replace(/^file:\/\//, '')).replace(/\.js$/, '.ts'))
		.sort();
}

async function main(): Promise<void> {
	const standIn = new MoEngageStandIn({ workspace: WORKSPACE, users: [ANN, BOB] });
	const baseUrl = await standIn.start();
	const session = new Session();
	session.connect();
	await session.post('Profiler.enable');
	await session.post('Profiler.startPreciseCoverage', { callCount: true, detailed: false });
	try {
		for (const name of process.argv.slice(2).length > 0 ? process.argv.slice(2) : Object.keys(WALKS)) {
			standIn.reset();
			const files = await filesCrossed(session, WALKS[name], baseUrl);
			console.log(`${name}: ${files.length} files in which code ran`);
			for (const file of files) console.log(`  ${file}`);
			standIn.reset();
			const path = await pathOf(WALKS[name], baseUrl);
			console.log(`${name}: ${path.length} files on the item's path (request sent, outcome recorded)`);
			for (const file of path) console.log(`  ${file}`);
		}
	} finally {
		await standIn.stop();
		session.disconnect();
	}
}

void main();
