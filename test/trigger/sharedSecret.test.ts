import type { InboundCall } from '../../nodes/MoEngageTrigger/sources/call';
import { carriesSharedSecret, type SharedSecretCheck } from '../../nodes/MoEngageTrigger/sources/sharedSecret';

const HEADER: SharedSecretCheck = { method: 'headerSecret', headerName: 'X-MoEngage-Secret', secret: 'hook-secret-1' };
const BASIC: SharedSecretCheck = { method: 'basicAuth', username: 'moengage', secret: 'pa:ss-1' };

const withHeaders = (headers: InboundCall['headers']): InboundCall => ({ headers, body: {} });
const basic = (credentials: string) => withHeaders({ authorization: `Basic ${Buffer.from(credentials).toString('base64')}` });

describe('header secret', () => {
	test('the right value in the named header (Node lower-cases header names) passes', () => {
		expect(carriesSharedSecret(withHeaders({ 'x-moengage-secret': 'hook-secret-1' }), HEADER)).toBe(true);
	});

	test.each([
		['a wrong value', { 'x-moengage-secret': 'hook-secret-2' }],
		['a prefix of the value', { 'x-moengage-secret': 'hook-secret' }],
		['the value in another header', { authorization: 'hook-secret-1' }],
		['no header', {}],
		['the header twice', { 'x-moengage-secret': ['hook-secret-1', 'hook-secret-1'] }],
	])('refused: %s', (_case, headers) => {
		expect(carriesSharedSecret(withHeaders(headers), HEADER)).toBe(false);
	});
});

describe('Basic auth', () => {
	test('username and secret pass; the password may contain ":" (only the first one separates)', () => {
		expect(carriesSharedSecret(basic('moengage:pa:ss-1'), BASIC)).toBe(true);
		expect(carriesSharedSecret(withHeaders({ authorization: `basic   ${Buffer.from('moengage:pa:ss-1').toString('base64')}` }), BASIC)).toBe(true);
	});

	test.each([
		['a wrong password', basic('moengage:pa:ss-2')],
		['a wrong username', basic('moengagE:pa:ss-1')],
		['no colon', basic('moengagepass-1')],
		['another scheme', withHeaders({ authorization: `Bearer ${Buffer.from('moengage:pa:ss-1').toString('base64')}` })],
		['no Authorization', withHeaders({})],
		['not base64', withHeaders({ authorization: 'Basic !!!' })],
	])('refused: %s', (_case, call) => {
		expect(carriesSharedSecret(call, BASIC)).toBe(false);
	});
});
