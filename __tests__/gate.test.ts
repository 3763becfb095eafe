import { execFileSync } from 'node:child_process';
import fc from 'fast-check';
import { existsSync, mkdirSync, renameSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { index, klip, row, TEMPLATE } from './helpers/fixtures.js';
import { git, Repository } from './helpers/git.js';
import { FakeGitHub } from './helpers/api.js';
import { runAction, runBuiltAction, runCli, tempDir, type ActionRun } from './helpers/run.js';
import { planFor, EventError } from '../src/action/event.js';
import { Git } from '../src/sources/git.js';
import { isBranchName, isRevision, refNameProblem } from '../src/sources/revision.js';

const D = 'design-proposals';

function baseFiles(): Record<string, string> {
  return {
    [`${D}/klip-template.md`]: TEMPLATE,
    [`${D}/README.md`]: index(
      [
        row(1, 'klip-1-alpha.md', 'In Discussion'),
        row(2, 'klip-2-beta.md', 'Merged'),
        row(3, null, 'Proposal'),
      ],
      4,
    ),
    [`${D}/klip-1-alpha.md`]: klip({ number: 1, title: 'Alpha' }),
    [`${D}/klip-2-beta.md`]: klip({ number: 2, title: 'Beta', status: 'Merged' }),
    'src/app.txt': 'unrelated\n',
  };
}

const annotations = (run: ActionRun) =>
  run.commands
    .filter(
      (command) =>
        ['error', 'warning', 'notice'].includes(command.command) &&
        command.properties.title &&
        !command.properties.title.startsWith('klip-lint'),
    )
    .map((command) => [command.properties.title, command.properties.file, command.message]);

const rules = (run: ActionRun) => annotations(run).map(([rule]) => rule);

/** The one error a run that could not start ends with. */
function failure(run: ActionRun): string {
  expect(run.code).toBe(1);
  expect(run.stderr).not.toMatch(/\n\s+at /);
  expect(run.stdout).not.toMatch(/\n\s+at /);
  const errors = run.commands.filter((command) => command.command === 'error');
  expect(errors).toHaveLength(1);
  const message = errors[0]?.message ?? '';
  expect(message).not.toMatch(/internal error|report it as a klip-lint bug/i);
  return message;
}

/** Opens pull request 7 from a branch and runs the action on it as the runner would. */
async function pullRequest(
  change: (repo: Repository) => void,
  options: {
    event?: 'pull_request' | 'pull_request_target';
    /** Leave out the merge ref, as GitHub does for a pull request with a merge conflict. */
    noMergeRef?: boolean;
    /** Moves main on after the branch was cut (before the PR is opened). */
    mainMovesOn?: (repo: Repository) => void;
    workspace?: (workspace: string) => string;
    files?: Record<string, string>;
  } = {},
): Promise<ActionRun & { repo: Repository }> {
  const repo = new Repository({ ...baseFiles(), ...options.files });
  repo.branch('feature');
  change(repo);
  repo.push('feature');
  if (options.mainMovesOn) {
    repo.branch('main');
    options.mainMovesOn(repo);
    repo.push('main');
    git(repo.work, 'checkout', '-q', 'feature');
  }
  const event = options.event ?? 'pull_request';
  const base = repo.sha('refs/heads/main');
  const head = repo.sha('refs/heads/feature');
  let merge = base;
  if (!options.noMergeRef) merge = repo.pullRequest(7, 'feature').merge;
  const checkedOut = repo.checkout(
    event === 'pull_request' ? 'refs/pull/7/merge' : 'refs/heads/main',
  );
  const run = await runAction({
    workspace: options.workspace ? options.workspace(checkedOut) : checkedOut,
    event,
    payload: {
      pull_request: {
        number: 7,
        base: { sha: base, ref: 'main' },
        head: { sha: head, ref: 'feature' },
      },
      repository: { default_branch: 'main' },
    },
    env: { GITHUB_SHA: event === 'pull_request' ? merge : base },
  });
  return { ...run, repo };
}

describe('values that reach git are checked first and are never options', () => {
  const HOSTILE = (marker: string) => `--upload-pack=touch ${marker}`;

  /** A repository whose checkout would run what a hostile value holds, if git read it as an option. */
  function setup() {
    const repo = new Repository(baseFiles());
    repo.branch('feature');
    const head = repo.commit({ [`${D}/klip-2-beta.md`]: null });
    repo.push('feature');
    const pr = repo.pullRequest(7, 'feature');
    const marker = join(tempDir('klip-lint-marker-'), 'ran');
    return { repo, pr, head, marker, workspace: repo.checkout('refs/pull/7/merge') };
  }

  const cases: {
    field: RegExp;
    event: string;
    payload: (v: string, s: ReturnType<typeof setup>) => unknown;
    env?: (v: string, s: ReturnType<typeof setup>) => Record<string, string>;
    inputs?: (v: string) => Record<string, string>;
  }[] = [
    {
      field: /^pull_request\.base\.sha in the event file /,
      event: 'pull_request',
      payload: (v, { pr }) => ({
        pull_request: { number: 7, base: { sha: v }, head: { sha: pr.head } },
      }),
      env: (_, { pr }) => ({ GITHUB_SHA: pr.merge }),
    },
    {
      field: /^pull_request\.head\.sha in the event file /,
      event: 'pull_request_target',
      payload: (v, { pr }) => ({
        pull_request: { number: 7, base: { sha: pr.base }, head: { sha: v } },
      }),
    },
    {
      field: /^pull_request\.number in the event file .* is not a pull request number/,
      event: 'pull_request_target',
      payload: (v, { pr }) => ({
        pull_request: { number: v, base: { sha: pr.base }, head: { sha: pr.head } },
      }),
    },
    {
      field: /^pull_request\.base\.ref in the event file .* is not a branch name/,
      event: 'pull_request',
      payload: (v, { pr }) => ({
        pull_request: { number: 7, base: { sha: pr.base, ref: v }, head: { sha: pr.head } },
      }),
      env: (_, { pr }) => ({ GITHUB_SHA: pr.merge }),
    },
    {
      field: /^GITHUB_SHA is not a commit id/,
      event: 'pull_request',
      payload: (_, { pr }) => ({
        pull_request: { number: 7, base: { sha: pr.base }, head: { sha: pr.head } },
      }),
      env: (v) => ({ GITHUB_SHA: v }),
    },
    {
      field: /^pull_request\.head\.ref in the event file .* is not a branch name/,
      event: 'pull_request_target',
      payload: (v, { pr }) => ({
        pull_request: { number: 7, base: { sha: pr.base }, head: { sha: pr.head, ref: v } },
      }),
    },
    {
      field: /^GITHUB_REF is not a ref name/,
      event: 'pull_request',
      payload: (_, { pr }) => ({
        pull_request: { number: 7, base: { sha: pr.base }, head: { sha: pr.head } },
      }),
      env: (v, { pr }) => ({ GITHUB_SHA: pr.merge, GITHUB_REF: v }),
    },
    {
      field: /^ref in the event file .* is not a ref name/,
      event: 'push',
      payload: (v, { pr, head }) => ({ ref: v, before: pr.base, after: head }),
    },
    {
      field: /^merge_group\.head_ref in the event file .* is not a ref name/,
      event: 'merge_group',
      payload: (v, { pr, head }) => ({
        merge_group: { base_sha: pr.base, head_sha: head, head_ref: v },
      }),
    },
    {
      field: /^before in the event file .* is not a commit id/,
      event: 'push',
      payload: (v, { head }) => ({ before: v, after: head }),
      env: (_, { head }) => ({ GITHUB_SHA: head }),
    },
    {
      field: /^after in the event file .* is not a commit id/,
      event: 'push',
      payload: (v, { pr }) => ({ before: pr.base, after: v }),
    },
    {
      field: /^GITHUB_SHA is not a commit id/,
      event: 'push',
      payload: (_, { pr }) => ({ before: pr.base }),
      env: (v) => ({ GITHUB_SHA: v }),
    },
    {
      field: /^repository\.default_branch in the event file .* is not a branch name/,
      event: 'push',
      payload: (v, { head }) => ({
        before: '0'.repeat(40),
        after: head,
        repository: { default_branch: v },
      }),
      env: (_, { head }) => ({ GITHUB_SHA: head }),
    },
    {
      field: /^merge_group\.base_sha in the event file /,
      event: 'merge_group',
      payload: (v, { head }) => ({ merge_group: { base_sha: v, head_sha: head } }),
    },
    {
      field: /^merge_group\.head_sha in the event file /,
      event: 'merge_group',
      payload: (v, { pr }) => ({ merge_group: { base_sha: pr.base, head_sha: v } }),
    },
    {
      field: /^Input "base-ref" is not a branch name, a full ref or a commit id/,
      event: 'workflow_dispatch',
      payload: () => ({}),
      env: (_, { head }) => ({ GITHUB_SHA: head }),
      inputs: (v) => ({ 'base-ref': v }),
    },
  ];

  // One pull request for every case: each run is refused before git sees a value, and nothing
  // it leaves behind would change the next one's message. Each case has its own marker.
  let shared: ReturnType<typeof setup>;
  beforeAll(() => {
    shared = setup();
  });

  it.each(cases.map((c) => [c.event, c.field.source, c] as const))(
    '%s: %s',
    async (_event, _field, c) => {
      const s = { ...shared, marker: join(tempDir('klip-lint-marker-'), 'ran') };
      for (const value of [HOSTILE(s.marker), `refs/heads/x ${HOSTILE(s.marker)}`]) {
        const run = await runAction({
          workspace: s.workspace,
          event: c.event,
          payload: c.payload(value, s),
          env: c.env?.(value, s),
          inputs: c.inputs?.(value),
        });
        const message = failure(run);
        expect(message).toMatch(c.field);
        expect(message).toContain(JSON.stringify(value).slice(0, 40));
        expect(existsSync(s.marker)).toBe(false);
      }
    },
  );

  it('the CLI refuses a --base that is not a revision, and runs nothing', async () => {
    const repo = new Repository(baseFiles());
    repo.branch('feature');
    const marker = join(tempDir('klip-lint-marker-'), 'ran');
    for (const args of [
      [`--base=--upload-pack=touch ${marker}`],
      [`--base=--output=${marker}`],
      ['--base', 'main..HEAD'],
    ]) {
      const result = await runCli([D, ...args], repo.work);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/--base: ".*" is not a branch, tag or commit id/);
      expect(result.stderr).not.toMatch(/\n\s+at /);
      expect(existsSync(marker)).toBe(false);
    }
    // A branch, a remote branch, HEAD with steps back, a commit id: all still work.
    repo.commit({
      [`${D}/klip-1-alpha.md`]: klip({ number: 1, title: 'Alpha', status: 'Merged' }),
    });
    for (const base of ['main', 'origin/main', 'HEAD~1', repo.sha('refs/heads/main')]) {
      expect((await runCli([D, '--base', base], repo.work)).stdout).toContain('status-skip');
    }
  });

  it('a changed proposal made unreadable (too large, binary) fails the gate: its change cannot be judged', async () => {
    const repo = new Repository(baseFiles());
    repo.branch('feature');
    const merged = klip({ number: 1, title: 'Alpha', status: 'Merged' });
    for (const text of [merged + 'padding line\n'.repeat(90_000), `${merged}\u0000`]) {
      repo.commit({ [`${D}/klip-1-alpha.md`]: text });
      const result = await runCli([D, '--base', 'main'], repo.work);
      expect(result.code).toBe(1);
      expect(result.stdout).toMatch(
        /error The file was not checked: .* A proposal this change touches must be readable for its change .* \[file-unreadable\]/,
      );
    }
  });

  it('git is given no option from a value, whatever a caller passes', () => {
    const repo = new Repository(baseFiles());
    const workspace = repo.checkout('refs/heads/main');
    const marker = join(tempDir('klip-lint-marker-'), 'ran');
    const value = `--upload-pack=touch ${marker}`;
    const gitHere = new Git(workspace);
    expect(() => gitHere.fetch(value)).toThrow(/is not a revision/);
    expect(() => gitHere.fetchAt(5, ['HEAD', value])).toThrow(/is not a revision/);
    expect(gitHere.resolve(value)).toBeNull();
    expect(gitHere.hasCommit(value)).toBe(false);
    expect(gitHere.mergeBase(value, 'HEAD')).toBeNull();
    expect(gitHere.listFolder(value, D)).toEqual([]);
    expect(() => gitHere.diff(value, null, '')).toThrow(/is not a revision/);
    expect(existsSync(marker)).toBe(false);
    // A ref that git would read as an option is named after --end-of-options all the same.
    expect(gitHere.resolve('HEAD')).toMatch(/^[0-9a-f]{40}$/);
  });

  it("checks ref names by git's own rules", () => {
    const names = [
      'main',
      'feature/x',
      'release-1.0',
      'a/b.c',
      'ünïcode',
      'with space',
      'a..b',
      'a/.b',
      'a.lock',
      'a/b.lock/c',
      'end.',
      'end/',
      '/start',
      'a//b',
      'a@{b',
      '@',
      'a~1',
      'a^',
      'a:b',
      'a?',
      'a*',
      'a[b',
      'a\\b',
      'tab\there',
      'del\u007f',
      '.hidden',
      'x/-y',
      'a@b',
    ];
    for (const name of names) {
      const full = `refs/heads/${name}`;
      let valid = true;
      try {
        execFileSync('git', ['check-ref-format', full], { stdio: 'ignore' });
      } catch {
        valid = false;
      }
      expect([name, refNameProblem(full) === null]).toEqual([name, valid]);
    }
    // Random names from the characters the rules are about agree with git too.
    const alphabet = [
      'a',
      'b',
      '/',
      '.',
      '@',
      '{',
      '-',
      '~',
      '^',
      ':',
      '?',
      '*',
      '[',
      '\\',
      ' ',
      '\t',
      'lock',
      'é',
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...alphabet), { maxLength: 10 }), (parts) => {
        const full = `refs/heads/${parts.join('')}`;
        let valid = true;
        try {
          execFileSync('git', ['check-ref-format', full], { stdio: 'ignore' });
        } catch {
          valid = false;
        }
        expect([full, refNameProblem(full) === null]).toEqual([full, valid]);
      }),
      { numRuns: 150 },
    );
    expect(isBranchName('-x')).toBe(false);
    expect(isBranchName('HEAD')).toBe(false);
    expect(isRevision('HEAD~2^1')).toBe(true);
    expect(isRevision('-x')).toBe(false);
  });
});

describe('the event file', () => {
  // One checkout for every run: the event file is read, and refused, before git is asked anything.
  let workspace: string;
  beforeAll(() => {
    workspace = new Repository(baseFiles()).checkout('refs/heads/main');
  });

  async function run(text: string | null, event = 'pull_request', action = runAction) {
    const runner = tempDir('klip-lint-event-');
    const file = join(runner, 'event.json');
    if (text !== null) writeFileSync(file, text);
    const result = await action({ workspace, event, env: { GITHUB_EVENT_PATH: file } });
    return { message: failure(result), file };
  }

  it.each([
    [
      'not JSON',
      '{"pull_request": ',
      /^The event file (\S+) is not JSON \(.*\)\. GitHub Actions writes this file/,
    ],
    ['empty', '', /^The event file (\S+) is not JSON/],
    ['null', 'null', /^The event file (\S+) holds null, not a JSON object\./],
    ['an array', '[1]', /^The event file (\S+) holds an array, not a JSON object\./],
    [
      'a numeric base.sha',
      '{"pull_request": {"number": 7, "base": {"sha": 123}, "head": {"sha": "' +
        'a'.repeat(40) +
        '"}}}',
      /^pull_request\.base\.sha in the event file (\S+) is not a commit id \(40 or 64 hex digits\): a number \(123\)\./,
    ],
    [
      'a missing base.sha',
      '{"pull_request": {"number": 7, "base": {}, "head": {"sha": "' + 'a'.repeat(40) + '"}}}',
      /^pull_request\.base\.sha is missing from the event file (\S+), which a pull_request event has\./,
    ],
    [
      'a pull_request that is a string',
      '{"pull_request": "seven"}',
      /^pull_request in the event file (\S+) is not an object: "seven"\./,
    ],
    ['no pull_request at all', '{}', /^pull_request\.number is missing from the event file (\S+)/],
    [
      'a short commit id',
      '{"pull_request": {"number": 7, "base": {"sha": "abc123"}, "head": {"sha": "' +
        'a'.repeat(40) +
        '"}}}',
      /^pull_request\.base\.sha in the event file (\S+) is not a commit id \(40 or 64 hex digits\): "abc123"\./,
    ],
    [
      'a number of -1',
      '{"pull_request": {"number": -1}}',
      /^pull_request\.number in the event file (\S+) is not a pull request number/,
    ],
  ])('%s: says which file and field, and what to do', async (_, text, expected) => {
    const { message, file } = await run(text);
    expect(message).toMatch(expected);
    expect(message).toContain(file);
    expect(message).toMatch(/GitHub Actions writes this file \(GITHUB_EVENT_PATH\)/);
  });

  it('push and merge_group: missing or wrong fields are named too', async () => {
    expect((await run('{"after": "' + 'b'.repeat(40) + '"}', 'push')).message).toMatch(
      /^before is missing from the event file \S+, which a push event has\./,
    );
    expect(
      (await run(`{"before": "${'0'.repeat(40)}", "after": "${'b'.repeat(40)}"}`, 'push')).message,
    ).toMatch(
      /^repository\.default_branch is missing from the event file \S+, which a push event has\./,
    );
    expect((await run('{"merge_group": {"base_sha": true}}', 'merge_group')).message).toMatch(
      /^merge_group\.base_sha in the event file \S+ is not a commit id \(40 or 64 hex digits\): a boolean \(true\)\./,
    );
  });

  it('a missing file is named', async () => {
    // The built action: under jest, Node's errors are of another realm than the sources' Error.
    const { message, file } = await run(null, 'pull_request', runBuiltAction);
    expect(message).toMatch(/^Could not read the event file (\S+) \(GITHUB_EVENT_PATH\): ENOENT/);
    expect(message).toContain(file);
  });

  it('planFor is pure and throws EventError for every kind of bad payload', () => {
    const sha = 'c'.repeat(64);
    expect(() => planFor('pull_request', null, {})).toThrow(EventError);
    expect(() => planFor('push', 'text', {})).toThrow(EventError);
    // 64-hex ids (SHA-256 repositories) are commit ids.
    expect(
      planFor('merge_group', { merge_group: { base_sha: sha, head_sha: sha.toUpperCase() } }, {}),
    ).toMatchObject({ kind: 'compare', base: { sha }, head: [{ sha }] });
  });
});

describe('the comparison cannot be sidestepped', () => {
  const deleted = (run: ActionRun) => annotations(run).filter(([rule]) => rule === 'klip-deleted');

  it('a proposal that changes its extension counts as deleted', async () => {
    const run = await pullRequest((repo) => {
      repo.rename(`${D}/klip-2-beta.md`, `${D}/klip-2-beta.md.txt`);
    });
    expect(deleted(run)).toEqual([
      [
        'klip-deleted',
        `${D}/README.md`,
        `klip-2-beta.md (KLIP 2) was moved to ${D}/klip-2-beta.md.txt, where it is no longer a proposal; proposals stay in the folder as klip-<number>-<slug>.md: move it back, and set its status to Withdrawn or Rejected to retire it.`,
      ],
    ]);
    expect(run.code).toBe(1);
  });

  it('a proposal moved into a sub-folder or out of the folder counts as deleted', async () => {
    for (const target of [`${D}/archive/klip-2-beta.md`, 'elsewhere/klip-2-beta.md']) {
      const run = await pullRequest((repo) => {
        mkdirSync(join(repo.work, target, '..'), { recursive: true });
        repo.rename(`${D}/klip-2-beta.md`, target);
      });
      expect(deleted(run).map(([, , message]) => message)).toEqual([
        expect.stringContaining(`was moved to ${target}, where it is no longer a proposal`),
      ]);
      expect(run.code).toBe(1);
    }
  });

  it('a proposal replaced by a symbolic link counts as deleted', async () => {
    const run = await pullRequest((repo) => {
      git(repo.work, 'rm', '-q', `${D}/klip-2-beta.md`);
      writeFileSync(join(repo.work, 'elsewhere.md'), klip({ number: 2, title: 'Beta' }));
      symlinkSync('../elsewhere.md', join(repo.work, D, 'klip-2-beta.md'));
      repo.commit({});
    });
    expect(deleted(run)).toEqual([
      [
        'klip-deleted',
        `${D}/README.md`,
        'klip-2-beta.md (KLIP 2) was replaced by a symbolic link or a submodule, which is not a proposal: keep the proposal a file in the folder, and set its status to Withdrawn or Rejected to retire it.',
      ],
    ]);
    expect(run.code).toBe(1);
  });

  it('is not a deletion when the same number is still a proposal', async () => {
    const run = await pullRequest((repo) => {
      repo.rename(`${D}/klip-2-beta.md`, `${D}/klip-2-beta.md.txt`);
      repo.commit({
        [`${D}/klip-2-beta-kept.md`]: klip({ number: 2, title: 'Beta', status: 'Merged' }),
      });
    });
    expect(deleted(run)).toEqual([]);
    expect(JSON.parse(run.outputs['changed-klips'] as string)).toEqual([
      expect.objectContaining({ klip: 2, change: 'renamed', file: `${D}/klip-2-beta-kept.md` }),
    ]);
  });

  it('is not a deletion when another proposal at the base already held the number', async () => {
    const run = await pullRequest(
      (repo) => {
        repo.commit({ [`${D}/klip-2-beta.md`]: null });
      },
      {
        files: {
          [`${D}/klip-2-beta-copy.md`]: klip({ number: 2, title: 'Beta', status: 'Merged' }),
        },
      },
    );
    expect(deleted(run)).toEqual([]);
  });

  it('a proposal moved into the folder is judged as a new one', async () => {
    const run = await pullRequest(
      (repo) => {
        repo.rename('drafts/klip-3-gamma.md', `${D}/klip-3-gamma.md`);
      },
      {
        files: { 'drafts/klip-3-gamma.md': klip({ number: 3, title: 'Gamma', status: 'Merged' }) },
      },
    );
    expect(rules(run)).toContain('new-klip-status');
    expect(JSON.parse(run.outputs['changed-klips'] as string)).toEqual([
      expect.objectContaining({ klip: 3, change: 'added', file: `${D}/klip-3-gamma.md` }),
    ]);
  });

  it('the proposals folder replaced by a link is an error', async () => {
    const run = await pullRequest((repo) => {
      renameSync(join(repo.work, D), join(repo.work, 'real'));
      symlinkSync('real', join(repo.work, D));
      writeFileSync(
        join(repo.work, 'real', 'klip-1-alpha.md'),
        klip({ number: 1, title: 'Alpha', status: 'Merged' }),
      );
      repo.commit({});
    });
    const errors = deleted(run);
    expect(errors).toContainEqual([
      'klip-deleted',
      D,
      `The proposals folder ${D} became a symbolic link: klip-lint checks the repository's own files only, so its proposals count as deleted. Keep the proposals in the folder itself.`,
    ]);
    expect(errors.length).toBeGreaterThanOrEqual(3);
    expect(run.code).toBe(1);
  });

  it('without a merge ref, a head that is a merge commit is compared from the merge base, not its own parent', async () => {
    const run = await pullRequest(
      (repo) => {
        // The branch moves KLIP 2 back, then merges main (which gained KLIP 3) into itself.
        repo.commit({
          [`${D}/klip-2-beta.md`]: klip({ number: 2, title: 'Beta', status: 'In Discussion' }),
        });
        repo.push('feature');
        repo.branch('main');
        repo.commit({
          [`${D}/klip-3-gamma.md`]: klip({ number: 3, title: 'Gamma' }),
          [`${D}/README.md`]: index(
            [
              row(1, 'klip-1-alpha.md', 'In Discussion'),
              row(2, 'klip-2-beta.md', 'Merged'),
              row(3, 'klip-3-gamma.md', 'In Discussion'),
            ],
            4,
          ),
        });
        repo.push('main');
        git(repo.work, 'checkout', '-q', 'feature');
        git(repo.work, 'merge', '-q', '--no-ff', '--no-edit', 'origin/main');
      },
      { event: 'pull_request_target', noMergeRef: true },
    );
    expect(rules(run)).toContain('status-transition');
    expect(rules(run)).not.toContain('klip-deleted');
    expect(run.summary).toContain("The pull request's merge commit could not be used");
    expect(run.code).toBe(1);
  });

  it('without a merge ref, proposals main gained since the branch left it are not deleted', async () => {
    const run = await pullRequest(
      (repo) => {
        repo.commit({
          [`${D}/klip-1-alpha.md`]: klip({
            number: 1,
            title: 'Alpha',
            author: 'Someone Else (@else)',
          }),
        });
      },
      {
        event: 'pull_request_target',
        noMergeRef: true,
        mainMovesOn: (repo) => {
          repo.commitMany(
            'src/app.txt',
            Array.from({ length: 70 }, (_, i) => `version ${i}\n`),
          );
          repo.commit({
            [`${D}/klip-3-gamma.md`]: klip({ number: 3, title: 'Gamma' }),
            [`${D}/README.md`]: index(
              [
                row(1, 'klip-1-alpha.md', 'In Discussion'),
                row(2, 'klip-2-beta.md', 'Merged'),
                row(3, 'klip-3-gamma.md', 'In Discussion'),
              ],
              4,
            ),
          });
        },
      },
    );
    expect(annotations(run)).toEqual([]);
    expect(JSON.parse(run.outputs['changed-klips'] as string)).toEqual([
      expect.objectContaining({ klip: 1, change: 'modified' }),
    ]);
    expect(run.code).toBe(0);
  });

  it('a merge ref left from an older head is not used', async () => {
    const repo = new Repository(baseFiles());
    repo.branch('feature');
    repo.commit({
      [`${D}/klip-1-alpha.md`]: klip({ number: 1, title: 'Alpha', author: 'B (@b)' }),
    });
    repo.push('feature');
    repo.pullRequest(7, 'feature');
    // A new head that GitHub has not merged yet: it deletes a proposal.
    const head = repo.commit({ [`${D}/klip-2-beta.md`]: null });
    repo.push('feature');
    const run = await runAction({
      workspace: repo.checkout('refs/heads/main'),
      event: 'pull_request_target',
      payload: {
        pull_request: {
          number: 7,
          base: { sha: repo.sha('refs/heads/main') },
          head: { sha: head },
        },
      },
      env: { GITHUB_SHA: repo.sha('refs/heads/main') },
    });
    expect(rules(run)).toContain('klip-deleted');
    expect(run.code).toBe(1);
  });

  it('a new branch cut before main moved on is compared from where it left main', async () => {
    const repo = new Repository(baseFiles());
    repo.branch('topic');
    const topic = repo.commit({
      [`${D}/klip-1-alpha.md`]: klip({ number: 1, title: 'Alpha', author: 'C (@c)' }),
    });
    repo.push('topic');
    repo.branch('main');
    repo.commitMany(
      'src/app.txt',
      Array.from({ length: 70 }, (_, i) => `v${i}\n`),
    );
    repo.commit({
      [`${D}/klip-3-gamma.md`]: klip({ number: 3, title: 'Gamma' }),
      [`${D}/README.md`]: index(
        [
          row(1, 'klip-1-alpha.md', 'In Discussion'),
          row(2, 'klip-2-beta.md', 'Merged'),
          row(3, 'klip-3-gamma.md', 'In Discussion'),
        ],
        4,
      ),
    });
    repo.push('main');
    const run = await runAction({
      workspace: repo.checkout('refs/heads/topic'),
      event: 'push',
      payload: { before: '0'.repeat(40), after: topic, repository: { default_branch: 'main' } },
      env: { GITHUB_SHA: topic },
    });
    expect(annotations(run)).toEqual([]);
    expect(JSON.parse(run.outputs['changed-klips'] as string)).toEqual([
      expect.objectContaining({ klip: 1, change: 'modified' }),
    ]);
    expect(run.code).toBe(0);
  });

  it('finds the repository root with git when GITHUB_WORKSPACE names a sub-folder', async () => {
    const run = await pullRequest(
      (repo) => {
        repo.commit({
          [`${D}/klip-2-beta.md`]: klip({ number: 2, title: 'Beta', status: 'In Discussion' }),
        });
      },
      { workspace: (checkout) => join(checkout, 'src') },
    );
    expect(rules(run)).toContain('status-transition');
    expect(run.summary).not.toContain('nothing needed checking');
    expect(run.code).toBe(1);
  });
});

describe('the REST API fallback', () => {
  it('compares a head that is not a merge commit from the merge base the compare API names', async () => {
    const repo = new Repository(baseFiles());
    repo.branch('feature');
    const head = repo.commit({
      [`${D}/klip-1-alpha.md`]: klip({ number: 1, title: 'Alpha', author: 'D (@d)' }),
    });
    repo.push('feature');
    const fork = repo.sha('refs/heads/main');
    // Main moves KLIP 1 on after the branch left: the branch did not move it back.
    repo.branch('main');
    repo.commit({
      [`${D}/klip-1-alpha.md`]: klip({ number: 1, title: 'Alpha', status: 'Design Approved' }),
    });
    const tip = repo.push('main');
    const workspace = repo.checkout('refs/heads/main');
    git(workspace, 'remote', 'set-url', 'origin', join(repo.root, 'gone.git'));

    const api = await FakeGitHub.start();
    api
      .on('GET', /^\/repos\/o\/r\/git\/trees\/([0-9a-f]{40})$/, (_request, match) => ({
        body: {
          sha: match[1],
          truncated: false,
          tree: git(repo.origin, 'ls-tree', '-r', '-z', match[1] as string)
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
          sha: match[1],
          encoding: 'base64',
          content: Buffer.from(
            git(repo.origin, 'cat-file', 'blob', match[1] as string) + '\n',
          ).toString('base64'),
        },
      }))
      .on('GET', /^\/repos\/o\/r\/compare\/([0-9a-f]{40})\.\.\.([0-9a-f]{40})$/, (_r, match) => ({
        body: {
          merge_base_commit: { sha: git(repo.origin, 'merge-base', match[1]!, match[2]!) },
          files: [],
        },
      }))
      .paginated('GET', /^\/repos\/o\/r\/pulls\/7\/files$/, () => [
        { filename: `${D}/klip-1-alpha.md`, status: 'modified' },
      ]);
    try {
      const run = await runAction({
        workspace,
        event: 'pull_request_target',
        payload: { pull_request: { number: 7, base: { sha: tip }, head: { sha: head } } },
        env: { GITHUB_SHA: tip, GITHUB_REPOSITORY: 'o/r', GITHUB_API_URL: api.url },
        inputs: { token: 'test-token' },
      });
      expect(run.summary).toContain('it was read through the REST API instead');
      expect(rules(run)).toEqual([]);
      expect(api.requests.some((r) => r.path === `/repos/o/r/git/trees/${fork}`)).toBe(true);
      expect(api.requests.some((r) => r.path === `/repos/o/r/git/trees/${tip}`)).toBe(false);
    } finally {
      await api.close();
    }
  });
});
