import type { IDataObject } from 'n8n-workflow';

import type { AttemptResult } from './attempt';
import { DownloadedFile } from './attempt';
import type { Failure } from './errors';
import { isObject, mayHaveReached, reportsFailure } from './errors';

/** What the answer to a 2xx must be: the parsed value, or undefined when it is not that shape. */
export type AnswerShape<T> = (answer: unknown) => T | undefined;

export const anObject: AnswerShape<IDataObject> = (answer) => (isObject(answer) ? answer : undefined);

/** An object, or no body at all (`{}`), for endpoints whose success has no content. */
export const anObjectOrNothing: AnswerShape<IDataObject> = (answer) => (answer === undefined || answer === null || answer === '' ? {} : anObject(answer));

export const aListOfObjects: AnswerShape<IDataObject[]> = (answer) =>
	Array.isArray(answer) && answer.every(isObject) ? answer : undefined;

export const aFile: AnswerShape<DownloadedFile> = (answer) => (answer instanceof DownloadedFile ? answer : undefined);

/** What the verdict needs to know of the request besides the answer. */
export interface AnswerRules<T> {
	/** The endpoint's repeat policy (api.ts): whether a request that may have reached MoEngage can be sent again. */
	safeToRepeat: boolean;
	shape: AnswerShape<T>;
	/** Reads an error answer that is the request's result (Inform's 409 for a transaction it already has). */
	outcomeOf?: (statusCode: number, answer: unknown, sentBefore: boolean) => IDataObject | undefined;
	/** Whether an earlier attempt or try of this request may have been carried out. */
	sentBefore?: boolean;
}

type StatusFailure = Extract<Failure, { kind: 'status' }>;
type NetworkFailure = Extract<Failure, { kind: 'network' }>;

/** What to make of one attempt. */
export type Verdict<T> =
	/** A 2xx of the expected shape. */
	| { kind: 'done'; value: T }
	/** An error answer the operation reads as its result. */
	| { kind: 'outcome'; value: T }
	/** May be sent again: MoEngage did not act (429, no connection), or repeating is safe. `mayHaveActed`: the attempt may have been carried out all the same. */
	| { kind: 'retry'; failure: StatusFailure | NetworkFailure; mayHaveActed: boolean }
	/** MoEngage may have acted, and the request is not sent again: a 2xx it cannot read, or a 5xx or lost answer where repeating is unsafe. */
	| { kind: 'outcomeUnknown'; failure: Failure }
	/** MoEngage refused the request (a 4xx, or a 2xx whose body says it failed). */
	| { kind: 'fail'; failure: StatusFailure }
	/** A 3xx: never followed, since the next host would receive the key. */
	| { kind: 'redirectRefused'; failure: Extract<Failure, { kind: 'redirect' }> };

/**
 * MoEngage's answer (or its absence) as a verdict: pure, so that every documented answer shape is
 * one row of its table test (test/verdict.test.ts), with no HTTP.
 */
export function classify<T>(result: AttemptResult, { safeToRepeat, shape, outcomeOf, sentBefore = false }: AnswerRules<T>): Verdict<T> {
	if (result.kind === 'noAnswer') {
		const failure: NetworkFailure = { kind: 'network', code: result.code, reached: mayHaveReached(result.code) };
		if (!failure.reached || safeToRepeat) return { kind: 'retry', failure, mayHaveActed: failure.reached };
		return { kind: 'outcomeUnknown', failure };
	}
	const { statusCode, headers, body } = result;
	if (statusCode >= 200 && statusCode < 300 && !reportsFailure(body)) {
		const value = shape(body);
		return value === undefined ? { kind: 'outcomeUnknown', failure: { kind: 'unreadable', statusCode } } : { kind: 'done', value };
	}
	if (statusCode >= 400) {
		const outcome = outcomeOf?.(statusCode, body, sentBefore);
		const value = outcome === undefined ? undefined : shape(outcome);
		if (value !== undefined) return { kind: 'outcome', value };
	}
	if (statusCode >= 300 && statusCode < 400) {
		return { kind: 'redirectRefused', failure: { kind: 'redirect', statusCode, location: headers.location } };
	}
	const failure: StatusFailure = { kind: 'status', statusCode, headers, body };
	// MoEngage rejects a 429 without processing it.
	if (statusCode === 429) return { kind: 'retry', failure, mayHaveActed: false };
	if (statusCode >= 500) return safeToRepeat ? { kind: 'retry', failure, mayHaveActed: true } : { kind: 'outcomeUnknown', failure };
	return { kind: 'fail', failure };
}
