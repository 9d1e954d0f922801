import { ANN, BOB, WORKSPACE } from '../harness/fixtures';
import { basic, callerFor, dataFail } from './overHttp';
import { MoEngageStandIn } from './server';

/**
 * The Data APIs over HTTP against data.yaml: MoEngage's documented examples pass, invalid
 * requests get the documented error bodies, and what a valid request carries out.
 */

const standIn = new MoEngageStandIn({ workspace: WORKSPACE, users: [ANN, BOB] });
beforeAll(() => standIn.start());
afterAll(() => standIn.stop());
beforeEach(() => standIn.reset());

const call = callerFor(standIn);

describe('Track User (data.yaml /customer/{app_id})', () => {
	test.each([
		['Standard Example', { type: 'customer', customer_id: 'john@example.com', attributes: { name: 'JohnDoe', first_name: 'John', platforms: [{ platform: 'ANDROID', active: 'true' }] } }],
		['Array Support', { type: 'customer', customer_id: '123', attributes: { removeValueFromArrayField: {}, addValueToArrayField: { attribute1: ['abc', 'def'] }, platforms: [{ platform: 'iOS', active: 'true' }] } }],
		['Unsetting Attributes', { type: 'customer', customer_id: 'user123', unset_attributes: [{ type: 'equals', attr: 'first_name', case_sensitive: false }, { type: 'prefix', attr: 'temp_' }] }],
	])('documented example passes: %s', async (_name, body) => {
		expect(await call('trackUser', body)).toEqual({ status: 200, body: { status: 'success', message: 'Your request has been accepted and will be processed soon.' } });
	});

	test('the documented missing and empty customer_id answers', async () => {
		expect(await call('trackUser', { type: 'customer', attributes: {} })).toEqual(
			dataFail(400, { attribute: 'customer_id', message: 'customer_id is not found in the payload', type: 'MissingAttributeError' }),
		);
		expect(await call('trackUser', { type: 'customer', customer_id: '' })).toEqual(
			dataFail(400, { attribute: 'customer_id', message: 'customer_id can not be empty Unicode String', type: 'MissingAttributeError' }),
		);
	});

	test.each(['null', 'Guest', 'UNKNOWN', '0', '-1', 'n/a', 'user_id', 'dummy_seller_code'])('customer_id "%s" is refused (data-overview.mdx)', async (id) => {
		const reply = await call('trackUser', { type: 'customer', customer_id: id });
		expect(reply).toEqual(dataFail(400, { attribute: 'customer_id', message: 'customer_id value is not allowed', type: 'InvalidValueError' }));
		expect(standIn.userWith(id)).toBeUndefined();
	});

	test.each(['x', '7', 'é'])('a one-character customer_id "%s" is refused ("any string of more than one characters", data-overview.mdx)', async (id) => {
		for (const api of ['trackUser', 'trackEvent'] as const) {
			const body = api === 'trackUser' ? { type: 'customer', customer_id: id } : { type: 'event', customer_id: id, actions: [{ action: 'x' }] };
			expect(await call(api, body)).toEqual(dataFail(400, { attribute: 'customer_id', message: 'customer_id value is not allowed', type: 'InvalidValueError' }));
		}
		expect(standIn.userWith(id)).toBeUndefined();
		// Two characters are enough.
		expect((await call('trackUser', { type: 'customer', customer_id: 'xy' })).status).toBe(200);
	});

	test("the reserved keys (data-overview.mdx) are not stored; matched exactly, so moe_gaid (a standard attribute) is", async () => {
		const reserved = { USER_ATTRIBUTE_USER_EMAIL: 'a@b.c', MOE_GAID: 'g-1', status: 'vip', source: 'crm', user_id: 'u', INSTALL: true };
		expect(await call('trackUser', { type: 'customer', customer_id: 'u-9', attributes: { ...reserved, moe_gaid: 'gaid-1', plan: 'gold' } })).toEqual({
			status: 200,
			body: { status: 'success', message: 'Your request has been accepted and will be processed soon.' },
		});
		expect(standIn.userWith('u-9')?.attributes).toEqual({ moe_gaid: 'gaid-1', plan: 'gold' });
	});

	test('moe_gaid and the other create-only attributes are set when Track User creates the user, not changed after (data-overview.mdx table)', async () => {
		await call('trackUser', { type: 'customer', customer_id: 'u-9', attributes: { moe_gaid: 'gaid-1', advertising_identifier: 'idfa-1' } });
		await call('trackUser', { type: 'customer', customer_id: 'u-9', attributes: { moe_gaid: 'gaid-2', advertising_identifier: 'idfa-2', plan: 'gold' } });
		expect(standIn.userWith('u-9')?.attributes).toEqual({ moe_gaid: 'gaid-1', advertising_identifier: 'idfa-1', plan: 'gold' });
	});

	test('a wrong type enum, an unknown field, a blocked or moe_ attribute name', async () => {
		expect((await call('trackUser', { type: 'Customer', customer_id: 'u-9' })).body.error).toMatchObject({ attribute: 'type', type: 'ValueError' });
		expect((await call('trackUser', { type: 'customer', customer_id: 'u-9', attrs: {} })).body.error).toMatchObject({ attribute: 'attrs', type: 'AttributeError' });
		for (const name of ['id', '_id', '', 'moe_score']) {
			const reply = await call('trackUser', { type: 'customer', customer_id: 'u-9', attributes: { [name]: 1 } });
			expect(reply.status).toBe(400);
			expect(reply.body.error.type).toBe('AttributeError');
			if (name) expect(reply.body.error.attribute).toBe(name);
		}
		// Documented standard moe_ attributes are allowed, with their types.
		expect((await call('trackUser', { type: 'customer', customer_id: 'u-9', attributes: { moe_unsubscribe: true } })).status).toBe(200);
		expect((await call('trackUser', { type: 'customer', customer_id: 'u-9', attributes: { moe_unsubscribe: 'yes' } })).body.error).toMatchObject({
			attribute: 'moe_unsubscribe',
			message: 'moe_unsubscribe is expected to be Boolean.',
		});
	});

	test('update_existing_only does not create a missing user, and updates an existing one', async () => {
		expect((await call('trackUser', { type: 'customer', customer_id: 'u-new', update_existing_only: true, attributes: { plan: 'x' } })).status).toBe(200);
		expect(standIn.userWith('u-new')).toBeUndefined();
		await call('trackUser', { type: 'customer', customer_id: 'u-1', update_existing_only: true, attributes: { plan: 'platinum' } });
		expect(standIn.userWith('u-1')?.attributes.plan).toBe('platinum');
		await call('trackUser', { type: 'customer', customer_id: 'u-new', attributes: { plan: 'x' } });
		expect(standIn.userWith('u-new')?.attributes).toEqual({ plan: 'x' });
	});

	test('unset_attributes removes the attributes its rules match', async () => {
		await call('trackUser', { type: 'customer', customer_id: 'u-1', attributes: { temp_a: 1, TEMP_b: 2, score_temp: 3 } });
		await call('trackUser', {
			type: 'customer',
			customer_id: 'u-1',
			unset_attributes: [
				{ type: 'equals', attr: 'FIRST_NAME', case_sensitive: false },
				{ type: 'prefix', attr: 'temp_' },
				{ type: 'suffix', attr: '_temp' },
				{ type: 'contains', attr: 'mobil' },
			],
		});
		expect(standIn.userWith('u-1')?.attributes).toEqual({ name: 'Ann Lee', email: 'ann@example.com', plan: 'gold', TEMP_b: 2 });
	});

	test('addValueToArrayField and removeValueFromArrayField; one attribute in both is the documented ArrayFieldError', async () => {
		await call('trackUser', { type: 'customer', customer_id: 'u-1', attributes: { tags: ['a', 'b'] } });
		await call('trackUser', { type: 'customer', customer_id: 'u-1', attributes: { addValueToArrayField: { tags: ['c'] }, removeValueFromArrayField: { other: ['x'] } } });
		await call('trackUser', { type: 'customer', customer_id: 'u-1', attributes: { removeValueFromArrayField: { tags: ['a'] } } });
		expect(standIn.userWith('u-1')?.attributes.tags).toEqual(['b', 'c']);
		expect(await call('trackUser', { type: 'customer', customer_id: 'u-1', attributes: { addValueToArrayField: { tags: ['d'] }, removeValueFromArrayField: { tags: ['b'] } } })).toEqual(
			dataFail(400, { attribute: 'addValueToArrayField', message: "Cannot add and remove 'tags' at the same time", type: 'ArrayFieldError' }),
		);
	});
});

describe('Get User (data.yaml /customers/export)', () => {
	test('documented example passes; users not found are listed', async () => {
		const reply = await call('exportUsers', {
			data: { identifiers: [{ identifier_type: 'customer_id', identifier: '6416d1a318r98264512c0f89' }, { identifier_type: 'id', identifier: 'moe-0001' }], user_fields_to_export: ['last_name', 'customer_id', 'name'] },
		});
		expect(reply).toEqual({
			status: 200,
			body: {
				status: 'success',
				type: 'export_users',
				data: { users_not_found: [{ identifier_type: 'customer_id', identifier: '6416d1a318r98264512c0f89' }], users: [{ user_attributes: { customer_id: 'u-1', name: 'Ann Lee' } }] },
			},
		});
	});

	test('without user_fields_to_export every attribute comes back', async () => {
		const reply = await call('exportUsers', { data: { identifiers: [{ identifier_type: 'id', identifier: 'moe-0002' }] } });
		expect(reply.body.data.users).toEqual([{ user_attributes: { ...BOB.attributes, customer_id: 'u-2', id: 'moe-0002' } }]);
	});

	test("one reading of Get User (the node's GET_USER_READING): a MoEngage ID is identifier_type id, not the shared enum's moengage_id", async () => {
		expect((await call('exportUsers', { data: { identifiers: [{ identifier_type: 'moengage_id', identifier: 'moe-0002' }] } })).body.error).toMatchObject({ attribute: 'identifier_type', type: 'ValueError' });
		expect((await call('exportUsers', { data: { identifiers: [{ identifier_type: 'id', identifier: 'moe-0002' }] } })).status).toBe(200);
	});

	test('standard attributes are exported under the names Track User writes, also when written under their internal keys; internal keys are not export names', async () => {
		await call('trackUser', { type: 'customer', customer_id: 'u-9', attributes: { u_em: 'nia@example.com', u_mb: '+15550009', u_fn: 'Nia', last_name: 'Ode', plan: 'gold' } });
		const exportOf = async (fields?: string[]) =>
			(await call('exportUsers', { data: { identifiers: [{ identifier_type: 'customer_id', identifier: 'u-9' }], ...(fields ? { user_fields_to_export: fields } : {}) } })).body.data.users[0].user_attributes;
		expect(await exportOf()).toEqual({ email: 'nia@example.com', mobile: '+15550009', first_name: 'Nia', last_name: 'Ode', plan: 'gold', customer_id: 'u-9', id: expect.any(String) });
		expect(await exportOf(['email', 'first_name', 'last_name'])).toEqual({ email: 'nia@example.com', first_name: 'Nia', last_name: 'Ode' });
		expect(await exportOf(['u_em', 'u_fn'])).toEqual({});
	});

	test('the documented errors: data missing, identifiers missing, more than 20', async () => {
		expect(await call('exportUsers', { identifiers: [] })).toEqual(dataFail(400, { attribute: 'data', message: 'data is not found in the payload', type: 'MissingAttributeError' }));
		expect(await call('exportUsers', { data: {} })).toEqual(dataFail(400, { attribute: 'identifiers', message: 'identifiers is not found in the payload', type: 'MissingAttributeError' }));
		const identifiers = Array.from({ length: 21 }, (_, i) => ({ identifier_type: 'customer_id', identifier: `u-${i}` }));
		expect(await call('exportUsers', { data: { identifiers } })).toEqual(dataFail(400, { attribute: 'users', message: 'max limit allowed is 20', type: 'LimitBreached' }));
		expect((await call('exportUsers', { data: { identifiers: identifiers.slice(0, 20) } })).status).toBe(200);
	});

	test('a wrong identifier_type and an unknown field fail', async () => {
		expect((await call('exportUsers', { data: { identifiers: [{ identifier_type: 'email', identifier: 'a' }] } })).body.error).toMatchObject({ attribute: 'identifier_type', type: 'ValueError' });
		expect((await call('exportUsers', { data: { identifiers: [{ identifier_type: 'id', identifier: 'a' }], fields: [] } })).body.error).toMatchObject({ attribute: 'fields', type: 'AttributeError' });
	});

	test('app_id: missing is 400 ParamsRequired, another workspace is 409 (data-overview.mdx)', async () => {
		const body = { data: { identifiers: [{ identifier_type: 'id', identifier: 'moe-0001' }] } };
		const response = await fetch(`${standIn.baseUrl}/v1/customers/export`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json', Authorization: basic(WORKSPACE.dataApiKey) },
			body: JSON.stringify(body),
		});
		expect({ status: response.status, body: await response.json() }).toEqual(dataFail(400, { message: 'app_id is required in path/query params.', type: 'ParamsRequired' }));
		const other = await fetch(`${standIn.baseUrl}/v1/customers/export?app_id=OTHER`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json', Authorization: basic(WORKSPACE.dataApiKey) },
			body: JSON.stringify(body),
		});
		expect({ status: other.status, body: await other.json() }).toEqual(dataFail(409, { message: 'App key mismatch in params and authentication', type: 'Authentication Mismatch' }));
	});
});

describe('Merge Users (data.yaml /customer/merge)', () => {
	test('a failing pair is skipped and the rest merged, with 200 that does not say which', async () => {
		const reply = await call('mergeUsers', { merge_data: [{ merged_user: 'ghost', retained_user: 'u-1' }, { merged_user: 'u-2', retained_user: 'u-1' }] });
		expect(reply).toEqual({ status: 200, body: { status: 'success', operation: 'created' } });
		expect(standIn.observed.mergedUsers).toEqual([{ merged_user: 'u-2', retained_user: 'u-1' }]);
		expect(standIn.observed.skippedMerges).toEqual([{ merged_user: 'ghost', retained_user: 'u-1' }]);
		expect(standIn.userWith('u-2')).toBeUndefined();
	});

	test('more than 50 pairs, a missing field, a wrong type, an unknown field', async () => {
		const pairs = Array.from({ length: 51 }, (_, i) => ({ merged_user: `a-${i}`, retained_user: `b-${i}` }));
		expect(await call('mergeUsers', { merge_data: pairs })).toEqual(dataFail(400, { attribute: 'merge_data', message: 'max limit allowed is 50', type: 'LimitBreached' }));
		expect((await call('mergeUsers', { merge_data: pairs.slice(0, 50) })).status).toBe(200);
		expect(await call('mergeUsers', { merge_data: [{ retained_user: 'u-1' }] })).toEqual(
			dataFail(400, { attribute: 'merged_user', message: 'merged_user is not found in the payload', type: 'MissingAttributeError' }),
		);
		expect(await call('mergeUsers', { merge_data: [{ merged_user: 7, retained_user: 'u-1' }] })).toEqual(
			dataFail(400, { attribute: 'merged_user', message: 'merged_user is expected to be String or Unicode String.', type: 'MissingAttributeError' }),
		);
		expect((await call('mergeUsers', { merge_data: [{ merged_user: 'u-2', retained_user: 'u-1', keep: true }] })).body.error).toMatchObject({ attribute: 'keep' });
	});

	test('malformed, empty and non-object bodies get data-overview.mdx answers', async () => {
		expect(await call('mergeUsers', undefined, { raw: '{"merge_data": [' })).toEqual(
			dataFail(400, { message: 'Could not decode the request body. The JSON was incorrect or not encoded as UTF-8.', type: 'Malformed JSON' }),
		);
		expect(await call('mergeUsers', undefined, { raw: '' })).toEqual(dataFail(400, { message: 'A valid JSON document is required', type: 'Empty request body' }));
		expect(await call('mergeUsers', ['x'])).toEqual(dataFail(400, { message: 'A valid JSON document is required.', type: 'Body type is not JSON' }));
	});
});

describe('Delete User (data.yaml /customer/delete)', () => {
	test('a user is scheduled for deletion; an unknown one gets the documented 400', async () => {
		expect(await call('deleteUser', { identity_type: 'customer_id', identity_value: 'u-1' })).toEqual({
			status: 200,
			body: { status: 'success', message: 'Your request has been accepted and will be processed soon.' },
		});
		expect(await call('deleteUser', { identity_type: 'customer_id', identity_value: 'ghost' })).toEqual(
			dataFail(400, { message: "User doesn't exists with customer id ghost", type: 'Not Found' }),
		);
	});

	test('a wrong identity_type, a missing value, an unknown field', async () => {
		expect((await call('deleteUser', { identity_type: 'id', identity_value: 'moe-0001' })).body.error).toMatchObject({ attribute: 'identity_type', type: 'ValueError' });
		expect((await call('deleteUser', { identity_type: 'moengage_id' })).body.error).toMatchObject({ attribute: 'identity_value', type: 'MissingAttributeError' });
		expect((await call('deleteUser', { identity_type: 'moengage_id', identity_value: 'moe-0001', reason: 'gdpr' })).body.error).toMatchObject({ attribute: 'reason' });
	});
});

describe('Track Event (data.yaml /event/{Workspace_ID})', () => {
	test.each([
		['Date/Time', { type: 'event', customer_id: 'john@example.com', actions: [{ action: 'Flight Booked', attributes: { price: 3999, departure_date: '2019-05-21T03:47:35Z', premium_seat: true }, platform: 'iOS', app_version: '1.2.3', current_time: 1433837969, user_timezone_offset: 19800 }] }],
		['Array Support (TV)', { type: 'event', customer_id: 'John', actions: [{ action: 'product_selected', attributes: { product: 'Shirt', arraySupport: ['abc', 'xyz'] }, platform: 'TV', moe_os_type: 'Xbox', app_version: '1.2.3', user_time: '1710740192', current_time: '1710740192' }] }],
	])('documented example passes: %s', async (_name, body) => {
		expect((await call('trackEvent', body)).status).toBe(200);
		expect(standIn.observed.trackedEvents).toHaveLength(1);
	});

	test('the Standard Example\'s platform "Android" is not in the enum (the stand-in follows the enum)', async () => {
		const reply = await call('trackEvent', { type: 'event', customer_id: '123', actions: [{ action: 'ProductAdded', platform: 'Android', current_time: '1708939453396' }] });
		expect(reply.body.error).toMatchObject({ attribute: 'platform', type: 'ValueError' });
	});

	test('the documented errors: empty actions, missing customer_id, empty action name', async () => {
		expect(await call('trackEvent', { type: 'event', customer_id: 'u-1', actions: [] })).toEqual(
			dataFail(400, { attribute: 'actions', message: 'actions can not be empty Array', type: 'MissingAttributeError' }),
		);
		expect(await call('trackEvent', { type: 'event', actions: [{ action: 'x' }] })).toEqual(
			dataFail(400, { attribute: 'customer_id', message: 'customer_id is not found in the payload', type: 'MissingAttributeError' }),
		);
		expect(await call('trackEvent', { type: 'event', customer_id: 'u-1', actions: [{}] })).toEqual(
			dataFail(400, { attribute: 'action', message: 'action is not found in the payload', type: 'MissingAttributeError' }),
		);
	});

	test('user_timezone_offset within ±54000, platform and moe_os_type enums, no unknown action fields', async () => {
		const event = (action: Record<string, unknown>) => call('trackEvent', { type: 'event', customer_id: 'u-1', actions: [{ action: 'x', ...action }] });
		expect((await event({ user_timezone_offset: 54000 })).status).toBe(200);
		expect((await event({ user_timezone_offset: -54001 })).body.error).toMatchObject({ attribute: 'user_timezone_offset', type: 'ValueError' });
		expect((await event({ platform: 'windows' })).body.error).toMatchObject({ attribute: 'platform' });
		expect((await event({ moe_os_type: 'roku' })).body.error).toMatchObject({ attribute: 'moe_os_type' });
		expect((await event({ time: 1 })).body.error).toMatchObject({ attribute: 'time', type: 'AttributeError' });
		expect((await event({ attributes: { moe_x: 1 } })).body.error).toMatchObject({ attribute: 'moe_x' });
	});

	test('a future-dated current_time is refused (epoch seconds, milliseconds or ISO 8601); a past one is taken', async () => {
		const future = Date.now() + 3_600_000;
		for (const current_time of [Math.floor(future / 1000), String(future), new Date(future).toISOString()]) {
			const reply = await call('trackEvent', { type: 'event', customer_id: 'u-1', actions: [{ action: 'x', current_time }] });
			expect(reply).toEqual(dataFail(400, { attribute: 'current_time', message: 'current_time can not be a future time', type: 'ValueError' }));
		}
		expect(standIn.observed.trackedEvents).toEqual([]);
		expect((await call('trackEvent', { type: 'event', customer_id: 'u-1', actions: [{ action: 'x', current_time: new Date().toISOString() }] })).status).toBe(200);
	});
});

describe('Bulk Import (data.yaml /transition/{Workspace_ID})', () => {
	test('documented example: 200; valid elements are processed, invalid rows skipped', async () => {
		const reply = await call('bulkImport', {
			type: 'transition',
			elements: [
				{ type: 'customer', customer_id: 'john@example.com', attributes: { name: 'John', platforms: [{ platform: 'ANDROID', active: 'true' }] } },
				{ type: 'event', customer_id: 'john@example.com', device_id: '96bd03b6', actions: [{ action: 'Purchase', attributes: { product: 'MacBook Air' }, platform: 'iOS', app_version: '1.2.3', current_time: 1590404615, user_timezone_offset: 19800 }] },
				{ type: 'device', customer_id: 'OTBoS', device_id: 'OTBoS', attributes: { brand: 'Mi', platform: 'Windows', push_id: 'pushid1186' } },
			],
		});
		expect(reply).toEqual({ status: 200, body: { status: 'success', message: 'Your request has been accepted and will be processed soon.' } });
		expect(standIn.observed.bulkElements.map(({ type }) => type)).toEqual(['customer', 'event']);
		expect(standIn.observed.bulkRejected).toHaveLength(1);
		expect(standIn.observed.bulkRejected[0].reason).toMatch(/platform/);
		expect(standIn.userWith('john@example.com')?.attributes.name).toBe('John');
		expect(standIn.observed.trackedEvents).toHaveLength(1);
	});

	test('the documented 400s: empty elements, an element type, a missing customer_id, an empty action', async () => {
		expect(await call('bulkImport', { type: 'transition', elements: [] })).toEqual(
			dataFail(400, { attribute: 'elements', message: 'elements cannot be empty array', type: 'MissingAttributeError' }),
		);
		expect(await call('bulkImport', { type: 'transition', elements: [{ type: 'Customer', customer_id: 'a' }] })).toEqual(
			dataFail(400, { attribute: 'type', message: 'type in elements should be customer/event/device', type: 'AttributeError' }),
		);
		expect(await call('bulkImport', { type: 'transition', elements: [{ type: 'customer', attributes: {} }] })).toEqual(
			dataFail(400, { attribute: 'customer_id', message: 'customer_id not found in the payload', type: 'MissingAttributeError' }),
		);
		expect(await call('bulkImport', { type: 'transition', elements: [{ type: 'event', customer_id: 'a', actions: [{ action: '' }] }] })).toEqual(
			dataFail(400, { attribute: 'action', message: 'action cannot be empty Unicode string', type: 'MissingAttributeError' }),
		);
		expect((await call('bulkImport', { type: 'bulk', elements: [{ type: 'customer', customer_id: 'a' }] })).body.error).toMatchObject({ attribute: 'type' });
	});

	test('more than 100 KB is refused', async () => {
		const elements = Array.from({ length: 900 }, (_, i) => ({ type: 'customer', customer_id: `user-${i}`, attributes: { note: 'x'.repeat(100) } }));
		expect(await call('bulkImport', { type: 'transition', elements })).toEqual(dataFail(413, { message: 'Payload size exceeds 100 KB', type: 'PayloadTooLarge' }));
	});
});

describe('Test Connection (data.yaml /integrations/authentication)', () => {
	test('documented body passes; a missing field and an unknown field fail', async () => {
		const body = { app_id: WORKSPACE.workspaceId, app_secret: WORKSPACE.dataApiKey, source: 'test', region: '01' };
		expect(await call('testConnection', body)).toEqual({ status: 200, body: { status: 'success', app_name: WORKSPACE.workspaceId } });
		expect(await call('testConnection', { ...body, region: undefined })).toEqual(
			dataFail(400, { attribute: 'region', message: 'region is not found in the payload', type: 'MissingAttributeError' }),
		);
		expect((await call('testConnection', { ...body, dc: '01' })).body.error).toMatchObject({ attribute: 'dc' });
	});
});
