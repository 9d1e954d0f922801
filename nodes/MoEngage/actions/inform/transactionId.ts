import { INFORM_TRANSACTION_ID_MAX_LENGTH } from '../../transport/api';

/**
 * 32-bit FNV-1a of the text, as 8 hex digits, from `seed`: a short, stable tag (not a secret;
 * community nodes may not import node:crypto).
 */
function fnv1a(text: string, seed = 0x811c9dc5): string {
	let hash = seed;
	for (const unit of Buffer.from(text, 'utf8')) hash = Math.imul(hash ^ unit, 0x01000193) >>> 0;
	return hash.toString(16).padStart(8, '0');
}

/** 16 hex digits: two FNV-1a hashes with different seeds. */
const tag16 = (text: string) => fnv1a(text) + fnv1a(text, 0x050c5d1f);

/**
 * The transaction ID of an item without one of its own: the same for every attempt at this item
 * in this run of the node (the node's retries, n8n's Retry On Fail), so that MoEngage sends the
 * alert once; another node, run (a loop's next round, another AI tool call) or item, or another
 * execution, gets another one. A long execution ID is shortened to a tag, so that the ID stays
 * within Inform's 50 characters.
 */
export function defaultTransactionId(executionId: string, nodeId: string, runIndex: number, itemIndex: number): string {
	const readable = `n8n-${executionId}-${fnv1a(nodeId)}-${runIndex}-${itemIndex}`;
	return readable.length <= INFORM_TRANSACTION_ID_MAX_LENGTH ? readable : `n8n-${tag16(executionId)}-${fnv1a(nodeId)}-${runIndex}-${itemIndex}`;
}
