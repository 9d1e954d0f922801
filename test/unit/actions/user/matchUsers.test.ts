import { matchExportedUsers } from '../../../../nodes/MoEngage/actions/user/matchUsers';
import type { ExportIdentifier } from '../../../../nodes/MoEngage/transport/api';

const byCustomerId = (identifier: string): ExportIdentifier => ({ identifier_type: 'customer_id', identifier });
const byMoEngageId = (identifier: string): ExportIdentifier => ({ identifier_type: 'id', identifier });
const answer = (users: object[], notFound: ExportIdentifier[] = []) => ({
	status: 'success',
	data: { users: users.map((user_attributes) => ({ user_attributes })), users_not_found: notFound },
});

describe('matching exported users to identifiers', () => {
	test('by the identifying attribute, whatever the order MoEngage answers in', () => {
		const matches = matchExportedUsers([byCustomerId('a'), byCustomerId('b')], answer([{ customer_id: 'b', name: 'B' }, { customer_id: 'a', name: 'A' }]));
		expect(matches.get('customer_id\u0000a')).toEqual({ found: true, attributes: { customer_id: 'a', name: 'A' } });
		expect(matches.get('customer_id\u0000b')).toEqual({ found: true, attributes: { customer_id: 'b', name: 'B' } });
	});

	test('numeric attribute values match text identifiers', () => {
		const matches = matchExportedUsers([byCustomerId('42')], answer([{ customer_id: 42 }]));
		expect(matches.get('customer_id\u000042')).toEqual({ found: true, attributes: { customer_id: 42 } });
	});

	test('users_not_found entries are not found, without a hint', () => {
		const matches = matchExportedUsers([byCustomerId('a'), byCustomerId('x')], answer([{ customer_id: 'a' }], [byCustomerId('x')]));
		expect(matches.get('customer_id\u0000x')).toEqual({ found: false });
	});

	test('users without the identifying attribute are never paired by position, even when the counts agree', () => {
		// MoEngage answers B's attributes first: pairing by position would give them to "a".
		const matches = matchExportedUsers([byCustomerId('a'), byCustomerId('b')], answer([{ name: 'B' }, { name: 'A' }]));
		const hint = 'MoEngage returned 2 user(s) without the "customer_id" attribute, so they could not be matched to the identifiers asked for';
		expect(matches.get('customer_id\u0000a')).toEqual({ found: false, hint });
		expect(matches.get('customer_id\u0000b')).toEqual({ found: false, hint });
	});

	test('identifiers MoEngage lists as not found get no hint, though other users went unmatched', () => {
		const matches = matchExportedUsers(
			[byCustomerId('a'), byCustomerId('x'), byCustomerId('b')],
			answer([{ name: 'A' }, { customer_id: 'b', name: 'B' }], [byCustomerId('x')]),
		);
		expect(matches.get('customer_id\u0000a')).toEqual({
			found: false,
			hint: 'MoEngage returned 1 user(s) without the "customer_id" attribute, so they could not be matched to the identifiers asked for',
		});
		expect(matches.get('customer_id\u0000x')).toEqual({ found: false });
		expect(matches.get('customer_id\u0000b')).toEqual({ found: true, attributes: { customer_id: 'b', name: 'B' } });
	});

	test('a user whose identifier nobody asked for is given to no one', () => {
		const matches = matchExportedUsers([byCustomerId('a')], answer([{ customer_id: 'z', name: 'Z' }]));
		expect(matches.get('customer_id\u0000a')).toEqual({
			found: false,
			hint: 'MoEngage returned 1 user(s) whose "customer_id" matches none of the identifiers asked for',
		});
	});

	test('identifier types mix in one answer; one user can answer both its customer ID and its MoEngage ID', () => {
		const ann = { customer_id: 'a', id: 'moe-a', name: 'A' };
		const bob = { customer_id: 'b', id: 'moe-b', name: 'B' };
		const matches = matchExportedUsers([byCustomerId('a'), byMoEngageId('moe-a'), byMoEngageId('moe-b')], answer([bob, ann]));
		expect(matches.get('customer_id\u0000a')).toEqual({ found: true, attributes: ann });
		expect(matches.get('id\u0000moe-a')).toEqual({ found: true, attributes: ann });
		expect(matches.get('id\u0000moe-b')).toEqual({ found: true, attributes: bob });
	});

	test('a malformed answer yields no users rather than a crash', () => {
		const matches = matchExportedUsers([byCustomerId('a')], { status: 'success', data: { users: 'nope' } } as never);
		expect(matches.get('customer_id\u0000a')).toEqual({ found: false });
	});
});
