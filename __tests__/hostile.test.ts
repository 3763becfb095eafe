import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { index, klip, row, TEMPLATE } from './helpers/fixtures.js';
import { runAction, runCli, tempDir } from './helpers/run.js';

const D = 'design-proposals';

function folder(files: Record<string, string | Buffer>): string {
  const root = tempDir();
  mkdirSync(join(root, D), { recursive: true });
  for (const [name, content] of Object.entries(files)) writeFileSync(join(root, D, name), content);
  return root;
}

const base = {
  'klip-template.md': TEMPLATE,
  'README.md': index([row(1, 'klip-1-a.md', 'In Discussion')], 2),
  'klip-1-a.md': klip({ number: 1, title: 'A' }),
};

async function json(root: string, ...args: string[]) {
  const result = await runCli(['--format', 'json', '--fail-on', 'never', ...args], root);
  expect(result.code).toBe(0);
  expect(result.stderr).not.toMatch(/\n\s+at /);
  return JSON.parse(result.stdout);
}

const rulesOf = (report: { findings: { file: string; ruleId: string }[] }, file: string) =>
  report.findings
    .filter((finding) => finding.file === `${D}/${file}`)
    .map((finding) => finding.ruleId);

describe('odd and hostile files: a defined outcome for each, and the run goes on', () => {
  it('an empty file, only a byte-order mark, CR and CRLF line endings', async () => {
    const root = folder({
      ...base,
      'klip-2-empty.md': '',
      'klip-3-bom.md': '\uFEFF',
      'klip-4-cr.md': klip({ number: 4, title: 'CR' }).replace(/\n/g, '\r'),
      'klip-5-crlf.md': klip({ number: 5, title: 'CRLF' }).replace(/\n/g, '\r\n'),
    });
    const report = await json(root);
    expect(rulesOf(report, 'klip-2-empty.md')).toContain('title-format');
    expect(rulesOf(report, 'klip-3-bom.md')).toContain('title-format');
    expect(rulesOf(report, 'klip-4-cr.md')).toEqual(['index-missing']);
    expect(rulesOf(report, 'klip-5-crlf.md')).toEqual(['index-missing']);
  });

  it('invalid UTF-8 is read with replacement characters and noted; a binary file is skipped', async () => {
    const invalid = Buffer.concat([
      Buffer.from(klip({ number: 2, title: 'Bytes' })),
      Buffer.from([0xff, 0xfe, 0x0a]),
    ]);
    const binary = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x01]);
    const root = folder({ ...base, 'klip-2-bytes.md': invalid, 'klip-3-image.md': binary });
    const report = await json(root);
    expect(
      report.findings.filter((finding: { ruleId: string }) => finding.ruleId.startsWith('file-')),
    ).toEqual([
      expect.objectContaining({ ruleId: 'file-encoding', file: `${D}/klip-2-bytes.md`, line: 1 }),
      expect.objectContaining({
        ruleId: 'file-unreadable',
        file: `${D}/klip-3-image.md`,
        message: 'The file was not checked: it is binary (it contains NUL bytes), not Markdown.',
      }),
    ]);
  });

  it('a very large file is skipped above the documented limit', async () => {
    const root = folder({
      ...base,
      'klip-2-huge.md': klip({ number: 2, title: 'Huge' }) + 'word '.repeat(260_000),
    });
    const report = await json(root);
    expect(rulesOf(report, 'klip-2-huge.md')).toEqual(['file-unreadable']);
    expect(
      report.findings.find((finding: { file: string }) => finding.file.endsWith('huge.md')).message,
    ).toMatch(/over the 1048576-byte limit/);
  });

  it('a symbolic link, to a file outside the repository or to /etc/passwd, is reported and never followed', async () => {
    const root = folder(base);
    const outside = join(tempDir(), 'secret.md');
    writeFileSync(outside, '# KLIP 9 - Secret\n');
    symlinkSync(outside, join(root, D, 'klip-2-outside.md'));
    symlinkSync('/etc/passwd', join(root, D, 'klip-3-passwd.md'));
    const report = await json(root);
    expect(rulesOf(report, 'klip-2-outside.md')).toEqual(['file-unreadable']);
    expect(rulesOf(report, 'klip-3-passwd.md')).toEqual(['file-unreadable']);
    expect(JSON.stringify(report)).not.toContain('Secret');
    expect(JSON.stringify(report)).not.toContain('root:');
  });

  it('a proposals folder that is a symbolic link or a submodule is reported, never entered', async () => {
    const elsewhere = folder(base);
    const linked = tempDir();
    symlinkSync(join(elsewhere, D), join(linked, D));
    const viaLink = await json(linked);
    expect(viaLink.findings).toEqual([
      expect.objectContaining({
        ruleId: 'file-unreadable',
        file: D,
        message: expect.stringMatching(/^The proposals folder is a symbolic link/),
      }),
    ]);
    const submodule = folder(base);
    writeFileSync(join(submodule, D, '.git'), 'gitdir: ../.git/modules/design-proposals\n');
    expect((await json(submodule)).findings).toEqual([
      expect.objectContaining({
        ruleId: 'file-unreadable',
        file: D,
        message: expect.stringMatching(/^The proposals folder is a submodule/),
      }),
    ]);
  });

  it('file names with spaces, quotes, a newline, non-ASCII letters or a leading dash', async () => {
    const names = [
      'klip-2-a b.md',
      `klip-3-"q" 'q'.md`,
      'klip-4-new\nline.md',
      'klip-5-ünïcödé.md',
      '-klip-6-dash.md',
    ];
    const root = folder({
      ...base,
      ...Object.fromEntries(names.map((name, i) => [name, klip({ number: i + 2, title: 'Odd' })])),
    });
    const report = await json(root);
    for (const name of names) expect(rulesOf(report, name)).toContain('filename-format');
    const dashed = await runCli(
      ['--format', 'json', '--fail-on', 'never', '--', `${D}/-klip-6-dash.md`],
      root,
    );
    expect(JSON.parse(dashed.stdout).files[0].file).toBe(`${D}/-klip-6-dash.md`);
  });

  it('relative links climbing out of the repository are reported, never read', async () => {
    const text = klip({
      body: (name) =>
        name === 'Design' ? '[x](../../../../../etc/passwd) [y](/../../etc/hosts)' : 'Text.',
    });
    const report = await json(folder({ ...base, 'klip-1-a.md': text }));
    expect(report.findings.map((finding: { message: string }) => finding.message)).toEqual([
      'The link "../../../../../etc/passwd" points outside the repository.',
      'The link "/../../etc/hosts" points outside the repository.',
    ]);
  });

  it('deep nesting, ten thousand headings and pathological emphasis stay fast', async () => {
    const started = Date.now();
    const root = folder({
      ...base,
      // Quotes and list items opened on one line: thousands deep overflowed the stack.
      'klip-2-deep.md': `${klip({ number: 2, title: 'Deep' })}\n${'> '.repeat(2000)}quote\n\n${'>'.repeat(50_000)} q\n\n${'- '.repeat(20_000)}item\n\n${'> 1. '.repeat(10_000)}x\n\n${Array.from({ length: 500 }, (_, i) => `${'  '.repeat(i)}- item`).join('\n')}\n`,
      'klip-3-headings.md': `${klip({ number: 3, title: 'Headings' })}\n${Array.from({ length: 10_000 }, (_, i) => `${'#'.repeat((i % 6) + 1)} H${i}\n`).join('\n')}`,
      'klip-4-emphasis.md': `${klip({ number: 4, title: 'Emphasis' })}\n${'*a_'.repeat(20_000)}\n\n${'**'.repeat(20_000)}\n\n${'['.repeat(20_000)}\n`,
    });
    const report = await json(root);
    expect(report.files.length).toBeGreaterThanOrEqual(4);
    expect(rulesOf(report, 'klip-2-deep.md')).not.toContain('internal-error');
    // A loose bound on a whole CLI run, not a benchmark: super-linear behaviour would take minutes.
    expect(Date.now() - started).toBeLessThan(30_000);
  });
  it('long runs of white space and thousands of unclosed comments stay fast', async () => {
    const started = Date.now();
    const root = folder({
      ...base,
      // A run of spaces that continues a paragraph in the metadata; the other comments never close.
      'klip-5-spaces.md': `# KLIP 5 - Spaces\n\n${'#'.repeat(5000)} x\n${' '.repeat(300_000)}x\n`,
      'klip-6-comments.md': `${klip({ number: 6, title: 'Comments' })}\n${'<!-- klip-lint-disable x\n'.repeat(30_000)}`,
    });
    const report = await json(root);
    expect(report.files.length).toBeGreaterThanOrEqual(4);
    // Before, each took from seconds to minutes: a regular expression tried every split of a run.
    expect(Date.now() - started).toBeLessThan(30_000);
  });
  it('an index of thousands of rows full of brackets stays fast and keeps plain rows', async () => {
    const started = Date.now();
    const rows = Array.from({ length: 3000 }, (_, i) =>
      i % 2
        ? row(i + 2, `klip-${i + 2}-x.md`, 'Merged')
        : `| [KLIP-${i + 2}](klip-${i + 2}-x.md) ${'[a]('.repeat(24)} | Merged | | | |`,
    );
    const root = folder({
      ...base,
      'README.md': index(
        [row(1, 'klip-1-a.md', 'In Discussion'), ...rows, `| ${'['.repeat(20_000)} | x |`],
        3002,
      ),
    });
    const report = await json(root);
    // Plain rows keep their links: a row links to a file that is not there.
    expect(
      report.findings.filter((finding: { ruleId: string }) => finding.ruleId === 'index-link')
        .length,
    ).toBeGreaterThan(1000);
    expect(Date.now() - started).toBeLessThan(30_000);
  });
});

describe('what reaches the runner and the summary is escaped', () => {
  const hostile = 'X ::error::boom %0A | <script>alert(1)</script> `tick` **bold** [l](http://x)';

  it('annotations carry titles, statuses and names literally, with no extra workflow command', async () => {
    const name = 'klip-2-a,b::error file=x::y%0A.md';
    const root = folder({
      ...base,
      [name]: klip({ number: 2, title: hostile, status: `${hostile}\nsecond` }).replace(
        'KLIP 2 - X',
        'KLIP-2: X',
      ),
    });
    const run = await runAction({ workspace: root, inputs: { 'fail-on': 'never' } });
    const commands = run.stdout.split('\n').filter((line) => line.startsWith('::'));
    // Every command line is one of ours: no injected ::error:: or ::set-output.
    for (const line of commands)
      expect(line).toMatch(/^::(error|warning|notice|debug|add-mask) |^::(error|warning|notice)::/);
    const titled = run.commands.filter((command) => command.properties.file === `${D}/${name}`);
    expect(titled.length).toBeGreaterThan(0);
    expect(titled.some((command) => command.message.includes('<script>alert(1)</script>'))).toBe(
      true,
    );
  });

  it('the summary shows the text without running HTML or breaking tables', async () => {
    const root = folder({
      ...base,
      'klip-2-evil.md': klip({ number: 2, title: hostile, status: 'Bogus | <b>x</b>' }),
    });
    const run = await runAction({ workspace: root, inputs: { 'fail-on': 'never' } });
    expect(run.summary).not.toContain('<script>');
    expect(run.summary).not.toContain('<b>');
    expect(run.summary).toContain('&lt;script&gt;');
    // Escaped pipes do not split cells: every row has its table's column count (4 or 5 columns).
    for (const line of run.summary.split('\n').filter((text) => text.startsWith('| '))) {
      const pipes = line.replace(/\\\|/g, '').split('|').length - 1;
      expect([5, 6]).toContain(pipes);
    }
  });
});

describe("GitHub's limits", () => {
  it('annotates errors first, says how many were not annotated, and keeps the summary under 1 MiB', async () => {
    const files: Record<string, string> = { 'klip-template.md': TEMPLATE };
    const rows: string[] = [];
    for (let n = 1; n <= 300; n++) {
      files[`klip-${n}-p.md`] = klip({
        number: n,
        title: `P${n}`,
        status: n % 2 ? 'Bogus' : '_Merged_',
        sections: [],
      });
      rows.push(row(n, `klip-${n}-p.md`, 'In Discussion'));
    }
    files['README.md'] = index(rows, 301);
    const run = await runAction({ workspace: folder(files), inputs: { 'fail-on': 'never' } });
    const levels = run.commands
      .filter((command) => command.properties.file)
      .map((command) => command.command);
    expect(levels.indexOf('warning')).toBeGreaterThan(levels.lastIndexOf('error'));
    expect(run.summary).toMatch(
      /GitHub shows 10 annotations of each kind per step: \d+ errors and \d+ warnings are not annotated/,
    );
    expect(Buffer.byteLength(run.summary)).toBeLessThan(1024 * 1024);
    expect(run.summary).toContain('see the JSON report');
  });
});

describe('SARIF', () => {
  it('is valid SARIF 2.1.0 from the CLI and the action', async () => {
    // The SARIF 2.1.0 schema (JSON Schema draft 04) as @microsoft/jest-sarif ships it.
    const require = createRequire(import.meta.url);
    const schema = JSON.parse(
      readFileSync(
        join(dirname(require.resolve('@microsoft/jest-sarif')), 'schemas/sarif-2.1.0-rtm.5.json'),
        'utf8',
      ),
    );
    const AjvDraft04 = require('ajv-draft-04') as new (options: object) => import('ajv').Ajv;
    const validate = new AjvDraft04({
      allErrors: true,
      strict: false,
      validateFormats: false,
      unicodeRegExp: false,
    }).compile(schema);
    const valid = (log: unknown) => {
      validate(log);
      expect(validate.errors ?? []).toEqual([]);
    };
    const root = folder({
      ...base,
      'klip-2-b.md': klip({ number: 2, heading: '# B', status: 'Bogus' }),
    });
    const log = JSON.parse(
      (await runCli(['--format', 'sarif', '--fail-on', 'never'], root)).stdout,
    );
    valid(log);
    expect(
      log.runs[0].results.map((result: { ruleId: string; level: string }) => [
        result.ruleId,
        result.level,
      ]),
    ).toEqual([
      ['index-missing', 'warning'],
      ['title-format', 'error'],
      ['status-unknown', 'error'],
      ['index-next-number', 'error'],
    ]);
    const run = await runAction({
      workspace: root,
      inputs: { 'sarif-file': 'out/klip-lint.sarif', 'fail-on': 'never' },
    });
    const written = JSON.parse(readFileSync(join(root, 'out/klip-lint.sarif'), 'utf8'));
    valid(written);
    expect(run.outputs.sarif).toBe(join(root, 'out/klip-lint.sarif'));
  });
});
