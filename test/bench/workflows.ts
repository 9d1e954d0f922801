/**
 * The workflows the benchmark imports into real n8n, one per case and side. Each starts with a
 * Manual Trigger and a Code node that makes the N input items; what follows is the side:
 * - node: the MoEngage node with its defaults (or a variant's parameters);
 * - http: n8n's HTTP Request node, one request per item, MoEngage credential as predefined
 *   credential type, default options (n8n sends every item's request at once);
 * - stock: the best stock setup: HTTP Request with its Batching option sized to MoEngage's
 *   minute (items per batch = the limit, one batch a minute), behind a Code node grouping items
 *   where MoEngage takes many in one request, and a Code node splitting the answers;
 * - control (only when asked for, `--sides ...,control`): workflows that tell where an execution's
 *   time outside the node goes: n8n's No Operation node in the node's place, the node with an
 *   unused (disabled) HTTP Request node beside it, and the node and HTTP Request after a Wait of
 *   3 s, by when n8n's task runner is up.
 */
import type { IDataObject } from 'n8n-workflow';

import type { WorkflowInput } from '../harness/n8n/n8n';
import { defaultConcurrency } from '../../nodes/MoEngage/helpers/requestSettings';
import { DEMO_CREDENTIAL, LATEST_NODE_VERSION, NODE_TYPE } from '../harness/n8n/workflows';
import type { Case, HttpCall } from './cases';

export type SideKind = 'node' | 'http' | 'stock' | 'control';

export interface Side {
	kind: SideKind;
	label: string;
	/** The nodes whose run is the side's work (first to last), and the one whose output counts. */
	workNodes: string[];
	outputNode: string;
	/** Requests that may be in flight at once (for the RTT bound). */
	concurrency: number;
	workflow: WorkflowInput;
}

/** One batch per this many ms: MoEngage's minute plus a margin for requests that arrive late. */
export const BATCH_INTERVAL_MS = 61_000;

const credentials = { moEngageApi: { id: DEMO_CREDENTIAL.id, name: DEMO_CREDENTIAL.name } };

type WorkflowNode = { name: string; type: string; typeVersion: number; parameters: IDataObject; [key: string]: unknown };

/**
 * The Code node that makes a side's N input items. n8n runs it in its task runner, a process n8n
 * starts with itself: when the run reaches this node before the runner is up, the node's time
 * includes the wait.
 */
export const ITEMS_NODE = 'Items';

function itemsNode(n: number): WorkflowNode {
	return {
		name: ITEMS_NODE,
		type: 'n8n-nodes-base.code',
		typeVersion: 2,
		parameters: {
			jsCode: `return Array.from({ length: ${n} }, (_, i) => ({ json: { id: 'u-' + i, email: 'user' + i + '@example.com', keep: 'keep-' + i } }));`,
		},
	};
}

function httpNode(baseUrl: string, call: HttpCall, options: IDataObject = {}): WorkflowNode {
	return {
		name: 'HTTP Request',
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		parameters: {
			method: call.method,
			url: `${baseUrl}${call.path}`,
			authentication: 'predefinedCredentialType',
			nodeCredentialType: 'moEngageApi',
			sendBody: true,
			specifyBody: 'json',
			jsonBody: `={{ ${call.body} }}`,
			...(call.headers
				? {
						sendHeaders: true,
						specifyHeaders: 'keypair',
						headerParameters: { parameters: Object.entries(call.headers).map(([name, value]) => ({ name, value: `={{ ${value} }}` })) },
					}
				: {}),
			options,
		},
		credentials,
	};
}

const codeNode = (name: string, jsCode: string): WorkflowNode => ({ name, type: 'n8n-nodes-base.code', typeVersion: 2, parameters: { jsCode } });

function chain(id: string, name: string, nodes: WorkflowNode[]): WorkflowInput {
	const all: WorkflowNode[] = [{ name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, parameters: {} }, ...nodes];
	const connections: Record<string, unknown> = {};
	all.slice(0, -1).forEach((node, i) => {
		connections[node.name] = { main: [[{ node: all[i + 1].name, type: 'main', index: 0 }]] };
	});
	return {
		id,
		name,
		nodes: all.map((node, i) => ({ id: `${id}-${i}`, position: [i * 220, 0], ...node })),
		connections,
		settings: { executionOrder: 'v1' },
	};
}

/** A Wait of this long before the items: n8n's task runner, started with n8n, is up by then. */
export const CONTROL_WAIT_S = 3;

const waitNode = (): WorkflowNode => ({ name: 'Wait', type: 'n8n-nodes-base.wait', typeVersion: 1.1, parameters: { resume: 'timeInterval', amount: CONTROL_WAIT_S, unit: 'seconds' } });

/** The workflow with one more node, connected to nothing and disabled: n8n loads its type all the same. */
function withUnusedNode(workflow: WorkflowInput, node: WorkflowNode): WorkflowInput {
	const nodes = workflow.nodes as WorkflowNode[];
	return { ...workflow, nodes: [...nodes, { id: `${workflow.id}-${nodes.length}`, position: [nodes.length * 220, 220], disabled: true, ...node }] };
}

/** Batching sized to MoEngage's minute: as many requests per batch as the limit allows. */
function batching(requestsPerMinute: number): IDataObject {
	return { batching: { batch: { batchSize: Math.max(1, Math.floor(requestsPerMinute)), batchInterval: BATCH_INTERVAL_MS } } };
}

/** The node as a user adds it today: the latest version, its default Concurrency (for the bound). */
const NODE_CONCURRENCY = defaultConcurrency(LATEST_NODE_VERSION);

/** Nine base-36 characters from a text (FNV-1a, 32 bits, twice seeded): enough to tell the bench's case keys apart. */
function shortHash(text: string): string {
	const fnv = (seed: number) => {
		let hash = seed;
		for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 16777619) >>> 0;
		return hash;
	};
	return (fnv(2166136261).toString(36) + fnv(84696351).toString(36)).padStart(9, '0').slice(0, 9);
}

/** The sides of a case for N items; `id` makes workflow IDs unique per case. */
export function sidesOf(testCase: Case, n: number, baseUrl: string): Side[] {
	const key = testCase.key;
	// n8n's workflow IDs have 16 characters: a key too long for them is shortened to a hash of it,
	// as cutting it would give the sides of two cases (or two sides of one) the same ID.
	const wid = (suffix: string) => {
		const id = `bench${key}${suffix}`.replace(/[^A-Za-z0-9]/g, '');
		return (id.length <= 16 ? id : `bench${shortHash(key)}${suffix}`).slice(0, 16).padEnd(16, '0');
	};
	const sides: Side[] = [];
	const nodeSide = (label: string, parameters: IDataObject, suffix: string): Side => ({
		kind: 'node',
		label,
		workNodes: ['MoEngage'],
		outputNode: 'MoEngage',
		concurrency: NODE_CONCURRENCY,
		workflow: chain(wid(suffix), `bench ${key} ${label}`, [
			itemsNode(n),
			{ name: 'MoEngage', type: NODE_TYPE, typeVersion: LATEST_NODE_VERSION, parameters, credentials },
		]),
	});
	sides.push(nodeSide('MoEngage node', testCase.node, 'N'));
	const moEngage: WorkflowNode = { name: 'MoEngage', type: NODE_TYPE, typeVersion: LATEST_NODE_VERSION, parameters: testCase.node, credentials };
	const control = (label: string, suffix: string, nodes: WorkflowNode[], unused?: WorkflowNode): Side => {
		const workNode = nodes[nodes.length - 1];
		const workflow = chain(wid(suffix), `bench ${key} ${label}`, nodes);
		return {
			kind: 'control',
			label: `control: ${label}`,
			workNodes: [workNode.name],
			outputNode: workNode.name,
			concurrency: workNode.type === NODE_TYPE ? NODE_CONCURRENCY : n,
			workflow: unused ? withUnusedNode(workflow, unused) : workflow,
		};
	};
	sides.push(
		control('No Operation node in its place', 'O', [itemsNode(n), { name: 'No Operation', type: 'n8n-nodes-base.noOp', typeVersion: 1, parameters: {} }]),
		control('node, an unused HTTP Request node beside it', 'U', [itemsNode(n), moEngage], httpNode(baseUrl, testCase.call)),
		control(`node after a Wait of ${CONTROL_WAIT_S} s`, 'W', [waitNode(), itemsNode(n), moEngage]),
	);
	if (testCase.stock && testCase.perItemHttp !== false) {
		sides.push(control(`HTTP Request after a Wait of ${CONTROL_WAIT_S} s`, 'X', [waitNode(), itemsNode(n), httpNode(baseUrl, testCase.call)]));
	}
	Object.entries(testCase.nodeVariants ?? {}).forEach(([label, parameters], i) => sides.push(nodeSide(label, parameters, `V${i}`)));
	if (testCase.stock && testCase.perItemHttp !== false) {
		sides.push({
			kind: 'http',
			label: 'HTTP Request, per item',
			workNodes: ['HTTP Request'],
			outputNode: 'HTTP Request',
			concurrency: n,
			workflow: chain(wid('H'), `bench ${key} HTTP Request per item`, [itemsNode(n), httpNode(baseUrl, testCase.call)]),
		});
	}
	if (testCase.stock) {
		const { grouped } = testCase;
		if (grouped) {
			const requestsPerMinute = grouped.limit.unit === 'users' ? grouped.limit.perMinute / grouped.size : grouped.limit.perMinute;
			sides.push({
				kind: 'stock',
				label: grouped.label,
				workNodes: ['Group', 'HTTP Request', 'Split'],
				outputNode: 'Split',
				concurrency: Math.max(1, Math.floor(requestsPerMinute)),
				workflow: chain(wid('S'), `bench ${key} best stock`, [
					itemsNode(n),
					codeNode('Group', `const all = $input.all().map((item) => item.json);\nconst groups = [];\nfor (let i = 0; i < all.length; i += ${grouped.size}) groups.push({ json: { members: all.slice(i, i + ${grouped.size}) } });\nreturn groups;`),
					httpNode(baseUrl, grouped.call, batching(requestsPerMinute)),
					codeNode('Split', grouped.split),
				]),
			});
		} else if (n > testCase.limit.perMinute) {
			// Over a minute's budget: HTTP Request with Batching, one minute's limit per batch.
			sides.push({
				kind: 'stock',
				label: `HTTP Request, Batching ${testCase.limit.perMinute} per ${BATCH_INTERVAL_MS / 1000} s`,
				workNodes: ['HTTP Request'],
				outputNode: 'HTTP Request',
				concurrency: testCase.limit.perMinute,
				workflow: chain(wid('S'), `bench ${key} best stock`, [itemsNode(n), httpNode(baseUrl, testCase.call, batching(testCase.limit.perMinute))]),
			});
		}
	}
	return sides;
}

/** The workflow ID of the idle run: n8n doing nothing but wait, for the CPU an idle n8n uses. */
export const IDLE_WORKFLOW_ID = 'benchidle0000000';
export const IDLE_NODE = 'Wait';

/** A Wait node of 15 s (n8n waits that in the process): what n8n spends on its own while a node waits. */
export function idleWorkflow(): WorkflowInput {
	return chain(IDLE_WORKFLOW_ID, 'bench idle n8n', [
		{ name: IDLE_NODE, type: 'n8n-nodes-base.wait', typeVersion: 1.1, parameters: { resume: 'timeInterval', amount: 15, unit: 'seconds' } },
	]);
}
