/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- runs on a developer's machine or in CI, never inside n8n */
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { createServer, STATUS_CODES } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** HTTP plumbing of the stand-in: the foreign host of the 'redirect' fault, body reading, an HTML error page. */

/** A request that reached the foreign host (where the 'redirect' fault points). */
export interface ForeignRequest {
	method: string;
	path: string;
	query: Record<string, string>;
	headers: IncomingHttpHeaders;
	rawBody: string;
	receivedAt: number;
}

/** A reverse proxy's error page (nginx's shape). */
export function htmlErrorPage(status: number): string {
	const title = `${status} ${STATUS_CODES[status] ?? 'Error'}`;
	return `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
}

/**
 * A second origin on 127.0.0.1 (its own port), where the 'redirect' fault sends clients. It
 * records everything it receives, Authorization included, and answers 200 {"status":"success"}
 * to anything, so a client that follows the redirect believes it succeeded.
 */
export class ForeignHost {
	readonly requests: ForeignRequest[] = [];

	baseUrl = '';

	private server?: ReturnType<typeof createServer>;

	private starting?: Promise<string>;

	private readonly sockets = new Set<Socket>();

	start(): Promise<string> {
		this.starting ??= new Promise<string>((resolve) => {
			const server = createServer((request, response) => void this.handle(request, response));
			server.on('connection', (socket) => {
				this.sockets.add(socket);
				socket.on('close', () => this.sockets.delete(socket));
			});
			this.server = server;
			server.listen(0, '127.0.0.1', () => {
				this.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
				resolve(this.baseUrl);
			});
		});
		return this.starting;
	}

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
		this.requests.push({
			method: request.method ?? '',
			path: url.pathname,
			query: Object.fromEntries(url.searchParams),
			headers: request.headers,
			rawBody,
			receivedAt: Date.now(),
		});
		response.writeHead(200, { 'Content-Type': 'application/json' });
		response.end(JSON.stringify({ status: 'success' }));
	}
}

export function readBody(request: IncomingMessage): Promise<string> {
	return new Promise((resolve) => {
		const chunks: Buffer[] = [];
		request.on('data', (chunk: Buffer) => chunks.push(chunk));
		request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		request.on('error', () => resolve(Buffer.concat(chunks).toString('utf8')));
	});
}

export function delay(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}
