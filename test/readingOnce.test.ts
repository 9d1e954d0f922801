import type { IDataObject, IExecuteFunctions, INode, INodeType } from 'n8n-workflow';

import { readingOnce } from '../packages/n8n-nodes-moengage/nodes/MoEngage/run/parameterCache';
import * as user from '../packages/n8n-nodes-moengage/nodes/MoEngage/actions/user';
import { MOENGAGE_NODE_TYPE, moEngageWorkflow, nodeTypes, runWorkflow } from './engine/runWorkflow';
import { credentialsFor, useStandIn } from './helpers/fixtures';

/**
 * Items are read through `readingOnce`: a parameter without an expression is read from n8n once
 * for all items; `={{ $json.<path> }}` straight from the item when it holds text, a number or a
 * boolean, from n8n otherwise; any other expression from n8n for every item.
 */

const parameters = { resource: 'user', operation: 'delete', identityType: 'customer_id', identityValue: '={{ $json.id }}', options: { forwardedFor: '203.0.113.7' } };

/** A context whose getNodeParameter resolves `={{ $json.id }}` against the item (as n8n would), and counts its calls. */
function fakeContext(items: Array<{ id: unknown }> = [{ id: 'u-1' }, { id: 'u-2' }, { id: 'u-3' }]) {
	const calls: string[] = [];
	const context = {
		getNode: () => ({ name: 'MoEngage', parameters }) as unknown as INode,
		getInputData: () => items.map((json) => ({ json })),
		getNodeParameter: (name: string, itemIndex: number, fallback?: unknown) => {
			calls.push(name);
			const value = (parameters as Record<string, unknown>)[name];
			if (value === '={{ $json.id }}') return items[itemIndex].id;
			return value === undefined ? fallback : structuredClone(value);
		},
	} as unknown as IExecuteFunctions;
	return { context, calls, items };
}

const count = (calls: string[], name: string) => calls.filter((call) => call === name).length;

test('fixed parameters are read once, $json paths from the item, and every item gets its own values', () => {
	const { context, calls, items } = fakeContext();
	const reader = readingOnce(context);
	const read = items.map((_, itemIndex) => user.delete.readItem.call(reader, itemIndex));
	expect(read).toEqual(
		items.map(({ id }) => ({ identity_type: 'customer_id', identity_value: id, headers: { 'X-Forwarded-For': '203.0.113.7' } })),
	);
	expect(count(calls, 'identityValue')).toBe(0);
	expect(count(calls, 'identityType')).toBe(1);
	expect(count(calls, 'options')).toBe(1);
});

test('a $json path to anything but text, a number or a boolean is left to n8n', () => {
	const { context, calls } = fakeContext([{ id: 'u-1' }, { id: { nested: true } }, { id: null }, {} as { id: unknown }]);
	const reader = readingOnce(context);
	expect([0, 1, 2, 3].map((itemIndex) => reader.getNodeParameter('identityValue', itemIndex))).toEqual(['u-1', { nested: true }, null, undefined]);
	expect(count(calls, 'identityValue')).toBe(3);
});

test('a value shared between items cannot be changed by a reader', () => {
	const { context } = fakeContext();
	const reader = readingOnce(context);
	const options = reader.getNodeParameter('options', 0) as Record<string, unknown>;
	expect(() => {
		options.forwardedFor = 'changed';
	}).toThrow(TypeError);
	expect(reader.getNodeParameter('options', 1)).toEqual({ forwardedFor: '203.0.113.7' });
});

test('other context methods work on the reader as on n8n\'s context', () => {
	const { context } = fakeContext();
	expect(readingOnce(context).getNode().name).toBe('MoEngage');
});

describe("the same values as n8n-core's own reading, through the engine", () => {
	const { baseUrl } = useStandIn();

	/** Item values a `{{ $json.<path> }}` may meet: text, numbers, booleans, nothing, null, objects, lists, look-alikes. */
	const items: IDataObject[] = [
		{ id: 'u-1', email: 'ann@example.com', plan: 'gold', 'first name': 'Ann', a: { b: 'deep' }, age: 31, vip: true },
		{ id: 'u-2', email: '', plan: 0, 'first name': 'Bø ✓', a: { b: 7 }, age: 0, vip: false },
		{ id: 'u-3', email: '=not an expression', plan: '{{ $json.id }}', 'first name': ' spaced ', a: { b: false }, age: -1.5, vip: 'yes' },
		{ id: 'u-4', email: null, plan: { nested: 1 }, a: null, age: null },
		{ id: 'u-5', plan: ['x'], a: { b: { c: 1 } }, constructor: 'own', toString: 'own too' },
		{ id: 6 },
	];

	/** Create or Update with paths in fields, in a collection and in the rows of a fixed collection. */
	const paths: IDataObject = {
		resource: 'user',
		operation: 'createOrUpdate',
		customerId: '={{ $json.id }}',
		standardAttributes: { email: '={{$json.email}}', first_name: '={{ $json["first name"] }}', last_name: 'fixed' },
		customAttributes: { attribute: [{ name: 'plan', value: '={{ $json.plan }}' }, { name: 'deep', value: '={{ $json.a.b }}' }, { name: 'fixed', value: 1 }] },
		options: { forwardedFor: '={{ $json.age }}', updateExistingOnly: '={{ $json.vip }}', ratePerMinute: 0 },
	};

	/** Delete with look-alikes: inherited keys, and an expression that is not a bare path. */
	const lookAlikes: IDataObject = {
		resource: 'user',
		operation: 'delete',
		identityType: 'customer_id',
		identityValue: "={{ $json['constructor'] }}",
		options: { forwardedFor: '={{ $json.toString }}', ratePerMinute: '={{ $json.id + "" }}' },
	};

	/** What readingOnce left to n8n: "parameter item". */
	const leftToN8n: string[] = [];

	/** Every parameter for every item: as n8n-core reads it, and through readingOnce (value, or error message). */
	async function readBothWays(parameters: IDataObject): Promise<IDataObject[]> {
		leftToN8n.length = 0;
		const node = nodeTypes.getByName(MOENGAGE_NODE_TYPE) as INodeType;
		const execute = node.execute;
		node.execute = async function (this: IExecuteFunctions) {
			const counted = new Proxy(this, {
				get: (target, property) =>
					property === 'getNodeParameter'
						? (name: string, itemIndex: number) => {
								leftToN8n.push(`${name} ${itemIndex}`);
								return target.getNodeParameter(name, itemIndex);
							}
						: (Reflect.get(target, property) as unknown),
			});
			const reader = readingOnce(counted);
			const attempt = (read: () => unknown) => {
				try {
					return { value: read() };
				} catch (error) {
					return { error: (error as Error).message };
				}
			};
			const rows = this.getInputData().flatMap((_, itemIndex) =>
				Object.keys(parameters).map((name) => ({
					json: { itemIndex, name, n8n: attempt(() => this.getNodeParameter(name, itemIndex)), readingOnce: attempt(() => reader.getNodeParameter(name, itemIndex)) } as IDataObject,
				})),
			);
			return [rows];
		};
		try {
			const { output, error } = await runWorkflow(moEngageWorkflow(parameters, { typeVersion: 1.3 }), items, credentialsFor(baseUrl()));
			expect(error).toBeUndefined();
			return output('MoEngage').map((item) => item.json);
		} finally {
			node.execute = execute;
		}
	}

	/** Item indexes whose `name` readingOnce left to n8n. */
	const left = (name: string) => leftToN8n.filter((read) => read.startsWith(`${name} `)).map((read) => Number(read.split(' ')[1]));

	test.each([
		['paths in fields, collections and fixed collections', paths],
		['look-alikes', lookAlikes],
	])('%s: the same values for every kind of item value', async (_, parameters) => {
		const rows = await readBothWays(parameters);
		expect(rows).toHaveLength(items.length * Object.keys(parameters).length);
		for (const row of rows) expect({ ...row, readingOnce: row.n8n }).toEqual(row);
	});

	test('read directly: every path to text, a number or a boolean; left to n8n: the rest', async () => {
		await readBothWays(paths);
		expect(left('customerId')).toEqual([]);
		expect(left('standardAttributes')).toEqual([3, 4, 5]);
		expect(left('customAttributes')).toEqual([3, 4, 5]);
		expect(left('options')).toEqual([3, 4, 5]);
		// Fixed parameters: read once.
		expect(left('resource')).toEqual([0]);
		await readBothWays(lookAlikes);
		// n8n refuses "constructor" (its error stays n8n's); "toString" sits beside an expression that is no path.
		expect(left('identityValue')).toEqual([0, 1, 2, 3, 4, 5]);
		expect(left('options')).toEqual([0, 1, 2, 3, 4, 5]);
	});
});

test("an n8n-workflow without its list of refused keys: the node's own copy keeps those paths with n8n", () => {
	jest.isolateModules(() => {
		jest.doMock('n8n-workflow', () => ({ ...jest.requireActual<object>('n8n-workflow'), isSafeObjectProperty: undefined }));
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const { readingOnce: readingWithoutList } = require('../packages/n8n-nodes-moengage/nodes/MoEngage/run/parameterCache') as { readingOnce: typeof readingOnce };
		const calls: string[] = [];
		const saved = { own: '={{ $json.id }}', refused: "={{ $json['constructor'] }}", inherited: '={{ $json.toString }}' };
		const context = {
			getNode: () => ({ name: 'MoEngage', parameters: saved }) as unknown as INode,
			getInputData: () => [{ json: { id: 'u-1', constructor: 'own', toString: 'own too' } }],
			getNodeParameter: (name: string) => {
				calls.push(name);
				return `n8n read ${name}`;
			},
		} as unknown as IExecuteFunctions;
		const reader = readingWithoutList(context);
		expect(Object.keys(saved).map((name) => reader.getNodeParameter(name, 0))).toEqual(['u-1', 'n8n read refused', 'n8n read inherited']);
		expect(calls).toEqual(['refused', 'inherited']);
	});
	jest.dontMock('n8n-workflow');
});
