import { deleteUser, getSubscriptionPreferences, getUser, unsubscribeFromNewsletter } from '../../harness/operations';
import { runMoEngage, useStandIn, WORKSPACE } from '../../harness/fixtures';

const { standIn, baseUrl } = useStandIn();
const PORTFOLIO = { ...WORKSPACE, portfolioProjects: ['brand_a', 'brand_b'] };
const projectCode = { projectCode: 'brand_a' };

describe('Portfolio workspaces: the credential\'s Project Code', () => {
	beforeEach(() => standIn.setWorkspace(PORTFOLIO));
	afterEach(() => standIn.setWorkspace(WORKSPACE));

	test('Track User, Track Event and Bulk Import carry project_code in the query', async () => {
		const user = await runMoEngage(baseUrl(), { resource: 'user', operation: 'createOrUpdate', customerId: '={{ $json.id }}' }, [{ id: 'u-1' }], { credentials: projectCode });
		expect(user.error).toBeUndefined();
		const event = await runMoEngage(baseUrl(), { resource: 'event', operation: 'track', customerId: '={{ $json.id }}', eventName: 'Plan Upgraded' }, [{ id: 'u-1' }], { credentials: projectCode });
		expect(event.error).toBeUndefined();
		const bulk = await runMoEngage(baseUrl(), { resource: 'user', operation: 'createOrUpdate', customerId: '={{ $json.id }}', options: { sendInBulk: true } }, [{ id: 'u-1' }, { id: 'u-2' }], {
			credentials: projectCode,
		});
		expect(bulk.error).toBeUndefined();
		expect(standIn.requests.map((request) => [request.api, request.query.project_code])).toEqual([
			['trackUser', 'brand_a'],
			['trackEvent', 'brand_a'],
			['bulkImport', 'brand_a'],
		]);
	});

	test('the subscription APIs carry MOE-PROJECT-CODE; without a Project Code the Portfolio workspace refuses them', async () => {
		const got = await runMoEngage(baseUrl(), getSubscriptionPreferences(), [{ id: 'u-1' }], { credentials: projectCode });
		expect(got.error).toBeUndefined();
		const updated = await runMoEngage(baseUrl(), unsubscribeFromNewsletter(), [{ id: 'u-1' }], { credentials: projectCode });
		expect(updated.error).toBeUndefined();
		expect(standIn.requests.every((request) => request.headers['moe-project-code'] === 'brand_a')).toBe(true);
		expect(standIn.requests.length).toBeGreaterThanOrEqual(2);
		standIn.reset();
		const refused = await runMoEngage(baseUrl(), getSubscriptionPreferences(), [{ id: 'u-1' }]);
		// Refused (the v5 pages make the header mandatory); the wording is the stand-in's own, MoEngage documents none.
		expect(refused.error?.message).toMatch(/^MoEngage rejected item 0 /);
		expect(standIn.requests.map((request) => request.status)).toEqual([400]);
	});

	test('a Project Code that names no project of the workspace is refused by Track User', async () => {
		const { error } = await runMoEngage(baseUrl(), { resource: 'user', operation: 'createOrUpdate', customerId: '={{ $json.id }}' }, [{ id: 'u-1' }], { credentials: { projectCode: 'brand_z' } });
		expect(error?.message).toMatch(/project_code brand_z is not a project/);
	});

	test('other APIs get no project code (Get User, Delete)', async () => {
		await runMoEngage(baseUrl(), getUser(), [{ id: 'u-1' }], { credentials: projectCode, continueOnFail: true });
		await runMoEngage(baseUrl(), deleteUser(), [{ id: 'u-2' }], { credentials: projectCode, continueOnFail: true });
		expect(standIn.requests.map((request) => [request.api, request.query.project_code, request.headers['moe-project-code']])).toEqual([
			['exportUsers', undefined, undefined],
			['deleteUser', undefined, undefined],
		]);
	});
});
