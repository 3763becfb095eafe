import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../src/config/find.js';
import { ConfigError, parseConfig, validateOverrides } from '../src/config/load.js';
import { Git } from '../src/sources/git.js';
import { GitSnapshot, WorkTreeSnapshot } from '../src/sources/snapshot.js';
import { git, Repository } from './helpers/git.js';
import { runAction, runCli, tempDir, writeFiles } from './helpers/run.js';

function failure(work: () => unknown): ConfigError {
  try {
    work();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('no error');
}

async function failureOf(work: Promise<unknown>): Promise<ConfigError> {
  try {
    await work;
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('no error');
}

/** Nine anchors, each nine copies of the one before: 9^9 values once expanded. */
const BOMB = [
  'path: design-proposals',
  'x0: &x0 ["a", "a", "a", "a", "a", "a", "a", "a", "a"]',
  ...Array.from(
    { length: 8 },
    (_, i) => `x${i + 1}: &x${i + 1} [${Array(9).fill(`*x${i}`).join(', ')}]`,
  ),
  '',
].join('\n');

describe('YAML that would exhaust the run', () => {
  it('reports an alias bomb in the configuration file at its first alias, quickly', () => {
    const start = Date.now();
    const error = failure(() => parseConfig(BOMB, '.github/klip-lint.yml'));
    expect(Date.now() - start).toBeLessThan(2000);
    expect(error.file).toBe('.github/klip-lint.yml');
    expect(error.line).toBe(3);
    expect(error.reason).toMatch(/alias bomb/);
  });

  it('reports an alias without its anchor at its line', () => {
    const error = failure(() => parseConfig('path: x\nignore:\n  files: *nowhere\n', 'k.yml'));
    expect([error.line, error.reason]).toEqual([
      3,
      expect.stringMatching(/not valid YAML.*nowhere/),
    ]);
  });

  it('reports an alias bomb in the rules input', () => {
    const error = failure(() =>
      validateOverrides({ rules: BOMB.replace('path: design-proposals\n', '') }),
    );
    expect(error.file).toBe('input "rules"');
    expect(error.reason).toMatch(/alias bomb/);
  });

  it('names the line of a mistake in a rules input of several lines', () => {
    const error = failure(() =>
      validateOverrides({ rules: 'release-target: off\npr-title: warning\nsection-order: loud\n' }),
    );
    expect([error.file, error.line]).toEqual(['input "rules"', 3]);
    expect(error.reason).toMatch(/^line 3: rules.section-order: "loud" is not allowed/);
    const syntax = failure(() => validateOverrides({ rules: 'a: off\nb: [unclosed\n' }));
    expect(syntax.line).toBeGreaterThanOrEqual(2);
    expect(syntax.reason).toMatch(/^line \d: /);
  });
});

describe('through the action', () => {
  it('reports an alias bomb in the configuration file at its line, and in the rules input', async () => {
    const workspace = tempDir();
    writeFiles(workspace, {
      'design-proposals/klip-1-a.md': '# KLIP 1 - A\n',
      '.github/klip-lint.yml': BOMB,
    });
    const file = await runAction({ workspace });
    expect(file.stdout).toContain(
      '::error title=klip-lint configuration,file=.github/klip-lint.yml,line=3,col=',
    );
    expect(file.stdout).not.toMatch(/internal error|bug/);
    expect(file.code).toBe(1);
    const rules = await runAction({
      workspace: tempDir(),
      inputs: { rules: BOMB.replace('path: design-proposals\n', '') },
    });
    expect(rules.stdout).toMatch(
      /::error title=klip-lint configuration::input "rules": .*alias bomb/,
    );
    expect(rules.stdout).not.toMatch(/internal error|bug/);
  });
});

describe('other mistakes, each at its line', () => {
  it('reports nesting too deep to read, in the file and in the rules input', () => {
    const file = failure(() =>
      parseConfig(`path: ${'['.repeat(5000)}${']'.repeat(5000)}\n`, 'k.yml'),
    );
    expect(file.reason).toMatch(/^not valid YAML: it is nested too deeply to read/);
    const input = failure(() => validateOverrides({ rules: `a: off\nb: ${'['.repeat(5000)}` }));
    expect(input.reason).toMatch(
      /^line 2: it is nested too deeply to read \(write it flatter\); write one/,
    );
  });

  it('refuses numbers past what can be counted', () => {
    const approvals = failure(() => parseConfig('approvals:\n  Merged: 1e400\n', 'k.yml'));
    expect([approvals.line, approvals.reason]).toEqual([2, 'approvals.Merged: must be <= 1000.']);
    const from = failure(() => parseConfig('baseline:\n  from: 99999999999999999999\n', 'k.yml'));
    expect(from.reason).toMatch(/^baseline\.from: must be <= 9007199254740991/);
  });

  it('ends the sentence of an unknown rule id with no near match', () => {
    const error = failure(() => validateOverrides({ rules: 'zzz: off' }));
    expect(error.reason).toBe(
      'rules: "zzz" is not a rule id. The rules are listed in docs/rules/.',
    );
  });
});

describe('a configuration file that is a symbolic link', () => {
  const CONFIG = 'path: proposals\n';

  it('is read when it points inside the repository, file or folder', async () => {
    const root = tempDir();
    writeFiles(root, { 'ci/klip-lint.yml': CONFIG, 'shared/conf/klip.yml': 'path: other\n' });
    mkdirSync(join(root, '.github'));
    symlinkSync('../ci/klip-lint.yml', join(root, '.github/klip-lint.yml'));
    expect((await loadConfig(new WorkTreeSnapshot(root))).path).toBe('proposals');
    // A folder on the way that is a link inside the repository.
    symlinkSync('shared/conf', join(root, 'conf'));
    expect((await loadConfig(new WorkTreeSnapshot(root), 'conf/klip.yml')).path).toBe('other');
  });

  it('is an error when it points outside, found or given with --config', async () => {
    const outside = tempDir();
    writeFiles(outside, { 'evil.yml': 'path: elsewhere\n' });
    const root = tempDir();
    mkdirSync(join(root, '.github'));
    symlinkSync(join(outside, 'evil.yml'), join(root, '.github/klip-lint.yml'));
    symlinkSync('../../x.yml', join(root, '.github/up.yml'));
    const found = await failureOf(loadConfig(new WorkTreeSnapshot(root)));
    expect(found.file).toBe('.github/klip-lint.yml');
    expect(found.reason).toMatch(/is a symbolic link to .*evil\.yml, outside the repository/);
    const given = await failureOf(loadConfig(new WorkTreeSnapshot(root), '.github/up.yml'));
    expect(given.reason).toMatch(/symbolic link to \.\.\/\.\.\/x\.yml, outside the repository/);
    expect(given.reason).not.toMatch(/does not exist/);
    // A folder on the way that leaves the repository.
    symlinkSync(outside, join(root, 'out'));
    const folder = await failureOf(loadConfig(new WorkTreeSnapshot(root), 'out/evil.yml'));
    expect(folder.reason).toMatch(/outside the repository/);
  });

  it('is an error when the configuration path is a folder, or too large to be one', async () => {
    const root = tempDir();
    mkdirSync(join(root, '.github/klip-lint.yml'), { recursive: true });
    const folder = await failureOf(loadConfig(new WorkTreeSnapshot(root)));
    expect(folder.reason).toMatch(/^is a folder, not a configuration file/);
    writeFiles(root, { 'big.yml': `# ${'x'.repeat(300 * 1024)}\npath: x\n` });
    const big = await failureOf(loadConfig(new WorkTreeSnapshot(root), 'big.yml'));
    expect(big.reason).toMatch(
      /^the configuration file is 300 KiB; klip-lint reads one of at most 256 KiB/,
    );
  });

  it('is an error when it points at nothing', async () => {
    const root = tempDir();
    mkdirSync(join(root, '.github'));
    symlinkSync('missing.yml', join(root, '.github/klip-lint.yml'));
    const error = await failureOf(loadConfig(new WorkTreeSnapshot(root)));
    expect(error.reason).toMatch(/is a symbolic link to missing\.yml, which is no file/);
  });

  it('is reported by the CLI at the link, found or given with --config', async () => {
    const outside = tempDir();
    writeFiles(outside, { 'evil.yml': 'path: elsewhere\n' });
    const root = tempDir();
    writeFiles(root, { 'design-proposals/klip-1-a.md': '# KLIP 1 - A\n' });
    mkdirSync(join(root, '.github'));
    symlinkSync(join(outside, 'evil.yml'), join(root, '.github/klip-lint.yml'));
    for (const args of [[], ['--config', '.github/klip-lint.yml']]) {
      const result = await runCli(args, root);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(
        /^\.github\/klip-lint\.yml:1:1 error is a symbolic link to .*evil\.yml, outside the repository; .* \[configuration\]\n$/,
      );
    }
  });

  it('is followed the same way in a commit', async () => {
    const repo = new Repository({ 'ci/klip-lint.yml': CONFIG, 'README.md': 'x\n' });
    mkdirSync(join(repo.work, '.github'));
    symlinkSync('../ci/klip-lint.yml', join(repo.work, '.github/klip-lint.yml'));
    symlinkSync('/etc/passwd', join(repo.work, '.klip-lint.yml'));
    git(repo.work, 'add', '-A');
    git(repo.work, 'commit', '-q', '-m', 'links');
    const commit = git(repo.work, 'rev-parse', 'HEAD');
    const snapshot = new GitSnapshot(new Git(repo.work), commit);
    expect((await loadConfig(snapshot)).path).toBe('proposals');
    const error = await failureOf(loadConfig(snapshot, '.klip-lint.yml'));
    expect(error.reason).toMatch(/symbolic link to \/etc\/passwd, outside the repository/);
  });
});
