/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, no-console -- runs on a developer's machine or in CI, never inside n8n */
/**
 * How many of the package's files one item crosses from the node's execute to MoEngage and back:
 * runs an operation once through n8n-core's engine against the stand-in to load and warm
 * everything, then again with V8's precise coverage on, and lists the package's files in which
 * any function ran during that second run (module loading excluded).
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

const dist = join(__dirname, '..', '..', 'dist');

const WALKS: Record<string, { parameters: IDataObject; items: IDataObject[] }> = {
	get: { parameters: getUser(), items: [{ id: 'u-1' }] },
	delete: { parameters: deleteUser(), items: [{ id: 'u-1' }] },
	bulk: { parameters: createOrUpdate({ sendInBulk: true }), items: [{ id: 'u-1', plan: 'gold' }] },
};

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
			console.log(`${name}: ${files.length} files`);
			for (const file of files) console.log(`  ${file}`);
		}
	} finally {
		await standIn.stop();
		session.disconnect();
	}
}

void main();
