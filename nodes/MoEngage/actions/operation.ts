import type { IDataObject, IExecuteFunctions, INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { updateDisplayOptions } from '../helpers/displayOptions';
import { readRequestSettings } from '../helpers/requestSettings';
import { describeItems, type ItemRun, type WithBinary } from '../run/itemRun';
import type { Clock } from '../run/clock';
import { readingOnce } from '../run/parameterCache';
import { type ItemRequest, sendEachItem as eachItemInUserOrder } from '../run/schedule';
import { createMoEngageClient, CREDENTIAL_NAME, type MoEngageClient } from '../transport';
import { credentialText } from '../transport/credential';
import type { MoEngageEndpoint } from '../transport/api';
import { readSendInBulk, sendInBulk, type BulkImport } from './bulkImport';

export type { ItemRequest };

/** One request per item: up to Concurrency in flight, one user's items in input order. */
export interface SendingEach<Params> {
	/** The item's output: its JSON, or its JSON with a file (WithBinary). */
	sendEach(this: IExecuteFunctions, client: MoEngageClient, params: Params, itemIndex: number): Promise<IDataObject | WithBinary>;
	/** The user an item writes to or reads. */
	userOf(params: Params): string;
}

/** All items at once, for endpoints that take many per request; records each item's outcome on `run`. */
export type SendAll<Params> = (this: IExecuteFunctions, client: MoEngageClient, requests: Array<ItemRequest<Params>>, run: ItemRun) => Promise<void>;

/** How an operation sends its items once every item has been read. */
type Sending<Params> = SendingEach<Params> | { sendAll: SendAll<Params> };

/** What one operation file declares: its picker entry, fields, reader and how it sends. */
export type OperationSpec<Params, Resource extends string, Name extends string> = Sending<Params> & {
	resource: Resource;
	/** The option value: also the key of the operation in the router's table. */
	operation: Name;
	/** The operation picker's entry (name Title Case, action sentence case). */
	picker: Omit<INodePropertyOptions, 'value'> & { action: string };
	/** The operation's fields, shown only for this resource and operation. */
	properties: INodeProperties[];
	/** The endpoint the operation calls: its limits set the default pace. */
	endpoint: MoEngageEndpoint;
	/**
	 * Validates one item's parameters before anything is sent, throwing an error that names field
	 * and item. `clock` is the run's, for readers that compare with today (a date not in the future).
	 */
	readItem(this: IExecuteFunctions, itemIndex: number, clock: Clock): Params;
	/** How the items go to Bulk Import instead, for operations that offer "Send in Bulk". */
	bulk?: BulkImport<Params>;
	/** An optional credential field without which MoEngage cannot take the operation at all: when it is empty, every item fails and nothing is sent. */
	needsCredential?: NeededCredential;
};

/** A credential field an operation cannot do without, and what to tell the user when it is empty. */
export interface NeededCredential {
	field: 'pushApiKey' | 'databaseName';
	/** Completes "The MoEngage credential has no …". */
	missing: string;
	/** Where to find the value. */
	hint: string;
}

/** An operation ready to run: what the router dispatches to, whatever the operation's parameter type. */
export interface RunnableOperation<Resource extends string = string, Name extends string = string> {
	resource: Resource;
	operation: Name;
	option: INodePropertyOptions & { value: Name; action: string };
	description: INodeProperties[];
	endpoint: MoEngageEndpoint;
	/** Reads every item, then sends what passed (in bulk when the run asks for it); outcomes go to `run`. */
	run(context: IExecuteFunctions, run: ItemRun): Promise<void>;
}

/**
 * Ties an operation's fields, reader, sending and bulk adapter to one parameter type, and closes
 * over it: the router sees only RunnableOperation, so its table needs no cast.
 */
export function defineOperation<Params, Resource extends string, Name extends string>(
	spec: OperationSpec<Params, Resource, Name>,
): RunnableOperation<Resource, Name> {
	const { resource, operation, endpoint } = spec;
	const { name, ...picker } = spec.picker;
	return {
		resource,
		operation,
		option: { name, value: operation, ...picker },
		description: updateDisplayOptions({ show: { resource: [resource], operation: [operation] } }, spec.properties),
		endpoint,
		async run(context, run) {
			const requests = readItems(context, run, spec.readItem);
			// Nothing is sent when an item is invalid and the run stops on failure.
			if (requests.length === 0 || run.stopped) return;
			let client: MoEngageClient;
			let bulk: BulkImport<Params> | undefined;
			try {
				bulk = spec.bulk && readSendInBulk(context) ? spec.bulk : undefined;
				client = await createMoEngageClient.call(context, readRequestSettings(context, bulk?.endpoint ?? endpoint), run.control);
			} catch (error) {
				run.failRemaining(context.getInputData().length, error);
				return;
			}
			if (spec.needsCredential && !(await hasCredential(context, spec.needsCredential.field))) {
				const { missing, hint } = spec.needsCredential;
				for (const { itemIndex } of requests) {
					run.fail(itemIndex, new NodeOperationError(context.getNode(), `The MoEngage credential has no ${missing}: nothing was sent (item ${itemIndex})`, { itemIndex, description: hint }));
				}
				return;
			}
			if (bulk) await sendInBulk.call(context, bulk, client, requests, run);
			else if ('sendAll' in spec) await spec.sendAll.call(context, client, requests, run);
			else await sendEachItem(context, client, requests, run, spec);
			client.reportHints();
		},
	};
}

async function hasCredential(context: IExecuteFunctions, field: NeededCredential['field']): Promise<boolean> {
	return credentialText((await context.getCredentials(CREDENTIAL_NAME))[field]) !== '';
}

/**
 * Reads every item's parameters (through the parameter cache) before anything is sent. Items
 * MoEngage already accepted in an earlier Retry On Fail try are not read again, and a hint says so.
 */
function readItems<Params>(context: IExecuteFunctions, run: ItemRun, readItem: OperationSpec<Params, string, string>['readItem']): Array<ItemRequest<Params>> {
	const requests: Array<ItemRequest<Params>> = [];
	const reused: number[] = [];
	const reader = readingOnce(context);
	const count = context.getInputData().length;
	for (let itemIndex = 0; itemIndex < count; itemIndex++) {
		const earlier = run.reuseEarlierTry(itemIndex);
		if (earlier === 'accepted') reused.push(itemIndex);
		if (earlier) continue;
		try {
			requests.push({ itemIndex, params: readItem.call(reader, itemIndex, run.control.clock) });
		} catch (error) {
			run.fail(itemIndex, error);
		}
	}
	if (reused.length > 0) {
		context.addExecutionHints?.({
			message: `MoEngage: n8n ran the node again (Retry On Fail); ${describeItems(reused)}, already accepted by MoEngage in an earlier try, ${reused.length === 1 ? 'was' : 'were'} not sent again.`,
			location: 'outputPane',
		});
	}
	return requests;
}

/** One request per item, up to Concurrency in flight, one user's items in input order (run/schedule.ts). */
export async function sendEachItem<Params>(
	context: IExecuteFunctions,
	client: MoEngageClient,
	requests: Array<ItemRequest<Params>>,
	run: ItemRun,
	sending: SendingEach<Params>,
): Promise<void> {
	await eachItemInUserOrder(sending.sendEach, (params: Params) => sending.userOf(params)).call(context, client, requests, run);
}
