import type { Answer } from '../errors';
import { requestId } from '../errors';
import type { Rejection } from '../refusals';
import { rejected } from '../refusals';
import type { StandInCampaign } from './campaigns';
import type { Call, Handlers } from './family';
import type { Profiles } from './users';

/**
 * The Messaging API (schemas/messaging.json, from messaging/trigger.yaml and the overview): Send
 * Message queues an email of an active API-triggered email campaign for one recipient and answers
 * 202. A recipient that matches no user is dropped after the answer, without an error, as MoEngage
 * does; `observed.queuedMessages` tells the tests which were.
 */

/** The active API-triggered email campaign of the seeded list (Send Message sends it). */
export const ORDER_CONFIRMATION_SHELL = '66e93302000000000shell01';

/** Messaging API shells (API-triggered email campaigns), at the end of the seeded campaigns: one active, one stopped. */
export function seededShells(): StandInCampaign[] {
	const shell = { channel: 'EMAIL', status: 'Active', campaign_delivery_type: 'API_TRIGGERED', created_at: '2024-01-02 08:00:00.000000', tags: ['transactional'] } as const;
	return [
		{ ...shell, tags: [...shell.tags], campaign_id: ORDER_CONFIRMATION_SHELL, name: 'Order Confirmation' },
		{ ...shell, tags: [...shell.tags], campaign_id: '66e93302000000000shell02', name: 'Password Reset (old)', status: 'Stopped' },
	];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

/** The overview: `recipients` "accepts exactly one identifier" (the schema's maxItems is 1,000). */
export const RECIPIENTS_PER_REQUEST = 1;

export interface QueuedMessage {
	campaign_id: string;
	idempotency_key: string;
	body: Record<string, unknown>;
	/** Whether the recipient matched a user (MoEngage drops the message later when not). */
	matched: boolean;
}

export interface MessagingObserved {
	/** Every message queued, in order: MoEngage does not deduplicate on the Idempotency-Key, so a repeat is queued again. */
	readonly queuedMessages: readonly QueuedMessage[];
}

export class MessagingApi {
	private readonly queued: QueuedMessage[] = [];

	readonly observed: MessagingObserved = { queuedMessages: this.queued };

	readonly handlers: Handlers<'sendMessage'> = {
		sendMessage: (call) => this.send(call),
	};

	constructor(
		private readonly campaigns: () => StandInCampaign[],
		private readonly users: Profiles,
	) {}

	reset(): void {
		this.queued.length = 0;
	}

	private send({ body, pathParams, headers }: Call): Answer | Rejection {
		const key = String(headers['idempotency-key'] ?? '');
		// stand-in's own choice: trigger.yaml requires a UUID Idempotency-Key but documents no answer without one; 400 VALIDATION_FAILED with target Idempotency-Key.
		if (!UUID.test(key)) return rejected(400, 'Idempotency-Key must be a UUID v4', { target: 'Idempotency-Key', detailCode: 'INVALID_VALUE' });
		const campaignId = pathParams.campaign_id ?? '';
		const campaign = this.campaigns().find((candidate) => candidate.campaign_id === campaignId);
		// 404 rather than 403 for a campaign that is not an active API-triggered one (trigger.yaml).
		if (!campaign || campaign.campaign_delivery_type !== 'API_TRIGGERED' || campaign.status !== 'Active' || campaign.channel !== 'EMAIL') {
			return rejected(404, 'Campaign not found', { target: 'campaign_id' });
		}
		const recipients = body.recipients as string[];
		if (recipients.length > RECIPIENTS_PER_REQUEST) {
			return rejected(422, 'recipients exceed the permitted maximum', { target: 'recipients', detailCode: 'RECIPIENT_LIMIT_EXCEEDED' });
		}
		const recipient = recipients[0];
		const matched = body.identifier_type === 'MOENGAGE_ID' ? this.users.find((user) => user.id === recipient) !== undefined : this.users.userWith(recipient) !== undefined;
		this.queued.push({ campaign_id: campaignId, idempotency_key: key, body, matched });
		return {
			status: 202,
			body: { response_id: `resp_${requestId()}`, type: 'message', data: { msg_id: `msg_${requestId()}`, campaign_id: campaignId, accepted: true, recipient_count: recipients.length } },
		};
	}
}
