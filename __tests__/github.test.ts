import { FakeGitHub } from './helpers/api.js';
import { index, klip, row, TEMPLATE } from './helpers/fixtures.js';
import { Repository } from './helpers/git.js';
import { runAction, type ActionRun } from './helpers/run.js';

const D = 'design-proposals';

interface Scenario {
  /** Reviews as [user, state, which commit (1 = first, 2 = second)]. */
  reviews?: [string, string, 1 | 2][];
  roles?: Record<string, string>;
  /** Whether the second commit changes the proposal again (or an unrelated file). */
  secondTouchesKlip?: boolean;
  reviewsPerPage?: number;
  otherPulls?: {
    number: number;
    title: string;
    files: { filename: string; status: string; patch?: string }[];
  }[];
  title?: string;
  adds?: boolean;
  token?: string | null;
  /** Per path: replies served before the real answer, e.g. a 500 once. */
  failFirst?: Record<string, number>;
  failAlways?: Record<string, number>;
}

const rolesDefault: Record<string, string> = {
  alice: 'write',
  bob: 'maintain',
  carol: 'admin',
  dave: 'read',
  author: 'write',
};

async function run(scenario: Scenario): Promise<ActionRun & { api: FakeGitHub }> {
  const repo = new Repository({
    [`${D}/klip-template.md`]: TEMPLATE,
    [`${D}/README.md`]: index(
      [row(1, 'klip-1-a.md', 'In Discussion'), row(2, null, 'Proposal')],
      3,
    ),
    [`${D}/klip-1-a.md`]: klip({ number: 1, title: 'A' }),
    'notes.txt': 'x\n',
  });
  repo.branch('feature');
  const first = scenario.adds
    ? repo.commit({
        [`${D}/klip-2-b.md`]: klip({ number: 2, title: 'B', status: 'Merged' }),
        [`${D}/README.md`]: index(
          [row(1, 'klip-1-a.md', 'In Discussion'), row(2, 'klip-2-b.md', 'Merged')],
          3,
        ),
      })
    : repo.commit({
        [`${D}/klip-1-a.md`]: klip({ number: 1, title: 'A', status: 'Design Approved' }),
        [`${D}/README.md`]: index(
          [row(1, 'klip-1-a.md', 'Design Approved'), row(2, null, 'Proposal')],
          3,
        ),
      });
  const second = scenario.secondTouchesKlip
    ? repo.commit({
        [`${D}/klip-1-a.md`]: `${klip({ number: 1, title: 'A', status: 'Design Approved' })}\nOne more line.\n`,
      })
    : repo.commit({ 'notes.txt': 'y\n' });
  repo.push('feature');
  const pr = repo.pullRequest(7, 'feature');
  const commitOf = (n: 1 | 2) => (n === 1 ? first : second);

  const api = await FakeGitHub.start();
  const failures = new Map(Object.entries(scenario.failFirst ?? {}));
  const guard = (path: string) => {
    const always = Object.entries(scenario.failAlways ?? {}).find(([prefix]) =>
      path.startsWith(prefix),
    );
    if (always)
      return {
        status: always[1],
        body: {
          message: 'Resource not accessible by integration',
          documentation_url: 'https://docs.github.com/rest',
        },
      };
    const left = failures.get(path);
    if (left) {
      failures.set(path, left - 1);
      return { status: 500, body: { message: 'Server Error' } };
    }
    return null;
  };
  const reviews = (scenario.reviews ?? []).map(([user, state, commit], i) => ({
    id: i + 1,
    user: { login: user },
    state,
    commit_id: commitOf(commit),
    submitted_at: `2026-11-0${Math.min(9, i + 1)}T10:00:0${i % 10}Z`,
  }));
  api
    .on(
      'GET',
      /^\/repos\/o\/r\/pulls\/7$/,
      (request) =>
        guard(request.path) ?? {
          body: {
            number: 7,
            title: scenario.title ?? 'docs: klip-1: approve A',
            user: { login: 'author' },
            head: { sha: pr.head },
          },
        },
    )
    .paginated('GET', /^\/repos\/o\/r\/pulls\/7\/reviews$/, () => reviews, scenario.reviewsPerPage)
    .paginated('GET', /^\/repos\/o\/r\/pulls\/7\/commits$/, () => [{ sha: first }, { sha: second }])
    .on('GET', /^\/repos\/o\/r\/commits\/([0-9a-f]{40})$/, (_request, match) => ({
      body: {
        sha: match[1],
        files:
          match[1] === first
            ? [{ filename: `${D}/klip-1-a.md` }, { filename: `${D}/README.md` }]
            : [{ filename: scenario.secondTouchesKlip ? `${D}/klip-1-a.md` : 'notes.txt' }],
      },
    }))
    .on('GET', /^\/repos\/o\/r\/collaborators\/([^/]+)\/permission$/, (request, match) => {
      const failed = guard(request.path);
      if (failed) return failed;
      const role = (scenario.roles ?? rolesDefault)[match[1] as string] ?? 'none';
      const permission = role === 'maintain' ? 'write' : role === 'triage' ? 'read' : role;
      return { body: { permission, role_name: role, user: { login: match[1] } } };
    })
    .paginated('GET', /^\/repos\/o\/r\/collaborators$/, () =>
      Object.entries(scenario.roles ?? rolesDefault)
        .filter(([, role]) => ['admin', 'maintain', 'write'].includes(role))
        .map(([login]) => ({ login })),
    )
    .paginated('GET', /^\/repos\/o\/r\/pulls$/, () => [
      { number: 7, title: 'this one' },
      ...(scenario.otherPulls ?? []).map(({ number, title }) => ({ number, title })),
    ])
    .on('GET', /^\/repos\/o\/r\/pulls\/(\d+)\/files$/, (_request, match) => ({
      body: scenario.otherPulls?.find((pull) => pull.number === Number(match[1]))?.files ?? [],
    }));

  const result = await runAction({
    workspace: repo.checkout('refs/pull/7/merge'),
    event: 'pull_request',
    payload: { pull_request: { number: 7, base: { sha: pr.base }, head: { sha: pr.head } } },
    env: { GITHUB_SHA: pr.merge, GITHUB_REPOSITORY: 'o/r', GITHUB_API_URL: api.url },
    inputs: scenario.token === null ? {} : { token: scenario.token ?? 'test-token' },
  });
  await api.close();
  return { ...result, api };
}

const found = (result: ActionRun, rule: string) =>
  result.commands
    .filter((command) => command.properties.title === rule)
    .map((command) => command.message);

describe('approvals-required, against a GitHub API on 127.0.0.1', () => {
  it('passes with two approvals from writers, and lists them in the summary', async () => {
    const result = await run({
      reviews: [
        ['alice', 'APPROVED', 2],
        ['bob', 'APPROVED', 2],
      ],
    });
    expect(found(result, 'approvals-required')).toEqual([]);
    expect(result.code).toBe(0);
    expect(result.summary).toContain(
      'KLIP 1 at Design Approved: approved by alice, bob \\(2 of 2 needed from people with write access\\).',
    );
    expect(
      result.api.requests.some((request) => request.headers.authorization === 'token test-token'),
    ).toBe(true);
  });

  it('fails with a writer and a reader, and says one more writer is needed', async () => {
    const result = await run({
      reviews: [
        ['alice', 'APPROVED', 2],
        ['dave', 'APPROVED', 2],
      ],
    });
    expect(found(result, 'approvals-required')).toEqual([
      'KLIP 1 moves to "Design Approved", which needs 2 approvals from people with write access; it has 1 (alice). 1 more is needed, from a writer such as bob, carol. Not counted: dave (read access, not write).',
    ]);
    expect(result.code).toBe(1);
  });

  it('does not count an approval followed by a request for changes, nor the author', async () => {
    const result = await run({
      reviews: [
        ['alice', 'APPROVED', 2],
        ['bob', 'APPROVED', 2],
        ['bob', 'COMMENTED', 2],
        ['alice', 'CHANGES_REQUESTED', 2],
        ['author', 'APPROVED', 2],
      ],
    });
    expect(found(result, 'approvals-required')).toEqual([
      'KLIP 1 moves to "Design Approved", which needs 2 approvals from people with write access; it has 1 (bob). 1 more is needed, from a writer such as alice, carol. Not counted: author (the author).',
    ]);
  });

  it('does not count an approval given before the latest commit that changed the proposal', async () => {
    const stale = await run({
      reviews: [
        ['alice', 'APPROVED', 1],
        ['bob', 'APPROVED', 2],
      ],
      secondTouchesKlip: true,
    });
    expect(found(stale, 'approvals-required')[0]).toMatch(
      /it has 1 \(bob\)\..*Not counted: alice \(approved before the latest change to the proposal\)\.$/,
    );
    // A later commit that leaves the proposal alone does not make an approval stale.
    const fresh = await run({
      reviews: [
        ['alice', 'APPROVED', 1],
        ['bob', 'APPROVED', 2],
      ],
      secondTouchesKlip: false,
    });
    expect(found(fresh, 'approvals-required')).toEqual([]);
  });

  it('reads every page of reviews', async () => {
    const result = await run({
      reviews: [
        ['dave', 'COMMENTED', 1],
        ['dave', 'COMMENTED', 1],
        ['alice', 'APPROVED', 2],
        ['dave', 'COMMENTED', 2],
        ['carol', 'APPROVED', 2],
      ],
      reviewsPerPage: 2,
    });
    expect(found(result, 'approvals-required')).toEqual([]);
    const pages = result.api.requests
      .filter((request) => request.path.endsWith('/reviews'))
      .map((request) => request.query.get('page') ?? '1');
    expect(pages).toEqual(['1', '2', '3']);
  });

  it('judges a new proposal that arrives beyond In Discussion, instead of new-klip-status', async () => {
    const result = await run({
      adds: true,
      reviews: [['alice', 'APPROVED', 2]],
      title: 'docs: klip-2: B',
    });
    expect(found(result, 'approvals-required')[0]).toMatch(
      /^KLIP 2 arrives at "Merged", which needs 2 approvals/,
    );
    expect(found(result, 'new-klip-status')).toEqual([]);
  });

  it('warns, naming the permission and the skipped check, when the permission call answers 403', async () => {
    const result = await run({
      reviews: [['alice', 'APPROVED', 2]],
      failAlways: { '/repos/o/r/collaborators/': 403 },
    });
    const warnings = result.commands.filter(
      (command) => command.properties.title === 'klip-lint: GitHub checks skipped',
    );
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.message).toMatch(
      /^Skipped approvals-required: the token may not read what the check needs \(HTTP 403: .*\); give the workflow "permissions:" with pull-requests: read/,
    );
    expect(found(result, 'approvals-required')).toEqual([]);
    expect(result.code).toBe(0);
  });

  it('retries a 500 and then uses the answer', async () => {
    const result = await run({
      reviews: [['alice', 'APPROVED', 2]],
      failFirst: { '/repos/o/r/pulls/7': 1 },
    });
    expect(
      result.api.requests.filter((request) => request.path === '/repos/o/r/pulls/7'),
    ).toHaveLength(2);
    expect(found(result, 'approvals-required')[0]).toMatch(/it has 1 \(alice\)/);
  });

  it('warns and skips the checks when there is no token at all', async () => {
    const result = await run({ token: null });
    expect(
      result.commands
        .filter((command) => command.properties.title === 'klip-lint: GitHub checks skipped')
        .map((command) => command.message),
    ).toEqual([
      'klip-lint has no GitHub token, so approvals-required, number-collision, pr-title were skipped: pass "token: ${{ github.token }}" and give the job "permissions: pull-requests: read".',
    ]);
    expect(result.api.requests).toEqual([]);
    expect(result.code).toBe(0);
  });
});

describe('number-collision and pr-title', () => {
  it('fails when another open pull request claims the same number, naming it', async () => {
    const result = await run({
      adds: true,
      title: 'docs: klip-2: B',
      reviews: [
        ['alice', 'APPROVED', 2],
        ['bob', 'APPROVED', 2],
      ],
      otherPulls: [
        {
          number: 9,
          title: 'docs: klip-2: Something else',
          files: [{ filename: `${D}/klip-2-other.md`, status: 'added' }],
        },
        {
          number: 10,
          title: 'status update',
          files: [
            {
              filename: `${D}/README.md`,
              status: 'modified',
              patch:
                '-| [KLIP-1: A](klip-1-a.md) | In Discussion |\n+| [KLIP-1: A](klip-1-a.md) | Merged |',
            },
          ],
        },
      ],
    });
    expect(found(result, 'number-collision')).toEqual([
      'KLIP 2 is also claimed by open pull request #9 ("docs: klip-2: Something else"); two people must never hold one number: agree which keeps it, and reserve another for the other.',
    ]);
    expect(result.code).toBe(1);
  });

  it('checks the design PR title against the KLIP it adds', async () => {
    const result = await run({
      adds: true,
      title: 'Add proposal B',
      reviews: [
        ['alice', 'APPROVED', 2],
        ['bob', 'APPROVED', 2],
      ],
    });
    expect(found(result, 'pr-title')).toEqual([
      'A PR that adds a proposal is titled "docs: klip-<n>: <title>"; title it "docs: klip-2: B" (it is "Add proposal B").',
    ]);
    const wrong = await run({
      adds: true,
      title: 'docs: klip-3: B',
      reviews: [
        ['alice', 'APPROVED', 2],
        ['bob', 'APPROVED', 2],
      ],
    });
    expect(found(wrong, 'pr-title')).toEqual([
      'The PR title names klip-3, but the PR adds KLIP 2; title it "docs: klip-2: B".',
    ]);
    expect(wrong.code).toBe(0);
  });
});

describe('approval notes in the summary', () => {
  it('name ten approvers at most, and count the rest', async () => {
    const writers = Array.from({ length: 12 }, (_, i) => `writer${i + 1}`);
    const result = await run({
      reviews: writers.map((user) => [user, 'APPROVED', 2] as [string, string, 2]),
      roles: Object.fromEntries([...writers, 'author'].map((user) => [user, 'write'])),
    });
    expect(result.summary).toMatch(
      /KLIP 1 at Design Approved: approved by (writer\d+, ){9}writer\d+ and 2 more \\\(12 of 2 needed from people with write access\\\)\./,
    );
  });
});
