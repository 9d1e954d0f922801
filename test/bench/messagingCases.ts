/** The bench's Messaging API cases (test/bench/cases.ts lists them with the others). */
import { ENDPOINTS } from '../../nodes/MoEngage/transport/api';
import { ORDER_CONFIRMATION_SHELL } from '../standin/model/messaging';
import type { Case } from './caseTypes';

/**
 * Campaign → Send Message of `n` recipients (Messaging API, one recipient a request) at MoEngage's
 * 5,000 requests a minute, which the stand-in enforces. The request HTTP Request sends for one
 * item carries the Idempotency-Key MoEngage requires (a UUID v4), made from the item's index.
 */
const sendMessageCase = (key: string, n: number, rtts: number[]): Case => ({
	key,
	name: `Campaign → Send Message, ${n.toLocaleString('en-US')} recipients at 5,000/min`,
	n,
	rtts,
	api: 'sendMessage',
	limit: { perMinute: ENDPOINTS.sendMessage.rateLimit.perMinute, unit: 'requests' },
	node: {
		resource: 'campaign',
		operation: 'sendMessage',
		campaign: { __rl: true, mode: 'id', value: ORDER_CONFIRMATION_SHELL },
		recipientType: 'ID',
		recipient: '={{ $json.id }}',
	},
	call: {
		method: 'POST',
		path: `/v5/campaigns/${ORDER_CONFIRMATION_SHELL}/send`,
		body: `JSON.stringify({ identifier_type: 'ID', recipients: [$json.id] })`,
		headers: { 'Idempotency-Key': `'00000000-0000-4000-8000-' + String($itemIndex).padStart(12, '0')` },
	},
	stock: true,
});

export const MESSAGING_CASES: Case[] = [
	// 5,000 recipients: one minute's budget of the Messaging API, all of it at once.
	sendMessageCase('sendMessage5k', 5_000, [0, 50]),
	// 10,000: over the minute, so its limit binds (the second 5,000 wait for the budget to come back).
	sendMessageCase('sendMessage10k', 10_000, [0]),
];
