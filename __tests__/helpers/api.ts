import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Reply {
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Sent as is instead of JSON, e.g. an HTML error page. */
  raw?: string;
  /** Never answers: the connection stays open until the server closes. */
  hang?: boolean;
}

export interface Request {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
}

type Handler = (request: Request, match: RegExpExecArray) => Reply;

/** A small HTTP server on 127.0.0.1 that answers like the GitHub REST API, for the endpoints a test sets. */
export class FakeGitHub {
  readonly requests: Request[] = [];
  private readonly routes: { method: string; pattern: RegExp; handler: Handler }[] = [];
  private server!: Server;
  url = '';

  static async start(): Promise<FakeGitHub> {
    const api = new FakeGitHub();
    api.server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const request: Request = {
        method: req.method ?? 'GET',
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
      };
      api.requests.push(request);
      for (const route of api.routes) {
        const match = route.method === request.method ? route.pattern.exec(url.pathname) : null;
        if (!match) continue;
        const reply = route.handler(request, match);
        if (reply.hang) return;
        res.writeHead(reply.status ?? 200, {
          'content-type':
            reply.raw === undefined
              ? 'application/json; charset=utf-8'
              : 'text/html; charset=utf-8',
          ...reply.headers,
        });
        res.end(reply.raw ?? JSON.stringify(reply.body ?? {}));
        return;
      }
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({ message: 'Not Found', documentation_url: 'https://docs.github.com/rest' }),
      );
    });
    await new Promise<void>((resolve) => api.server.listen(0, '127.0.0.1', resolve));
    api.url = `http://127.0.0.1:${(api.server.address() as AddressInfo).port}`;
    return api;
  }

  on(method: string, pattern: RegExp, handler: Handler): this {
    this.routes.push({ method, pattern, handler });
    return this;
  }

  /** Serves a list in pages of `perPage`, with GitHub's Link header. */
  paginated(
    method: string,
    pattern: RegExp,
    items: (match: RegExpExecArray) => unknown[],
    perPage?: number,
  ): this {
    return this.on(method, pattern, (request, match) => {
      const all = items(match);
      const size = perPage ?? Number(request.query.get('per_page') ?? 30);
      const page = Number(request.query.get('page') ?? 1);
      const last = Math.max(1, Math.ceil(all.length / size));
      const link = (n: number, rel: string) =>
        `<${this.url}${request.path}?per_page=${size}&page=${n}>; rel="${rel}"`;
      const links = [page < last ? link(page + 1, 'next') : '', link(last, 'last')].filter(Boolean);
      return {
        body: all.slice((page - 1) * size, page * size),
        headers: { link: links.join(', ') },
      };
    });
  }

  close(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    // Connections a hanging reply keeps open would hold close() forever.
    this.server.closeAllConnections();
    return closed;
  }
}
