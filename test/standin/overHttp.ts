import type { Answer } from '../harness/fixtures';
import { WORKSPACE } from '../harness/fixtures';
import type { MoEngageStandIn } from './server';
import type { SpecApi } from './spec';
import { SPEC } from './spec';

/** Calling the stand-in's endpoints over HTTP as MoEngage's docs say, for the stand-in's own tests. */

export interface Reply {
	status: number;
	body: Answer;
	/** The answer's headers, when the call asked for them (`withHeaders`). */
	headers?: Record<string, string>;
}

export const basic = (key: string) => `Basic ${Buffer.from(`${WORKSPACE.workspaceId}:${key}`).toString('base64')}`;

/** The Data APIs' documented error body. */
export const dataFail = (status: number, error: Record<string, unknown>) => ({
	status,
	body: { status: 'fail', error: { ...error, request_id: expect.any(String) } },
});

/** The Cards APIs' documented error body. */
export const cardsFail = (error: string) => ({ status: 400, body: { status: false, error, request_id: expect.any(String) } });

/** Calls an endpoint the way its spec says (key, headers, app_id), with `headers` overriding. */
export function callerFor(standIn: MoEngageStandIn) {
	return async function call(
		api: SpecApi,
		body: unknown,
		{
			headers = {},
			query = '',
			raw,
			pathParams = {},
			withHeaders = false,
		}: { headers?: Record<string, string | undefined>; query?: string; raw?: string; pathParams?: Record<string, string>; withHeaders?: boolean } = {},
	): Promise<Reply> {
		const spec = SPEC[api];
		const path = spec.path.replace(/\{(\w+)\}/g, (_placeholder, name: string) => encodeURIComponent(name === 'workspaceId' ? WORKSPACE.workspaceId : (pathParams[name] ?? '')));
		const appId = spec.appIdQuery === 'none' ? '' : `app_id=${WORKSPACE.workspaceId}`;
		const search = [appId, query].filter(Boolean).join('&');
		const all: Record<string, string | undefined> = {
			'Content-Type': 'application/json',
			Authorization: basic(spec.key === 'campaign' ? WORKSPACE.cardsApiKey : WORKSPACE.dataApiKey),
			...(spec.headers.includes('MOE-APPKEY') ? { 'MOE-APPKEY': WORKSPACE.workspaceId } : {}),
			...headers,
		};
		const response = await fetch(`${standIn.baseUrl}${path}${search ? `?${search}` : ''}`, {
			method: spec.method,
			headers: Object.fromEntries(Object.entries(all).filter((entry): entry is [string, string] => entry[1] !== undefined)),
			body: raw ?? JSON.stringify(body),
		});
		const text = await response.text();
		const reply: Reply = { status: response.status, body: text ? JSON.parse(text) : undefined };
		if (withHeaders) reply.headers = Object.fromEntries(response.headers.entries());
		return reply;
	};
}
