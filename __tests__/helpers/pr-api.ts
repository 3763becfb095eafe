import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { git } from './git.js';

// A stateful copy of helpers/api.ts for one pull request: it reads request bodies and keeps the
// comments, reviews and requested reviewers that the action writes, as the REST API does.

export interface Recorded {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: Record<string, unknown> | null;
}

interface Reply {
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
}

type Handler = (request: Recorded, match: RegExpExecArray) => Reply;

export class StatefulApi {
  readonly requests: Recorded[] = [];
  private readonly routes: { method: string; pattern: RegExp; handler: Handler }[] = [];
  private server!: Server;
  url = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const url = new URL(req.url ?? '/', 'http://127.0.0.1');
        const text = Buffer.concat(chunks).toString('utf8');
        const request: Recorded = {
          method: req.method ?? 'GET',
          path: url.pathname,
          query: url.searchParams,
          headers: req.headers,
          body: text ? (JSON.parse(text) as Record<string, unknown>) : null,
        };
        this.requests.push(request);
        for (const route of this.routes) {
          const match = route.method === request.method ? route.pattern.exec(url.pathname) : null;
          if (!match) continue;
          const reply = route.handler(request, match);
          res.writeHead(reply.status ?? 200, {
            'content-type': 'application/json; charset=utf-8',
            ...reply.headers,
          });
          res.end(JSON.stringify(reply.body ?? {}));
          return;
        }
        res.writeHead(404, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ message: 'Not Found' }));
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  on(method: string, pattern: RegExp, handler: Handler): this {
    this.routes.push({ method, pattern, handler });
    return this;
  }

  /** Serves a list in pages (of per_page, or `perPage` when set), with GitHub's Link header. */
  paginated(pattern: RegExp, items: () => unknown[], perPage?: () => number | undefined): this {
    return this.on('GET', pattern, (request) => {
      const all = items();
      const size = perPage?.() ?? Number(request.query.get('per_page') ?? 30);
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
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

export interface User {
  login: string;
}

export interface Comment {
  id: number;
  body: string;
  user: User;
}

export interface ReviewComment {
  id: number;
  body: string;
  path: string;
  line: number | null;
  start_line: number | null;
  user: User;
}

export interface Review {
  id: number;
  user: User;
  state: string;
  commit_id: string;
  submitted_at: string;
  body?: string;
}

const FORBIDDEN = {
  status: 403,
  body: {
    message: 'Resource not accessible by integration',
    documentation_url: 'https://docs.github.com/rest',
  },
};

/**
 * One pull request (#7 of o/r) as GitHub serves it: its files and patches come from the real git
 * diff of base and head in `repository` (a bare or work repository holding both commits).
 */
export class PullRequestApi extends StatefulApi {
  author = 'author';
  title = 'docs: klip-1: approve A';
  base = '';
  head = '';
  gitDir = '';
  /** Roles on the repository; those with admin, maintain or write are the writers. */
  roles: Record<string, string> = {
    alice: 'write',
    bob: 'maintain',
    carol: 'admin',
    dave: 'read',
    erin: 'write',
    author: 'write',
  };
  comments: Comment[] = [];
  reviewComments: ReviewComment[] = [];
  reviews: Review[] = [];
  requested: string[] = [];
  /** A token without pull-requests: write: every write answers 403. */
  readOnly = false;
  /** Serve the files without patches, as GitHub does for a large diff. */
  noPatches = false;
  /** Answer 403 to reviews only: a token that may comment but not review. */
  forbidReviews = false;
  /** Answer 422 to every review, as GitHub does for a line outside the diff. */
  rejectReviews = false;
  perPage: number | undefined;
  private nextId = 1000;

  /** The state of a new pull request, for the next scenario on the same server. */
  reset(): void {
    const fresh = new PullRequestApi();
    this.author = fresh.author;
    this.title = fresh.title;
    this.roles = fresh.roles;
    this.comments = [];
    this.reviewComments = [];
    this.reviews = [];
    this.requested = [];
    this.readOnly = false;
    this.rejectReviews = false;
    this.forbidReviews = false;
    this.noPatches = false;
    this.perPage = undefined;
    this.requests.length = 0;
  }

  /** The files of the PR with their patches, from git. */
  files(): { filename: string; status: string; patch?: string }[] {
    const names = git(this.gitDir, 'diff', '--name-status', this.base, this.head)
      .split('\n')
      .filter(Boolean);
    return names.map((line) => {
      const [status, filename] = line.split('\t') as [string, string];
      const diff = git(this.gitDir, 'diff', '--unified=3', this.base, this.head, '--', filename);
      const at = diff.indexOf('\n@@');
      return {
        filename,
        status: status === 'A' ? 'added' : status === 'D' ? 'removed' : 'modified',
        ...(at >= 0 && !this.noPatches ? { patch: diff.slice(at + 1) } : {}),
      };
    });
  }

  /** The lines a review comment may be placed on: the right side of each hunk. */
  private diffLines(path: string): Set<number> {
    const lines = new Set<number>();
    // GitHub knows its diff even when it sends no patch.
    const patch = git(this.gitDir, 'diff', '--unified=3', this.base, this.head, '--', path);
    let right = 0;
    for (const line of patch.split('\n')) {
      const hunk = /^@@ -\d+(?:,\d+)? \+(\d+)/.exec(line);
      if (hunk) right = Number(hunk[1]);
      else if (line.startsWith('+') || line.startsWith(' ')) lines.add(right++);
    }
    return lines;
  }

  async serve(): Promise<this> {
    const writable = () => (this.readOnly ? FORBIDDEN : null);
    const pages = () => this.perPage;
    this.paginated(/^\/repos\/o\/r\/issues\/7\/comments$/, () => this.comments, pages)
      .on('POST', /^\/repos\/o\/r\/issues\/7\/comments$/, (request) => {
        const denied = writable();
        if (denied) return denied;
        const comment = {
          id: this.nextId++,
          body: String(request.body?.body ?? ''),
          user: { login: 'github-actions[bot]' },
        };
        this.comments.push(comment);
        return { status: 201, body: comment };
      })
      .on('PATCH', /^\/repos\/o\/r\/issues\/comments\/(\d+)$/, (request, match) => {
        const denied = writable();
        if (denied) return denied;
        const comment = this.comments.find((candidate) => candidate.id === Number(match[1]));
        if (!comment) return { status: 404, body: { message: 'Not Found' } };
        comment.body = String(request.body?.body ?? '');
        return { body: comment };
      })
      .paginated(/^\/repos\/o\/r\/pulls\/7\/comments$/, () => this.reviewComments, pages)
      .on('POST', /^\/repos\/o\/r\/pulls\/7\/reviews$/, (request) => {
        const denied = writable() ?? (this.forbidReviews ? FORBIDDEN : null);
        if (denied) return denied;
        const comments = (request.body?.comments ?? []) as {
          path: string;
          line: number;
          start_line?: number;
          body: string;
        }[];
        const outside = comments.some((comment) => {
          const lines = this.diffLines(comment.path);
          const from = comment.start_line ?? comment.line;
          for (let line = from; line <= comment.line; line++) if (!lines.has(line)) return true;
          return false;
        });
        if (this.rejectReviews || outside)
          return {
            status: 422,
            body: {
              message: 'Unprocessable Entity',
              errors: ['Line could not be resolved'],
            },
          };
        const review: Review = {
          id: this.nextId++,
          user: { login: 'github-actions[bot]' },
          state: request.body?.event === 'COMMENT' ? 'COMMENTED' : String(request.body?.event),
          commit_id: String(request.body?.commit_id),
          submitted_at: '2026-11-20T10:00:00Z',
          body: String(request.body?.body ?? ''),
        };
        this.reviews.push(review);
        for (const comment of comments)
          this.reviewComments.push({
            id: this.nextId++,
            body: comment.body,
            path: comment.path,
            line: comment.line,
            start_line: comment.start_line ?? null,
            user: { login: 'github-actions[bot]' },
          });
        return { body: review };
      })
      .paginated(/^\/repos\/o\/r\/pulls\/7\/reviews$/, () => this.reviews, pages)
      .on('POST', /^\/repos\/o\/r\/pulls\/7\/requested_reviewers$/, (request) => {
        const denied = writable();
        if (denied) return denied;
        const asked = (request.body?.reviewers ?? []) as string[];
        if (asked.includes(this.author))
          return {
            status: 422,
            body: { message: 'Review cannot be requested from pull request author.' },
          };
        this.requested.push(...asked.filter((user) => !this.requested.includes(user)));
        return { status: 201, body: { number: 7 } };
      })
      .on('GET', /^\/repos\/o\/r\/pulls\/7$/, () => ({
        body: {
          number: 7,
          title: this.title,
          user: { login: this.author },
          head: { sha: this.head },
          base: { sha: this.base },
          requested_reviewers: this.requested.map((login) => ({ login })),
        },
      }))
      .paginated(/^\/repos\/o\/r\/pulls\/7\/files$/, () => this.files(), pages)
      .paginated(/^\/repos\/o\/r\/pulls\/7\/commits$/, () =>
        git(this.gitDir, 'rev-list', '--reverse', `${this.base}..${this.head}`)
          .split('\n')
          .filter(Boolean)
          .map((sha) => ({ sha })),
      )
      .on('GET', /^\/repos\/o\/r\/commits\/([0-9a-f]{40})$/, (_request, match) => ({
        body: {
          sha: match[1],
          files: git(
            this.gitDir,
            'diff-tree',
            '--no-commit-id',
            '--name-only',
            '-r',
            match[1] as string,
          )
            .split('\n')
            .filter(Boolean)
            .map((filename) => ({ filename })),
        },
      }))
      .on('GET', /^\/repos\/o\/r\/collaborators\/([^/]+)\/permission$/, (_request, match) => {
        const role = this.roles[match[1] as string] ?? 'none';
        const permission = role === 'maintain' ? 'write' : role === 'triage' ? 'read' : role;
        return { body: { permission, role_name: role, user: { login: match[1] } } };
      })
      .paginated(/^\/repos\/o\/r\/collaborators$/, () =>
        Object.entries(this.roles)
          .filter(([, role]) => ['admin', 'maintain', 'write'].includes(role))
          .map(([login]) => ({ login })),
      )
      .paginated(/^\/repos\/o\/r\/pulls$/, () => [{ number: 7, title: this.title }]);
    return this.start();
  }

  /** Requests of one method whose path ends with `suffix`. */
  calls(method: string, suffix: string | RegExp): Recorded[] {
    return this.requests.filter(
      (request) =>
        request.method === method &&
        (typeof suffix === 'string' ? request.path.endsWith(suffix) : suffix.test(request.path)),
    );
  }
}
