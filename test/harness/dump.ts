import type { IDataObject } from 'n8n-workflow';

/** Everything a run leaves behind as text, errors included with all their own properties. */
export function dump(value: unknown): string {
	const seen = new WeakSet<object>();
	return JSON.stringify(value, (_key, current: unknown) => {
		if (typeof current !== 'object' || current === null) return current;
		if (seen.has(current)) return '[seen]';
		seen.add(current);
		if (!(current instanceof Error)) return current;
		return Object.fromEntries(
			[...Object.getOwnPropertyNames(current), 'cause'].map((name) => [name, (current as unknown as IDataObject)[name]]),
		);
	});
}
