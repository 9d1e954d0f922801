import type { IDataObject } from 'n8n-workflow';

import { describeIdentity, identityKey, type UserIdentity } from '../helpers/userIdentity';
import type { MoEngageEndpoint } from '../transport/api';
import type { BulkImport } from './bulkImport';
import type { SendingEach } from './operation';

/** The parameters of a write to one user's profile: who, and the X-Forwarded-For header. */
interface UserWriteParams {
	user: UserIdentity;
	headers?: Record<string, string>;
}

/**
 * How a write to one user (Track User, Track Event) is sent: one item per request, so that each
 * item gets MoEngage's own answer, or, with Send in Bulk, as one element of a Bulk Import request;
 * either way one user's writes keep their input order.
 */
export function userWrite<Params extends UserWriteParams>(write: {
	endpoint: MoEngageEndpoint;
	bulkEndpoint: MoEngageEndpoint;
	/** The body for one item: sent alone, or as one Bulk Import element. */
	body: (params: Params) => IDataObject;
	/** What the item's output repeats of what was sent. */
	echo: (params: Params) => IDataObject;
}): SendingEach<Params> & { bulk: BulkImport<Params> } {
	const userOf = (params: Params) => identityKey(params.user);
	return {
		userOf,
		async sendEach(client, params, itemIndex) {
			const answer = await client.request(write.endpoint, write.body(params), { itemIndex, subject: describeIdentity(params.user), headers: params.headers });
			return { status: answer.status, message: answer.message, ...write.echo(params) };
		},
		bulk: { endpoint: write.bulkEndpoint, element: write.body, userOf, echo: write.echo, headersOf: (params) => params.headers },
	};
}
