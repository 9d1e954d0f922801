import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { LATEST_NODE_VERSION } from '../harness/n8n/workflows';
import { defaultConcurrency } from '../../nodes/MoEngage/helpers/requestSettings';
import { MoEngage } from '../../nodes/MoEngage/MoEngage.node';

/**
 * What a user sees in the node panel: one vocabulary for the user across operations, lists in
 * alphabetical order, no label twice in one panel, a safe default and a readable subtitle.
 */

const { description } = new MoEngage();
const properties = description.properties;

const LATEST = 1.4;

/** Whether a property shows in a node of this version (its '@version' rule: versions, or {_cnd: {gte}}). */
function inVersion(property: INodeProperties, version: number): boolean {
	const rule = property.displayOptions?.show?.['@version'] as Array<number | { _cnd: { gte: number } }> | undefined;
	if (rule === undefined) return true;
	return rule.some((entry) => (typeof entry === 'number' ? entry === version : version >= entry._cnd.gte));
}

const pickerOf = (resource: string, version = LATEST) =>
	properties.find(
		(property) => property.name === 'operation' && property.displayOptions?.show?.resource?.includes(resource) && inVersion(property, version),
	)!;
const resourcePicker = properties.find((property) => property.name === 'resource')!;
const optionsOf = (property: INodeProperties) => (property.options ?? []) as INodePropertyOptions[];

/** Every (resource, operation) pair, from the pickers. */
const operations = optionsOf(resourcePicker).flatMap(({ value: resource }) =>
	optionsOf(pickerOf(String(resource))).map(({ value: operation, name }) => ({ resource: String(resource), operation: String(operation), name })),
);

/** The top-level properties shown for one operation (displayOptions on resource and operation only). */
function panel(resource: string, operation: string, version = LATEST): INodeProperties[] {
	return properties.filter((property) => {
		if (!inVersion(property, version)) return false;
		const show = property.displayOptions?.show;
		if (show === undefined) return true;
		if (show.resource && !show.resource.includes(resource)) return false;
		if (show.operation && !show.operation.includes(operation)) return false;
		return true;
	});
}

const labelOf = (resource: string, operation: string, name: string) =>
	panel(resource, operation).find((property) => property.name === name)?.displayName;

const isSorted = (names: string[]) => names.every((name, i) => i === 0 || names[i - 1].localeCompare(name) <= 0);

describe('node description', () => {
	test('the same words name a user in every operation', () => {
		for (const [resource, operation, typeField, valueField] of [
			['user', 'get', 'identifierType', 'identifier'],
			['user', 'delete', 'identityType', 'identityValue'],
			['card', 'get', 'identifyBy', 'userValue'],
			['card', 'delete', 'identifyBy', 'userValue'],
		]) {
			expect([resource, operation, labelOf(resource, operation, typeField), labelOf(resource, operation, valueField)]).toEqual([
				resource,
				operation,
				'Identify User By',
				'User ID',
			]);
		}
		expect(labelOf('user', 'createOrUpdate', 'customerId')).toBe('Customer ID');
		expect(labelOf('event', 'track', 'customerId')).toBe('Customer ID');
		expect(labelOf('user', 'merge', 'mergedUser')).toBe('Customer ID to Merge (Old)');
		expect(labelOf('user', 'merge', 'retainedUser')).toBe('Customer ID to Keep');
		const userIdTypes = panel('user', 'get').find((property) => property.name === 'identifierType')!;
		expect(optionsOf(userIdTypes).map(({ name }) => name)).toEqual(['Customer ID', 'MoEngage ID']);
		const cardIdTypes = panel('card', 'get').find((property) => property.name === 'identifyBy')!;
		expect(optionsOf(cardIdTypes).map(({ name, value }) => [name, value])).toEqual([
			['Device ID (Unique ID)', 'unique_id'],
			['Standard ID (UID)', 'uid'],
		]);
	});

	test("Card's default operation is Get, not Delete; version 1 keeps Delete, which its saved workflows leave out", () => {
		expect(description.defaultVersion).toBe(LATEST);
		// The e2e and the bench build their newest nodes at this version.
		expect(LATEST_NODE_VERSION).toBe(LATEST);
		expect(pickerOf('card').default).toBe('get');
		expect(pickerOf('card', 1).default).toBe('delete');
	});

	test.each(operations)('$resource → $operation: no label twice in the panel', ({ resource, operation }) => {
		const labels = panel(resource, operation)
			.filter((property) => property.type !== 'notice')
			.map((property) => property.displayName);
		expect(labels.filter((label, i) => labels.indexOf(label) !== i)).toEqual([]);
	});

	test.each(operations)('$resource → $operation: option lists and collections are alphabetical', ({ resource, operation }) => {
		const lists = (props: INodeProperties[]): Array<{ name: string; names: string[] }> =>
			props.flatMap((property) => {
				if (property.name === 'resource' || property.name === 'operation') return [];
				if (property.type === 'options' || property.type === 'multiOptions') {
					return [{ name: property.name, names: optionsOf(property).map(({ name }) => name) }];
				}
				if (property.type === 'collection') {
					const inner = ((property.options ?? []) as INodeProperties[]).filter((option) => inVersion(option, LATEST));
					return [{ name: property.name, names: inner.map(({ displayName }) => displayName) }, ...lists(inner)];
				}
				return [];
			});
		for (const list of lists(panel(resource, operation))) expect({ ...list, sorted: isSorted(list.names) }).toEqual({ ...list, sorted: true });
		expect(isSorted(optionsOf(pickerOf(resource)).map(({ name }) => name))).toBe(true);
	});

	test.each(operations)('$resource → $operation: Options holds Rate Limit, Advanced the other request settings (version 1: all in Options)', ({ resource, operation }) => {
		const collection = (name: string, version: number) =>
			((panel(resource, operation, version).find((property) => property.name === name)?.options ?? []) as INodeProperties[])
				.filter((option) => inVersion(option, version))
				.map(({ name: n }) => n);
		const settings = ['maxRetries', 'maxWaitSeconds', 'timeoutSeconds'];
		expect(collection('options', LATEST)).toContain('ratePerMinute');
		expect(collection('options', LATEST).filter((name) => settings.includes(name) || name === 'concurrency')).toEqual([]);
		expect(collection('advanced', LATEST)).toEqual(expect.arrayContaining(settings));
		expect(collection('advanced', LATEST)).not.toContain('ratePerMinute');
		expect(collection('options', 1)).toEqual(expect.arrayContaining(['ratePerMinute', ...settings]));
		expect(collection('advanced', 1)).toEqual([]);
	});

	test.each(operations)('$resource → $operation: the Concurrency a user adds starts at the default the node uses (50 from version 1.3, 10 before)', ({ resource, operation }) => {
		const concurrencyDefault = (version: number) => {
			const where = version < 1.1 ? 'options' : 'advanced';
			const collection = panel(resource, operation, version).find((property) => property.name === where);
			return ((collection?.options ?? []) as INodeProperties[]).find((option) => option.name === 'concurrency' && inVersion(option, version))?.default;
		};
		expect([1, 1.1, 1.2, 1.3, 1.4].map(concurrencyDefault)).toEqual([10, 10, 10, 50, 50]);
		expect([1, 1.1, 1.2, 1.3, 1.4].map(defaultConcurrency)).toEqual([10, 10, 10, 50, 50]);
	});

	test("the subtitle names the operation and the resource in the pickers' words", () => {
		const subtitle = description.subtitle!;
		const maps = [...subtitle.matchAll(/\{"[^}]*\}/g)].map(([json]) => JSON.parse(json) as Record<string, string>);
		expect(maps).toHaveLength(2);
		const [operationNames, resourceNames] = maps;
		for (const { operation, name } of operations) expect([operation, operationNames[operation]]).toEqual([operation, name]);
		expect(resourceNames).toEqual(Object.fromEntries(optionsOf(resourcePicker).map(({ name, value }) => [value, name])));
		expect(subtitle).toMatch(/\[\$parameter\["operation"\]\] \|\| \$parameter\["operation"\]\) \+ ": " \+/);
	});
});
