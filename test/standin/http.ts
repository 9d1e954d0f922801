/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- runs on a developer's machine or in CI, never inside n8n */
import type { IncomingHttpHeaders, IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer, STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';

import type { Answer } from './errors';

/**
 * The stand-in's node:http adapter: a server on 127.0.0.1 (a free port) that reads each request
 * whole and writes the answer it is given, or cuts the connection. What to answer is decided
 * elsewhere (server.ts composes the gateway and the API families).
 */

/** A request as it arrived, its body read whole (not parsed). */
export interface Arrival {
	method: string;
	path: string;
	query: Record<string, string>;
	headers: IncomingHttpHeaders;
	rawBody: string;
	receivedAt: number;
}

/** What becomes of a request: an answer, or 'cut' (the connection is destroyed, nothing is answered). */
export type Reply = Answer | 'cut';

export class HttpHost {
	/** http://127.0.0.1:<port> once started; '' before start() and after stop(). */
	baseUrl = '';

	private server?: Server;

	private starting?: Promise<string>;

	private readonly sockets = new Set<Socket>();

	constructor(private readonly serve: (arrival: Arrival) => Promise<Reply>) {}

	/** Listens on a free port of 127.0.0.1 (once: a second call answers the same URL). */
	start(): Promise<string> {
		this.starting ??= new Promise<string>((resolve) => {
			const server = createServer((request, response) => void this.handle(request, response));
			server.on('connection', (socket) => {
				this.sockets.add(socket);
				socket.on('close', () => this.sockets.delete(socket));
			});
			this.server = server;
			server.listen(0, '127.0.0.1', () => {
				const address = server.address();
				this.baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
				resolve(this.baseUrl);
			});
		});
		return this.starting;
	}

	/** Destroys open connections (keep-alive ones too) and closes the server. */
	async stop(): Promise<void> {
		const { server, starting } = this;
		if (!server || !starting) return;
		await starting;
		for (const socket of this.sockets) socket.destroy();
		await new Promise<void>((resolve) => server.close(() => resolve()));
		this.server = undefined;
		this.starting = undefined;
		this.baseUrl = '';
	}

	private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
		const url = new URL(request.url ?? '/', 'http://127.0.0.1');
		const rawBody = await readBody(request);
		const reply = await this.serve({
			method: request.method ?? '',
			path: url.pathname,
			query: Object.fromEntries(url.searchParams),
			headers: request.headers,
			rawBody,
			receivedAt: Date.now(),
		});
		if (reply === 'cut') {
			request.socket.destroy();
			return;
		}
		if (response.destroyed) return;
		response.writeHead(reply.status, { 'Content-Type': reply.contentType ?? 'application/json', ...reply.headers });
		response.end(typeof reply.body === 'string' || Buffer.isBuffer(reply.body) ? reply.body : JSON.stringify(reply.body));
	}
}

function readBody(request: IncomingMessage): Promise<string> {
	return new Promise((resolve) => {
		const chunks: Buffer[] = [];
		request.on('data', (chunk: Buffer) => chunks.push(chunk));
		request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		request.on('error', () => resolve(Buffer.concat(chunks).toString('utf8')));
	});
}

/** A reverse proxy's error page (nginx's shape), with the status and its reason phrase. */
export function htmlErrorPage(status: number): string {
	const title = `${status} ${STATUS_CODES[status] ?? 'Error'}`;
	return `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
}

export function delay(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}
