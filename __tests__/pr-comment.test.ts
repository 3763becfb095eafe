import { index, klip, row, TEMPLATE } from './helpers/fixtures.js';
import { git, Repository } from './helpers/git.js';
import { PullRequestApi } from './helpers/pr-api.js';
import { runAction, runBuiltAction, type ActionRun } from './helpers/run.js';

const D = 'design-proposals';

const metadata = (status: string, author = '**Author**') => [
  `${author}: Test Author | `,
  '**Release Target**: 1.0.0 | ',
  `**Status**: ${status} | `,
  '**Discussion**: https://github.com/example/repo/pull/1',
];

/** A proposal moved to an alias of Design Approved, with a field misnamed: two fixable findings. */
const BROKEN = {
  [`${D}/klip-1-a.md`]: klip({
    number: 1,
    title: 'A',
    metadata: metadata('Approved', '**Authors**'),
  }),
};
const FIXED = {
  [`${D}/klip-1-a.md`]: klip({ number: 1, title: 'A', metadata: metadata('Design Approved') }),
  [`${D}/README.md`]: index(
    [row(1, 'klip-1-a.md', 'Design Approved'), row(2, null, 'Proposal')],
    3,
  ),
};

class Scenario {
  readonly repo = new Repository({
    [`${D}/klip-template.md`]: TEMPLATE,
    [`${D}/README.md`]: index(
      [row(1, 'klip-1-a.md', 'In Discussion'), row(2, null, 'Proposal')],
      3,
    ),
    [`${D}/klip-1-a.md`]: klip({ number: 1, title: 'A', metadata: metadata('In Discussion') }),
  });
  merge = '';
  constructor(readonly api: PullRequestApi) {
    this.repo.branch('feature');
  }

  static open(api: PullRequestApi, files: Record<string, string>): Scenario {
    api.reset();
    const scenario = new Scenario(api);
    api.gitDir = scenario.repo.origin;
    scenario.push(files);
    return scenario;
  }

  /** A commit pushed to the PR's branch, and GitHub's refs for it made again. */
  push(files: Record<string, string>): void {
    const { repo } = this;
    git(repo.work, 'checkout', '-q', 'feature');
    repo.commit(files);
    repo.push('feature');
    const base = repo.sha('refs/heads/main');
    const head = repo.sha('refs/heads/feature');
    git(repo.work, 'checkout', '-q', '--detach', base);
    git(repo.work, 'merge', '-q', '--no-ff', '--no-edit', head);
    this.merge = git(repo.work, 'rev-parse', 'HEAD');
    git(
      repo.work,
      'push',
      '-q',
      'origin',
      `+${head}:refs/pull/7/head`,
      `+${this.merge}:refs/pull/7/merge`,
    );
    git(repo.work, 'checkout', '-q', 'feature');
    this.api.base = base;
    this.api.head = head;
  }

  /** In this process; `built`: as the runner does, `node dist/index.js` (after npm run build). */
  run(
    inputs: Record<string, string> = {},
    event = 'pull_request',
    built = false,
  ): Promise<ActionRun> {
    return (built ? runBuiltAction : runAction)({
      workspace: this.repo.checkout('refs/pull/7/merge'),
      event,
      payload: {
        pull_request: { number: 7, base: { sha: this.api.base }, head: { sha: this.api.head } },
      },
      env: {
        GITHUB_SHA: this.merge,
        GITHUB_REPOSITORY: 'o/r',
        GITHUB_API_URL: this.api.url,
        GITHUB_RUN_ID: '4242',
      },
      inputs: { token: 'test-token', ...inputs },
    });
  }
}

const api = new PullRequestApi();
beforeAll(() => api.serve());
afterAll(() => api.close());
const open = (files: Record<string, string>) => Scenario.open(api, files);

const annotations = (run: ActionRun) =>
  run.commands.filter((command) => command.properties.file !== undefined);

const ours = (scenario: Scenario) =>
  scenario.api.comments.filter((comment) => comment.body.startsWith('<!-- klip-lint -->'));

describe('one comment on the pull request, kept current', () => {
  it('comments once on a PR with findings, edits that comment on the next run, and says when all is clear', async () => {
    const pr = open(BROKEN);
    const first = await pr.run();
    expect(first.code).toBe(1);
    expect(ours(pr)).toHaveLength(1);
    const [comment] = ours(pr);
    const body = comment?.body ?? '';
    expect(body).toMatch(
      /^<!-- klip-lint -->\n❌ \*\*klip-lint fails:\*\* klip-lint found 1 error, 3 warnings/,
    );
    // Most important first, each linking its line at the head commit.
    expect(body.indexOf('approvals-required')).toBeLessThan(body.indexOf('metadata-format'));
    expect(body).toContain(
      `(https://github.com/o/r/blob/${pr.api.head}/design-proposals/klip-1-a.md#L3)`,
    );
    expect(body).toContain(
      'KLIP 1: In Discussion → **Design Approved**. Next: In Development, Rejected, Withdrawn, Superseded.',
    );
    expect(body).toContain(
      '0 of 2 approvals from writers; 2 more needed, from @alice, @bob, @carol, @erin.',
    );
    expect(body).toContain("[The run's full summary](https://github.com/o/r/actions/runs/4242)");
    // The index row is not a line the PR changed: its fix stays as text.
    expect(body).toMatch(/Fixes to make by hand[^]*README\.md:8.*index row of KLIP 1/);
    expect(pr.api.calls('POST', '/issues/7/comments')).toHaveLength(1);

    const second = await pr.run();
    expect(second.code).toBe(1);
    expect(pr.api.calls('POST', '/issues/7/comments')).toHaveLength(1);
    expect(pr.api.calls('PATCH', `/issues/comments/${comment?.id}`)).toHaveLength(1);
    expect(ours(pr)).toHaveLength(1);

    // The author fixes everything and two writers approve.
    pr.push(FIXED);
    pr.api.reviews.push(
      ...['alice', 'bob'].map((login, i) => ({
        id: 500 + i,
        user: { login },
        state: 'APPROVED',
        commit_id: pr.api.head,
        submitted_at: `2026-11-2${i + 1}T10:00:00Z`,
      })),
    );
    const third = await pr.run();
    expect(third.code).toBe(0);
    expect(annotations(third)).toEqual([]);
    expect(ours(pr)).toHaveLength(1);
    expect(ours(pr)[0]?.id).toBe(comment?.id);
    expect(ours(pr)[0]?.body).toMatch(
      /^<!-- klip-lint -->\n✅ \*\*klip-lint: all clear\.\*\* No findings that count\./,
    );
    expect(ours(pr)[0]?.body).not.toContain('Approvals needed');
    expect(pr.api.calls('POST', '/issues/7/comments')).toHaveLength(1);
    expect(pr.api.calls('PATCH', `/issues/comments/${comment?.id}`)).toHaveLength(2);
    expect(pr.api.requests.some((request) => request.method === 'DELETE')).toBe(false);
  });

  it('finds its comment on the third page of comments, and edits it rather than adding one', async () => {
    const pr = open(BROKEN);
    pr.api.perPage = 40;
    pr.api.comments = Array.from({ length: 95 }, (_, i) => ({
      id: i + 1,
      body: i === 90 ? '<!-- klip-lint -->\nold text' : `comment ${i} <!-- klip-lint -->`,
      user: { login: i === 90 ? 'github-actions[bot]' : 'someone' },
    }));
    await pr.run();
    expect(
      pr.api.calls('GET', '/issues/7/comments').map((r) => r.query.get('page') ?? '1'),
    ).toEqual(['1', '2', '3']);
    expect(pr.api.calls('POST', '/issues/7/comments')).toHaveLength(0);
    expect(pr.api.calls('PATCH', /\/issues\/comments\/91$/)).toHaveLength(1);
    expect(pr.api.comments[90]?.body).toContain('klip-lint fails');
    // Someone else's comment that only mentions the marker is left alone.
    expect(pr.api.comments[0]?.body).toBe('comment 0 <!-- klip-lint -->');
  });

  it('writes no comment when there is nothing to say, and none with comment: off', async () => {
    const clean = open({
      [`${D}/klip-1-a.md`]: `${klip({ number: 1, title: 'A', metadata: metadata('In Discussion') })}\nMore text.\n`,
    });
    const run = await clean.run();
    expect(run.code).toBe(0);
    expect(clean.api.comments).toEqual([]);
    const off = open(BROKEN);
    await off.run({ comment: 'off', suggestions: 'off' });
    expect(off.api.comments).toEqual([]);
    expect(off.api.requests.filter((request) => request.method !== 'GET')).toEqual([]);
  });

  it('comments on a status change alone, with the moves allowed next', async () => {
    const pr = open(FIXED);
    pr.api.reviews.push(
      ...['alice', 'carol'].map((login, i) => ({
        id: 600 + i,
        user: { login },
        state: 'APPROVED',
        commit_id: pr.api.head,
        submitted_at: `2026-11-2${i + 1}T10:00:00Z`,
      })),
    );
    const run = await pr.run({ 'request-reviewers': '2' });
    expect(run.code).toBe(0);
    const body = ours(pr)[0]?.body ?? '';
    expect(body).toContain('✅ **klip-lint: all clear.**');
    expect(body).toContain(
      'KLIP 1: In Discussion → **Design Approved**. Next: In Development, Rejected, Withdrawn, Superseded.',
    );
    expect(body).not.toContain('Approvals needed');
    expect(pr.api.calls('POST', '/pulls/7/requested_reviewers')).toEqual([]);
  });

  it('comments on pull_request_target and pull_request_review too', async () => {
    for (const event of ['pull_request_target', 'pull_request_review']) {
      const pr = open(BROKEN);
      await pr.run({}, event);
      expect(ours(pr)).toHaveLength(1);
    }
  });

  it('with a read-only token: the same exit code and annotations, and one notice that says what to grant', async () => {
    const writable = open(BROKEN);
    const normal = await writable.run();
    const pr = open(BROKEN);
    pr.api.readOnly = true;
    const run = await pr.run({ 'request-reviewers': '2' });
    expect(run.code).toBe(normal.code);
    expect(annotations(run)).toEqual(annotations(normal));
    const notices = run.commands.filter((command) => command.command === 'notice');
    expect(notices).toHaveLength(1);
    expect(notices[0]?.message).toMatch(
      /HTTP 403.*the verdict is unchanged\. To let it comment, suggest fixes and ask reviewers, grant the job "permissions: pull-requests: write"/,
    );
    expect(run.summary).toContain('permissions: pull-requests: write');
    expect(pr.api.comments).toEqual([]);
    expect(run.stderr).toBe('');
  });

  it('still comments when only the review is refused, with the fixes as text and one notice', async () => {
    const pr = open(BROKEN);
    pr.api.forbidReviews = true;
    const run = await pr.run();
    expect(run.code).toBe(1);
    expect(ours(pr)).toHaveLength(1);
    expect(ours(pr)[0]?.body).toMatch(/klip-1-a\.md:3[^\n]*\(GitHub did not take the suggestion\)/);
    const notices = run.commands.filter((command) => command.command === 'notice');
    expect(notices.map((notice) => notice.message)).toEqual([
      expect.stringMatching(/^klip-lint could not post a review on pull request #7 \(HTTP 403/),
    ]);
  });

  it('keeps the comment under 65,536 characters whatever the findings', async () => {
    const many = Array.from(
      { length: 40 },
      (_, i) => `**Field ${i} ${'x'.repeat(3000)}**: value <!-- klip-lint --> @someone`,
    );
    const pr = open({
      [`${D}/klip-1-a.md`]: klip({
        number: 1,
        title: 'A'.repeat(5000),
        metadata: [...metadata('Approved', '**Authors**'), ...many],
        sections: [],
      }),
    });
    await pr.run();
    const body = ours(pr)[0]?.body ?? '';
    expect(body.length).toBeGreaterThan(0);
    expect(body.length).toBeLessThan(65_536);
    // Text from the proposal can neither hide a marker nor mention anyone.
    expect(body.split('<!-- klip-lint -->')).toHaveLength(2);
    expect(body).not.toMatch(/@someone/);
  });
});

describe('suggested changes', () => {
  it('offers the fixes on changed lines as one COMMENT review of suggestion blocks inside the diff; a rerun adds none', async () => {
    const pr = open(BROKEN);
    await pr.run();
    const reviews = pr.api.calls('POST', '/pulls/7/reviews');
    expect(reviews).toHaveLength(1);
    const review = reviews[0]?.body as {
      event: string;
      commit_id: string;
      comments: { path: string; line: number; side: string; body: string }[];
    };
    expect(review.event).toBe('COMMENT');
    expect(review.commit_id).toBe(pr.api.head);
    expect(review.comments.map(({ path, line, side }) => ({ path, line, side }))).toEqual([
      { path: `${D}/klip-1-a.md`, line: 3, side: 'RIGHT' },
      { path: `${D}/klip-1-a.md`, line: 5, side: 'RIGHT' },
    ]);
    expect(review.comments[0]?.body).toMatch(
      /```suggestion\n\*\*Author\*\*: Test Author \| \n```$/,
    );
    expect(review.comments[1]?.body).toMatch(
      /```suggestion\n\*\*Status\*\*: Design Approved \| \n```$/,
    );
    expect(ours(pr)[0]?.body).toContain('2 fixes are offered as suggested changes');

    await pr.run();
    expect(pr.api.calls('POST', '/pulls/7/reviews')).toHaveLength(1);
    expect(pr.api.reviewComments).toHaveLength(2);
  });

  it('reads the changed lines from the local git diff when GitHub gives no patch', async () => {
    const pr = open(BROKEN);
    pr.api.noPatches = true;
    await pr.run();
    const review = pr.api.calls('POST', '/pulls/7/reviews')[0]?.body as {
      comments: { line: number }[];
    };
    expect(review.comments.map((comment) => comment.line)).toEqual([3, 5]);
    expect(pr.api.reviewComments).toHaveLength(2);
  });

  it('reads every page of review comments before suggesting', async () => {
    const pr = open(BROKEN);
    await pr.run();
    pr.api.reviewComments.unshift(
      ...Array.from({ length: 130 }, (_, i) => ({
        id: 5000 + i,
        body: `a reviewer's note ${i}`,
        path: `${D}/klip-1-a.md`,
        line: 1,
        start_line: null,
        user: { login: 'alice' },
      })),
    );
    pr.api.perPage = 50;
    await pr.run();
    expect(
      pr.api
        .calls('GET', '/pulls/7/comments')
        .slice(-3)
        .map((r) => r.query.get('page') ?? '1'),
    ).toEqual(['1', '2', '3']);
    expect(pr.api.calls('POST', '/pulls/7/reviews')).toHaveLength(1);
  });

  it('with suggestions: off, every fix stays as text in the comment', async () => {
    const pr = open(BROKEN);
    await pr.run({ suggestions: 'off' });
    expect(pr.api.calls('POST', '/pulls/7/reviews')).toEqual([]);
    const body = ours(pr)[0]?.body ?? '';
    expect(body).toMatch(
      /Fixes to make by hand[^]*klip-1-a\.md:3[^]*klip-1-a\.md:5[^]*README\.md:8/,
    );
  });

  it('when GitHub answers 422 (a line not in the diff), the fixes stay as text and the verdict is unchanged', async () => {
    const pr = open(BROKEN);
    pr.api.rejectReviews = true;
    const run = await pr.run();
    expect(run.code).toBe(1);
    expect(pr.api.calls('POST', '/pulls/7/reviews')).toHaveLength(1);
    const body = ours(pr)[0]?.body ?? '';
    expect(body).toContain('GitHub did not take the suggested changes (HTTP 422');
    expect(body).toMatch(/klip-1-a\.md:3[^\n]*\(GitHub did not take the suggestion\)/);
    expect(run.commands.filter((command) => command.command === 'notice')).toEqual([]);
  });
});

describe('approvals, actionable', () => {
  it('request-reviewers: 2 asks two writers who are neither the author nor earlier reviewers, once', async () => {
    const pr = open(BROKEN);
    pr.api.requested = ['bob'];
    pr.api.reviews.push({
      id: 1,
      user: { login: 'alice' },
      state: 'COMMENTED',
      commit_id: pr.api.head,
      submitted_at: '2026-11-10T10:00:00Z',
    });
    await pr.run({ 'request-reviewers': '2' });
    const asked = pr.api.calls('POST', '/pulls/7/requested_reviewers');
    expect(asked).toHaveLength(1);
    expect(asked[0]?.body).toEqual({ reviewers: ['carol', 'erin'] });
    // The next run finds them still asked: nobody more.
    await pr.run({ 'request-reviewers': '2' });
    expect(pr.api.calls('POST', '/pulls/7/requested_reviewers')).toHaveLength(1);
  });

  it("chooses from the configuration's reviewers who can write, when it lists some", async () => {
    const pr = open(BROKEN);
    // The configuration is read at the base: put it there.
    git(pr.repo.work, 'checkout', '-q', 'main');
    pr.repo.commit({ '.github/klip-lint.yml': 'reviewers: ["@dave", erin, author, alice]\n' });
    pr.repo.push('main');
    pr.push({ 'notes.txt': 'x\n' });
    await pr.run({ 'request-reviewers': '2' });
    expect(pr.api.calls('POST', '/pulls/7/requested_reviewers')[0]?.body).toEqual({
      reviewers: ['erin', 'alice'],
    });
    // dave cannot write: his approval would not count.
    expect(ours(pr)[0]?.body).toContain('2 more needed, from @erin, @alice.');
  });

  it('asks nobody by default', async () => {
    const pr = open(BROKEN);
    await pr.run();
    expect(pr.api.calls('POST', '/pulls/7/requested_reviewers')).toEqual([]);
  });
});

describe('end to end, as the runner runs node dist/index.js', () => {
  it('one comment and one review of suggestions; a rerun edits the comment and adds nothing; a read-only token only adds a notice', async () => {
    const pr = open(BROKEN);
    const first = await pr.run({}, 'pull_request', true);
    expect(first.code).toBe(1);
    expect(ours(pr)).toHaveLength(1);
    expect(pr.api.calls('POST', '/pulls/7/reviews')).toHaveLength(1);
    expect(pr.api.reviewComments.map((comment) => comment.line)).toEqual([3, 5]);
    const second = await pr.run({}, 'pull_request', true);
    expect(second.code).toBe(1);
    expect(annotations(second)).toEqual(annotations(first));
    expect(pr.api.calls('POST', '/issues/7/comments')).toHaveLength(1);
    expect(pr.api.calls('PATCH', `/issues/comments/${ours(pr)[0]?.id}`)).toHaveLength(1);
    expect(pr.api.calls('POST', '/pulls/7/reviews')).toHaveLength(1);

    const readOnly = open(BROKEN);
    readOnly.api.readOnly = true;
    const run = await readOnly.run({}, 'pull_request', true);
    expect(run.code).toBe(first.code);
    expect(annotations(run)).toEqual(annotations(first));
    expect(run.commands.filter((command) => command.command === 'notice')).toHaveLength(1);
    expect(run.summary).toContain('pull-requests: write');
  });
});
