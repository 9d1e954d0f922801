import { randomUUID } from 'node:crypto';

import type { Answer } from '../errors';
import type { Rejection } from '../refusals';
import { rejected } from '../refusals';
import type { Call, Handlers } from './family';

/**
 * The Push API v2.1 (schemas/push.json, from push/push-v2-1.yaml): Send Push creates a campaign
 * under `campaignName` and sends it. The gateway has checked the signature. Requests for one user
 * (`targetAudience: "User"`) that reuse a campaign name are "clubbed in the same campaign": its
 * first request's settings stay, only the payload changes, and every request is sent again (no
 * deduplication). A campaign name for All Users or a Custom Segment must be new ("Duplicate
 * campaign name"). Failures are 200s with status "Fail" (refusals.ts, the `push` shape).
 */

/** TargetUserAttributes.attribute, unless `isCustom` (push-v2-1.yaml). */
const USER_ATTRIBUTES = ['USER_ATTRIBUTE_UNIQUE_ID', 'USER_ATTRIBUTE_USER_EMAIL', 'USER_ATTRIBUTE_USER_MOBILE', 'MOE_GAID', 'ADVERTISING_IDENTIFIER', 'PUSH_ID'];

export interface SentPush {
	campaignName: string;
	cid: string;
	targetAudience: string;
	targetUserAttributes?: Record<string, unknown>;
	/** The campaign's platforms: those of the first request with its name. */
	targetPlatform: string[];
	payload: Record<string, unknown>;
	advancedSettings?: Record<string, unknown>;
}

export interface PushObserved {
	/** Every push MoEngage accepted, in order (a repeat is sent again). */
	readonly pushes: readonly SentPush[];
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

export class PushApi {
	private readonly sent: SentPush[] = [];

	/** Campaigns by name: their ID, audience and first request's platforms. */
	private readonly campaigns = new Map<string, { cid: string; targetAudience: string; targetPlatform: string[] }>();

	private nextCid = 66321523456;

	readonly observed: PushObserved = { pushes: this.sent };

	readonly handlers: Handlers<'sendPush'> = {
		sendPush: (call) => this.send(call),
	};

	reset(): void {
		this.sent.length = 0;
		this.campaigns.clear();
	}

	private send({ body }: Call): Answer | Rejection {
		const campaignName = body.campaignName as string;
		const targetAudience = body.targetAudience as string;
		const targetUserAttributes = isObject(body.targetUserAttributes) ? body.targetUserAttributes : undefined;
		const payload = body.payload as Record<string, unknown>;
		const platforms = body.targetPlatform as string[];
		// The yaml's failure list: "Key not of Type List or Value not allowed", "Error parsing parameters".
		if (targetAudience === 'User') {
			if (!targetUserAttributes || targetUserAttributes.attribute === undefined || targetUserAttributes.attributeValue === undefined) return rejected(200, 'Error parsing parameters');
			if (targetUserAttributes.isCustom !== true && !USER_ATTRIBUTES.includes(String(targetUserAttributes.attribute))) return rejected(200, 'Key not of Type List or Value not allowed');
		}
		if (targetAudience === 'Custom Segment' && typeof body.customSegmentName !== 'string') return rejected(200, 'Error parsing parameters');
		// Each targeted platform needs its payload (the stand-in's reading: MoEngage documents no wording).
		if (platforms.some((platform) => !isObject(payload[platform]))) return rejected(200, 'Error parsing parameters');
		let campaign = this.campaigns.get(campaignName);
		if (campaign && (targetAudience !== 'User' || campaign.targetAudience !== 'User')) return rejected(200, 'Duplicate campaign name');
		if (!campaign) {
			campaign = { cid: String(this.nextCid++), targetAudience, targetPlatform: [...platforms] };
			this.campaigns.set(campaignName, campaign);
		}
		this.sent.push({
			campaignName,
			cid: campaign.cid,
			targetAudience,
			targetUserAttributes,
			targetPlatform: campaign.targetPlatform,
			payload,
			...(isObject(body.advancedSettings) ? { advancedSettings: body.advancedSettings } : {}),
		});
		const id = randomUUID();
		return { status: 200, body: { status: 'Success', requestId: id, responseId: id, cid: campaign.cid } };
	}
}
