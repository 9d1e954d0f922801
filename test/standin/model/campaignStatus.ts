import type { Answer } from '../errors';
import type { Rejection } from '../refusals';
import { rejected } from '../refusals';
import type { StandInCampaign } from './campaigns';
import type { Call, Handlers } from './family';

/**
 * Change Campaign Status (campaigns.yaml /campaigns/status, V1): stop a scheduled one-time
 * campaign; pause a running (Active) periodic or event-triggered one; resume a paused one. Every
 * campaign of the request must allow the change, or nothing changes; a campaign already in the
 * status asked for is left as it is (the stand-in's readings: the page documents only the 200). Each change is recorded for the tests.
 */

export interface StatusChange {
	action: string;
	campaign_ids: string[];
}

export interface CampaignStatusObserved {
	readonly statusChanges: readonly StatusChange[];
}

const PAUSABLE = ['PERIODIC', 'EVENT_TRIGGERED', 'DEVICE_TRIGGERED', 'LOCATION_TRIGGERED'];

const NEXT_STATUS: Record<string, string> = { STOP: 'Stopped', PAUSE: 'Paused', RESUME: 'Active' };

/** Why `campaign` cannot take `action`, or undefined when it can. */
function refusal(campaign: StandInCampaign, action: string): string | undefined {
	// A repeat finds the campaign as the first request left it: nothing to do, no refusal (the stand-in's reading).
	if (campaign.status === NEXT_STATUS[action] && (action !== 'RESUME' || PAUSABLE.includes(campaign.campaign_delivery_type))) return undefined;
	if (action === 'STOP') return campaign.status === 'Scheduled' && campaign.campaign_delivery_type === 'ONE_TIME' ? undefined : 'only a scheduled one-time campaign can be stopped';
	if (action === 'PAUSE') return campaign.status === 'Active' && PAUSABLE.includes(campaign.campaign_delivery_type) ? undefined : 'only a running periodic or event-triggered campaign can be paused';
	return campaign.status === 'Paused' ? undefined : 'only a paused campaign can be resumed';
}


export class CampaignStatusApi {
	private readonly changes: StatusChange[] = [];

	readonly observed: CampaignStatusObserved = { statusChanges: this.changes };

	readonly handlers: Handlers<'changeCampaignStatus'> = {
		changeCampaignStatus: (call) => this.change(call),
	};

	constructor(private readonly campaigns: () => StandInCampaign[]) {}

	reset(): void {
		this.changes.length = 0;
	}

	private change({ body }: Call): Answer | Rejection {
		const action = String(body.action);
		const ids = body.campaign_ids as string[];
		const found: StandInCampaign[] = [];
		for (const id of ids) {
			const campaign = this.campaigns().find((candidate) => candidate.campaign_id === id);
			if (!campaign) return rejected(400, `campaign_ids - campaign ${id} not found`, { target: 'campaign_ids' });
			const why = refusal(campaign, action);
			if (why) return rejected(400, `campaign ${id} is ${campaign.status}: ${why}`, { target: 'campaign_ids' });
			found.push(campaign);
		}
		for (const campaign of found) campaign.status = NEXT_STATUS[action];
		this.changes.push({ action, campaign_ids: ids });
		return { status: 200, body: '' };
	}
}
