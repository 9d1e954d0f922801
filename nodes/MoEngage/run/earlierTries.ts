import type { IBinaryKeyData, IDataObject, IExecuteFunctions, NodeApiError } from 'n8n-workflow';

import { InDoubt } from './mayHaveHappened';

/**
 * n8n's Retry On Fail runs the whole node again, with the same input, when it throws (or, with
 * Continue On Fail, when its first output item is an error). What MoEngage carried out in an
 * earlier try must not be sent again: a second Track Event records the event twice, a second
 * Delete is refused ("User doesn't exist") and fails the retry. Nor may an item be sent again
 * whose request MoEngage may have carried out without the node knowing (a Track Event answered
 * with a 5xx): it keeps its failure, which says to check. n8n-core hands every try of one
 * node run the same execute data object and run index; every run (each round of a loop) gets a
 * new execute data object, and every call of the node as an AI tool a new run index (the calls
 * share the agent's execute data). The outcomes are kept under both; they go when the run's
 * data goes. So is what MoEngage may already have carried out (InDoubt): a later try that sends
 * an item again knows it.
 */
const triesByNodeRun = new WeakMap<object, Map<number, EarlierTries>>();

/** What an earlier try got for an item: MoEngage's acceptance, or a failure not to be repeated. */
export type EarlierOutcome =
	| { kind: 'accepted'; jsons: IDataObject[]; binary?: IBinaryKeyData }
	| ({ kind: 'mustNotRepeat' } & Pick<NodeApiError, 'message' | 'description' | 'httpCode'>);

/** What the tries of one node run share. */
export interface EarlierTries {
	/** The outcomes a later try keeps, by item index. */
	outcomes: Map<number, EarlierOutcome>;
	/** What MoEngage may already have carried out in any try. */
	inDoubt: InDoubt;
}

/** What earlier tries of this node run learnt (nothing yet on the first try). */
export function earlierTries(context: IExecuteFunctions): EarlierTries {
	const executeData = context.getExecuteData?.();
	if (!executeData) return { outcomes: new Map(), inDoubt: new InDoubt() };
	let byRunIndex = triesByNodeRun.get(executeData);
	if (!byRunIndex) {
		byRunIndex = new Map();
		triesByNodeRun.set(executeData, byRunIndex);
	}
	const runIndex = runIndexOf(context);
	let tries = byRunIndex.get(runIndex);
	if (!tries) {
		tries = { outcomes: new Map(), inDoubt: new InDoubt() };
		byRunIndex.set(runIndex, tries);
	}
	return tries;
}

/** The first run index seen for each AI tool call: its tries share it (see runIndexOf). */
const firstRunOfToolCall = new WeakMap<object, number>();

/**
 * The run an attempt belongs to, as the node's run index ($runIndex; IExecuteFunctions has no
 * getter of its own): each round of a loop and each call as an AI tool has its own, while the
 * tries of n8n's Retry On Fail share theirs. As a tool, n8n-core gives every try of one call a new
 * run index and a new context, but the same tool arguments object as the input item
 * (get-input-connection-data.js makeHandleToolInvocation): the tries of one call then share the
 * run index of its first try, so what must not repeat (an alert, a trigger, an event) is not sent
 * again and a derived ID (the default transaction ID) stays the same.
 */
export function runIndexOf(context: IExecuteFunctions): number {
	const runIndex = Number(context.getWorkflowDataProxy(0).$runIndex);
	const call = toolCallOf(context);
	if (call === undefined) return runIndex;
	const first = firstRunOfToolCall.get(call);
	if (first !== undefined) return first;
	firstRunOfToolCall.set(call, runIndex);
	return runIndex;
}

/** The tool arguments of the call this try serves, when the node runs as an AI agent's tool. */
function toolCallOf(context: IExecuteFunctions): object | undefined {
	// n8n names a node used as a tool after its type, with "Tool" appended.
	if (!context.getNode().type.endsWith('Tool')) return undefined;
	const items = context.getInputData();
	return items.length === 1 ? items[0].json : undefined;
}
