import { getOctokit } from '@actions/github';

export type GitHubClient = ReturnType<typeof getOctokit>;

/** What one run allows the API to cost; the defaults follow what a required check can afford. */
export interface ClientLimits {
  /** Each request (each page of a list too) gives up after this long. */
  timeoutMs: number;
  /** Rate-limit waits, all together, at most this long; a longer one skips the checks. */
  maxWaitMs: number;
  /** Tries after the first, for a 5xx answer or a network failure. */
  retries: number;
  /** The first back-off of a call; it doubles per try of that call and starts over for the next. */
  backoffMs: number;
  /** Pages read of one list, at most. */
  maxPages: number;
  /** Redirects within the API's origin followed, at most. */
  maxRedirects: number;
}

export const DEFAULT_LIMITS: ClientLimits = {
  timeoutMs: 10_000,
  maxWaitMs: 60_000,
  retries: 2,
  backoffMs: 1_000,
  maxPages: 100,
  maxRedirects: 3,
};

export type ApiFailure =
  | 'origin'
  | 'timeout'
  | 'unreachable'
  | 'rate-limit'
  | 'server'
  | 'not-json'
  | 'unexpected'
  | 'pagination';

/** The API could not be used; the message says what happened, `advice` what to do. */
export class ApiError extends Error {
  constructor(
    readonly kind: ApiFailure,
    message: string,
    readonly advice: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

const LIMITS = new WeakMap<object, ClientLimits>();

export function limitsOf(client: GitHubClient): ClientLimits {
  return LIMITS.get(client) ?? DEFAULT_LIMITS;
}

export interface ClientOptions extends Partial<ClientLimits> {
  /** The API's URL; default GITHUB_API_URL, else https://api.github.com. */
  baseUrl?: string;
}

/**
 * An Octokit client that sends the token only to its own API origin (pages, redirects and all),
 * gives each request its own timeout, backs off per call, caps rate-limit waits and, once the API
 * is out of reach or rate-limited, fails every later call at once.
 */
export function createClient(token: string, options: ClientOptions = {}): GitHubClient {
  const { baseUrl, ...given } = options;
  const limits: ClientLimits = { ...DEFAULT_LIMITS, ...given };
  // GITHUB_API_URL as it is now: @actions/github reads it once, when it is first imported.
  const url = baseUrl || process.env.GITHUB_API_URL;
  const client = getOctokit(token, url ? { baseUrl: url } : {});
  const defaults = client.request.endpoint.DEFAULTS as {
    baseUrl: string;
    request?: { fetch?: typeof fetch };
  };
  const origin = originOf(defaults.baseUrl);
  const network = defaults.request?.fetch ?? globalThis.fetch;
  const home = origin ?? 'null';
  const guarded = guardedFetch(network, home, limits);
  let down: ApiError | null = origin
    ? null
    : new ApiError(
        'unreachable',
        `the GitHub API URL "${short(defaults.baseUrl)}" is not a URL`,
        'set GITHUB_API_URL to the API, e.g. https://api.github.com.',
      );
  let waited = 0;

  client.hook.wrap('request', async (request, endpoint) => {
    if (down) throw down;
    const url = parseUrl(client.request.endpoint.parse(endpoint).url);
    if (url.origin !== home) throw foreignOrigin(url, home);
    // The hooks inside are bound to this very options object: set the fetch on it, not a copy.
    endpoint.request = { ...endpoint.request, fetch: guarded };
    let backoff = limits.backoffMs;
    for (let attempt = 0, rateLimited = 0; ; attempt++) {
      try {
        const response = await request(endpoint);
        const data: unknown = response.data;
        if (response.status !== 204 && (data === null || typeof data !== 'object'))
          throw notJson(url, response.headers['content-type']);
        return response;
      } catch (caught) {
        const error = unwrap(caught);
        if (error instanceof ApiError) {
          if (error.kind === 'timeout' || error.kind === 'unreachable') {
            if (error.kind === 'unreachable' && attempt < limits.retries) {
              await sleep(backoff);
              backoff *= 2;
              continue;
            }
            down = error;
          }
          throw error;
        }
        const status = (error as { status?: number }).status ?? 0;
        const headers = (error as { response?: { headers?: Record<string, string> } }).response
          ?.headers;
        const wait = rateLimitWait(status, headers, error);
        if (wait !== null) {
          if (rateLimited < 2 && waited + wait <= limits.maxWaitMs) {
            waited += wait;
            rateLimited++;
            await sleep(wait);
            continue;
          }
          down = rateLimit(wait, limits.maxWaitMs, status);
          throw down;
        }
        if (status >= 500 && attempt < limits.retries) {
          await sleep(backoff);
          backoff *= 2;
          continue;
        }
        if (status >= 500)
          throw new ApiError(
            'server',
            `the GitHub API answered ${url.pathname} with HTTP ${status} ${attempt + 1} times (${short(messageOf(error))})`,
            'GitHub may be having an outage (see https://www.githubstatus.com); re-run the job later.',
            status,
          );
        throw error;
      }
    }
  });
  LIMITS.set(client, limits);
  return client;
}

/** A URL to request; one that is none (from a hostile Link header) is refused like a foreign one. */
function parseUrl(url: string, base?: string): URL {
  try {
    return new URL(url, base);
  } catch {
    return new URL(`invalid://${encodeURIComponent(short(url)).slice(0, 100)}`);
  }
}

function originOf(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.origin : null;
  } catch {
    return null;
  }
}

/** Errors thrown in fetch reach the hook wrapped by Octokit; the cause is what happened. */
function unwrap(error: unknown): unknown {
  const cause = (error as { cause?: unknown })?.cause;
  return cause instanceof ApiError ? cause : error;
}

const REDIRECT = new Set([301, 302, 303, 307, 308]);
const NO_BODY = new Set([101, 204, 205, 304]);

/** fetch that follows redirects only within the origin and reads each answer within the timeout. */
function guardedFetch(network: typeof fetch, origin: string, limits: ClientLimits): typeof fetch {
  return (async (input: string | URL | Request, init: RequestInit = {}) => {
    let target = new URL(typeof input === 'string' || input instanceof URL ? input : input.url);
    let options: RequestInit = { ...init, redirect: 'manual' };
    for (let hop = 0; ; hop++) {
      if (target.origin !== origin) throw foreignOrigin(target, origin);
      const timer = AbortSignal.timeout(limits.timeoutMs);
      const signal = init.signal ? AbortSignal.any([init.signal, timer]) : timer;
      try {
        const response = await network(target.href, { ...options, signal });
        const location = response.headers.get('location');
        if (REDIRECT.has(response.status) && location) {
          await response.body?.cancel().catch(() => undefined);
          if (hop >= limits.maxRedirects)
            throw new ApiError(
              'server',
              `the GitHub API redirected ${target.pathname} more than ${limits.maxRedirects} times`,
              'check that GITHUB_API_URL names the API itself.',
              response.status,
            );
          target = parseUrl(location, target.href);
          if (response.status === 303) options = { ...options, method: 'GET', body: undefined };
          continue;
        }
        // Read whole here, under the timeout: a body that never ends cannot hold the run.
        const body = NO_BODY.has(response.status) ? null : await readCapped(response, target);
        const copy = new Response(body, {
          status: response.status,
          statusText: response.statusText,
          headers: response.headers,
        });
        Object.defineProperty(copy, 'url', { value: target.href });
        return copy;
      } catch (error) {
        if (error instanceof ApiError) throw error;
        if (timer.aborted)
          throw new ApiError(
            'timeout',
            `the GitHub API did not answer ${target.pathname} within ${seconds(limits.timeoutMs)}`,
            'GitHub may be slow or having an outage (see https://www.githubstatus.com); re-run the job later.',
          );
        if (init.signal?.aborted) throw error;
        const cause = (error as { cause?: { code?: string; message?: string } }).cause;
        throw new ApiError(
          'unreachable',
          `could not reach the GitHub API at ${target.origin} (${cause?.code ?? cause?.message ?? messageOf(error)})`,
          "check GITHUB_API_URL and the runner's network; re-run the job when the API can be reached.",
        );
      }
    }
  }) as typeof fetch;
}

/** No answer the checks use is near this; a longer one would only fill the memory. */
const MAX_BODY_BYTES = 64 * 1024 * 1024;

async function readCapped(response: Response, target: URL): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = response.body?.getReader();
  if (!reader) return new Uint8Array();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel().catch(() => undefined);
      throw new ApiError(
        'unexpected',
        `the GitHub API answered ${target.pathname} with more than ${MAX_BODY_BYTES / 1024 / 1024} MiB`,
        API_URL_ADVICE,
      );
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/** How long a rate-limit answer asks to wait, in ms; null when the answer is no rate limit. */
function rateLimitWait(
  status: number,
  headers: Record<string, string> | undefined,
  error: unknown,
): number | null {
  if (status !== 403 && status !== 429) return null;
  const after = headers?.['retry-after'];
  if (after !== undefined) {
    // Seconds, or an HTTP date.
    const wait = /^\s*\d+\s*$/.test(after) ? Number(after) * 1000 : Date.parse(after) - Date.now();
    if (Number.isFinite(wait)) return Math.max(0, wait);
  }
  if (headers?.['x-ratelimit-remaining'] === '0') {
    const reset = Number(headers['x-ratelimit-reset']);
    return Number.isFinite(reset) ? Math.max(0, reset * 1000 - Date.now()) : Infinity;
  }
  // A secondary limit without retry-after asks for "at least a minute": no wait a check can afford.
  if (status === 429 || /rate limit/i.test(messageOf(error))) return Infinity;
  return null;
}

function rateLimit(wait: number, max: number, status: number): ApiError {
  const until = Number.isFinite(wait)
    ? ` until ${new Date(Date.now() + wait).toISOString().slice(11, 16)} UTC (${seconds(wait)} away)`
    : '';
  return new ApiError(
    'rate-limit',
    `the GitHub API's rate limit is used up${until}; klip-lint waits at most ${seconds(max)}`,
    're-run the job after the limit resets, or run fewer API-heavy jobs at once.',
    status,
  );
}

function foreignOrigin(url: URL, origin: string): ApiError {
  return new ApiError(
    'origin',
    `the GitHub API pointed klip-lint to ${url.origin === 'null' ? short(url.href) : url.origin}, not the API's own origin ${origin}; klip-lint sends the token nowhere else and did not follow it`,
    'check GITHUB_API_URL and any proxy in front of the API.',
  );
}

function notJson(url: URL, type: string | undefined): ApiError {
  return new ApiError(
    'not-json',
    `the GitHub API answered ${url.pathname} with something that is not JSON${type ? ` (${short(type)})` : ''}`,
    API_URL_ADVICE,
  );
}

const API_URL_ADVICE =
  'check that GITHUB_API_URL names the REST API (on GitHub Enterprise Server it ends in /api/v3).';

/** JSON, but not in the form the endpoint answers in: nothing is guessed from it. */
export function unexpected(what: string): ApiError {
  return new ApiError(
    'unexpected',
    `the GitHub API answered ${what} in a form klip-lint does not know`,
    API_URL_ADVICE,
  );
}

function seconds(ms: number): string {
  return ms >= 1000 ? `${Math.round(ms / 1000)} s` : `${ms} ms`;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** One line, at most 200 characters: an answer's body can be a whole HTML page. */
export function short(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 200 ? `${line.slice(0, 199)}…` : line;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

interface Page<T> {
  data: T[];
  headers: { link?: string };
  url: string;
}

/**
 * Every item of a list the API serves in pages. Each page is a request of its own (so it has the
 * timeout); a page seen before or more than the page cap is an error, never a silent stop.
 * `enough` ends the reading early, on purpose.
 */
export async function listAll<T>(
  client: GitHubClient,
  first: () => Promise<Page<T>>,
  enough: (items: T[]) => boolean = () => false,
): Promise<T[]> {
  const { maxPages } = limitsOf(client);
  let page = await first();
  const seen = new Set<string>([page.url]);
  const items: T[] = [];
  for (let read = 1; ; read++) {
    if (
      !Array.isArray(page.data) ||
      !page.data.every((item) => item !== null && typeof item === 'object')
    )
      throw unexpected(`${parseUrl(page.url).pathname} (a list was expected)`);
    items.push(...page.data);
    if (enough(items)) return items;
    const next = /<([^<>]+)>;\s*rel="next"/.exec(page.headers.link ?? '')?.[1];
    if (!next) return items;
    const url = parseUrl(next, page.url).href;
    if (seen.has(url))
      throw new ApiError(
        'pagination',
        `the GitHub API's next page of ${parseUrl(page.url).pathname} is a page already read, so the list never ends`,
        'this is an API fault; re-run the job later.',
      );
    if (read >= maxPages)
      throw new ApiError(
        'pagination',
        `the list at ${parseUrl(page.url).pathname} has more than ${maxPages} pages; klip-lint reads at most that many`,
        'the checks that need it were skipped; they can be run on a smaller pull request.',
      );
    seen.add(url);
    page = (await client.request({ method: 'GET', url })) as unknown as Page<T>;
  }
}

/**
 * What a failed API call means for the user: what happened and what to do. Only an answer that
 * refuses the token (401, 403, 404) mentions permissions.
 */
export function describeApiFailure(error: unknown, permission: string): string {
  if (error instanceof ApiError) return `${error.message}; ${error.advice}`;
  const status = (error as { status?: number }).status;
  const message = short(messageOf(error));
  if (status === 401)
    return `the GitHub API refused the token (HTTP 401: ${message}); pass a valid token, e.g. "token: \${{ github.token }}".`;
  if (status === 403 || status === 404)
    return `the token may not read what the check needs (HTTP ${status}: ${message}); give the workflow "permissions:" with ${permission}.`;
  if (status)
    return `the GitHub API refused the request (HTTP ${status}: ${message}); the API's message says what it objected to (often a commit or pull request that no longer exists: re-run the job on the current state).`;
  return `${message}.`;
}
