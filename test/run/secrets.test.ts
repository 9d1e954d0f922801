/* eslint-disable @n8n/community-nodes/no-restricted-imports -- runs on a developer's machine or in CI, never inside n8n */
import { stringify as flatted } from 'flatted';
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { inspect } from 'node:util';

import { OPERATIONS } from '../../nodes/MoEngage/actions/operations';
import { ANN, BOB, runMoEngage, useStandIn, WORKSPACE } from '../harness/fixtures';
import { dump } from '../harness/dump';
import {
	addUsersToSegment,
	createSegmentFromFile,
	downloadReport,
	eraseUser,
	getSegment,
	getSegments,
	getCampaign,
	getFlow,
	getCampaignStats,
	getSubscriptionPreferences,
	pauseCampaign,
	pauseFlow,
	removeUsersFromSegment,
	searchCampaigns,
	searchFlows,
	sendAlert,
	sendMessage,
	sendPush,
	triggerBusinessEvent,
	unsubscribeFromNewsletter,
} from '../harness/operations';
import type { Fault } from '../standin/server';
import { RATE_LIMITED } from '../standin/server';

/**
 * No key in anything a run leaves behind, for every operation, under every fault the stand-in
 * can play (including a server that echoes the Authorization header and one that redirects to
 * another host), with Continue On Fail on and off.
 */

const { standIn, baseUrl } = useStandIn({ users: [ANN, BOB] });
jest.setTimeout(30_000);

const SECRETS = [WORKSPACE.dataApiKey, WORKSPACE.cardsApiKey, WORKSPACE.informApiKey, WORKSPACE.pushApiKey];
// The keys as they travel in the Authorization header.
const encoded = (key: string) => Buffer.from(`${WORKSPACE.workspaceId}:${key}`).toString('base64');

// Fast: one retry (so the retry paths run too), short waits, no pacing, a 1 s timeout.
const options = { maxRetries: 1, maxWaitSeconds: 0.05, ratePerMinute: 0, timeoutSeconds: 1 };

/** Each operation with inputs that MoEngage (the stand-in) accepts for one item and rejects for the other. */
const operations: Array<[string, IDataObject, IDataObject[]]> = [
	[
		'user createOrUpdate',
		{ resource: 'user', operation: 'createOrUpdate', customerId: '={{ $json.id }}', customAttributesInput: 'json', customAttributesJson: '{"plan": "gold"}', options },
		[{ id: 'u-1' }, { id: 'u-9' }],
	],
	['user get', { resource: 'user', operation: 'get', identifierType: 'customer_id', identifier: '={{ $json.id }}', standardAttributes: ['name'], options }, [{ id: 'u-1' }, { id: 'ghost' }]],
	['user delete', { resource: 'user', operation: 'delete', identityType: 'customer_id', identityValue: '={{ $json.id }}', options }, [{ id: 'u-1' }, { id: 'ghost' }]],
	// MoEngage accepts an erasure for an identity it does not have.
	['user erase', eraseUser(options), [{ email: 'ann@example.com' }, { email: 'ghost@example.com' }]],
	['user merge', { resource: 'user', operation: 'merge', mergedUser: '={{ $json.old }}', retainedUser: '={{ $json.keep }}', options }, [{ old: 'u-2', keep: 'u-1' }, { old: 'ghost', keep: 'u-1' }]],
	['event track', { resource: 'event', operation: 'track', customerId: '={{ $json.id }}', eventName: 'Signed Up', options }, [{ id: 'u-1' }, { id: 'u-2' }]],
	['card get', { resource: 'card', operation: 'get', identifyBy: 'uid', userValue: '={{ $json.id }}', options }, [{ id: 'ann@example.com' }, { id: 'ghost' }]],
	['card delete', { resource: 'card', operation: 'delete', identifyBy: 'uid', userValue: '={{ $json.id }}', campaignIds: 'c1', options }, [{ id: 'ann@example.com' }, { id: 'ghost' }]],
	// One segment's users go in one request; MoEngage leaves out users it does not have.
	['segment addUsers', addUsersToSegment(options), [{ id: 'u-1', segment: 'vip' }, { id: 'ghost', segment: 'vip' }]],
	// MoEngage refuses a name a segment already has (409).
	['segment createFromFile', createSegmentFromFile(options), [{ name: 'From file', url: 'https://storage.example.com/a.csv' }, { name: 'VIP customers', url: 'https://storage.example.com/b.csv' }]],
	['segment getMany', getSegments(options), [{ name: 'VIP customers' }, { name: 'no such segment' }]],
	['segment get', getSegment(options), [{ segment: '63a017e8d2460ae81a05bf5e' }, { segment: 'aaaaaaaaaaaaaaaaaaaaaaaa' }]],
	['segment removeUsers', removeUsersFromSegment(options), [{ id: 'u-1', segment: 'vip' }, { id: 'ghost', segment: 'vip' }]],
	['businessEvent trigger', triggerBusinessEvent(options), [{ event: 'price_drop', attributes: { product_id: 'p1' } }, { event: 'no_such_event' }]],
	['inform sendAlert', sendAlert(options), [{ id: 'u-1', to: '+15550001' }, { id: 'u-2', to: '+15550002', alert: 'no_such_alert' }]],
	['campaign get', getCampaign(options), [{ campaign: 'c1' }, { campaign: 'no-such-campaign' }]],
	['campaign changeStatus', pauseCampaign(options), [{ campaign: '66e933000000000000000003' }, { campaign: 'no-such-campaign' }]],
	['flow search', searchFlows(options), [{ name: 'Welcome' }, { name: 'no such flow' }]],
	['flow get', getFlow(options), [{ flow: '69f1de84f9e401a2d7d90000' }, { flow: 'ffffffffffffffffffffffff' }]],
	['flow changeStatus', pauseFlow(options), [{ flow: '69f1de84f9e401a2d7d90000' }, { flow: '69f1de84f9e401a2d7d90003' }]],
	// The Campaign key signs the download (Signature header); an unknown file is refused.
	['campaign downloadReport', downloadReport(options), [{ file: 'Daily_Campaigns_20261206.zip' }, { file: 'Nope_20261206.zip' }]],
	['campaign sendMessage', sendMessage(options), [{ id: 'u-1' }, { id: 'u-2', campaign: 'no-such-campaign' }]],
	// The Push API signs with the Push key; a wrong type in the extra payload is refused (200, status Fail).
	['push send', sendPush(options), [{ id: 'u-1' }, { id: 'u-2', extra: { ANDROID: { richContent: 'not a list' } } }]],
	['campaign search', searchCampaigns(options), [{ name: 'Spring Sale' }, { name: 'no such campaign' }]],
	['campaign getStats', getCampaignStats(options), [{ campaign: 'c1' }, { campaign: 'no-such-campaign' }]],
	['user getSubscriptionPreferences', getSubscriptionPreferences(options), [{ id: 'u-1' }, { id: 'ghost-1' }]],
	['user updateSubscriptionPreferences', unsubscribeFromNewsletter(options), [{ id: 'u-1' }, { id: 'ghost-1' }]],
];

interface FaultCase {
	name: string;
	fault?: Fault;
	/** Credential overrides (a wrong key is a secret too). */
	credentials?: IDataObject;
}

const faults: FaultCase[] = [
	{ name: 'no fault' },
	{ name: 'wrong keys (401)', credentials: { dataApiKey: 'wrong-data-key-xyz', cardsApiKey: 'wrong-cards-key-xyz', informApiKey: 'wrong-inform-key-xyz', pushApiKey: 'wrong-push-key-xyz' } },
	{ name: '429', fault: { kind: 'status', status: 429, body: RATE_LIMITED } },
	{ name: '500', fault: { kind: 'status', status: 500, body: { title: 'Internal Server Error', message: 'x' } } },
	{ name: 'connection reset', fault: { kind: 'reset' } },
	{ name: 'malformed body', fault: { kind: 'malformed' } },
	{ name: 'echoAuth 401 JSON', fault: { kind: 'echoAuth', status: 401, shape: 'json' } },
	{ name: 'echoAuth 400 Cards shape', fault: { kind: 'echoAuth', status: 400, shape: 'cards' } },
	{ name: 'echoAuth 401 gateway shape', fault: { kind: 'echoAuth', status: 401, shape: 'gateway' } },
	{ name: 'echoAuth 400 plain text', fault: { kind: 'echoAuth', status: 400, shape: 'text' } },
	{ name: 'redirect 307', fault: { kind: 'redirect', status: 307 } },
	{ name: 'redirect 302', fault: { kind: 'redirect', status: 302 } },
	{ name: 'html 502', fault: { kind: 'html', status: 502 } },
	{ name: 'processed, then dropped', fault: { kind: 'processedThenDropped' } },
	{ name: 'slower than the timeout', fault: { kind: 'slow', delayMs: 1_500 } },
];

/** The text less MoEngage's own words that name the scheme, not a credential (Inform's 401: "Invalid App Key or Basic Auth"). */
const withoutSchemeName = (text: string) => text.split('Basic Auth').join('');

/** Each way of turning a run into text that a leak could show up in. */
function renderings(run: unknown, items: INodeExecutionData[]): Record<string, string> {
	let json: string;
	try {
		json = JSON.stringify(run);
	} catch (error) {
		json = `JSON.stringify failed: ${(error as Error).message}`;
	}
	return {
		dump: dump(run),
		json,
		// n8n's stored execution format.
		flatted: flatted(run),
		inspect: inspect(run, { showHidden: true, depth: Infinity, maxArrayLength: Infinity, maxStringLength: Infinity }),
		items: dump(items),
		itemsInspect: inspect(items, { showHidden: true, depth: Infinity }),
	};
}

test('the list holds every operation the node offers', () => {
	const offered = Object.entries(OPERATIONS).flatMap(([resource, byName]) => Object.keys(byName).map((operation) => `${resource} ${operation}`));
	expect(operations.map(([name]) => name).sort()).toEqual(offered.sort());
});

describe('no key in any error, description or output', () => {
	for (const [operation, parameters, input] of operations) {
		for (const { name, fault, credentials = {} } of faults) {
			for (const continueOnFail of [true, false]) {
				test(`${operation}, ${name}, continueOnFail ${continueOnFail}`, async () => {
					if (fault) standIn.addFault(fault);
					const keys = [...SECRETS, ...Object.values(credentials).map(String)];
					const secrets = [...keys, ...keys.map(encoded), 'Basic '];
					const { run, items, error } = await runMoEngage(baseUrl(), parameters, input, { continueOnFail, credentials });
					// The run must have produced something to inspect: output items or an error.
					expect(items.length > 0 || error !== undefined).toBe(true);
					expect(standIn.requests.length).toBeGreaterThan(0);

					const found = Object.entries(renderings(run, items)).flatMap(([where, text]) =>
						secrets.filter((secret) => withoutSchemeName(text).includes(secret)).map((secret) => `${where}: ${secret}`),
					);
					expect(found).toEqual([]);

					if (fault?.kind === 'redirect') {
						const host = new URL(standIn.foreignBaseUrl).host;
						// The key never reaches another host; better, nothing does.
						expect(standIn.observed.foreignRequests.filter((request) => request.headers.authorization !== undefined)).toEqual([]);
						expect(standIn.observed.foreignRequests.map((request) => `${request.method} ${request.path}`)).toEqual([]);
						// A redirect is an error that names where it pointed, never a success.
						if (continueOnFail) {
							expect(items).toHaveLength(input.length);
							for (const item of items) {
								expect(item.json.error).toBeDefined();
								expect(`${String(item.json.error)} ${String(item.json.description ?? '')}`).toContain(host);
							}
						} else {
							expect(items).toEqual([]);
							expect(error).toBeDefined();
							expect(`${error?.message} ${String(error?.description ?? '')}`).toContain(host);
						}
					}
				});
			}
		}
	}
});
