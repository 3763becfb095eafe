import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { FakeGitHub, type Reply, type Request } from './helpers/api.js';
import { index, klip, row, TEMPLATE } from './helpers/fixtures.js';
import { git, Repository } from './helpers/git.js';
import { builtBundle, runAction, tempDir, writeFiles, type ActionRun } from './helpers/run.js';

const D = 'design-proposals';
const SKIPPED = 'klip-lint: GitHub checks skipped';

/** A pull request #7 that moves KLIP 1 to Design Approved (or only edits notes.txt). */
async function pullRequest(
  touchesProposal: boolean,
  serve: (api: FakeGitHub) => void,
): Promise<ActionRun & { api: FakeGitHub; seconds: number }> {
  const repo = new Repository({
    [`${D}/klip-template.md`]: TEMPLATE,
    [`${D}/README.md`]: index([row(1, 'klip-1-a.md', 'In Discussion')], 2),
    [`${D}/klip-1-a.md`]: klip({ number: 1, title: 'A' }),
    'notes.txt': 'x\n',
  });
  repo.branch('feature');
  repo.commit(
    touchesProposal
      ? {
          [`${D}/klip-1-a.md`]: klip({ number: 1, title: 'A', status: 'Design Approved' }),
          [`${D}/README.md`]: index([row(1, 'klip-1-a.md', 'Design Approved')], 2),
        }
      : { 'notes.txt': 'y\n' },
  );
  repo.push('feature');
  const pr = repo.pullRequest(7, 'feature');
  const api = await FakeGitHub.start();
  serve(api);
  const start = Date.now();
  const result = await runAction({
    workspace: repo.checkout('refs/pull/7/merge'),
    event: 'pull_request',
    payload: { pull_request: { number: 7, base: { sha: pr.base }, head: { sha: pr.head } } },
    env: { GITHUB_SHA: pr.merge, GITHUB_REPOSITORY: 'o/r', GITHUB_API_URL: api.url },
    inputs: { token: 'test-token' },
  });
  await api.close();
  return { ...result, api, seconds: (Date.now() - start) / 1000 };
}

const skipped = (result: ActionRun) =>
  result.commands
    .filter((command) => command.properties.title === SKIPPED)
    .map((command) => command.message);

const pull = (): Reply => ({
  body: { number: 7, title: 'docs: klip-1: approve A', user: { login: 'author' } },
});

describe('the action and the GitHub API', () => {
  it('makes no API call and says nothing of the API for a change that touches no proposal', async () => {
    const result = await pullRequest(false, (api) =>
      api.on('GET', /.*/, () => ({ status: 500, body: { message: 'down' } })),
    );
    expect(result.api.requests).toEqual([]);
    expect(skipped(result)).toEqual([]);
    expect(result.code).toBe(0);
  });

  it('says the API is down, not that a permission is missing, when every call answers 500', async () => {
    const result = await pullRequest(true, (api) =>
      api.on('GET', /.*/, () => ({ status: 500, body: { message: 'Server Error' } })),
    );
    expect(skipped(result)).toEqual([
      expect.stringMatching(
        /^klip-lint could not read pull request #7 through the GitHub API, so approvals-required, number-collision, pr-title were skipped: the GitHub API answered .* with HTTP 500 3 times/,
      ),
    ]);
    expect(skipped(result)[0]).not.toMatch(/permission/);
    expect(result.stdout).not.toMatch(/internal error|report it as a klip-lint bug/);
    expect(result.seconds).toBeLessThan(15);
    expect(result.code).toBe(0);
  });

  it('says the answer is not JSON when the API URL serves a web page', async () => {
    const result = await pullRequest(true, (api) =>
      api.on('GET', /.*/, () => ({ raw: '<!doctype html><title>Sign in</title>' })),
    );
    expect(skipped(result)).toEqual([expect.stringMatching(/not JSON .*GITHUB_API_URL/)]);
    expect(result.code).toBe(0);
  });

  it('never sends the token to the host a pagination Link names', async () => {
    const elsewhere = await FakeGitHub.start();
    const seen: Request[] = elsewhere.requests;
    elsewhere.on('GET', /.*/, () => ({ body: [] }));
    const result = await pullRequest(true, (api) =>
      api
        .on('GET', /^\/repos\/o\/r\/pulls\/7$/, pull)
        .on('GET', /^\/repos\/o\/r\/pulls\/7\/reviews$/, () => ({
          body: [],
          headers: { link: `<${elsewhere.url}/steal?page=2>; rel="next"` },
        }))
        .on('GET', /.*/, () => ({ body: [] })),
    );
    await elsewhere.close();
    expect(seen).toEqual([]);
    expect(skipped(result)).toContainEqual(
      expect.stringMatching(
        /^Skipped approvals-required: the GitHub API pointed klip-lint to .*, not the API's own origin .*; klip-lint sends the token nowhere else/,
      ),
    );
  });

  it('skips the checks at once for a rate limit that resets in an hour', async () => {
    const reset = String(Math.floor(Date.now() / 1000) + 3600);
    const result = await pullRequest(true, (api) =>
      api.on('GET', /.*/, () => ({
        status: 403,
        headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset },
        body: { message: 'API rate limit exceeded' },
      })),
    );
    expect(skipped(result)).toEqual([expect.stringMatching(/rate limit is used up until/)]);
    expect(skipped(result)[0]).not.toMatch(/permission/);
    expect(result.api.requests).toHaveLength(1);
    expect(result.seconds).toBeLessThan(15);
  });
});

describe('a truncated tree through the action', () => {
  it('reads the base folder by folder when git cannot fetch it, and judges the change', async () => {
    const repo = new Repository({
      [`${D}/klip-template.md`]: TEMPLATE,
      [`${D}/README.md`]: index([row(1, 'klip-1-a.md', 'Merged')], 2),
      [`${D}/klip-1-a.md`]: klip({ number: 1, title: 'A', status: 'Merged', releaseTarget: '1.0' }),
    });
    repo.branch('feature');
    repo.commit({
      [`${D}/klip-1-a.md`]: klip({ number: 1, title: 'A', status: 'In Discussion' }),
      [`${D}/README.md`]: index([row(1, 'klip-1-a.md', 'In Discussion')], 2),
    });
    repo.push('feature');
    const pr = repo.pullRequest(7, 'feature');
    const workspace = repo.checkout('refs/pull/7/merge');
    git(workspace, 'remote', 'set-url', 'origin', join(repo.root, 'gone.git'));
    const api = await FakeGitHub.start();
    api
      .on('GET', /^\/repos\/o\/r\/git\/trees\/([0-9a-f]{40})$/, (request, match) => ({
        body: request.query.get('recursive')
          ? // Cut, as GitHub cuts a tree of more than 100,000 entries: the folder is not in it.
            { sha: match[1], truncated: true, tree: [] }
          : {
              sha: match[1],
              truncated: false,
              tree: git(repo.origin, 'ls-tree', '-z', match[1] as string)
                .split('\0')
                .filter(Boolean)
                .map((line) => {
                  const [meta, path] = line.split('\t') as [string, string];
                  const [mode, type, sha] = meta.split(' ');
                  return { path, mode, type, sha };
                }),
            },
      }))
      .on('GET', /^\/repos\/o\/r\/git\/blobs\/([0-9a-f]{40})$/, (_request, match) => ({
        body: {
          encoding: 'base64',
          content: Buffer.from(
            `${git(repo.origin, 'cat-file', 'blob', match[1] as string)}\n`,
          ).toString('base64'),
        },
      }))
      .paginated('GET', /^\/repos\/o\/r\/pulls\/7\/files$/, () => [
        { filename: `${D}/README.md`, status: 'modified' },
        { filename: `${D}/klip-1-a.md`, status: 'modified' },
      ]);
    try {
      const run = await runAction({
        workspace,
        event: 'pull_request',
        payload: { pull_request: { number: 7, base: { sha: pr.base }, head: { sha: pr.head } } },
        env: { GITHUB_SHA: pr.merge, GITHUB_REPOSITORY: 'o/r', GITHUB_API_URL: api.url },
        inputs: {
          token: 'test-token',
          rules: 'approvals-required: off\nnumber-collision: off\npr-title: off',
        },
      });
      expect(run.commands.map((command) => command.properties.title)).toContain(
        'status-transition',
      );
      expect(run.summary).toContain('it was read through the REST API instead');
      expect(run.code).toBe(1);
    } finally {
      await api.close();
    }
  });
});

describe('the CLI and a closed pipe', () => {
  it('ends quietly when the reader stops early (klip-lint --format json | head -1)', async () => {
    const root = tempDir();
    const files: Record<string, string> = {
      [`${D}/klip-template.md`]: TEMPLATE,
      [`${D}/README.md`]: index([], 400),
    };
    // Enough findings for a report far larger than a pipe's buffer.
    for (let n = 1; n < 400; n++) files[`${D}/klip-${n}-p.md`] = `# Proposal ${n}\n\nText.\n`;
    writeFiles(root, files);
    const child = spawn(process.execPath, [builtBundle('dist/cli/index.js'), '--format', 'json'], {
      cwd: root,
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).toBe('');
    expect(code).toBe(1);
  });
});
