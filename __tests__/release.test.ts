import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { VERSION } from '../src/model/version.js';
import { ROOT, runCli } from './helpers/run.js';

/*
 * The repository of a release: its files, the package as npm installs it, the pre-commit hook,
 * and the entry @github/local-action runs. (scripts/check-package.mjs, run by .ci/run, packs and
 * installs the tarball for real.)
 */

const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');
const yaml = (path: string) => parse(read(path)) as Record<string, unknown>;

/** The CLI from the sources, in this process, as pre-commit or a user runs it. */
const cli = (args: string[]) => runCli(args, ROOT);

describe('the release files', () => {
  it('has the Apache-2.0 license that package.json names', () => {
    const license = read('LICENSE');
    expect(JSON.parse(read('package.json')).license).toBe('Apache-2.0');
    expect(license).toMatch(/^\s+Apache License\s+Version 2\.0, January 2004/);
    expect(license).toContain('END OF TERMS AND CONDITIONS');
    expect(license.split('\n').length).toBeGreaterThan(190);
  });

  it('keeps a changelog with the current version and an Unreleased section', () => {
    const changelog = read('CHANGELOG.md');
    expect(changelog).toContain('keepachangelog.com');
    expect(changelog).toContain('## [Unreleased]');
    expect(changelog).toMatch(
      new RegExp(`## \\[${VERSION.replace(/\./g, '\\.')}\\] - \\d{4}-\\d\\d-\\d\\d`),
    );
  });

  it('says how to report a vulnerability and how to contribute', () => {
    expect(read('SECURITY.md')).toMatch(/Report(ing)? a vulnerability/i);
    const contributing = read('CONTRIBUTING.md');
    expect(contributing).toContain('npm ci && npm start\nnpm test');
    expect(contributing).toContain('npm run docs');
    expect(contributing).toContain('@github/local-action');
  });

  it('runs CI as .ci/run does, and the action itself with uses: ./ on pull requests', () => {
    const ci = yaml('.github/workflows/ci.yml') as {
      on: Record<string, unknown>;
      jobs: Record<string, { if?: string; steps: { run?: string; uses?: string }[] }>;
    };
    expect(Object.keys(ci.on)).toEqual(expect.arrayContaining(['pull_request', 'push']));
    const jobs = Object.values(ci.jobs);
    expect(jobs.some((job) => job.steps.some((step) => step.run === 'bash .ci/run'))).toBe(true);
    const self = jobs.find((job) => job.steps.some((step) => step.uses === './'));
    expect(self?.if).toContain('pull_request');
  });

  it('releases by tagging vX.Y.Z and moving vX', () => {
    const release = read('.github/workflows/release.yml');
    expect(release).toContain('git tag -a "v$VERSION"');
    expect(release).toContain('git push --force origin "$major"');
  });

  it('has Dependabot update npm packages and the actions', () => {
    const dependabot = yaml('.github/dependabot.yml') as {
      updates: { 'package-ecosystem': string }[];
    };
    expect(dependabot.updates.map((update) => update['package-ecosystem']).sort()).toEqual([
      'github-actions',
      'npm',
    ]);
  });
});

describe('the package', () => {
  const manifest = JSON.parse(read('package.json')) as Record<string, unknown>;

  it('can be published, with only what runs', () => {
    expect(manifest.private).toBeUndefined();
    expect(manifest.version).toBe(VERSION);
    expect(manifest.bin).toEqual({ 'klip-lint': 'dist/cli/index.js' });
    expect(manifest.engines).toEqual({ node: expect.stringMatching(/^>=\d+/) });
    expect(manifest.files).toEqual(
      expect.arrayContaining(['dist/', 'docs/rules/', 'klip-lint.schema.json', 'LICENSE']),
    );
    expect(manifest.files).not.toEqual(expect.arrayContaining(['src/']));
  });

  it('has no runtime dependencies: the bundle holds them', () => {
    expect(manifest.dependencies ?? {}).toEqual({});
  });
});

describe('the pre-commit hook', () => {
  const [hook] = parse(read('.pre-commit-hooks.yaml')) as {
    id: string;
    entry: string;
    language: string;
    files: string;
    exclude: string;
    pass_filenames?: boolean;
  }[];

  it('runs the klip-lint the package installs, on the proposals a commit touches', () => {
    expect(hook!.id).toBe('klip-lint');
    expect(hook!.language).toBe('node');
    expect(Object.keys(JSON.parse(read('package.json')).bin)).toContain(hook!.entry);
    expect(hook!.pass_filenames ?? true).toBe(true);
    // pre-commit matches `files` and `exclude` with Python's re.search on the path.
    const picked = (path: string) =>
      new RegExp(hook!.files).test(path) && !new RegExp(hook!.exclude).test(path);
    expect(picked('design-proposals/klip-12-stream-joins.md')).toBe(true);
    expect(picked('klip-51-a provider with spaces.md')).toBe(true);
    expect(picked('docs/klips/klip-3-x.md')).toBe(true);
    expect(picked('design-proposals/klip-template.md')).toBe(false);
    expect(picked('design-proposals/README.md')).toBe(false);
    expect(picked('design-proposals/klip-12-stream-joins.md.orig')).toBe(false);
    expect(picked('notes/myklip-1.md')).toBe(false);
  });

  it('is documented with the repos: entry to add', () => {
    const readme = read('README.md');
    expect(readme).toMatch(/repos:\n\s+- repo: https:\/\/github\.com\/klip-lint\/klip-lint\n/);
    expect(readme).toMatch(/hooks:\n\s+- id: klip-lint/);
  });

  it('gets file names the CLI accepts, reporting on those proposals only', async () => {
    const files = [
      'examples/design-proposals/klip-4-sink-batching.md',
      'examples/design-proposals/klip-2-query-tags.md',
    ];
    const run = await cli([...files, '--format', 'json']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as { findings: { file: string; ruleId: string }[] };
    expect(report.findings.map((finding) => finding.ruleId)).toContain('status-unknown');
    const proposals = new Set(
      report.findings.map((finding) => finding.file).filter((file) => /\/klip-/.test(file)),
    );
    expect([...proposals].every((file) => files.includes(file))).toBe(true);
  });
});

describe('options that need another', () => {
  it.each([
    [['--pre-existing', 'fail', 'examples/design-proposals'], /--pre-existing needs --base/],
    [['--fix', '--base', 'HEAD', 'examples/design-proposals'], /--fix cannot be used with --base/],
  ])('%j is a usage error', async (args, message) => {
    const run = await cli(args);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stdout).toBe('');
  });
});

describe('the action entry', () => {
  it('exports run() for @github/local-action, and the bundle entry only calls it', async () => {
    const main = await import('../src/entry/action.js');
    expect(typeof main.run).toBe('function');
    expect(read('src/entry/action-bundle.ts')).toMatch(/await run\(\);/);
    expect(JSON.parse(read('package.json')).scripts.build).toContain(
      'ncc build src/entry/action-bundle.ts -o dist',
    );
    expect(existsSync(join(ROOT, 'action.yml'))).toBe(true);
    // The CLI's entry names node: npm installs it as the klip-lint command.
    expect(read('src/entry/cli.ts').startsWith('#!/usr/bin/env node\n')).toBe(true);
    expect(readdirSync(join(ROOT, 'src/entry')).sort()).toEqual([
      'action-bundle.ts',
      'action.ts',
      'cli.ts',
      'worker.ts',
    ]);
  });
});
