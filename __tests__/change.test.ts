import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { index, klip, row, TEMPLATE } from './helpers/fixtures.js';
import { git, Repository } from './helpers/git.js';
import { FakeGitHub } from './helpers/api.js';
import { runAction, runCli, type ActionRun } from './helpers/run.js';

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

function indexWith(rows: string[], next: number): string {
  return index(rows, next);
}

const ROWS = {
  1: (status = 'In Discussion') => row(1, 'klip-1-alpha.md', status),
  2: (status = 'Merged') => row(2, 'klip-2-beta.md', status),
  3: (status = 'Proposal', file: string | null = null) => row(3, file, status),
};

/** Opens a pull request with one commit of changes and runs the action on it as the runner does. */
async function pullRequest(
  change: (repo: Repository) => void,
  options: {
    files?: Record<string, string>;
    event?: 'pull_request' | 'pull_request_target';
    inputs?: Record<string, string>;
  } = {},
): Promise<ActionRun & { repo: Repository }> {
  const repo = new Repository(options.files ?? baseFiles());
  repo.branch('feature');
  change(repo);
  repo.push('feature');
  const pr = repo.pullRequest(7, 'feature');
  const event = options.event ?? 'pull_request';
  // pull_request checks out the merge commit; pull_request_target checks out the base branch.
  const workspace = repo.checkout(
    event === 'pull_request' ? 'refs/pull/7/merge' : 'refs/heads/main',
  );
  const run = await runAction({
    workspace,
    event,
    payload: {
      pull_request: {
        number: 7,
        base: { sha: pr.base, ref: 'main' },
        head: { sha: pr.head, ref: 'feature' },
      },
      repository: { default_branch: 'main' },
    },
    env: { GITHUB_SHA: event === 'pull_request' ? pr.merge : pr.base },
    inputs: options.inputs,
  });
  return { ...run, repo };
}

const annotations = (run: ActionRun) =>
  run.commands
    .filter(
      (command) =>
        ['error', 'warning', 'notice'].includes(command.command) &&
        command.properties.title &&
        !command.properties.title.startsWith('klip-lint'),
    )
    .map((command) => [
      command.command,
      command.properties.title,
      command.properties.file,
      Number(command.properties.line),
      command.message,
    ]);

const rules = (run: ActionRun) => annotations(run).map(([, rule]) => rule);

describe('a pull request, judged against its base in a depth-1 checkout', () => {
  it('accepts a legal transition and reports it in the outputs and summary', async () => {
    const run = await pullRequest((repo) => {
      repo.commit({
        [`${D}/klip-1-alpha.md`]: klip({ number: 1, title: 'Alpha', status: 'Design Approved' }),
        [`${D}/README.md`]: indexWith([ROWS[1]('Design Approved'), ROWS[2](), ROWS[3]()], 4),
      });
    });
    expect(annotations(run)).toEqual([]);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.outputs['status-changes'] as string)).toEqual([
      { klip: 1, file: `${D}/klip-1-alpha.md`, from: 'In Discussion', to: 'Design Approved' },
    ]);
    expect(JSON.parse(run.outputs['changed-klips'] as string)).toEqual([
      {
        klip: 1,
        file: `${D}/klip-1-alpha.md`,
        previousFile: null,
        change: 'modified',
        title: 'Alpha',
        statusBefore: 'In Discussion',
        statusAfter: 'Design Approved',
      },
    ]);
    expect(run.summary).toContain('## ✅ klip-lint: passed');
    expect(run.summary).toContain(
      '| 1 | Alpha | modified | In Discussion → Design Approved | ✅ clean |',
    );
  });

  it('fails a status that moves backwards, at the status line', async () => {
    const run = await pullRequest((repo) => {
      repo.commit({
        [`${D}/klip-2-beta.md`]: klip({ number: 2, title: 'Beta', status: 'In Discussion' }),
        [`${D}/README.md`]: indexWith([ROWS[1](), ROWS[2]('In Discussion'), ROWS[3]()], 4),
      });
    });
    expect(annotations(run)).toEqual([
      [
        'error',
        'status-transition',
        `${D}/klip-2-beta.md`,
        5,
        'The status moved from "Merged" to "In Discussion", out of an end state; "Merged" is final: write a new proposal instead.',
      ],
    ]);
    expect(run.code).toBe(1);
  });

  it('warns about a skipped step, and errs when a status moves back or leaves an end state', async () => {
    const skip = await pullRequest((repo) => {
      repo.commit({
        [`${D}/klip-1-alpha.md`]: klip({ number: 1, title: 'Alpha', status: 'Merged' }),
        [`${D}/README.md`]: indexWith([ROWS[1]('Merged'), ROWS[2](), ROWS[3]()], 4),
      });
    });
    expect(annotations(skip)).toEqual([
      [
        'warning',
        'status-skip',
        `${D}/klip-1-alpha.md`,
        5,
        'The status moved from "In Discussion" to "Merged", skipping "Design Approved" and "In Development".',
      ],
    ]);
    expect(skip.code).toBe(0);

    const files = baseFiles();
    files[`${D}/klip-1-alpha.md`] = klip({ number: 1, title: 'Alpha', status: 'In Development' });
    files[`${D}/README.md`] = indexWith([ROWS[1]('In Development'), ROWS[2](), ROWS[3]()], 4);
    const back = await pullRequest(
      (repo) => {
        repo.commit({
          [`${D}/klip-1-alpha.md`]: klip({ number: 1, title: 'Alpha', status: 'Design Approved' }),
          [`${D}/README.md`]: indexWith([ROWS[1]('Design Approved'), ROWS[2](), ROWS[3]()], 4),
        });
      },
      { files },
    );
    expect(annotations(back)).toEqual([
      [
        'error',
        'status-transition',
        `${D}/klip-1-alpha.md`,
        5,
        'The status moved backwards, from "In Development" to "Design Approved"; statuses only move forward.',
      ],
    ]);

    const leave = await pullRequest((repo) => {
      repo.commit({
        [`${D}/klip-2-beta.md`]: klip({ number: 2, title: 'Beta', status: 'Withdrawn' }),
        [`${D}/README.md`]: indexWith([ROWS[1](), ROWS[2]('Withdrawn'), ROWS[3]()], 4),
      });
    });
    expect(rules(leave)).toEqual(['status-transition']);
    expect(leave.code).toBe(1);
  });

  it('accepts a new proposal at In Discussion on a reserved number', async () => {
    const run = await pullRequest((repo) => {
      repo.commit({
        [`${D}/klip-3-gamma.md`]: klip({ number: 3, title: 'Gamma' }),
        [`${D}/README.md`]: indexWith(
          [ROWS[1](), ROWS[2](), ROWS[3]('Proposal', 'klip-3-gamma.md')],
          4,
        ),
      });
    });
    expect(annotations(run)).toEqual([]);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.outputs['changed-klips'] as string)[0]).toMatchObject({
      klip: 3,
      change: 'added',
      statusAfter: 'In Discussion',
    });
  });

  it('warns about a new proposal that arrives at Merged, and about an unreserved number', async () => {
    const run = await pullRequest((repo) => {
      repo.commit({
        [`${D}/klip-9-late.md`]: klip({ number: 9, title: 'Late', status: 'Merged' }),
        [`${D}/README.md`]: indexWith(
          [ROWS[1](), ROWS[2](), ROWS[3](), row(9, 'klip-9-late.md', 'Merged')],
          10,
        ),
      });
    });
    expect(annotations(run)).toEqual([
      [
        'warning',
        'number-unreserved',
        `${D}/klip-9-late.md`,
        1,
        'KLIP 9 was not reserved at the base: the index has no row for it and the next number was 4. Reserve it with an intent PR (an index row for KLIP 9 at "Proposal" and "Next KLIP number" raised to 10), or take the next number, 4.',
      ],
      [
        'warning',
        'new-klip-status',
        `${D}/klip-9-late.md`,
        5,
        'A new proposal starts at "In Discussion", and this one arrives at "Merged". Set its Status to "In Discussion" and let this PR be the design discussion, or, if this PR carries the discussion and the decision, collect the 2 approvals from people with write access that "Merged" needs on this PR before it is merged.',
      ],
    ]);
    expect(run.code).toBe(0);
  });

  it('follows a rename that keeps the number, and fails one that changes it', async () => {
    const keep = await pullRequest((repo) => {
      repo.rename(`${D}/klip-1-alpha.md`, `${D}/klip-1-alpha-renamed.md`);
      repo.commit({
        [`${D}/README.md`]: indexWith(
          [row(1, 'klip-1-alpha-renamed.md', 'In Discussion'), ROWS[2](), ROWS[3]()],
          4,
        ),
      });
    });
    expect(annotations(keep)).toEqual([]);
    expect(JSON.parse(keep.outputs['changed-klips'] as string)).toEqual([
      expect.objectContaining({
        klip: 1,
        change: 'renamed',
        file: `${D}/klip-1-alpha-renamed.md`,
        previousFile: `${D}/klip-1-alpha.md`,
      }),
    ]);

    const renumber = await pullRequest((repo) => {
      repo.rename(`${D}/klip-1-alpha.md`, `${D}/klip-3-alpha.md`);
      repo.commit({
        [`${D}/klip-3-alpha.md`]: klip({ number: 3, title: 'Alpha' }),
        [`${D}/README.md`]: indexWith([ROWS[2](), row(3, 'klip-3-alpha.md', 'In Discussion')], 4),
      });
    });
    expect(annotations(renumber)).toContainEqual([
      'error',
      'number-changed',
      `${D}/klip-3-alpha.md`,
      1,
      "The proposal's number changed from 1 to 3 (klip-1-alpha.md became klip-3-alpha.md); a proposal keeps the number it reserved.",
    ]);
    expect(renumber.code).toBe(1);
  });

  it('fails a deleted proposal', async () => {
    const run = await pullRequest((repo) => {
      repo.commit({ [`${D}/klip-2-beta.md`]: null });
    });
    expect(annotations(run)).toEqual([
      [
        'error',
        'klip-deleted',
        `${D}/README.md`,
        9,
        'klip-2-beta.md (KLIP 2) was deleted; proposals are kept: set its status to Withdrawn or Rejected instead.',
      ],
      [
        'warning',
        'index-link',
        `${D}/README.md`,
        9,
        'The row for KLIP 2 links to "klip-2-beta.md", which does not exist: add the file (its design PR does), fix the path if the file has another name, or drop the link until the design PR.',
      ],
    ]);
    expect(run.summary).toContain('| 2 | Beta | deleted | Merged → deleted | — |');
    expect(run.code).toBe(1);
  });

  it('checks an index-only change (an intent) with the index rules', async () => {
    const good = await pullRequest((repo) => {
      repo.commit({
        [`${D}/README.md`]: indexWith(
          [ROWS[1](), ROWS[2](), ROWS[3](), row(4, null, 'Proposal')],
          5,
        ),
      });
    });
    expect(annotations(good)).toEqual([]);
    expect(good.code).toBe(0);
    expect(good.summary).toContain('0 proposals changed');

    const bad = await pullRequest((repo) => {
      repo.commit({
        [`${D}/README.md`]: indexWith(
          [ROWS[1](), ROWS[2](), ROWS[3](), row(4, null, 'Proposal')],
          4,
        ),
      });
    });
    expect(annotations(bad)).toEqual([
      [
        'error',
        'index-next-number',
        `${D}/README.md`,
        3,
        '"Next KLIP number" is 4, but 4 is already reserved; it should be 5.',
      ],
    ]);
  });

  it("judges with the base's template, and says when the change edits it", async () => {
    const run = await pullRequest((repo) => {
      const sections = ['Motivation and background', 'Design'];
      const template = TEMPLATE.split('\n## What is in scope')[0] + '\n## Design\n\n_How._\n';
      repo.commit({
        [`${D}/klip-template.md`]: template,
        [`${D}/klip-1-alpha.md`]: klip({ number: 1, title: 'Alpha', sections }),
      });
    });
    const found = annotations(run);
    expect(found).toContainEqual([
      'notice',
      'template-changed',
      `${D}/klip-template.md`,
      1,
      "This change edits the template; this run checks with the base's template, and the new one applies after merge.",
    ]);
    // LOEs and Delivery Milestones is not required while a proposal is In Discussion.
    expect(found.filter(([, rule]) => rule === 'section-missing')).toHaveLength(8);
  });

  it('says that nothing needed checking when no proposal, index or template changed', async () => {
    const run = await pullRequest((repo) => {
      repo.commit({ 'src/app.txt': 'still unrelated\n' });
    });
    expect(annotations(run)).toEqual([]);
    expect(run.code).toBe(0);
    expect(run.summary).toContain('this change touches no proposal, the index or the template');
    expect(run.summary).toContain('Nothing needed checking.');
    expect(run.outputs).toMatchObject({
      errors: '0',
      warnings: '0',
      'changed-klips': '[]',
      'status-changes': '[]',
    });
  });

  it('annotates what a change introduces and lists what was already there', async () => {
    const files = baseFiles();
    files[`${D}/README.md`] = files[`${D}/README.md`]!.replace('| Merged |', '| Design Approved |');
    files[`${D}/klip-2-beta.md`] = klip({ number: 2, title: 'Beta', status: '_Accepted_' });
    const run = await pullRequest(
      (repo) => {
        const text = klip({
          number: 2,
          title: 'Beta',
          status: '_Accepted_',
          body: (name) => (name === 'Design' ? '' : 'More text.'),
        });
        repo.commit({ [`${D}/klip-2-beta.md`]: `\n\n${text}` });
      },
      { files },
    );
    // The status alias was there before (and moved two lines down): pre-existing, not annotated.
    expect(annotations(run)).toEqual([
      [
        'warning',
        'section-empty',
        `${D}/klip-2-beta.md`,
        32,
        'Section "Design" is empty; write it, or say why it does not apply.',
      ],
    ]);
    expect(run.summary).toContain('### Pre-existing findings (1)');
    expect(run.summary).toContain('<code>status-alias</code>');
    const report = JSON.parse(readFileSync(run.outputs.report as string, 'utf8'));
    expect(
      report.preExisting.map((finding: { ruleId: string; line: number }) => [
        finding.ruleId,
        finding.line,
      ]),
    ).toEqual([['status-alias', 7]]);

    const annotate = await pullRequest(
      (repo) => {
        repo.commit({
          [`${D}/klip-2-beta.md`]: `${klip({ number: 2, title: 'Beta', status: '_Accepted_' })}\nMore.\n`,
        });
      },
      { files, inputs: { 'pre-existing': 'fail', 'fail-on': 'warning' } },
    );
    expect(rules(annotate)).toEqual(['status-alias']);
    expect(annotate.code).toBe(1);
  });

  it('tells a new unused suppression from one the base used, though only some rules run at the base', async () => {
    const files = baseFiles();
    files[`${D}/README.md`] = files[`${D}/README.md`]!.replace('| Merged |', '| Design Approved |');
    const beta = (body?: (name: string) => string) =>
      klip({ number: 2, title: 'Beta', status: '_Accepted_', body }).replace(
        '**Status**',
        '<!-- klip-lint-disable-next-line status-alias -->\n**Status**',
      );
    files[`${D}/klip-2-beta.md`] = beta();
    const run = await pullRequest(
      (repo) => {
        const emptied = beta((name) => (name === 'Design' ? '' : 'Text.'));
        repo.commit({
          [`${D}/klip-2-beta.md`]: emptied.replace(
            '## Test plan',
            '<!-- klip-lint-disable-next-line section-empty -->\n## Test plan',
          ),
        });
      },
      { files },
    );
    // At the base the first comment suppresses the status alias, so that the new one, which
    // suppresses nothing, is new too: the base runs every rule when the head has such a finding.
    expect(annotations(run).map(([severity, rule]) => [severity, rule])).toEqual([
      ['warning', 'section-empty'],
      ['notice', 'suppression-unused'],
    ]);
    const report = JSON.parse(readFileSync(run.outputs.report as string, 'utf8'));
    expect(report.preExisting).toEqual([]);
  });

  it('handles file names with a space, quotes and non-ASCII letters', async () => {
    const odd = `klip-3-l'été "quoted" with space.md`;
    const run = await pullRequest((repo) => {
      repo.commit({
        [`${D}/${odd}`]: klip({ number: 3, title: 'Spaced', status: 'Design Approved' }),
        [`${D}/README.md`]: indexWith([ROWS[1](), ROWS[2](), ROWS[3]('Proposal', `<${odd}>`)], 4),
      });
    });
    expect(annotations(run).map(([, rule, file]) => [rule, file])).toEqual([
      ['filename-format', `${D}/${odd}`],
      ['new-klip-status', `${D}/${odd}`],
      ['index-status', `${D}/README.md`],
    ]);
    expect(JSON.parse(run.outputs['changed-klips'] as string)[0]).toMatchObject({
      file: `${D}/${odd}`,
      change: 'added',
    });
  });

  it('reads added files whose names look like options or pathspecs, the index left alone', async () => {
    // The head is read as the base plus the paths the diff names: those reach git as arguments.
    const names = [
      '-klip-4-dash.md',
      'klip-5-a*b.md',
      'klip-6-:(top)x.md',
      'klip-7-line\nbreak.md',
    ];
    const run = await pullRequest((repo) => {
      repo.commit(
        Object.fromEntries(
          names.map((name, i) => [`${D}/${name}`, klip({ number: 4 + i, title: `Odd ${i}` })]),
        ),
      );
    });
    const changed = JSON.parse(run.outputs['changed-klips'] as string) as { file: string }[];
    expect(changed.map((entry) => entry.file).sort()).toEqual(names.map((n) => `${D}/${n}`).sort());
    const missing = annotations(run).filter(([, rule]) => rule === 'index-missing');
    expect(missing.map(([, , file]) => file).sort()).toEqual(names.map((n) => `${D}/${n}`).sort());
  });

  it('works under pull_request_target from the base checkout, reading the head as git objects', async () => {
    const run = await pullRequest(
      (repo) => {
        repo.commit({
          [`${D}/klip-2-beta.md`]: klip({ number: 2, title: 'Beta', status: 'In Discussion' }),
          [`${D}/README.md`]: indexWith([ROWS[1](), ROWS[2]('In Discussion'), ROWS[3]()], 4),
        });
      },
      { event: 'pull_request_target' },
    );
    expect(rules(run)).toEqual(['status-transition']);
    // The work tree is the base's: the PR's files were never checked out.
    expect(readFileSync(join(run.workspace, D, 'klip-2-beta.md'), 'utf8')).toContain(
      '**Status**: Merged',
    );
  });

  it('fails with one clear error, never a stack trace, when the base cannot be fetched', async () => {
    const repo = new Repository(baseFiles());
    repo.branch('feature');
    repo.commit({
      [`${D}/klip-1-alpha.md`]: klip({ number: 1, title: 'Alpha', status: 'Design Approved' }),
    });
    repo.push('feature');
    const pr = repo.pullRequest(7, 'feature');
    const workspace = repo.checkout('refs/pull/7/merge');
    git(workspace, 'remote', 'set-url', 'origin', join(repo.root, 'gone.git'));
    const run = await runAction({
      workspace,
      event: 'pull_request',
      payload: {
        pull_request: { number: 7, base: { sha: '1'.repeat(40) }, head: { sha: pr.head } },
      },
      env: { GITHUB_SHA: pr.merge },
    });
    expect(run.code).toBe(1);
    expect(run.commands).toHaveLength(1);
    expect(run.commands[0]?.command).toBe('error');
    expect(run.commands[0]?.message).toMatch(
      /^klip-lint could not get the base to compare with \(the base 111111111111\): .*fetch-depth: 0\.$/,
    );
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('other events', () => {
  it('push: compares with the commit before, a new branch with the default branch, and survives a force push', async () => {
    const repo = new Repository(baseFiles());
    const before = repo.sha('refs/heads/main');
    repo.branch('main');
    const after = repo.commit({
      [`${D}/klip-2-beta.md`]: klip({ number: 2, title: 'Beta', status: 'In Discussion' }),
    });
    repo.push('main');
    const push = (payloadBefore: string, sha: string, ref = 'refs/heads/main') =>
      runAction({
        workspace: repo.checkout(ref),
        event: 'push',
        payload: { before: payloadBefore, after: sha, repository: { default_branch: 'main' } },
        env: { GITHUB_SHA: sha },
      });
    expect(rules(await push(before, after))).toEqual(['status-transition', 'index-status']);

    repo.branch('topic');
    const topic = repo.commit({
      [`${D}/klip-1-alpha.md`]: klip({ number: 1, title: 'Alpha', status: 'Merged' }),
    });
    repo.push('topic');
    const fresh = await push('0'.repeat(40), topic, 'refs/heads/topic');
    expect(rules(fresh)).toEqual(['status-skip', 'index-status']);
    expect(fresh.summary).toContain('A new branch: compared with the default branch main.');

    // A force push leaves "before" unreachable: compare with the default branch and say so.
    const gone = repo.commit({
      [`${D}/klip-1-alpha.md`]: klip({ number: 1, title: 'Alpha', status: 'Design Approved' }),
    });
    repo.push('scratch');
    git(repo.work, 'push', '-q', 'origin', ':refs/heads/scratch');
    git(repo.origin, 'gc', '-q', '--prune=now');
    const forced = await push(gone, topic, 'refs/heads/topic');
    expect(forced.code).toBe(0);
    expect(forced.summary.replace(/\\/g, '')).toMatch(
      /is no longer available \(a force push\?\); compared with the default branch main instead\./,
    );
  });

  it('merge_group: compares base_sha with head_sha', async () => {
    const repo = new Repository(baseFiles());
    const base = repo.sha('refs/heads/main');
    repo.branch('gh-readonly-queue/main/pr-7');
    const head = repo.commit({ [`${D}/klip-2-beta.md`]: null });
    repo.push('gh-readonly-queue/main/pr-7');
    const run = await runAction({
      workspace: repo.checkout('refs/heads/gh-readonly-queue/main/pr-7'),
      event: 'merge_group',
      payload: { merge_group: { base_sha: base, head_sha: head } },
      env: { GITHUB_SHA: head },
    });
    expect(rules(run)).toEqual(['klip-deleted', 'index-link']);
  });

  it('workflow_dispatch: everything without base-ref, the change since base-ref with it', async () => {
    const repo = new Repository(baseFiles());
    repo.branch('main');
    const sha = repo.commit({
      [`${D}/klip-1-alpha.md`]: klip({ number: 1, title: 'Alpha', status: 'Merged' }),
    });
    repo.push('release');
    const workspace = repo.checkout('refs/heads/release');
    const all = await runAction({
      workspace,
      event: 'workflow_dispatch',
      env: { GITHUB_SHA: sha },
    });
    expect(rules(all)).toEqual(['index-status']);
    expect(JSON.parse(readFileSync(all.outputs.report as string, 'utf8')).mode).toBe('full');
    const since = await runAction({
      workspace,
      event: 'workflow_dispatch',
      env: { GITHUB_SHA: sha },
      inputs: { 'base-ref': 'main' },
    });
    expect(rules(since)).toEqual(['status-skip', 'index-status']);
    expect(JSON.parse(readFileSync(since.outputs.report as string, 'utf8')).mode).toBe('change');
  });
});

describe('the CLI with --base', () => {
  it('judges the work tree, untracked files included, against the merge base', async () => {
    const repo = new Repository(baseFiles());
    repo.branch('feature');
    repo.commit({
      [`${D}/klip-1-alpha.md`]: klip({ number: 1, title: 'Alpha', status: 'Design Approved' }),
    });
    // Uncommitted and untracked changes count too.
    git(repo.work, 'rm', '-q', `${D}/klip-2-beta.md`);
    writeFileSync(
      join(repo.work, D, 'klip-3-gamma.md'),
      klip({ number: 3, title: 'Gamma', status: 'Merged' }),
    );
    const result = await runCli(['--base', 'origin/main'], repo.work);
    const lines = result.stdout.trim().split('\n');
    expect(lines.map((line) => /\[([a-z-]+)\]$/.exec(line)?.[1]).filter(Boolean)).toEqual([
      'new-klip-status',
      'index-status',
      'klip-deleted',
      'index-link',
      // The row reserved for KLIP 3 does not link the file the branch adds.
      'index-link',
      'index-status',
    ]);
    expect(lines).toContainEqual(
      expect.stringContaining(
        'The row for KLIP 3 does not link its proposal, klip-3-gamma.md; write [KLIP-3: Example](klip-3-gamma.md).',
      ),
    );
    expect(lines.at(-1)).toMatch(
      /^3 proposals changed since [0-9a-f]{12}: 1 error, 5 warnings, 0 notices\.$/,
    );
    expect(result.code).toBe(1);
  });
});

describe('the REST API fallback', () => {
  it('reads the change through the API when git cannot fetch the base', async () => {
    const repo = new Repository(baseFiles());
    repo.branch('feature');
    repo.commit({
      [`${D}/klip-2-beta.md`]: klip({ number: 2, title: 'Beta', status: 'In Discussion' }),
      [`${D}/README.md`]: indexWith([ROWS[1](), ROWS[2]('In Discussion'), ROWS[3]()], 4),
    });
    repo.push('feature');
    const pr = repo.pullRequest(7, 'feature');
    const workspace = repo.checkout('refs/pull/7/merge');
    git(workspace, 'remote', 'set-url', 'origin', join(repo.root, 'gone.git'));

    // Answers built from the real repository, shaped like GitHub's.
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
      .paginated(
        'GET',
        /^\/repos\/o\/r\/pulls\/7\/files$/,
        () => [
          { filename: `${D}/README.md`, status: 'modified' },
          { filename: `${D}/klip-2-beta.md`, status: 'modified' },
        ],
        1,
      );
    try {
      const run = await runAction({
        workspace,
        event: 'pull_request',
        payload: { pull_request: { number: 7, base: { sha: pr.base }, head: { sha: pr.head } } },
        env: { GITHUB_SHA: pr.merge, GITHUB_REPOSITORY: 'o/r', GITHUB_API_URL: api.url },
        inputs: { token: 'test-token' },
      });
      expect(rules(run)).toEqual(['status-transition']);
      expect(run.summary).toContain('it was read through the REST API instead');
      // Both pages of the PR's files were read, with the token.
      const files = api.requests.filter((request) => request.path.endsWith('/pulls/7/files'));
      expect(files.map((request) => request.query.get('page') ?? '1')).toEqual(['1', '2']);
      expect(files[0]?.headers.authorization).toBe('token test-token');
      expect(
        api.requests.some((request) => request.path === `/repos/o/r/git/trees/${pr.base}`),
      ).toBe(true);
    } finally {
      await api.close();
    }
  });
});

describe('a pull request that touches 300 proposals', () => {
  it('is judged, annotated within GitHub limits and summarised', async () => {
    const files: Record<string, string> = { [`${D}/klip-template.md`]: TEMPLATE };
    const rows: string[] = [];
    for (let n = 1; n <= 300; n++) {
      files[`${D}/klip-${n}-p.md`] = klip({ number: n, title: `P${n}` });
      rows.push(row(n, `klip-${n}-p.md`, 'In Discussion'));
    }
    files[`${D}/README.md`] = index(rows, 301);
    const repo = new Repository(files);
    repo.branch('feature');
    const moved: Record<string, string> = {};
    for (let n = 1; n <= 300; n++)
      moved[`${D}/klip-${n}-p.md`] = klip({ number: n, title: `P${n}`, status: 'Merged' });
    repo.commit(moved);
    repo.push('feature');
    const run = await repo.runPullRequest(7, 'feature');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.outputs['status-changes'] as string)).toHaveLength(300);
    expect(rules(run).filter((rule) => rule === 'status-skip')).toHaveLength(300);
    expect(run.summary).toContain('300 proposals changed');
    expect(run.summary).toMatch(
      /GitHub shows 10 annotations of each kind per step: \d+ warnings are not annotated/,
    );
    expect(Buffer.byteLength(run.summary)).toBeLessThan(1024 * 1024);
  });
});
