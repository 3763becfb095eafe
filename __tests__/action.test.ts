import { readFileSync } from 'node:fs';
import { index, klip, row, TEMPLATE } from './helpers/fixtures.js';
import { runAction, runBuiltAction, tempDir, writeFiles, type ActionRun } from './helpers/run.js';

function workspace(files: Record<string, string>, folder = 'design-proposals'): string {
  const root = tempDir();
  writeFiles(
    root,
    Object.fromEntries(Object.entries(files).map(([name, text]) => [`${folder}/${name}`, text])),
  );
  return root;
}

const broken = {
  'klip-template.md': TEMPLATE,
  'README.md': index(
    [row(1, 'klip-1-good.md', 'In Discussion'), row(2, 'klip-2-broken.md', 'In Discussion')],
    3,
  ),
  'klip-1-good.md': klip({ title: 'Good' }),
  'klip-2-broken.md': klip({
    number: 2,
    heading: '# Broken',
    status: 'Approved',
    discussion: 'TBD',
  }),
};

describe('the built action, run as the runner runs it (node dist/index.js)', () => {
  // One run of the bundle: its annotations on stdout, its output, report and summary files, and
  // the exit code it leaves.
  let run: ActionRun;
  beforeAll(async () => {
    run = await runBuiltAction({ workspace: workspace(broken) });
  });

  it('annotates each finding at its file and line, with the rule id as title', () => {
    const errors = run.commands.filter((command) => command.command === 'error');
    const warnings = run.commands.filter((command) => command.command === 'warning');
    expect(errors).toContainEqual({
      command: 'error',
      properties: {
        title: 'title-format',
        file: 'design-proposals/klip-2-broken.md',
        line: '1',
        endLine: '1',
        col: '1',
        endColumn: '8',
      },
      message: 'The title "Broken" has no KLIP number; write "# KLIP 2 - Broken".',
      docs: 'https://github.com/klip-lint/klip-lint/blob/main/docs/rules/title-format.md',
    });
    expect(warnings).toContainEqual({
      command: 'warning',
      properties: {
        title: 'status-alias',
        file: 'design-proposals/klip-2-broken.md',
        line: '5',
        endLine: '5',
        col: '13',
        endColumn: '20',
      },
      message:
        'Status "Approved" is another word for "Design Approved"; write "Design Approved", the name the process and the index use.',
      docs: 'https://github.com/klip-lint/klip-lint/blob/main/docs/rules/status-alias.md',
    });
    expect(warnings.map((command) => command.properties.title)).toEqual(
      expect.arrayContaining(['metadata-placeholder', 'index-status']),
    );
    // An error fails the step by default, with a message saying why.
    expect(run.code).toBe(1);
    expect(run.commands.at(-1)).toMatchObject({
      command: 'error',
      message: expect.stringMatching(
        /^klip-lint found 1 error, 3 warnings, 0 notices \(fail-on: error\)/,
      ),
    });
  });

  it('sets the outputs and writes the JSON report', () => {
    expect(run.outputs).toMatchObject({ errors: '1', warnings: '3', notices: '0' });
    const report = JSON.parse(readFileSync(run.outputs.report as string, 'utf8'));
    expect(report.counts).toEqual({ error: 1, warning: 3, notice: 0 });
    expect(
      report.findings.find((finding: { ruleId: string }) => finding.ruleId === 'index-status'),
    ).toEqual({
      ruleId: 'index-status',
      severity: 'warning',
      file: 'design-proposals/README.md',
      line: 9,
      column: expect.any(Number),
      endLine: 9,
      endColumn: expect.any(Number),
      message:
        'The index row (README.md, line 9) says "In Discussion" for KLIP 2, but klip-2-broken.md (line 5) says "Approved". Statuses only move forward, so the row is likely out of date: change it to "Design Approved" (if the file moved on without the approvals it needs, correct the file instead).',
      messageId: 'rowBehind',
      klip: 2,
    } as never);
  });

  it('writes a summary with the verdict, the proposals checked and links to the lines', () => {
    expect(run.summary).toContain('## ❌ klip-lint: failed');
    expect(run.summary).toContain(
      '2 proposals checked in <code>design-proposals</code>: 1 error, 3 warnings, 0 notices',
    );
    expect(run.summary).toContain('| 1 | Good | In Discussion | ✅ clean |');
    expect(run.summary).toContain('| 2 | Broken | Design Approved | ❌ 1 error, 2 warnings |');
    expect(run.summary).toContain(
      '[1](https://github.com/example/proposals/blob/0123456789abcdef0123456789abcdef01234567/design-proposals/klip-2-broken.md#L1)',
    );
  });

  it('says nothing on stderr', () => {
    expect(run.stderr).toBe('');
  });
});

describe('the action, run from the sources as the runner runs it', () => {
  it('passes a clean folder, and never fails with fail-on: never', async () => {
    const clean = await runAction({
      workspace: workspace({
        'klip-template.md': TEMPLATE,
        'README.md': index([row(1, 'klip-1-good.md', 'In Discussion')], 2),
        'klip-1-good.md': klip({ title: 'Good' }),
      }),
    });
    expect(clean.code).toBe(0);
    expect(
      clean.commands.filter((command) => ['error', 'warning', 'notice'].includes(command.command)),
    ).toEqual([]);
    expect(clean.summary).toContain('## ✅ klip-lint: passed');
    const never = await runAction({ workspace: workspace(broken), inputs: { 'fail-on': 'never' } });
    expect(never.code).toBe(0);
    expect(never.summary).toContain('## ✅ klip-lint: passed');
  });

  it('fails on warnings with fail-on: warning', async () => {
    const files = { ...broken, 'klip-2-broken.md': klip({ number: 2, status: '_Discussion_' }) };
    expect((await runAction({ workspace: workspace(files) })).code).toBe(0);
    expect(
      (await runAction({ workspace: workspace(files), inputs: { 'fail-on': 'warning' } })).code,
    ).toBe(1);
  });

  it("links each annotation and summary entry to its rule's page in the action's repository", async () => {
    const run = await runAction({
      workspace: workspace(broken),
      env: { GITHUB_ACTION_REPOSITORY: 'tools/klip-lint', GITHUB_ACTION_REF: 'v1' },
    });
    const pages = new Set(run.commands.flatMap((command) => (command.docs ? [command.docs] : [])));
    expect(pages).toContain(
      'https://github.com/tools/klip-lint/blob/v1/docs/rules/title-format.md',
    );
    expect(run.summary).toContain(
      '[<code>title-format</code>](https://github.com/tools/klip-lint/blob/v1/docs/rules/title-format.md)',
    );
  });

  it('reads another folder from the path input', async () => {
    const run = await runAction({
      workspace: workspace(broken, 'docs/klips'),
      inputs: { path: 'docs/klips' },
    });
    expect(
      run.commands.some((command) => command.properties.file === 'docs/klips/klip-2-broken.md'),
    ).toBe(true);
  });

  it('fails with one clear message for bad inputs', async () => {
    const missing = await runAction({
      workspace: workspace(broken),
      inputs: { path: 'proposals' },
    });
    expect(missing.code).toBe(1);
    expect(missing.commands).toEqual([
      { command: 'error', properties: {}, message: 'There is no proposals folder at "proposals".' },
    ]);
    const outside = await runAction({
      workspace: workspace(broken),
      inputs: { path: '../elsewhere' },
    });
    expect(outside.commands.at(-1)?.message).toBe(
      'The path "../elsewhere" is outside the repository; give a folder inside it.',
    );
    const failOn = await runAction({
      workspace: workspace(broken),
      inputs: { 'fail-on': 'sometimes' },
    });
    expect(failOn.commands.at(-1)?.message).toBe(
      'Input "fail-on" must be one of error, warning, notice, never; got "sometimes".',
    );
    expect(`${missing.stderr}${outside.stderr}${failOn.stderr}`).not.toMatch(/\n\s+at /);
  });

  it('fails, naming the field, when a pull request payload has no base to compare with', async () => {
    const run = await runAction({
      workspace: workspace(broken),
      event: 'pull_request',
      payload: { pull_request: { number: 1 } },
    });
    // A required check that silently checked less would be a way past it.
    expect(run.code).toBe(1);
    expect(run.commands.at(-1)?.message).toMatch(
      /^pull_request\.base\.sha is missing from the event file \S+event\.json, which a pull_request event has\./,
    );
  });
});
