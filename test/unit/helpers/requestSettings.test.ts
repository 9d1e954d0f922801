import type { IDataObject, IExecuteFunctions, INode } from 'n8n-workflow';

import { readRequestSettings } from '../../../nodes/MoEngage/helpers/requestSettings';
import { ENDPOINTS } from '../../../nodes/MoEngage/transport/api';
import { moEngageWorkflow, runWorkflow } from '../../harness/runWorkflow';
import { ANN, credentialsFor, useStandIn } from '../../harness/fixtures';

/**
 * Request settings live under Advanced since node version 1.1; workflows saved with version 1
 * hold them under Options, and both keep working.
 */

const { standIn, baseUrl } = useStandIn({ users: [ANN] });
const DOWN = { kind: 'status' as const, status: 503, body: { title: 'Service Unavailable', message: 'down' } };

async function deleteUser(typeVersion: number, collections: IDataObject) {
	const workflow = moEngageWorkflow(
		{ resource: 'user', operation: 'delete', identityType: 'customer_id', identityValue: 'u-1', ...collections },
		{ continueOnFail: true },
	);
	workflow.nodes[1].typeVersion = typeVersion;
	const run = await runWorkflow(workflow, [{}], credentialsFor(baseUrl()));
	return { ...run, items: run.output('MoEngage') };
}

/** A context whose first item holds these collections. */
const contextWith = (collections: IDataObject, typeVersion = 1.2) =>
	({
		getNodeParameter: (name: string, _itemIndex: number, fallback: unknown) => collections[name] ?? fallback,
		getNode: () => ({ name: 'MoEngage', typeVersion }) as INode,
	}) as unknown as IExecuteFunctions;

describe('request settings', () => {
	test('version 1.1: Advanced → Max Retries is used', async () => {
		standIn.addFault(DOWN);
		const { items } = await deleteUser(1.1, { advanced: { maxRetries: 2, maxWaitSeconds: 0 } });
		expect(standIn.requests).toHaveLength(3);
		expect(items[0].json.error).toEqual(expect.any(String));
	});

	test('version 1 (saved workflows): Options → Max Retries is still used', async () => {
		standIn.addFault(DOWN);
		const { items } = await deleteUser(1, { options: { maxRetries: 2, maxWaitSeconds: 0 } });
		expect(standIn.requests).toHaveLength(3);
		expect(items[0].json.error).toEqual(expect.any(String));
	});

	test('Advanced is read first, then Options; Rate Limit stays in Options', () => {
		const settings = readRequestSettings(
			contextWith({ advanced: { maxRetries: 1, timeoutSeconds: 7 }, options: { maxRetries: 3, maxWaitSeconds: 2, ratePerMinute: 5 } }),
			ENDPOINTS.deleteUser,
		);
		expect(settings).toEqual({ ratePerMinute: 5, concurrency: 10, maxRetries: 1, maxWaitMs: 2000, timeoutMs: 7000 });
	});

	test('without either collection, the defaults follow MoEngage', () => {
		expect(readRequestSettings(contextWith({}), ENDPOINTS.deleteUser)).toEqual({
			ratePerMinute: ENDPOINTS.deleteUser.rateLimit.perMinute,
			concurrency: 10,
			maxRetries: 5,
			maxWaitMs: 60_000,
			timeoutMs: 30_000,
		});
	});

	test('Concurrency: 50 when not set from version 1.3 on, 10 in nodes of earlier versions (saved workflows keep their pace)', () => {
		const concurrency = (typeVersion: number, collections: IDataObject = {}) => readRequestSettings(contextWith(collections, typeVersion), ENDPOINTS.deleteUser).concurrency;
		expect([1, 1.1, 1.2, 1.3].map((version) => concurrency(version))).toEqual([10, 10, 10, 50]);
		expect(concurrency(1.3, { advanced: { concurrency: 5 } })).toBe(5);
		expect(concurrency(1, { options: { concurrency: 50 } })).toBe(50);
		expect(() => concurrency(1.3, { advanced: { concurrency: 51 } })).toThrow('The "Concurrency" field of item 0 must be a number from 1 to 50');
	});

	test('a bad value names the field, wherever it is', async () => {
		for (const collections of [{ advanced: { maxRetries: 11 } }, { options: { maxRetries: 11 } }]) {
			expect(() => readRequestSettings(contextWith(collections), ENDPOINTS.deleteUser)).toThrow(
				'The "Max Retries" field of item 0 must be a number from 0 to 10',
			);
		}
		const { items } = await deleteUser(1.1, { advanced: { maxRetries: 11 } });
		expect(items[0].json.error).toBe('The "Max Retries" field of item 0 must be a number from 0 to 10');
		expect(standIn.requests).toHaveLength(0);
	});
});
