import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { VERSION } from '../src/model/version.js';
import { index, klip, row, TEMPLATE } from './helpers/fixtures.js';
import { ROOT, runBuiltCli, runCli, tempDir, writeFiles } from './helpers/run.js';

const LINE = /^(.+):(\d+):(\d+) (error|warning|notice) (.+) \[([a-z-]+)\]$/;

function repo(): string {
  const root = tempDir();
  writeFiles(root, {
    'design-proposals/klip-template.md': TEMPLATE,
    'design-proposals/README.md': index(
      [row(1, 'klip-1-a.md', 'In Discussion'), row(2, 'klip-2-b.md', 'In Discussion')],
      3,
    ),
    'design-proposals/klip-1-a.md': klip({ title: 'A' }),
    'design-proposals/klip-2-b.md': klip({ number: 2, title: 'B', status: 'In Discusion' }),
  });
  return root;
}

describe('the CLI', () => {
  it('lints ./design-proposals by default, one finding a line, exit 1 on errors', async () => {
    const result = await runCli([], repo());
    expect(result.code).toBe(1);
    const lines = result.stdout.trim().split('\n');
    expect(lines[0]).toBe(
      'design-proposals/klip-2-b.md:5:13 error Unknown status "In Discusion"; did you mean "In Discussion"? [status-unknown]',
    );
    expect(lines[0]).toMatch(LINE);
    expect(lines.at(-1)).toBe('2 proposals checked: 1 error, 0 warnings, 0 notices.');
  });

  it('exits 0 when nothing reaches --fail-on', async () => {
    expect((await runCli(['--fail-on', 'never'], repo())).code).toBe(0);
    const root = repo();
    writeFiles(root, {
      'design-proposals/klip-2-b.md': klip({ number: 2, title: 'B', status: 'Approved' }),
    });
    expect((await runCli([], root)).code).toBe(0);
    expect((await runCli(['--fail-on', 'warning'], root)).code).toBe(1);
  });

  it('prints the JSON report with --format json', async () => {
    const result = await runCli(['--format', 'json'], repo());
    const report = JSON.parse(result.stdout);
    expect(report.counts).toEqual({ error: 1, warning: 0, notice: 0 });
    expect(report.findings).toEqual([
      {
        ruleId: 'status-unknown',
        severity: 'error',
        file: 'design-proposals/klip-2-b.md',
        line: 5,
        column: 13,
        endLine: 5,
        endColumn: 25,
        message: 'Unknown status "In Discusion"; did you mean "In Discussion"?',
        messageId: 'didYouMean',
        klip: 2,
      },
    ]);
    expect(
      report.files.map((file: { file: string; klip: number | null; status: string | null }) => [
        file.file,
        file.klip,
        file.status,
      ]),
    ).toEqual([
      ['design-proposals/klip-1-a.md', 1, 'In Discussion'],
      ['design-proposals/klip-2-b.md', 2, 'In Discusion'],
      ['design-proposals/README.md', null, null],
    ]);
  });

  it('lints the files it is given against the rest of their folder', async () => {
    const root = repo();
    const result = await runCli(['design-proposals/klip-1-a.md', '--format', 'json'], root);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.files.map((file: { file: string }) => file.file)).toEqual([
      'design-proposals/klip-1-a.md',
      'design-proposals/README.md',
    ]);
  });

  it('exits 2 with a message for usage errors, without a stack trace', async () => {
    for (const args of [
      ['--format', 'xml'],
      ['--bogus'],
      ['no-such-folder'],
      ['--fail-on', 'maybe'],
    ]) {
      const result = await runCli(args, repo());
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/^klip-lint: /);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it('prints help and its version', async () => {
    expect((await runCli(['--help'], repo())).stdout).toContain('Usage: klip-lint [paths...]');
    expect((await runCli(['--version'], repo())).stdout.trim()).toBe(VERSION);
    expect(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version).toBe(VERSION);
  });
});

// The bin itself: its entry, and the exit code it leaves through process.exitCode.
describe('the built bin, as a user runs it (node dist/cli/index.js)', () => {
  it('exits 1 on errors and 2 on a usage error, saying why without a stack trace', () => {
    const result = runBuiltCli([], repo());
    expect(result.code).toBe(1);
    expect(result.stdout.split('\n')[0]).toBe(
      'design-proposals/klip-2-b.md:5:13 error Unknown status "In Discusion"; did you mean "In Discussion"? [status-unknown]',
    );
    expect(result.stderr).toBe('');
    const usage = runBuiltCli(['--format', 'xml'], repo());
    expect(usage).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'klip-lint: --format must be text, json or sarif; got "xml".\nRun "klip-lint --help" for usage.\n',
    });
    expect(runBuiltCli(['--version'], repo())).toEqual({
      code: 0,
      stdout: `${VERSION}\n`,
      stderr: '',
    });
  });

  it('runs the shipped example as npm start does: findings printed, exit 0', () => {
    const result = runBuiltCli(['examples/design-proposals', '--fail-on', 'never'], ROOT);
    expect(result.code).toBe(0);
    const rules = new Set(result.stdout.split('\n').flatMap((line) => LINE.exec(line)?.[6] ?? []));
    expect(rules.size).toBeGreaterThanOrEqual(18);
  });
});

describe('the CLI finds the repository wherever it runs', () => {
  function gitRepo(): string {
    const root = repo();
    writeFiles(root, {
      'docs/a.md': '# A\n',
      'design-proposals/klip-1-a.md': klip({ title: 'A' }).replace(
        '## Motivation and background',
        '## Motivation and background\n\nSee [the notes](../docs/a.md) and [none](../docs/none.md).',
      ),
    });
    spawnSync('git', ['init', '-q'], { cwd: root });
    return root;
  }

  it('reads links to other folders of the repository from inside the proposals folder', async () => {
    const root = gitRepo();
    const inside = await runCli(['.', '--format', 'json'], join(root, 'design-proposals'));
    const atTop = await runCli(['design-proposals', '--format', 'json'], root);
    const links = (stdout: string) =>
      (
        JSON.parse(stdout) as { findings: { ruleId: string; file: string; message: string }[] }
      ).findings
        .filter((finding) => finding.ruleId === 'link-broken')
        .map((finding) => `${finding.file}: ${finding.message}`);
    expect(links(inside.stdout)).toEqual(links(atTop.stdout));
    expect(links(inside.stdout)).toEqual([
      expect.stringMatching(/^design-proposals\/klip-1-a\.md: .*"\.\.\/docs\/none\.md"/),
    ]);
  });

  it('names files from the working directory in text output', async () => {
    const result = await runCli([], join(gitRepo(), 'design-proposals'));
    expect(result.stdout).toContain('klip-2-b.md:5:13 error Unknown status "In Discusion"');
    expect(result.stdout).not.toContain('design-proposals/klip-2-b.md');
  });
});
