import type { IDataObject, IExecuteFunctions, INode } from 'n8n-workflow';

import type { AttributeFields } from '../../../nodes/MoEngage/helpers/attributes';
import { readAttributes } from '../../../nodes/MoEngage/helpers/attributes';

/**
 * Attribute names are the user's own: names that every JavaScript object inherits a member of
 * (`constructor`, `toString`…) are ordinary attributes, and only a real repeat is refused.
 */

const FIELDS: AttributeFields = {
	input: { name: 'attributesInput', label: 'Specify Attributes' },
	rows: { name: 'attributes', label: 'Attributes' },
	json: { name: 'attributesJson', label: 'Attributes (JSON)' },
};

const contextWith = (parameters: IDataObject) =>
	({
		getNodeParameter: (name: string, _itemIndex: number, fallback: unknown) => parameters[name] ?? fallback,
		getNode: () => ({ name: 'MoEngage', typeVersion: 1.3 }) as INode,
	}) as unknown as IExecuteFunctions;

const rows = (...names: string[]) => contextWith({ attributesInput: 'rows', attributes: { attribute: names.map((name, i) => ({ name, value: `v${i}` })) } });

const PROTOTYPE_MEMBERS = ['constructor', 'toString', 'valueOf', 'hasOwnProperty', 'isPrototypeOf', 'toLocaleString', '__defineGetter__'];

describe('attribute names', () => {
	test.each(PROTOTYPE_MEMBERS)('a row named "%s" is an attribute like any other, sent as an own key', (name) => {
		const attributes = readAttributes(rows(name, 'plan'), FIELDS, 0);
		expect(Object.keys(attributes)).toEqual([name, 'plan']);
		expect(JSON.parse(JSON.stringify(attributes))).toEqual({ [name]: 'v0', plan: 'v1' });
	});

	test('all of them in one item', () => {
		const attributes = readAttributes(rows(...PROTOTYPE_MEMBERS), FIELDS, 0);
		expect(Object.keys(attributes)).toEqual(PROTOTYPE_MEMBERS);
	});

	test.each(['constructor', 'plan'])('a name that really repeats ("%s") is still refused', (name) => {
		expect(() => readAttributes(rows(name, name), FIELDS, 0)).toThrow(`The "Attributes" field of item 0 sets the attribute "${name}" twice`);
	});

	test('"__proto__" is refused with its own message, as a row and in JSON', () => {
		const message = 'The "Attributes" field of item 0 has the attribute "__proto__", a name that cannot be sent as an attribute';
		expect(() => readAttributes(rows('__proto__'), FIELDS, 0)).toThrow(message);
		const json = contextWith({ attributesInput: 'json', attributesJson: '{"plan": "gold", "__proto__": {"x": 1}}' });
		expect(() => readAttributes(json, FIELDS, 0)).toThrow(message.replace('"Attributes"', '"Attributes (JSON)"'));
	});

	test('JSON with prototype member names is read as written', () => {
		const json = contextWith({ attributesInput: 'json', attributesJson: '{"constructor": 1, "toString": "x", "valueOf": true}' });
		expect(readAttributes(json, FIELDS, 0)).toEqual({ constructor: 1, toString: 'x', valueOf: true });
	});
});
