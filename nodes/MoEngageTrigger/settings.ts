import type { ICredentialDataDecryptedObject, IDataObject, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { credentialText } from '../MoEngage/transport/credential';
import { alertSource, type AlertOptions } from './sources/alert';
import { isPlainObject, type TriggerSource } from './sources/call';
import { connectorCampaignSource } from './sources/connectorCampaign';
import type { SharedSecretCheck } from './sources/sharedSecret';
import { STREAMS_EVENT_TYPES, streamsSource, type StreamsEventType, type StreamsFilters } from './sources/streams';
import { codesOf } from './sources/streamsEvents';

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
		return alertSource(campaignKey, alertOptions(node, read));
	}
	if (source === 'connectorCampaign') return connectorCampaignSource(sharedSecretCheck(node, read, credential), dropRepeatsByField(node, read));
	if (source === 'streams') return streamsSource(sharedSecretCheck(node, read, credential), streamsFilters(node, read));
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

/**
 * The Streams filters. A filter that is set must be usable: a value the node cannot read (a list
 * or a number from an expression, an event type it does not know) is an error, never a filter
 * that lets every event through.
 */
function streamsFilters(node: INode, read: ParameterReader): StreamsFilters {
	const filters: { eventNames?: unknown; eventType?: unknown; events?: unknown } = objectOf(read('filters', {}));
	let eventNames: string[] = [];
	if (has(filters, 'events')) {
		const events = filters.events;
		if (!Array.isArray(events) || !events.every((code): code is string => typeof code === 'string' && code.trim() !== '')) {
			throw new NodeOperationError(node, `The filter Events must be a list of event codes, not ${Array.isArray(events) ? 'a list with other values' : kindOf(events)}`, {
				description: 'Pick the events in the list. An expression must give a list of event codes, e.g. {{ ["MOE_EMAIL_HARD_BOUNCE"] }}.',
			});
		}
		eventNames = events.flatMap((code) => codesOf(code.trim()));
	}
	if (has(filters, 'eventNames')) {
		if (typeof filters.eventNames !== 'string') {
			throw new NodeOperationError(node, `The filter Event Names must be text, not ${kindOf(filters.eventNames)}`, {
				description:
					'Enter event codes or names separated by commas, e.g. MOE_EMAIL_HARD_BOUNCE, Email Soft Bounced. An expression must give text: join a list with .join(", ").',
			});
		}
		eventNames = eventNames.concat(
			filters.eventNames
				.split(',')
				.map((name) => name.trim())
				.filter((name) => name !== ''),
		);
	}
	let eventType: StreamsEventType | undefined;
	if (has(filters, 'eventType')) {
		eventType = STREAMS_EVENT_TYPES.find((type): type is StreamsEventType => type === filters.eventType);
		if (eventType === undefined) {
			throw new NodeOperationError(node, `Unknown Event Type ${JSON.stringify(filters.eventType) ?? String(filters.eventType)}`, {
				description: `Choose one of ${STREAMS_EVENT_TYPES.join(', ')}, or remove the filter to receive both.`,
			});
		}
	}
	return { eventNames, eventType };
}

/** The alert option One Item per Campaign: true or false, nothing else (an expression giving text is an error). */
function alertOptions(node: INode, read: ParameterReader): AlertOptions {
	const options: { oneItemPerCampaign?: unknown } = objectOf(read('alertOptions', {}));
	if (!has(options, 'oneItemPerCampaign')) return {};
	if (typeof options.oneItemPerCampaign !== 'boolean') {
		throw new NodeOperationError(node, `One Item per Campaign must be true or false, not ${kindOf(options.oneItemPerCampaign)}`);
	}
	return { oneItemPerCampaign: options.oneItemPerCampaign };
}

/** The connector campaign option Drop Repeats by Field: a field name, or undefined when not set. */
function dropRepeatsByField(node: INode, read: ParameterReader): string | undefined {
	const options: { dropRepeatsByField?: unknown } = objectOf(read('options', {}));
	if (!has(options, 'dropRepeatsByField')) return undefined;
	if (typeof options.dropRepeatsByField !== 'string') {
		throw new NodeOperationError(node, `Drop Repeats by Field must be the name of a field, not ${kindOf(options.dropRepeatsByField)}`);
	}
	return text(options.dropRepeatsByField) || undefined;
}

function objectOf(value: unknown): IDataObject {
	return isPlainObject(value) ? value : {};
}

function has(object: object, key: string): boolean {
	return Object.prototype.hasOwnProperty.call(object, key);
}

function kindOf(value: unknown): string {
	if (value === null) return 'null';
	if (value === undefined) return 'empty';
	if (Array.isArray(value)) return 'a list';
	return `a ${typeof value}`;
}

function text(value: unknown): string {
	return typeof value === 'string' ? value.trim() : '';
}
