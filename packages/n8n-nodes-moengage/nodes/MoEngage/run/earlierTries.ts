import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

/**
 * n8n's Retry On Fail runs the whole node again, with the same input, when it throws (or, with
 * Continue On Fail, when its first output item is an error). What MoEngage carried out in an
 * earlier try must not be sent again: a second Track Event records the event twice, a second
 * Delete is refused ("User doesn't exist") and fails the retry. n8n-core hands every try of one
 * node run the same execute data object, and every run (each round of a loop) a new one, so the
 * outcomes are kept under it; they go when the run's data goes.
 */
const acceptedByNodeRun = new WeakMap<object, Map<number, IDataObject>>();

/** The output of the items MoEngage accepted in earlier tries of this node run, by item index. */
export function acceptedInEarlierTries(context: IExecuteFunctions): Map<number, IDataObject> {
	const nodeRun = context.getExecuteData?.();
	if (!nodeRun) return new Map();
	let accepted = acceptedByNodeRun.get(nodeRun);
	if (!accepted) {
		accepted = new Map();
		acceptedByNodeRun.set(nodeRun, accepted);
	}
	return accepted;
}
