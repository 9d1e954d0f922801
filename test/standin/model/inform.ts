import type { Answer } from '../errors';
import { requestId } from '../errors';
import type { Rejection } from '../refusals';
import { rejected } from '../refusals';
import type { Handlers } from './family';

/**
 * Inform (schemas/inform.json, from inform.yaml): Send Alert, to an alert the workspace has, on
 * the channels it is set up for, once per transaction_id within 5 minutes.
 */

/** An Inform alert: its ID (live), its reference name, and the channels it is set up for. */
export interface StandInAlert {
	id: string;
	referenceName?: string;
	channels: Array<'SMS' | 'EMAIL' | 'PUSH' | 'RCS' | 'WHATSAPP'>;
}

/** How long Inform refuses a transaction_id it accepted (inform.yaml: 5 minutes). */
export const INFORM_DUPLICATE_WINDOW_MS = 5 * 60_000;

/** Alerts Inform sent (once per transaction_id within 5 minutes), for tests to read. */
export interface InformObserved {
	readonly sentAlerts: ReadonlyArray<Readonly<Record<string, unknown>>>;
}

export class InformApi {
	private readonly sent: Array<Record<string, unknown>> = [];

	/** When each transaction_id was accepted. */
	private readonly transactions = new Map<string, number>();

	readonly observed: InformObserved = { sentAlerts: this.sent };

	readonly handlers: Handlers<'sendAlert'> = {
		sendAlert: ({ body }) => this.sendAlert(body),
	};

	constructor(private readonly alerts: StandInAlert[]) {}

	reset(): void {
		this.sent.length = 0;
		this.transactions.clear();
	}

	/**
	 * Send Alert (inform.yaml /alerts/send): the alert must exist (by ID or reference name) and be set
	 * up for the channels sent; a transaction_id accepted less than 5 minutes ago answers 409.
	 */
	private sendAlert(body: Record<string, unknown>): Answer | Rejection {
		const alert = this.alerts.find((candidate) =>
			body.alert_id !== undefined ? candidate.id === body.alert_id : candidate.referenceName === body.alert_reference_name,
		);
		if (!alert) return rejected(400, 'Invalid Alert ID');
		const channels = Object.keys(body.payloads as Record<string, unknown>);
		const unset = channels.find((channel) => !alert.channels.some((configured) => configured === channel));
		// stand-in's own choice: a channel the alert is not set up for is refused; inform.yaml documents no answer for it.
		if (unset) return rejected(400, `Channel ${unset} is not configured for this alert`);
		const transactionId = body.transaction_id as string;
		const acceptedAt = this.transactions.get(transactionId);
		if (acceptedAt !== undefined && Date.now() - acceptedAt < INFORM_DUPLICATE_WINDOW_MS) {
			return rejected(409, 'Duplicate Transaction ID');
		}
		this.transactions.set(transactionId, Date.now());
		this.sent.push(body);
		return { status: 200, body: { message: 'Successfully Received', request_id: requestId() } };
	}
}
