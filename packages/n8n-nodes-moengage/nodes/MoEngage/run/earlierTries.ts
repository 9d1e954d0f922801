import type { IDataObject, IExecuteFunctions, NodeApiError } from 'n8n-workflow';

/**
 * n8n's Retry On Fail runs the whole node again, with the same input, when it throws (or, with
 * Continue On Fail, when its first output item is an error). What MoEngage carried out in an
 * earlier try must not be sent again: a second Track Event records the event twice, a second
 * Delete is refused ("User doesn't exist") and fails the retry. Nor may an item be sent again
 * whose request MoEngage may have carried out without the node knowing (a Track Event answered
 * with a 5xx): it keeps its failure, which says to check. n8n-core hands every try of one
 * node run the same execute data object, and every run (each round of a loop) a new one, so the
 * outcomes are kept under it; they go when the run's data goes.
 */
const outcomesByNodeRun = new WeakMap<object, Map<number, EarlierOutcome>>();

/** What an earlier try got for an item: MoEngage's acceptance, or a failure not to be repeated. */
export type EarlierOutcome =
	| { kind: 'accepted'; json: IDataObject }
	| ({ kind: 'mustNotRepeat' } & Pick<NodeApiError, 'message' | 'description' | 'httpCode'>);

/** The outcomes of earlier tries of this node run that a later try keeps, by item index. */
export function earlierTries(context: IExecuteFunctions): Map<number, EarlierOutcome> {
	const nodeRun = context.getExecuteData?.();
	if (!nodeRun) return new Map();
	let outcomes = outcomesByNodeRun.get(nodeRun);
	if (!outcomes) {
		outcomes = new Map();
		outcomesByNodeRun.set(nodeRun, outcomes);
	}
	return outcomes;
}
