/**
 * "MoEngage may already have done this": what the node knows after an attempt that may have
 * reached MoEngage without an answer coming back (a dropped connection, a timeout, a 5xx, a 2xx
 * it cannot read). Two forms of it live here, so that every layer asks the same place.
 */

/** Failures after which MoEngage may have carried out a request that must not be repeated. */
const mustNotRepeatErrors = new WeakSet<Error>();

/** Marks a failure whose request MoEngage may have carried out, where repeating it would do it twice. */
export function markMustNotRepeat<E extends Error>(error: E): E {
	mustNotRepeatErrors.add(error);
	return error;
}

/** Whether sending the failed request again could repeat what MoEngage may already have done. */
export function mustNotRepeat(error: unknown): boolean {
	return error instanceof Error && mustNotRepeatErrors.has(error);
}

/**
 * What MoEngage may already have carried out in this node run, entry by entry (a user's merge, a
 * Bulk Import element, a segment member: keys the transport derives from each request). A request
 * that carries one of them again, whether a retry, a batch sent again in parts or n8n's Retry On
 * Fail sending the item again, starts knowing that MoEngage may already have done it, so that a
 * refusal ("User not found") is reported as what it may be: the trace of the earlier attempt.
 */
export class InDoubt {
	private readonly keys = new Set<string>();

	add(keys: Iterable<string>): void {
		for (const key of keys) this.keys.add(key);
	}

	/** Whether MoEngage may already have carried out any of these entries. */
	includesAny(keys: Iterable<string>): boolean {
		if (this.keys.size === 0) return false;
		for (const key of keys) if (this.keys.has(key)) return true;
		return false;
	}

	get empty(): boolean {
		return this.keys.size === 0;
	}
}
