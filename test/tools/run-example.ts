/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, no-console -- runs on a developer's machine or in CI, never inside n8n */
/**
 * The package's main job without a real n8n: starts the MoEngage stand-in on 127.0.0.1, runs the
 * example workflows (test/node/**\/*.workflow.json) through n8n-core's engine with the built
 * node, and prints what went in, what came out and what MoEngage was sent.
 */
import '../setup';

import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

import type { IDataObject, IWorkflowBase } from 'n8n-workflow';

import { runWorkflow } from '../harness/runWorkflow';
import { ANN, BOB, credentialsFor, WORKSPACE } from '../harness/fixtures';
import { MoEngageStandIn } from '../standin/server';

interface ExampleWorkflow extends Pick<IWorkflowBase, 'nodes' | 'connections'> {
	name: string;
	input: IDataObject[];
}

function exampleFiles(directory: string): string[] {
	return readdirSync(directory, { withFileTypes: true }).flatMap((entry) =>
		entry.isDirectory()
			? exampleFiles(join(directory, entry.name))
			: entry.name.endsWith('.workflow.json')
				? [join(directory, entry.name)]
				: [],
	);
}

async function main(): Promise<void> {
	const standIn = new MoEngageStandIn({ workspace: WORKSPACE, users: [ANN, BOB] });
	const baseUrl = await standIn.start();
	console.log(`MoEngage stand-in listening on ${baseUrl} (workspace ${WORKSPACE.workspaceId})\n`);
	let failed = false;
	try {
		for (const file of exampleFiles(join(__dirname, '..', 'node')).sort()) {
			const workflow = JSON.parse(readFileSync(file, 'utf8')) as ExampleWorkflow;
			standIn.reset();
			const run = await runWorkflow(workflow, workflow.input, credentialsFor(baseUrl));
			console.log(`▶ ${workflow.name}`);
			console.log(`  input:   ${JSON.stringify(workflow.input)}`);
			for (const request of standIn.requests) {
				console.log(`  sent:    ${request.method} ${request.path} → ${request.status} ${request.rawBody}`);
			}
			if (run.error) {
				failed = true;
				console.log(`  error:   ${run.error.message}`);
			}
			for (const item of run.output('MoEngage')) {
				console.log(`  output:  ${JSON.stringify(item.json)}  (paired with item ${JSON.stringify(item.pairedItem)})`);
			}
			console.log('');
		}
	} finally {
		await standIn.stop();
	}
	process.exitCode = failed ? 1 : 0;
}

void main();
