import type { IExecuteFunctions, INode } from 'n8n-workflow';

import { readingOnce } from '../nodes/MoEngage/actions/operation';
import * as user from '../nodes/MoEngage/actions/user';

/**
 * Items are read through `readingOnce`: a parameter without an expression is read from n8n once
 * for all items, one with an expression for every item.
 */

const items = [{ id: 'u-1' }, { id: 'u-2' }, { id: 'u-3' }];
const parameters = { resource: 'user', operation: 'delete', identityType: 'customer_id', identityValue: '={{ $json.id }}', options: { forwardedFor: '203.0.113.7' } };

/** A context whose getNodeParameter resolves `={{ $json.id }}` against the item, and counts its calls. */
function fakeContext() {
	const calls: string[] = [];
	const context = {
		getNode: () => ({ name: 'MoEngage', parameters }) as unknown as INode,
		getNodeParameter: (name: string, itemIndex: number, fallback?: unknown) => {
			calls.push(name);
			const value = (parameters as Record<string, unknown>)[name];
			if (value === '={{ $json.id }}') return items[itemIndex].id;
			return value === undefined ? fallback : structuredClone(value);
		},
	} as unknown as IExecuteFunctions;
	return { context, calls };
}

const count = (calls: string[], name: string) => calls.filter((call) => call === name).length;

test('fixed parameters are read once, expressions once per item, and every item gets its own values', () => {
	const { context, calls } = fakeContext();
	const reader = readingOnce(context);
	const read = items.map((_, itemIndex) => user.delete.readItem.call(reader, itemIndex));
	expect(read).toEqual(
		items.map(({ id }) => ({ identity_type: 'customer_id', identity_value: id, headers: { 'X-Forwarded-For': '203.0.113.7' } })),
	);
	expect(count(calls, 'identityValue')).toBe(3);
	expect(count(calls, 'identityType')).toBe(1);
	expect(count(calls, 'options')).toBe(1);
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
