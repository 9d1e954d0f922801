import type { IExecuteFunctions, INode } from 'n8n-workflow';

import { readingOnce } from '../packages/n8n-nodes-moengage/nodes/MoEngage/actions/operation';
import * as user from '../packages/n8n-nodes-moengage/nodes/MoEngage/actions/user';

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
