import {
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { index, klip, row, TEMPLATE } from './helpers/fixtures.js';
import { runAction, runCli, tempDir } from './helpers/run.js';
import { Repository } from './helpers/git.js';
import { WorkTreeSnapshot } from '../src/sources/snapshot.js';
import { toSarif } from '../src/report/sarif.js';
import { RULES } from '../src/rules/index.js';
import { buildReport } from '../src/report/report.js';
import { lint } from '../src/core/engine.js';
import { decode, isLfsPointer, type FileNote } from '../src/sources/decode.js';
import { writeFileSafely } from '../src/sources/safe-write.js';
import { nextFreeNumber, newKlip, titleProblem } from '../src/catalogue/new-klip.js';
import { DEFAULT_VOCABULARY } from '../src/model/status.js';
import { cellText, linkPath } from '../src/rules/folder/index-missing.js';
import { parseIndex } from '../src/parse/index-readme.js';

const D = 'design-proposals';

/** A repository with a proposals folder, and a folder outside it that must stay untouched. */
function setup(files: Record<string, string> = {}) {
  const root = tempDir();
  const outside = tempDir('klip-lint-outside-');
  mkdirSync(join(root, D), { recursive: true });
  const all = {
    'klip-template.md': TEMPLATE,
    'README.md': index([row(1, 'klip-1-a.md', 'In Discussion')], 2),
    'klip-1-a.md': klip({ number: 1, title: 'A' }),
    ...files,
  };
  for (const [name, text] of Object.entries(all)) writeFileSync(join(root, D, name), text);
  return { root, outside };
}

const noStack = (text: string) => expect(text).not.toMatch(/\n\s+at |internal error/);

describe('action outputs are never written through a link or outside', () => {
  it('a report-file committed as a link to a file outside: the link is replaced, the target kept', async () => {
    const { root, outside } = setup();
    const victim = join(outside, 'victim.txt');
    writeFileSync(victim, 'precious');
    symlinkSync(victim, join(root, 'report.json'));
    symlinkSync(victim, join(root, 'out.sarif'));
    const run = await runAction({
      workspace: root,
      inputs: { 'report-file': 'report.json', 'sarif-file': 'out.sarif', 'fail-on': 'never' },
    });
    noStack(run.stdout + run.stderr);
    expect(readFileSync(victim, 'utf8')).toBe('precious');
    expect(lstatSync(join(root, 'report.json')).isFile()).toBe(true);
    expect(JSON.parse(readFileSync(join(root, 'report.json'), 'utf8')).counts).toBeDefined();
    expect(lstatSync(join(root, 'out.sarif')).isFile()).toBe(true);
  });

  it('a report-file under a folder that is a link out of the workspace is refused', async () => {
    const { root, outside } = setup();
    symlinkSync(outside, join(root, 'reports'));
    const run = await runAction({
      workspace: root,
      inputs: { 'report-file': 'reports/report.json', 'fail-on': 'never' },
    });
    noStack(run.stdout + run.stderr);
    expect(readdirSync(outside)).toEqual([]);
    const failure = run.commands.find((command) => command.command === 'error');
    expect(failure?.message).toMatch(/report-file.*symbolic link/);
  });

  it('a sarif-file outside the workspace and the runner temp folder is refused', async () => {
    const { root, outside } = setup();
    const run = await runAction({
      workspace: root,
      inputs: { 'sarif-file': join(outside, 'x.sarif'), 'fail-on': 'never' },
    });
    noStack(run.stdout + run.stderr);
    expect(existsSync(join(outside, 'x.sarif'))).toBe(false);
    expect(run.commands.find((command) => command.command === 'error')?.message).toMatch(
      /sarif-file.*outside the workspace and the runner temp folder/,
    );
    const climbing = await runAction({
      workspace: root,
      inputs: { 'sarif-file': '../../x.sarif', 'fail-on': 'never' },
    });
    expect(climbing.commands.find((command) => command.command === 'error')?.message).toMatch(
      /outside/,
    );
  });

  it('missing folders of an output are made, as real folders', async () => {
    const { root } = setup();
    const run = await runAction({
      workspace: root,
      inputs: { 'sarif-file': 'out/deep/klip.sarif', 'fail-on': 'never' },
    });
    noStack(run.stdout + run.stderr);
    expect(JSON.parse(readFileSync(join(root, 'out/deep/klip.sarif'), 'utf8')).version).toBe(
      '2.1.0',
    );
  });
});

describe('writeFileSafely', () => {
  it('replaces a link at the path, refuses one on the way, writes whole files', () => {
    const base = tempDir();
    const outside = tempDir('klip-lint-outside-');
    writeFileSync(join(outside, 'a'), 'kept');
    symlinkSync(join(outside, 'a'), join(base, 'link'));
    writeFileSafely([base], join(base, 'link'), 'new', { what: 'the file' });
    expect(readFileSync(join(outside, 'a'), 'utf8')).toBe('kept');
    expect(readFileSync(join(base, 'link'), 'utf8')).toBe('new');
    symlinkSync(outside, join(base, 'dir'));
    expect(() => writeFileSafely([base], join(base, 'dir/x'), 'y', { what: 'the file' })).toThrow(
      /symbolic link/,
    );
    expect(() =>
      writeFileSafely([base], join(base, 'fresh'), 'y', { what: 'the file', exclusive: true }),
    ).not.toThrow();
    expect(() =>
      writeFileSafely([base], join(base, 'fresh'), 'y', { what: 'the file', exclusive: true }),
    ).toThrow(/already exists/);
    // No temporary file is left beside it.
    expect(readdirSync(base).sort()).toEqual(['dir', 'fresh', 'link']);
  });
});

describe('--fix and new write only inside the repository, never through a link', () => {
  it('--fix refuses a proposals folder that is a link out of the repository', async () => {
    const { root: real } = setup({ 'klip-1-a.md': klip({ number: 1, status: '_Discussion_' }) });
    const root = tempDir();
    symlinkSync(join(real, D), join(root, D));
    const before = readFileSync(join(real, D, 'klip-1-a.md'), 'utf8');
    const result = await runCli([D, '--fix', '--fail-on', 'never'], root);
    noStack(result.stderr);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--fix does not write in "design-proposals".*symbolic link/);
    expect(readFileSync(join(real, D, 'klip-1-a.md'), 'utf8')).toBe(before);
  });

  it('--fix refuses a folder under a parent folder that is a link', async () => {
    const { root: real } = setup({ 'klip-1-a.md': klip({ number: 1, status: '_Discussion_' }) });
    const root = tempDir();
    symlinkSync(real, join(root, 'docs'));
    const result = await runCli([`docs/${D}`, '--fix', '--fail-on', 'never'], root);
    noStack(result.stderr);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/"docs" is a symbolic link/);
  });

  it('--fix writes atomically and keeps the file a file', async () => {
    const { root } = setup({ 'klip-1-a.md': klip({ number: 1, status: '_Discussion_' }) });
    const result = await runCli([D, '--fix', '--fail-on', 'never'], root);
    noStack(result.stderr);
    expect(result.stderr).toMatch(/fixed/);
    expect(readFileSync(join(root, D, 'klip-1-a.md'), 'utf8')).toContain(
      '**Status**: _In Discussion_',
    );
    expect(readdirSync(join(root, D)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('--fix does not write an index that the configuration places outside the repository', async () => {
    const { root, outside } = setup({ 'klip-2-b.md': klip({ number: 2, title: 'B' }) });
    writeFileSync(join(outside, 'README.md'), index([row(1, 'klip-1-a.md', 'In Discussion')], 2));
    const relative = join('..', '..', '..', '..', '..', '..', '..', '..', outside, 'README.md');
    writeFileSync(join(root, '.klip-lint.yml'), `index: ${JSON.stringify(relative)}\n`);
    const before = readFileSync(join(outside, 'README.md'), 'utf8');
    const result = await runCli([D, '--fix', '--fail-on', 'never'], root);
    noStack(result.stderr);
    expect(readFileSync(join(outside, 'README.md'), 'utf8')).toBe(before);
  });

  it('new refuses a proposals folder that is a link, and writes nothing there', async () => {
    const { root: real } = setup();
    const root = tempDir();
    symlinkSync(join(real, D), join(root, D));
    const before = readdirSync(join(real, D)).sort();
    const result = await runCli(['new', 'Linked', D], root);
    noStack(result.stderr);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/new does not write in "design-proposals".*symbolic link/);
    expect(readdirSync(join(real, D)).sort()).toEqual(before);
  });

  it('a new file is created fresh: a dangling link at its name is not followed', () => {
    const base = tempDir();
    const outside = tempDir('klip-lint-outside-');
    symlinkSync(join(outside, 'planted.md'), join(base, 'klip-2-x.md'));
    expect(() =>
      writeFileSafely([base], join(base, 'klip-2-x.md'), 'text', {
        what: 'the new proposal',
        exclusive: true,
      }),
    ).toThrow(/already exists/);
    expect(existsSync(join(outside, 'planted.md'))).toBe(false);
  });
});

describe('nothing is read through a link that leaves the repository', () => {
  it('a parent folder that is a link: the folder is not entered, nothing of it printed', async () => {
    const { root: real } = setup({
      'klip-1-a.md': klip({ number: 1, title: 'Secret text here' }),
    });
    const root = tempDir();
    symlinkSync(real, join(root, 'docs'));
    const result = await runCli([`docs/${D}`, '--format', 'json', '--fail-on', 'never'], root);
    noStack(result.stderr);
    expect(result.stdout).not.toContain('Secret text here');
    const report = JSON.parse(result.stdout);
    expect(report.findings).toContainEqual(
      expect.objectContaining({ ruleId: 'file-unreadable', file: `docs/${D}` }),
    );
    expect(report.files ?? []).toHaveLength(0);
  });

  it('an index whose folder is a link is not read', async () => {
    const { root, outside } = setup();
    mkdirSync(join(outside, 'idx'));
    writeFileSync(
      join(outside, 'idx', 'README.md'),
      index([row(1, '../design-proposals/klip-1-a.md', 'Merged')], 77),
    );
    symlinkSync(join(outside, 'idx'), join(root, 'idx'));
    writeFileSync(join(root, '.klip-lint.yml'), 'index: ../idx/README.md\n');
    const result = await runCli([D, '--format', 'json', '--fail-on', 'never'], root);
    noStack(result.stderr);
    const findings = JSON.parse(result.stdout).findings as { file: string }[];
    expect(findings.filter((finding) => finding.file === 'idx/README.md')).toEqual([]);
    expect(result.stdout).not.toContain('Merged');
  });
});

describe('GitHub-facing results stay well-formed', () => {
  it('SARIF URIs are percent-encoded per segment', () => {
    const names = ['klip-5-a#b.md', 'klip-6-c?d.md', 'klip-7-e f.md', 'klip-8-100%.md'];
    const files = names.map((name) => `${D}/${name}`);
    const result = lint({
      folder: D,
      proposals: files.map((path) => ({ path, text: '# nothing here' })),
      index: null,
      template: null,
      exists: () => true,
    });
    const report = buildReport(result, { folder: D, version: 'test' });
    const sarif = toSarif(report, RULES) as {
      runs: {
        results: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[];
      }[];
    };
    const uris = new Set(
      sarif.runs[0]!.results.map((r) => r.locations[0]!.physicalLocation.artifactLocation.uri),
    );
    expect([...uris].sort()).toEqual(
      [
        `${D}/klip-5-a%23b.md`,
        `${D}/klip-6-c%3Fd.md`,
        `${D}/klip-7-e%20f.md`,
        `${D}/klip-8-100%25.md`,
      ].sort(),
    );
    for (const uri of uris) expect(files).toContain(decodeURIComponent(uri));
  });

  it('index rows escape what would break a cell or a link, and read back as written', () => {
    expect(cellText('A | B ](evil) [x] `c` <b>\nnext')).toBe(
      'A \\| B \\](evil) \\[x\\] \\`c\\` \\<b> next',
    );
    expect(linkPath('klip-5-a#b (c)?.md')).toBe('klip-5-a%23b%20%28c%29%3F.md');
  });

  it('--fix adds a row for a title full of table and link syntax that reads back as one row', async () => {
    const title = 'Pipes | and ](links) (parens) #hash';
    const { root } = setup({
      'klip-2-odd#name (x).md': klip({ number: 2, title }),
    });
    const result = await runCli([D, '--fix', '--fail-on', 'never'], root);
    noStack(result.stderr);
    const text = readFileSync(join(root, D, 'README.md'), 'utf8');
    const parsed = parseIndex({ path: `${D}/README.md`, text });
    const added = parsed.rows.find((entry) => entry.number === 2);
    expect(added?.text).toBe(`KLIP-2: ${title}`);
    expect(added?.href && decodeURIComponent(added.href)).toBe('klip-2-odd#name (x).md');
    expect(parsed.rows.filter((entry) => entry.number !== null)).toHaveLength(2);
    const again = await runCli([D, '--format', 'json', '--fail-on', 'never'], root);
    const findings = JSON.parse(again.stdout).findings.map((f: { ruleId: string }) => f.ruleId);
    expect(findings).not.toContain('index-missing');
    expect(findings).not.toContain('index-link');
  });

  it('new: a title with a line break is a usage error, and writes no row', async () => {
    const { root } = setup();
    const before = readFileSync(join(root, D, 'README.md'), 'utf8');
    const result = await runCli(['new', 'Sneaky\n**Status**: Merged', D], root);
    noStack(result.stderr);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/one line/);
    expect(readFileSync(join(root, D, 'README.md'), 'utf8')).toBe(before);
    expect(titleProblem('Fine title')).toBeNull();
    expect(titleProblem('a\rb')).not.toBeNull();
  });

  it('new: a 300-character title works, with a name every file system takes', async () => {
    const { root } = setup();
    const title = 'Word '.repeat(60).trim();
    const result = await runCli(['new', title, D], root);
    noStack(result.stderr);
    expect(result.code).toBe(0);
    const created = readdirSync(join(root, D)).find((name) => name.startsWith('klip-2-'));
    expect(created).toBeDefined();
    expect(created!.length).toBeLessThan(100);
    expect(readFileSync(join(root, D, created!), 'utf8')).toContain(`# KLIP 2 - ${title}`);
  });

  it('new: a next number past the safe integers is a usage error, not klip-1e+21', async () => {
    const { root } = setup({
      'README.md': index([row(1, 'klip-1-a.md', 'In Discussion')], 0).replace(
        'Next KLIP number: **0**',
        'Next KLIP number: **1000000000000000000000**',
      ),
    });
    const result = await runCli(['new', 'Huge', D], root);
    noStack(result.stderr);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/Next KLIP number/);
    expect(readdirSync(join(root, D)).some((name) => name.includes('e+'))).toBe(false);
    expect(
      nextFreeNumber(
        { path: 'README.md', text: 'Next KLIP number: **1000000000000000000000**' },
        [],
      ),
    ).toBeNull();
  });

  it('new: an index of 300,000 rows does not overflow', () => {
    const rows = Array.from({ length: 300_000 }, (_, i) => row(i + 1, null, 'Proposal'));
    const text = index(rows, 300_001);
    expect(nextFreeNumber({ path: 'README.md', text }, ['klip-5-a.md'])).toBe(300_001);
    expect(newKlip('T', 300_001, null, DEFAULT_VOCABULARY).name).toBe('klip-300001-t.md');
  });

  it('KLIP numbers past the safe integers are no numbers', () => {
    const text = index([row(1, 'klip-1-a.md', 'Merged')], 2).replace(
      '[KLIP-1: Example]',
      '[KLIP-99999999999999999999: Example]',
    );
    expect(parseIndex({ path: 'README.md', text }).rows.map((entry) => entry.number)).toEqual([
      null,
      null,
    ]);
  });

  it('a Git LFS pointer named like a proposal gets one finding saying so', async () => {
    const pointer = `version https://git-lfs.github.com/spec/v1\noid sha256:${'a'.repeat(64)}\nsize 12345\n`;
    expect(isLfsPointer(Buffer.from(pointer))).toBe(true);
    expect(isLfsPointer(Buffer.from('version 1\n'))).toBe(false);
    const notes: FileNote[] = [];
    expect(decode(`${D}/klip-2-lfs.md`, Buffer.from(pointer), notes)).toBeNull();
    expect(notes).toHaveLength(1);
    const { root } = setup({ 'klip-2-lfs.md': pointer });
    const result = await runCli([D, '--format', 'json', '--fail-on', 'never'], root);
    noStack(result.stderr);
    const findings = JSON.parse(result.stdout).findings.filter(
      (finding: { file: string }) => finding.file === `${D}/klip-2-lfs.md`,
    );
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ ruleId: 'file-unreadable', severity: 'warning' });
    expect(findings[0].message).toMatch(/Git LFS/);
  });

  it('an index over the size limit gets one finding and is not parsed', async () => {
    const rows = Array.from({ length: 40_000 }, (_, i) =>
      row(i + 2, `klip-${i + 2}-x.md`, 'Merged'),
    );
    const big = index([row(1, 'klip-1-a.md', 'In Discussion'), ...rows], 2);
    expect(Buffer.byteLength(big)).toBeGreaterThan(1024 * 1024);
    const { root } = setup({ 'README.md': big });
    const result = await runCli([D, '--format', 'json', '--fail-on', 'never'], root);
    noStack(result.stderr);
    const findings = JSON.parse(result.stdout).findings.filter(
      (finding: { file: string }) => finding.file === `${D}/README.md`,
    );
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ ruleId: 'file-unreadable' });
    expect(findings[0].message).toMatch(/limit for the index/);
  });
});

describe('an index over the size limit, in a pull request that leaves it alone', () => {
  it('is said not to be checked, once, and not parsed', async () => {
    const rows = Array.from({ length: 40_000 }, (_, i) =>
      row(i + 2, `klip-${i + 2}-x.md`, 'Merged'),
    );
    const repo = new Repository({
      [`${D}/klip-template.md`]: TEMPLATE,
      [`${D}/README.md`]: index([row(1, 'klip-1-a.md', 'In Discussion'), ...rows], 2),
      [`${D}/klip-1-a.md`]: klip({ number: 1, title: 'A' }),
    });
    repo.branch('edit');
    repo.commit({
      [`${D}/klip-1-a.md`]: klip({ number: 1, title: 'A', tldr: '**tl;dr:** Changed.' }),
    });
    repo.push('edit');
    const run = await repo.runPullRequest(1, 'edit');
    noStack(run.stdout + run.stderr);
    const report = JSON.parse(readFileSync(run.outputs.report as string, 'utf8'));
    const onIndex = report.findings.filter(
      (finding: { file: string }) => finding.file === `${D}/README.md`,
    );
    expect(onIndex).toEqual([
      expect.objectContaining({
        ruleId: 'file-unreadable',
        message: expect.stringMatching(/limit for the index/),
      }),
    ]);
  });
});

describe('the work tree snapshot does not look through links', () => {
  it('reads, lists and finds nothing under a linked folder, as git would', async () => {
    const { root, outside } = setup();
    mkdirSync(join(outside, 'inner'));
    writeFileSync(join(outside, 'inner', 'secret.md'), 'secret');
    symlinkSync(outside, join(root, 'linked'));
    symlinkSync(join(outside, 'inner', 'secret.md'), join(root, 'file-link.md'));
    const snapshot = new WorkTreeSnapshot(root);
    expect(await snapshot.readText('linked/inner/secret.md')).toBeNull();
    expect(await snapshot.readText('file-link.md')).toBeNull();
    expect(await snapshot.readText('../x')).toBeNull();
    expect(await snapshot.list('linked/inner')).toEqual([]);
    expect(await snapshot.folderKind('linked/inner')).toBe('symlink');
    expect(snapshot.exists('linked/inner/secret.md')).toBe(false);
    expect(snapshot.exists('file-link.md')).toBe(true);
    expect(snapshot.exists(`${D}/klip-1-a.md`)).toBe(true);
    expect(await snapshot.readText(`${D}/klip-1-a.md`)).toContain('KLIP 1');
  });
});
