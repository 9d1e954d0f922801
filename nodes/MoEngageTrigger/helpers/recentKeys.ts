import { createHash } from 'crypto';
import type { IDataObject } from 'n8n-workflow';

/** One remembered key: its digest and when it was received (epoch seconds). */
type Entry = [digest: string, receivedAt: number];

export interface RecentKeysLimits {
	/** At most this many keys are kept; the oldest go first. */
	count: number;
	/** Keys received longer ago than this are forgotten; none when undefined. */
	maxAgeMs?: number;
}

/**
 * What the trigger received lately, kept in the workflow's static data of the node: n8n stores it
 * with the workflow after each call and hands it to the next one. Each key is kept as the first
 * 16 hex digits of its SHA-256 (64 bits: a chance of about 3 in 10^12 that two of 10,000 keys
 * collide), so that the static data stays small and holds no customer data such as an email
 * address. The list is bounded by count, and optionally by age.
 *
 * Two calls that arrive at the same time each read the static data as it was before either, and
 * the one stored last wins: a key can then be forgotten, and a repeat of it let through. A repeat
 * is never made up: a key is only ever found if it was received.
 */
export class RecentKeys {
	private entries: Entry[];

	private readonly digests: Set<string>;

	private changed = false;

	constructor(
		private readonly memory: IDataObject,
		private readonly slot: string,
		private readonly limits: RecentKeysLimits,
		private readonly nowMs: number,
	) {
		const kept = storedEntries(memory[slot]);
		const oldest = limits.maxAgeMs === undefined ? -Infinity : (nowMs - limits.maxAgeMs) / 1000;
		this.entries = kept.filter(([, receivedAt]) => receivedAt >= oldest).slice(-limits.count);
		this.changed = this.entries.length !== kept.length;
		this.digests = new Set(this.entries.map(([digest]) => digest));
	}

	has(key: string): boolean {
		return this.digests.has(digestOf(key));
	}

	add(key: string): void {
		const digest = digestOf(key);
		if (this.digests.has(digest)) return;
		this.digests.add(digest);
		this.entries.push([digest, Math.floor(this.nowMs / 1000)]);
		if (this.entries.length > this.limits.count) {
			for (const [dropped] of this.entries.splice(0, this.entries.length - this.limits.count)) this.digests.delete(dropped);
		}
		this.changed = true;
	}

	/** Writes the list back when it changed. A new list is assigned, which is how n8n notices a change to save. */
	save(): void {
		if (!this.changed) return;
		this.memory[this.slot] = this.entries.map(([digest, receivedAt]) => [digest, receivedAt]);
		this.changed = false;
	}
}

function digestOf(key: string): string {
	return createHash('sha256').update(key, 'utf8').digest('hex').slice(0, 16);
}

/** The stored list, without anything that is not an entry (static data written by other code or by hand). */
function storedEntries(stored: unknown): Entry[] {
	if (!Array.isArray(stored)) return [];
	const entries: Entry[] = [];
	for (const entry of stored as unknown[]) {
		if (Array.isArray(entry) && typeof entry[0] === 'string' && typeof entry[1] === 'number' && Number.isFinite(entry[1])) {
			entries.push([entry[0], entry[1]]);
		}
	}
	return entries;
}
