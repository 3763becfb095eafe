// The package as users get it: `npm pack`, then `npm install -g` of the tarball into a temporary
// prefix (offline: it has no dependencies), then its `klip-lint` on the examples and on one file.
// Needs a built dist/. Run by .ci/run.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'klip-lint-package-'));
const fail = (message) => {
  console.error(`check-package: ${message}`);
  process.exit(1);
};

const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
if (manifest.private) fail('package.json is private: it cannot be published.');
if (Object.keys(manifest.dependencies ?? {}).length > 0)
  fail('runtime dependencies: the bundle in dist/ holds them; move them to devDependencies.');

const [packed] = JSON.parse(
  execFileSync('npm', ['pack', '--json', '--pack-destination', work], { cwd: root }).toString(),
);
const files = packed.files.map((file) => file.path);
for (const needed of [
  'dist/cli/index.js',
  'dist/worker/index.js',
  'LICENSE',
  'CHANGELOG.md',
  'docs/rules/title-format.md',
  'klip-lint.schema.json',
]) {
  if (!files.includes(needed)) fail(`the tarball lacks ${needed}.`);
}
const extra = files.filter((file) =>
  /^(src|__tests__|bench|scripts|examples|node_modules)\//.test(file),
);
if (extra.length) fail(`the tarball holds files that do not run: ${extra.join(', ')}`);

const prefix = join(work, 'prefix');
execFileSync(
  'npm',
  [
    'install',
    '-g',
    '--prefix',
    prefix,
    '--offline',
    '--no-audit',
    '--no-fund',
    join(work, packed.filename),
  ],
  { stdio: 'inherit' },
);
const bin = join(prefix, 'bin', 'klip-lint');

// Run where no node_modules can help: a copy of the examples in the temp folder.
const folder = join(work, 'repo', 'design-proposals');
cpSync(join(root, 'examples/design-proposals'), folder, { recursive: true });
const run = (args) => spawnSync(bin, args, { cwd: join(work, 'repo'), encoding: 'utf8' });

const version = run(['--version']);
if (version.status !== 0 || version.stdout.trim() !== manifest.version)
  fail(`klip-lint --version said ${JSON.stringify(version.stdout)} (exit ${version.status}).`);
const whole = run(['design-proposals', '--format', 'json']);
if (whole.status !== 1) fail(`klip-lint on the examples exited ${whole.status}: ${whole.stderr}`);
const report = JSON.parse(whole.stdout);
if (!report.findings.some((finding) => finding.ruleId === 'status-unknown'))
  fail('klip-lint on the examples did not report their status-unknown finding.');
const one = run([
  'design-proposals/klip-4-sink-batching.md',
  'design-proposals/klip-1-windowed-deduplication.md',
]);
if (one.status === null || one.status > 1 || !one.stdout.includes('klip-4-sink-batching.md'))
  fail(`klip-lint on file names exited ${one.status}: ${one.stderr}`);
console.log(
  `check-package: ${packed.filename} (${files.length} files) installs and its klip-lint runs.`,
);
