import { matchExportedUsers } from '../nodes/MoEngage/actions/user/get/matchUsers';
import type { ExportIdentifier } from '../nodes/MoEngage/transport/api';

const byCustomerId = (identifier: string): ExportIdentifier => ({ identifier_type: 'customer_id', identifier });
const answer = (users: object[], notFound: ExportIdentifier[] = []) => ({
	status: 'success',
	data: { users: users.map((user_attributes) => ({ user_attributes })), users_not_found: notFound },
});

describe('matching exported users to identifiers', () => {
	test('by the identifying attribute, whatever the order MoEngage answers in', () => {
		const matches = matchExportedUsers([byCustomerId('a'), byCustomerId('b')], answer([{ customer_id: 'b', name: 'B' }, { customer_id: 'a', name: 'A' }]));
		expect(matches.get('customer_id\u0000a')).toEqual({ customer_id: 'a', name: 'A' });
		expect(matches.get('customer_id\u0000b')).toEqual({ customer_id: 'b', name: 'B' });
	});

	test('numeric attribute values match text identifiers', () => {
		const matches = matchExportedUsers([byCustomerId('42')], answer([{ customer_id: 42 }]));
		expect(matches.get('customer_id\u000042')).toEqual({ customer_id: 42 });
	});

	test('users_not_found entries stay unmatched', () => {
		const matches = matchExportedUsers([byCustomerId('a'), byCustomerId('x')], answer([{ customer_id: 'a' }], [byCustomerId('x')]));
		expect(matches.get('customer_id\u0000x')).toBeUndefined();
		expect(matches.has('customer_id\u0000x')).toBe(true);
	});

	test('without the identifying attribute, users pair in order with the identifiers found, when counts agree', () => {
		const matches = matchExportedUsers(
			[byCustomerId('a'), byCustomerId('x'), byCustomerId('b')],
			answer([{ name: 'A' }, { name: 'B' }], [byCustomerId('x')]),
		);
		expect(matches.get('customer_id\u0000a')).toEqual({ name: 'A' });
		expect(matches.get('customer_id\u0000b')).toEqual({ name: 'B' });
		expect(matches.get('customer_id\u0000x')).toBeUndefined();
	});

	test('when counts disagree nothing is guessed: unanswered identifiers count as not found', () => {
		const matches = matchExportedUsers([byCustomerId('a'), byCustomerId('b')], answer([{ name: '?' }]));
		expect(matches.get('customer_id\u0000a')).toBeUndefined();
		expect(matches.get('customer_id\u0000b')).toBeUndefined();
	});

	test('a malformed answer yields no users rather than a crash', () => {
		const matches = matchExportedUsers([byCustomerId('a')], { status: 'success', data: { users: 'nope' } } as never);
		expect(matches.get('customer_id\u0000a')).toBeUndefined();
	});
});
