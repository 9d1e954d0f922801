import type { IExecuteFunctions, INode } from 'n8n-workflow';

import { checkBodySize, checkQuerySize, jsonBytes, packBatches } from '../../../nodes/MoEngage/helpers/requestSize';
import { REQUEST_BODY_MAX_BYTES, REQUEST_QUERY_MAX_BYTES } from '../../../nodes/MoEngage/transport/api';

const context = { getNode: () => ({ name: 'MoEngage', typeVersion: 1.3 }) as INode } as unknown as IExecuteFunctions;

const NAME = { name: 'name', label: 'Name' };
const TAGS = { name: 'tags', label: 'Tags' };

describe('request size', () => {
	test('jsonBytes counts UTF-8 bytes of the JSON text', () => {
		expect(jsonBytes({ a: 'é€😀' })).toBe(Buffer.byteLength('{"a":"é€😀"}'));
		expect(jsonBytes(undefined)).toBe(0);
	});

	test('a body at the cap passes; one byte more is refused naming the field that takes the most room, not repeating the value', () => {
		const envelope = jsonBytes({ name: '', tags: ['t'] });
		const fits = { name: 'n'.repeat(REQUEST_BODY_MAX_BYTES - envelope), tags: ['t'] };
		expect(jsonBytes(fits)).toBe(REQUEST_BODY_MAX_BYTES);
		const fields = (body: typeof fits) => [
			{ field: TAGS, value: body.tags },
			{ field: NAME, value: body.name },
		];
		expect(() => checkBodySize(context, 3, fits, fields(fits))).not.toThrow();
		const over = { ...fits, name: `${fits.name}n` };
		let error: (Error & { description?: string }) | undefined;
		try {
			checkBodySize(context, 3, over, fields(over));
		} catch (thrown) {
			error = thrown as Error;
		}
		expect(error?.message).toBe('The "Name" field of item 3 makes the request larger than the 128 KB MoEngage accepts');
		expect(error?.description).toBe('The request would be 128,001 bytes, and MoEngage refuses more than 128,000: shorten this value, or leave it out. Nothing was sent for this item.');
	});

	test('a query string over the cap names its field; percent-encoding counts', () => {
		const id = { name: 'subscriberId', label: 'User ID' };
		expect(() => checkQuerySize(context, 0, { v: 'a'.repeat(REQUEST_QUERY_MAX_BYTES - 2) }, [{ field: id, value: '' }])).not.toThrow();
		// "é" is %C3%A9 in a URL: 6 bytes.
		expect(() => checkQuerySize(context, 0, { v: 'é'.repeat(1_400) }, [{ field: id, value: 'é'.repeat(1_400) }])).toThrow(
			'The "User ID" field of item 0 makes the request\'s address longer than the 8 KB the node sends',
		);
	});

	test('packBatches: at most N a batch and at most the byte cap, in input order; a request too large alone gets a batch of its own', () => {
		const size = (text: string) => text.length;
		expect(packBatches(['a', 'b', 'c', 'd', 'e'], 2, size, 0)).toEqual([['a', 'b'], ['c', 'd'], ['e']]);
		// Envelope 10 + 40 + 1 + 40 = 91 fits in 100; a third of 40 would not.
		const forty = (c: string) => c.repeat(40);
		expect(packBatches([forty('a'), forty('b'), forty('c')], 10, size, 10, 100)).toEqual([[forty('a'), forty('b')], [forty('c')]]);
		expect(packBatches(['x'.repeat(500), 'y'], 10, size, 10, 100)).toEqual([['x'.repeat(500)], ['y']]);
		expect(packBatches([], 10, size, 10, 100)).toEqual([]);
	});
});
