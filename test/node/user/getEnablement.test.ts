import { runMoEngage, useStandIn } from '../../harness/fixtures';
import { getUser } from '../../harness/operations';

const { standIn, baseUrl } = useStandIn();

describe('User → Get in a workspace where MoEngage has not enabled Get User', () => {
	afterEach(() => standIn.reset());

	test('the error says MoEngage must enable Get User for the workspace', async () => {
		standIn.exportEnabled = false;
		const { items } = await runMoEngage(baseUrl(), getUser(), [{ id: 'u-1' }], { continueOnFail: true });
		expect(items[0].json.error).toMatch(/^MoEngage rejected the request for item 0/);
		expect(items[0].json.description).toContain('MoEngage must enable Get User for each workspace: if the key is right, ask your MoEngage CSM or support to enable the Get User API for this workspace');
	});

	test('an enabled workspace with a wrong key: no word about enabling for other APIs', async () => {
		const { items } = await runMoEngage(baseUrl(), { resource: 'user', operation: 'delete', identityType: 'customer_id', identityValue: '={{ $json.id }}' }, [{ id: 'u-1' }], {
			continueOnFail: true,
			credentials: { dataApiKey: 'wrong' },
		});
		expect(String(items[0].json.description)).not.toContain('enable Get User');
	});
});
