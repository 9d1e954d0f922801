import type { ICredentialDataDecryptedObject, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { credentialText } from '../MoEngage/transport/credential';
import { alertSource } from './sources/alert';
import type { TriggerSource } from './sources/call';
import { connectorCampaignSource } from './sources/connectorCampaign';
import type { SharedSecretCheck } from './sources/sharedSecret';
import { STREAMS_EVENT_TYPES, streamsSource, type StreamsEventType, type StreamsFilters } from './sources/streams';

export type SourceName = 'alert' | 'connectorCampaign' | 'streams';

/** Reads one node parameter; the node's context supplies it (webhook or activation). */
export type ParameterReader = (name: string, fallback: unknown) => unknown;

/**
 * The source the node is set up for, with the secrets it checks. A setting that cannot work
 * (no secret in the credential, no username) is an error the workflow's owner sees when the
 * workflow is activated or listens for a test event, not a silent 401 for every call.
 */
export function sourceFor(node: INode, read: ParameterReader, credential: ICredentialDataDecryptedObject): TriggerSource {
	const source = read('source', 'connectorCampaign');
	if (source === 'alert') {
		const campaignKey = credentialText(credential.cardsApiKey);
		if (!campaignKey) {
			throw new NodeOperationError(node, 'The MoEngage credential has no Campaign API Key', {
				description: 'MoEngage signs alert webhooks with the Campaign report key (Settings > Account > APIs). Add it to the credential.',
			});
		}
		return alertSource(campaignKey);
	}
	if (source === 'connectorCampaign') return connectorCampaignSource(sharedSecretCheck(node, read, credential));
	if (source === 'streams') return streamsSource(sharedSecretCheck(node, read, credential), streamsFilters(read));
	throw new NodeOperationError(node, `Unknown source "${String(source)}"`);
}

function sharedSecretCheck(node: INode, read: ParameterReader, credential: ICredentialDataDecryptedObject): SharedSecretCheck {
	const secret = credentialText(credential.triggerSecret);
	if (!secret) {
		throw new NodeOperationError(node, 'The MoEngage credential has no Trigger Secret', {
			description: 'Choose a secret, enter it as the credential\'s Trigger Secret, and give MoEngage the same value (see the notice in the node).',
		});
	}
	if (read('authentication', 'headerSecret') === 'basicAuth') {
		const username = text(read('username', ''));
		if (!username) throw new NodeOperationError(node, 'Enter the Basic auth Username MoEngage sends');
		return { method: 'basicAuth', username, secret };
	}
	const headerName = text(read('headerName', ''));
	if (!headerName) throw new NodeOperationError(node, 'Enter the Header Name MoEngage sends the secret in');
	return { method: 'headerSecret', headerName, secret };
}

function streamsFilters(read: ParameterReader): StreamsFilters {
	const filters = read('filters', {}) as { eventNames?: unknown; eventType?: unknown };
	const eventNames = text(filters.eventNames)
		.split(',')
		.map((name) => name.trim())
		.filter((name) => name !== '');
	const eventType = STREAMS_EVENT_TYPES.find((type): type is StreamsEventType => type === filters.eventType);
	return { eventNames, eventType };
}

function text(value: unknown): string {
	return typeof value === 'string' ? value.trim() : '';
}
