import { index, klip, row, TEMPLATE } from './helpers/fixtures.js';
import { git, Repository } from './helpers/git.js';
import { runActionInProcess } from './helpers/in-process.js';
import { PullRequestApi } from './helpers/pr-api.js';
import type { ActionRun } from './helpers/run.js';

const D = 'design-proposals';

const metadata = (status: string, author = '**Author**') => [
  `${author}: Test Author | `,
  '**Release Target**: 1.0.0 | ',
  `**Status**: ${status} | `,
  '**Discussion**: https://github.com/example/repo/pull/1',
];

/** A proposal moved to an alias of Design Approved, with a field misnamed: two fixable findings. */
const BROKEN = {
  [`${D}/klip-1-a.md`]: klip({ number: 1, title: 'A', metadata: metadata('Approved', '**Authors**') }),
};
const FIXED = {
  [`${D}/klip-1-a.md`]: klip({ number: 1, title: 'A', metadata: metadata('Design Approved') }),
  [`${D}/README.md`]: index([row(1, 'klip-1-a.md', 'Design Approved'), row(2, null, 'Proposal')], 3),
};

class Scenario {
  readonly repo = new Repository({
    [`${D}/klip-template.md`]: TEMPLATE,
    [`${D}/README.md`]: index([row(1, 'klip-1-a.md', 'In Discussion'), row(2, null, 'Proposal')], 3),
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
    git(repo.work, 'push', '-q', 'origin', `+${head}:refs/pull/7/head`, `+${this.merge}:refs/pull/7/merge`);
    git(repo.work, 'checkout', '-q', 'feature');
    this.api.base = base;
    this.api.head = head;
  }

  run(inputs: Record<string, string> = {}, event = 'pull_request'): Promise<ActionRun> {
    return runActionInProcess({
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

describe('explore', () => {
  it('prints', async () => {
    const s = open(BROKEN);
    const run = await s.run();
    console.log(run.stdout, s.api.comments, s.api.reviewComments, s.api.requests.map((r) => `${r.method} ${r.path}`));
  });
});
