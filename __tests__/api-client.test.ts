import {
  ApiError,
  createClient,
  describeApiFailure,
  listAll,
  type ClientOptions,
  type GitHubClient,
} from '../src/sources/github/api-client.js';
import { compareChanges, pullRequestChanges, RestSnapshot } from '../src/sources/github/client.js';
import { fetchPullRequestFacts } from '../src/sources/pull-request.js';
import { FakeGitHub } from './helpers/api.js';

const repository = { owner: 'o', repo: 'r' };
/** Small caps: each test stays well under a second or two. */
const FAST: ClientOptions = {
  timeoutMs: 2_000,
  maxWaitMs: 1_500,
  retries: 2,
  backoffMs: 50,
  maxPages: 5,
};

let api: FakeGitHub;
let elsewhere: FakeGitHub;
beforeEach(async () => {
  api = await FakeGitHub.start();
  elsewhere = await FakeGitHub.start();
});
afterEach(async () => {
  await api.close();
  await elsewhere.close();
});

const client = (options: ClientOptions = {}): GitHubClient =>
  createClient('secret-token', { baseUrl: api.url, ...FAST, ...options });

const reviews = (c: GitHubClient) =>
  listAll(c, () => c.rest.pulls.listReviews({ ...repository, pull_number: 7, per_page: 100 }));

async function failure(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('the call did not fail');
}

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const start = Date.now();
  const result = await work();
  return [result, Date.now() - start];
}

describe('the token goes only to the API origin', () => {
  it('refuses a pagination Link to another host, which never sees a request', async () => {
    api.on('GET', /\/pulls\/7\/reviews$/, () => ({
      body: [{ id: 1 }],
      headers: { link: `<${elsewhere.url}/repos/o/r/pulls/7/reviews?page=2>; rel="next"` },
    }));
    elsewhere.on('GET', /.*/, () => ({ body: [] }));
    const error = await failure(reviews(client()));
    expect(error.kind).toBe('origin');
    expect(error.message).toMatch(
      /^the GitHub API pointed klip-lint to http:\/\/127\.0\.0\.1:\d+, not the API's own origin/,
    );
    expect(elsewhere.requests).toEqual([]);
    // Octokit's own paginate goes through the same guard.
    const c = client();
    await expect(
      c.paginate(c.rest.pulls.listReviews, { ...repository, pull_number: 7 }),
    ).rejects.toMatchObject({ kind: 'origin' });
    expect(elsewhere.requests).toEqual([]);
  });

  it('refuses a redirect to another host, and follows one within the origin with the token', async () => {
    api
      .on('GET', /\/pulls\/7$/, () => ({
        status: 302,
        headers: { location: `${elsewhere.url}/repos/o/r/pulls/7` },
      }))
      .on('GET', /^\/repos\/o\/r\/pulls\/8$/, () => ({
        status: 301,
        headers: { location: `${api.url}/repositories/1/pulls/8` },
      }))
      .on('GET', /^\/repositories\/1\/pulls\/8$/, () => ({ body: { number: 8 } }));
    elsewhere.on('GET', /.*/, () => ({ body: { number: 7 } }));
    const c = client();
    const error = await failure(c.rest.pulls.get({ ...repository, pull_number: 7 }));
    expect(error.kind).toBe('origin');
    expect(elsewhere.requests).toEqual([]);
    const { data } = await c.rest.pulls.get({ ...repository, pull_number: 8 });
    expect(data.number).toBe(8);
    expect(api.requests.at(-1)?.headers.authorization).toBe('token secret-token');
  });
});

describe('links that are no URL', () => {
  it('refuses them like links to another host', async () => {
    api
      .on('GET', /\/pulls\/7\/reviews$/, () => ({
        body: [{ id: 1 }],
        headers: { link: '<http://[::1>; rel="next"' },
      }))
      .on('GET', /\/pulls\/8$/, () => ({ status: 302, headers: { location: 'http://[x' } }));
    const c = client();
    expect((await failure(reviews(c))).kind).toBe('origin');
    expect((await failure(c.rest.pulls.get({ ...repository, pull_number: 8 }))).kind).toBe(
      'origin',
    );
  });
});

describe('pagination ends', () => {
  it('stops on a next link to the page itself', async () => {
    api.on('GET', /\/pulls\/7\/reviews$/, (request) => ({
      body: [{ id: 1 }],
      headers: { link: `<${api.url}${request.path}?per_page=100>; rel="next"` },
    }));
    const error = await failure(reviews(client()));
    expect(error.kind).toBe('pagination');
    expect(error.message).toMatch(/page already read/);
    expect(api.requests).toHaveLength(1);
  });

  it('stops on a loop of two pages', async () => {
    api.on('GET', /\/pulls\/7\/reviews$/, (request) => {
      const page = request.query.get('page') === '2' ? 1 : 2;
      return {
        body: [{ id: 1 }],
        headers: { link: `<${api.url}${request.path}?per_page=100&page=${page}>; rel="next"` },
      };
    });
    const c = client();
    const error = await failure(
      listAll(c, () =>
        c.rest.pulls.listReviews({ ...repository, pull_number: 7, per_page: 100, page: 1 }),
      ),
    );
    expect(error.kind).toBe('pagination');
    expect(api.requests).toHaveLength(2);
  });

  it('stops after the page cap, and says so', async () => {
    api.on('GET', /\/pulls\/7\/reviews$/, (request) => {
      const page = Number(request.query.get('page') ?? 1);
      return {
        body: [{ id: page }],
        headers: { link: `<${api.url}${request.path}?page=${page + 1}>; rel="next"` },
      };
    });
    const error = await failure(reviews(client()));
    expect(error.kind).toBe('pagination');
    expect(error.message).toMatch(/more than 5 pages/);
    expect(api.requests).toHaveLength(5);
  });
});

describe('every wait is capped', () => {
  it('does not wait out a secondary rate limit of 600 s, and skips later calls at once', async () => {
    api.on('GET', /\/pulls\/7$/, () => ({
      status: 403,
      headers: { 'retry-after': '600' },
      body: { message: 'You have exceeded a secondary rate limit.' },
    }));
    const c = client();
    const [error, ms] = await timed(() =>
      failure(c.rest.pulls.get({ ...repository, pull_number: 7 })),
    );
    expect(ms).toBeLessThan(5000);
    expect(error.kind).toBe('rate-limit');
    expect(describeApiFailure(error, 'pull-requests: read')).not.toMatch(/permission/);
    expect(describeApiFailure(error, 'pull-requests: read')).toMatch(/rate limit is used up/);
    const later = await failure(c.rest.pulls.get({ ...repository, pull_number: 8 }));
    expect(later.kind).toBe('rate-limit');
    expect(api.requests).toHaveLength(1);
  });

  it('does not wait an hour for a primary rate limit to reset', async () => {
    const reset = String(Math.floor(Date.now() / 1000) + 3600);
    api.on('GET', /\/pulls\/7\/reviews$/, () => ({
      status: 403,
      headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset },
      body: { message: 'API rate limit exceeded' },
    }));
    const [error, ms] = await timed(() => failure(reviews(client())));
    expect(ms).toBeLessThan(5000);
    expect(error.kind).toBe('rate-limit');
    expect(error.message).toMatch(/until \d\d:\d\d UTC/);
  });

  it('does not wait "at least a minute" for a secondary rate limit that names no time', async () => {
    api.on('GET', /\/pulls\/7$/, () => ({
      status: 403,
      body: { message: 'You have exceeded a secondary rate limit. Please wait a few minutes.' },
    }));
    const [error, ms] = await timed(() =>
      failure(client({ maxWaitMs: 60_000 }).rest.pulls.get({ ...repository, pull_number: 7 })),
    );
    expect(ms).toBeLessThan(5000);
    expect(error.kind).toBe('rate-limit');
  });

  it('reads a retry-after given as a date', async () => {
    const later = new Date(Date.now() + 10 * 60_000).toUTCString();
    api.on('GET', /\/pulls\/7$/, () => ({
      status: 429,
      headers: { 'retry-after': later },
      body: { message: 'slow down' },
    }));
    const [error, ms] = await timed(() =>
      failure(client().rest.pulls.get({ ...repository, pull_number: 7 })),
    );
    expect(ms).toBeLessThan(5000);
    expect(error.message).toMatch(/\((599|600) s away\)/);
  });

  it('waits a short rate limit out and then uses the answer', async () => {
    let calls = 0;
    api.on('GET', /\/pulls\/7$/, () =>
      calls++ === 0
        ? { status: 429, headers: { 'retry-after': '1' }, body: { message: 'slow down' } }
        : { body: { number: 7 } },
    );
    const [response, ms] = await timed(() =>
      client().rest.pulls.get({ ...repository, pull_number: 7 }),
    );
    expect(response.data.number).toBe(7);
    expect(ms).toBeGreaterThanOrEqual(900);
  });

  it('gives each page its own timeout: a page that never answers ends the call', async () => {
    api.on('GET', /\/pulls\/7\/reviews$/, (request) =>
      request.query.get('page') === '2'
        ? { hang: true }
        : {
            body: [{ id: 1 }],
            headers: { link: `<${api.url}${request.path}?page=2>; rel="next"` },
          },
    );
    const c = client();
    const [error, ms] = await timed(() =>
      failure(c.paginate(c.rest.pulls.listReviews, { ...repository, pull_number: 7 })),
    );
    expect(error.kind).toBe('timeout');
    expect(ms).toBeLessThan(6000);
    const again = await timed(() => failure(reviews(c)));
    expect(again[0].kind).toBe('timeout');
    expect(again[1]).toBeLessThan(1000);
    expect(describeApiFailure(error, 'pull-requests: read')).toMatch(
      /did not answer .* within 2 s; GitHub may be slow/,
    );
  });

  it('backs off per call: when every call answers 500, the second waits no longer than the first', async () => {
    const times: number[] = [];
    api.on('GET', /\/pulls\/\d+$/, () => {
      times.push(Date.now());
      return { status: 500, body: { message: 'Server Error' } };
    });
    const c = client({ backoffMs: 150 });
    const first = await failure(c.rest.pulls.get({ ...repository, pull_number: 7 }));
    const second = await failure(c.rest.pulls.get({ ...repository, pull_number: 8 }));
    expect(first.kind).toBe('server');
    expect(second.kind).toBe('server');
    expect(times).toHaveLength(6);
    const span = (from: number) => (times[from + 2] as number) - (times[from] as number);
    // 150 ms then 300 ms, for each call anew.
    expect(span(0)).toBeGreaterThanOrEqual(400);
    // Carried over, it would start at 600 ms: 1.8 s in all.
    expect(span(3)).toBeLessThan(span(0) + 800);
    expect(describeApiFailure(second, 'pull-requests: read')).toMatch(
      /HTTP 500 3 times .*githubstatus/,
    );
    expect(describeApiFailure(second, 'pull-requests: read')).not.toMatch(/permission/);
  });
});

describe('answers that are not what the API sends', () => {
  it('reports a body that is not JSON, without the whole page', async () => {
    api
      .on('GET', /\/pulls\/7$/, () => ({ raw: '<html><body>Sign in</body></html>' }))
      .on('GET', /\/pulls\/8$/, () => ({ status: 502, raw: `<html>${'x'.repeat(5000)}</html>` }));
    const c = client();
    const error = await failure(c.rest.pulls.get({ ...repository, pull_number: 7 }));
    expect(error.kind).toBe('not-json');
    expect(describeApiFailure(error, 'x')).toMatch(/not JSON.*GITHUB_API_URL/);
    const gateway = await failure(c.rest.pulls.get({ ...repository, pull_number: 8 }));
    expect(gateway.kind).toBe('server');
    expect(describeApiFailure(gateway, 'x').length).toBeLessThan(500);
  });

  it('mentions permissions only for 401, 403 and 404', async () => {
    api
      .on('GET', /\/pulls\/1$/, () => ({ status: 401, body: { message: 'Bad credentials' } }))
      .on('GET', /\/pulls\/2$/, () => ({ status: 403, body: { message: 'Forbidden' } }))
      .on('GET', /\/pulls\/3$/, () => ({ status: 422, body: { message: 'Unprocessable' } }));
    const c = client();
    const say = async (n: number) => {
      try {
        await c.rest.pulls.get({ ...repository, pull_number: n });
      } catch (error) {
        return describeApiFailure(error, 'pull-requests: read');
      }
      return '';
    };
    expect(await say(1)).toMatch(/refused the token \(HTTP 401/);
    expect(await say(2)).toMatch(/permissions:" with pull-requests: read/);
    expect(await say(4)).toMatch(/HTTP 404.*permissions:/);
    expect(await say(3)).toMatch(/^the GitHub API refused the request \(HTTP 422: Unprocessable/);
    expect(await say(3)).not.toMatch(/permission|bug/);
  });

  it('says the API cannot be reached when nothing listens', async () => {
    const url = elsewhere.url;
    await elsewhere.close();
    elsewhere = await FakeGitHub.start();
    const c = createClient('t', { ...FAST, baseUrl: url });
    const error = await failure(c.rest.pulls.get({ ...repository, pull_number: 7 }));
    expect(error.kind).toBe('unreachable');
    expect(describeApiFailure(error, 'x')).toMatch(/could not reach the GitHub API.*ECONNREFUSED/);
  });

  it('turns a failure of the pull request facts into skipped checks that say why', async () => {
    api
      .on('GET', /\/pulls\/7$/, () => ({ body: { number: 7, title: 't', user: { login: 'a' } } }))
      .on('GET', /\/pulls\/7\/reviews$/, () => ({ raw: 'oops' }))
      .on('GET', /\/pulls$/, () => ({ hang: true }));
    const facts = await fetchPullRequestFacts(client(), repository, 7, {
      folder: 'design-proposals',
      maxPulls: 10,
    });
    expect(facts.skipped).toEqual([
      {
        rules: ['approvals-required'],
        why: expect.stringMatching(/^the GitHub API answered .* not JSON/),
      },
      { rules: ['number-collision'], why: expect.stringMatching(/^the GitHub API did not answer/) },
    ]);
  });
});

describe('answers of the wrong shape and lists the API cuts', () => {
  it('reports JSON that is not what the endpoint answers', async () => {
    api
      .on('GET', /\/pulls\/7$/, () => ({ body: [] }))
      .on('GET', /\/pulls\/8$/, () => ({ body: { number: 8, title: 't', user: null } }))
      .on('GET', /\/pulls\/8\/reviews$/, () => ({ body: [null] }))
      .on('GET', /.*/, () => ({ body: [] }));
    const c = client();
    const error = await failure(
      fetchPullRequestFacts(c, repository, 7, { folder: 'design-proposals', maxPulls: 1 }),
    );
    expect(error.kind).toBe('unexpected');
    expect(describeApiFailure(error, 'x')).toMatch(
      /answered pull request #7 in a form klip-lint does not know; check that GITHUB_API_URL/,
    );
    const facts = await fetchPullRequestFacts(c, repository, 8, {
      folder: 'design-proposals',
      maxPulls: 1,
    });
    expect(facts.skipped).toEqual([
      {
        rules: ['approvals-required'],
        why: expect.stringMatching(
          /^the GitHub API answered .*reviews \(a list was expected\) in a form/,
        ),
      },
    ]);
  });

  it('fails every call clearly when the API URL is not a URL', async () => {
    const c = createClient('t', { ...FAST, baseUrl: 'not a url' });
    const error = await failure(c.rest.pulls.get({ ...repository, pull_number: 7 }));
    expect(describeApiFailure(error, 'x')).toBe(
      'the GitHub API URL "not a url" is not a URL; set GITHUB_API_URL to the API, e.g. https://api.github.com.',
    );
  });

  it('reports a pull request of 3,000 files and a comparison of 300, which the API cuts', async () => {
    api
      .paginated('GET', /\/pulls\/7\/files$/, () =>
        Array.from({ length: 3000 }, (_, i) => ({ filename: `f${i}.md`, status: 'added' })),
      )
      .on('GET', /\/compare\//, () => ({
        body: {
          files: Array.from({ length: 300 }, (_, i) => ({ filename: `f${i}`, status: 'added' })),
        },
      }));
    const c = client({ maxPages: 40 });
    const pull = await failure(pullRequestChanges(c, repository, 7));
    expect(pull.message).toMatch(/at most 3,000 changed files of pull request #7/);
    const compared = await failure(compareChanges(c, repository, 'a'.repeat(40), 'b'.repeat(40)));
    expect(describeApiFailure(compared, 'x')).toMatch(/at most 300 changed files .*fetch-depth: 0/);
  });
});

describe('changed files as the REST API lists them', () => {
  it('reads a file whose type changed (a proposal became a link) as one gone and one come, as git does', async () => {
    api
      .paginated('GET', /\/pulls\/7\/files$/, () => [
        { filename: 'design-proposals/klip-1-a.md', status: 'changed' },
        { filename: 'design-proposals/klip-2-b.md', status: 'modified' },
      ])
      .on('GET', /\/compare\//, () => ({
        body: { files: [{ filename: 'design-proposals/klip-1-a.md', status: 'changed' }] },
      }));
    const c = client();
    const expected = [
      { status: 'deleted', path: 'design-proposals/klip-1-a.md' },
      { status: 'added', path: 'design-proposals/klip-1-a.md' },
    ];
    expect(await pullRequestChanges(c, repository, 7)).toEqual([
      ...expected,
      { status: 'modified', path: 'design-proposals/klip-2-b.md' },
    ]);
    expect(await compareChanges(c, repository, 'a'.repeat(40), 'b'.repeat(40))).toEqual(expected);
  });
});

describe('a truncated tree', () => {
  it('is read folder by folder instead', async () => {
    const commit = 'c'.repeat(40);
    api
      .on('GET', /\/git\/trees\/(\w+)$/, (request, match) => {
        if (request.query.get('recursive'))
          return { body: { sha: commit, truncated: true, tree: [] } };
        if (match[1] === commit)
          return {
            body: {
              truncated: false,
              tree: [
                { path: 'design-proposals', type: 'tree', mode: '040000', sha: 'd'.repeat(40) },
                { path: 'README.md', type: 'blob', mode: '100644', sha: 'e'.repeat(40) },
              ],
            },
          };
        return {
          body: {
            truncated: false,
            tree: [{ path: 'klip-1-a.md', type: 'blob', mode: '100644', sha: 'f'.repeat(40) }],
          },
        };
      })
      .on('GET', /\/git\/blobs\/f+$/, () => ({
        body: { content: Buffer.from('# KLIP 1 - A\n').toString('base64'), encoding: 'base64' },
      }));
    const snapshot = await RestSnapshot.load(client(), repository, commit);
    expect((await snapshot.list('design-proposals')).map((entry) => entry.path)).toEqual([
      'design-proposals/klip-1-a.md',
    ]);
    expect(await snapshot.readText('design-proposals/klip-1-a.md')).toBe('# KLIP 1 - A\n');
    expect(await snapshot.folderKind('design-proposals')).toBe('folder');
    expect(await snapshot.folderKind('elsewhere')).toBe('missing');
    expect(await snapshot.readText('.github/klip-lint.yml')).toBeNull();
  });

  it('is reported when a folder is truncated too', async () => {
    api.on('GET', /\/git\/trees\/(\w+)$/, () => ({
      body: {
        truncated: true,
        tree: [{ path: 'design-proposals', type: 'tree', mode: '040000', sha: 'd'.repeat(40) }],
      },
    }));
    const snapshot = await RestSnapshot.load(client(), repository, 'c'.repeat(40));
    await expect(snapshot.list('design-proposals')).rejects.toThrow(/only in part/);
  });
});
