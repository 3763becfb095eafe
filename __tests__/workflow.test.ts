import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { index, klip, lintFolder, only, row, SECTIONS, TEMPLATE } from './helpers/fixtures.js';
import { Repository } from './helpers/git.js';
import { ROOT, runAction, runCli, tempDir, writeFiles } from './helpers/run.js';

const D = 'design-proposals';

function folder(files: Record<string, string>): string {
  const root = tempDir();
  writeFiles(
    root,
    Object.fromEntries(
      Object.entries(files).map(([name, text]) => [
        name.startsWith('.') ? name : `${D}/${name}`,
        text,
      ]),
    ),
  );
  return root;
}

const snapshot = (root: string) =>
  Object.fromEntries(
    readdirSync(join(root, D)).map((name) => [name, readFileSync(join(root, D, name))]),
  );

describe('inline suppression', () => {
  it('disables a rule for the next line, for a range, and reports a suppression that does nothing', () => {
    const text = klip({
      metadata: [
        '**Author**: A |',
        '<!-- klip-lint-disable-next-line status-alias -->',
        '**Status**: _Discussion_ |',
        '**Release Target**: 1.0 |',
        '**Discussion**: https://github.com/o/r/pull/1',
      ],
      body: (name) =>
        name === 'Design'
          ? '<!-- klip-lint-disable link-broken -->\n\n[a](gone.md) and [b](gone-too.md)\n\n<!-- klip-lint-enable link-broken -->\n\n[c](still-gone.md)'
          : name === 'Test plan'
            ? 'Tests.\n\n<!-- klip-lint-disable-next-line section-empty, section-mising -->'
            : 'Text.',
    });
    const findings = lintFolder({
      'klip-1-example-proposal.md': text,
      'README.md': index([row(1, 'klip-1-example-proposal.md', 'In Discussion')], 2),
    });
    expect(findings.map((finding) => [finding.ruleId, finding.severity, finding.message])).toEqual([
      [
        'link-broken',
        'warning',
        'The link "still-gone.md" points to "design-proposals/still-gone.md", which does not exist.',
      ],
      [
        'suppression-unused',
        'notice',
        'This klip-lint-disable-next-line comment suppresses nothing: "section-mising" is no rule (did you mean "section-missing"?); remove it.',
      ],
    ]);
  });
});

describe('the configuration', () => {
  const files = {
    'klip-template.md': TEMPLATE,
    'README.md': index(
      [row(1, 'klip-1-a.md', 'In Discussion'), row(2, 'klip-2-b.md', 'Parked')],
      3,
    ),
    'klip-1-a.md': klip({
      number: 1,
      title: 'A',
      sections: SECTIONS.slice(0, 7),
      releaseTarget: 'TBD',
    }),
    'klip-2-b.md': klip({ number: 2, title: 'B', status: 'Parked' }),
  };

  it('sets severities and options, end states, ignores and a baseline', async () => {
    const root = folder({
      ...files,
      '.github/klip-lint.yml': [
        'statuses:',
        '  end: [Merged, Rejected, Parked]',
        'rules:',
        '  section-missing:',
        '    severity: error',
        '    options:',
        '      optional: [LOEs and Delivery Milestones]',
        '  metadata-placeholder:',
        '    options:',
        '      placeholders: [TBD]',
      ].join('\n'),
    });
    const report = JSON.parse((await runCli(['--format', 'json'], root)).stdout);
    expect(
      report.findings.map((finding: { ruleId: string; severity: string; line: number }) => [
        finding.ruleId,
        finding.severity,
        finding.line,
      ]),
    ).toEqual([
      // A release not known yet is a notice: "TBD" is honest before the proposal is merged.
      ['metadata-placeholder', 'notice', 4],
      ['section-missing', 'error', 36],
      ['section-missing', 'error', 36],
      ['section-missing', 'error', 36],
    ]);

    writeFileSync(
      join(root, '.github/klip-lint.yml'),
      'statuses:\n  end: [Merged, Parked]\nignore:\n  files: ["klip-1-*.md"]\n',
    );
    expect(JSON.parse((await runCli(['--format', 'json'], root)).stdout).findings).toEqual([]);
    writeFileSync(
      join(root, '.github/klip-lint.yml'),
      'statuses:\n  end: [Merged, Parked]\nbaseline:\n  from: 2\n',
    );
    expect(JSON.parse((await runCli(['--format', 'json'], root)).stdout).findings).toEqual([]);
  });

  it('ends the CLI with one clear error at the file and line, exit code 2', async () => {
    const root = folder({ ...files, '.klip-lint.yml': 'rules:\n  release-targets: off\n' });
    const result = await runCli([], root);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      '.klip-lint.yml:2:3 error rules: "release-targets" is not a rule id; did you mean "release-target"? The rules are listed in docs/rules/. [configuration]\n',
    );
  });

  it('fails the action with an annotation at the file and line', async () => {
    const root = folder({ ...files, '.github/klip-lint.yml': 'ignore:\n  numbers: [two]\n' });
    const run = await runAction({ workspace: root });
    expect(run.code).toBe(1);
    expect(run.commands[0]).toEqual({
      command: 'error',
      properties: {
        title: 'klip-lint configuration',
        file: '.github/klip-lint.yml',
        line: '2',
        col: '13',
      },
      message: 'ignore.numbers.0: must be an integer.',
    });
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('takes inputs over the file, and names the input in a mistake', async () => {
    const root = folder({
      ...files,
      '.github/klip-lint.yml':
        'statuses:\n  end: [Merged, Parked]\nrules:\n  section-missing: error\n',
    });
    const run = await runAction({
      workspace: root,
      inputs: { rules: 'section-missing: off\nmetadata-placeholder: off' },
    });
    expect(run.commands.filter((command) => command.properties.file)).toEqual([]);
    expect(run.code).toBe(0);
    const bad = await runAction({ workspace: root, inputs: { rules: 'section-missing: loud' } });
    expect(bad.commands[0]?.message).toBe(
      'input "rules": rules.section-missing: "loud" is not allowed; use one of off, notice, warning, error.',
    );
    expect(bad.code).toBe(1);
  });

  it('is read at the base of a pull request, so that the PR cannot weaken it', async () => {
    const repo = new Repository({
      ...Object.fromEntries(Object.entries(files).map(([name, text]) => [`${D}/${name}`, text])),
      '.github/klip-lint.yml': 'statuses:\n  end: [Merged, Parked]\n',
    });
    repo.branch('feature');
    repo.commit({
      '.github/klip-lint.yml': 'statuses:\n  end: [Merged, Parked]\nrules:\n  status-skip: off\n',
      [`${D}/klip-1-a.md`]: klip({ number: 1, title: 'A', status: 'Merged' }),
      [`${D}/README.md`]: index(
        [row(1, 'klip-1-a.md', 'Merged'), row(2, 'klip-2-b.md', 'Parked')],
        3,
      ),
    });
    repo.push('feature');
    const run = await repo.runPullRequest(3, 'feature');
    expect(
      run.commands
        .filter((command) => command.properties.file)
        .map((command) => command.properties.title),
    ).toEqual(['status-skip']);
    expect(run.summary).toContain('this run uses the base');
  });

  it('ships a JSON Schema that matches the one klip-lint validates with', async () => {
    const shipped = JSON.parse(readFileSync(join(ROOT, 'klip-lint.schema.json'), 'utf8'));
    expect(JSON.parse((await runCli(['schema'], ROOT)).stdout)).toEqual(shipped);
  });
});

describe('--fix', () => {
  const broken = {
    'klip-template.md': TEMPLATE,
    'README.md': index([row(1, 'klip-1-a.md', 'Approved'), row(2, null, 'Proposal')], 2),
    'klip-1-a.md': klip({ number: 1, heading: '  # KLIP-1: A', status: '_Discussion_' }),
    'klip-3-c.md': klip({
      number: 3,
      heading: '# C',
      metadata: [
        'Authors: C |',
        '**Release Target:** 1.0 |',
        '**Status**: Approved |',
        '**Discussion**: https://github.com/o/r/pull/3',
      ],
    }),
  };

  it('rewrites what is mechanical, says what it did, and a second run changes no byte', async () => {
    const root = folder(broken);
    const first = await runCli(['--fix'], root);
    expect(first.stderr.trim().split('\n')).toEqual([
      'fixed design-proposals/klip-1-a.md:1 title -> "# KLIP 1 - A" [title-format]',
      'fixed design-proposals/klip-1-a.md:5 status "_Discussion_" -> "_In Discussion_" [status-alias]',
      'fixed design-proposals/klip-3-c.md:1 index row for KLIP 3 [index-missing]',
      'fixed design-proposals/klip-3-c.md:1 title -> "# KLIP 3 - C" [title-format]',
      'fixed design-proposals/klip-3-c.md:3 field line -> "**Author**: ..." [metadata-format]',
      'fixed design-proposals/klip-3-c.md:4 field line -> "**Release Target**: ..." [metadata-format]',
      'fixed design-proposals/klip-3-c.md:5 status "Approved" -> "Design Approved" [status-alias]',
      'fixed design-proposals/README.md:3 next KLIP number 2 -> 4 [index-next-number]',
    ]);
    expect(first.code).toBe(0);
    // A row ahead of its file is never moved back: a maintainer decides which side is right.
    expect(first.stdout.trim()).toMatch(
      /README.md:8:\d+ warning The index row \(README.md, line 8\) says "Approved" for KLIP 1.*\[index-status\]\n2 proposals checked: 0 errors, 1 warning, 0 notices.$/,
    );
    expect(
      readFileSync(join(root, D, 'klip-3-c.md'), 'utf8')
        .split('\n')
        .slice(0, 6),
    ).toEqual([
      '# KLIP 3 - C',
      '',
      '**Author**: C |',
      '**Release Target**: 1.0 |',
      '**Status**: Design Approved |',
      '**Discussion**: https://github.com/o/r/pull/3',
    ]);
    expect(readFileSync(join(root, D, 'README.md'), 'utf8')).toContain(
      '| [KLIP-3: C](klip-3-c.md) | Design Approved | | | |\n',
    );
    const before = snapshot(root);
    const second = await runCli(['--fix'], root);
    expect(second.stderr).toBe('');
    expect(snapshot(root)).toEqual(before);
  });

  it('keeps CRLF line endings and a byte-order mark', async () => {
    const crlf = (text: string) => text.replace(/\n/g, '\r\n');
    const root = folder({
      ...broken,
      'klip-1-a.md': `\uFEFF${crlf(broken['klip-1-a.md'])}`,
      'README.md': crlf(broken['README.md']),
    });
    await runCli(['--fix'], root);
    const fixed = readFileSync(join(root, D, 'klip-1-a.md'), 'utf8');
    expect(fixed.startsWith('\uFEFF# KLIP 1 - A\r\n')).toBe(true);
    expect(fixed.replace(/\r\n/g, '')).not.toContain('\n');
    expect(readFileSync(join(root, D, 'README.md'), 'utf8').replace(/\r\n/g, '')).not.toContain(
      '\n',
    );
  });
});

describe('klip-lint new', () => {
  it('creates the next proposal from the template, adds its index row and raises the next number', async () => {
    const root = folder({
      'klip-template.md': TEMPLATE,
      'README.md': index([row(1, 'klip-1-a.md', 'In Discussion'), row(4, null, 'Proposal')], 5),
      'klip-1-a.md': klip({ number: 1, title: 'A' }),
      'klip-6-early.md': klip({ number: 6, title: 'Early' }),
    });
    const result = await runCli(['new', 'Stream Window Joins'], root);
    expect(result.stdout.trim().split('\n')).toEqual([
      'created design-proposals/klip-7-stream-window-joins.md (KLIP 7)',
      'updated design-proposals/README.md: index row for KLIP 7',
      'updated design-proposals/README.md: next KLIP number 5 -> 8',
    ]);
    const text = readFileSync(join(root, D, 'klip-7-stream-window-joins.md'), 'utf8');
    expect(text.split('\n').slice(0, 6)).toEqual([
      '# KLIP 7 - Stream Window Joins',
      '',
      '**Author**: _your name here_ | ',
      '**Release Target**: _target release_ | ',
      '**Status**: In Discussion |',
      '**Discussion**: _link to the discussion PR_',
    ]);
    const structure = [
      'title-format',
      'metadata-missing',
      'section-missing',
      'section-order',
      'filename-format',
      'number-mismatch',
      'number-duplicate',
      'index-missing',
      'index-status',
      'index-next-number',
      'status-unknown',
    ];
    const report = JSON.parse(
      (await runCli(['--format', 'json', `${D}/klip-7-stream-window-joins.md`], root)).stdout,
    );
    expect(
      report.findings.filter((finding: { ruleId: string; file: string }) =>
        structure.includes(finding.ruleId),
      ),
    ).toEqual([]);
  });

  it('works without a template or an index', async () => {
    const root = folder({ 'klip-2-x.md': klip({ number: 2, title: 'X' }) });
    expect((await runCli(['new', 'Fresh Start'], root)).stdout).toBe(
      'created design-proposals/klip-3-fresh-start.md (KLIP 3)\n',
    );
    const findings = only(
      lintFolder(
        { 'klip-3-fresh-start.md': readFileSync(join(root, D, 'klip-3-fresh-start.md'), 'utf8') },
        { template: false },
      ),
      'section-missing',
    );
    expect(findings).toEqual([]);
  });
});
