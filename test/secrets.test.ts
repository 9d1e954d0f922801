import type { IDataObject } from 'n8n-workflow';

import { runMoEngage, useStandIn, WORKSPACE } from './helpers/fixtures';
import { dump } from './helpers/dump';
import type { Fault } from './standin/server';

const { standIn, baseUrl } = useStandIn();

const SECRETS = [WORKSPACE.dataApiKey, WORKSPACE.cardsApiKey];
// The keys as they travel in the Authorization header.
const ENCODED = SECRETS.map((key) => Buffer.from(`${WORKSPACE.workspaceId}:${key}`).toString('base64'));


// No retries here: each fault should reach the error path at once (retries are tested apart).
const options = { maxRetries: 0 };

const operations: Array<[string, IDataObject, IDataObject[]]> = [
	['get user', { resource: 'user', operation: 'get', identifierType: 'customer_id', identifier: '={{ $json.id }}', options }, [{ id: 'u-1' }, { id: 'ghost' }]],
	['delete user', { resource: 'user', operation: 'delete', identityType: 'customer_id', identityValue: '={{ $json.id }}', options }, [{ id: 'u-1' }, { id: 'ghost' }]],
	['delete cards', { resource: 'card', operation: 'delete', identifyBy: 'uid', userValue: '={{ $json.id }}', campaignIds: 'c1', options }, [{ id: 'ann@example.com' }, { id: 'ghost' }]],
];

const faults: Array<[string, Fault | undefined, IDataObject]> = [
	['no fault', undefined, {}],
	['wrong keys (401)', undefined, { dataApiKey: 'wrong-data-key-xyz', cardsApiKey: 'wrong-cards-key-xyz' }],
	['429', { kind: 'status', status: 429, body: { title: 'Request limit reached', description: 'x' } }, {}],
	['500', { kind: 'status', status: 500, body: { title: 'Internal Server Error', message: 'x' } }, {}],
	['connection reset', { kind: 'reset' }, {}],
	['malformed body', { kind: 'malformed' }, {}],
];

describe('no key in any error, description or output', () => {
	for (const [operation, parameters, items] of operations) {
		for (const [faultName, fault, credentials] of faults) {
			for (const continueOnFail of [true, false]) {
				test(`${operation}, ${faultName}, continueOnFail ${continueOnFail}`, async () => {
					if (fault) standIn.addFault(fault);
					const secrets = [...SECRETS, ...ENCODED, ...Object.values(credentials).map(String)];
					const { run, items: output } = await runMoEngage(baseUrl(), parameters, items, { continueOnFail, credentials });
					// The run must have produced something to inspect: output items or an error.
					expect(output.length > 0 || run.data.resultData.error !== undefined).toBe(true);
					const text = dump(run);
					for (const secret of secrets) expect(text).not.toContain(secret);
					expect(standIn.requests.length).toBeGreaterThan(0);
				});
			}
		}
	}
});
