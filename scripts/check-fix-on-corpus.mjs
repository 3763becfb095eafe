// --fix and `new` on a copy of the real corpus: every finding of the fixable rules goes, nothing
// else changes, a second run changes no byte, and a new proposal lints clean for structure.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const cli = resolve('dist/cli/index.js');
const work = mkdtempSync(join(tmpdir(), 'klip-lint-fix-'));
const folder = join(work, 'design-proposals');
cpSync(resolve(process.argv[2]), folder, { recursive: true });
const run = (...args) =>
  spawnSync(process.execPath, [cli, ...args], { cwd: work, encoding: 'utf8' });
const report = () => JSON.parse(run('design-proposals', '--format', 'json').stdout);
const snapshot = () =>
  Object.fromEntries(readdirSync(folder).map((name) => [name, readFileSync(join(folder, name))]));
const FIXABLE = [
  'title-format',
  'metadata-format',
  'status-alias',
  'index-missing',
  'index-status',
  'index-next-number',
];
const failures = [];

const before = report().findings;
const fixed = run('design-proposals', '--fix');
if (fixed.status === 2) failures.push(`--fix crashed: ${fixed.stderr}`);
const after = report().findings;
for (const finding of after.filter((f) => FIXABLE.includes(f.ruleId))) {
  // A title without any number and a file name without one cannot be fixed mechanically.
  if (finding.ruleId === 'title-format' && !/\d/.test(finding.file)) continue;
  failures.push(
    `left after --fix: ${finding.file}:${finding.line} [${finding.ruleId}] ${finding.message}`,
  );
}
const key = (f) => `${f.ruleId} ${f.file} ${f.message}`;
const others = (list) =>
  list
    .filter((f) => !FIXABLE.includes(f.ruleId))
    .map(key)
    .sort();
if (JSON.stringify(others(before)) !== JSON.stringify(others(after)))
  failures.push('--fix changed findings of rules it does not fix');
const once = snapshot();
run('design-proposals', '--fix');
const twice = snapshot();
for (const name of Object.keys(once))
  if (!once[name].equals(twice[name])) failures.push(`a second --fix changed ${name}`);
const original = resolve(process.argv[2]);
const touched = Object.keys(once).filter(
  (name) => !readFileSync(join(original, name)).equals(once[name]),
);
console.log(
  `fix on corpus: ${fixed.stderr.trim().split('\n').length} fixes in ${touched.length} files`,
);

const created = run('new', 'A new proposal for the corpus');
if (created.status !== 0) failures.push(`new failed: ${created.stderr}`);
const name = /created (\S+)/.exec(created.stdout)?.[1];
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
const fresh = JSON.parse(run(name, '--format', 'json').stdout).findings.filter(
  (f) => f.file === name && structure.includes(f.ruleId),
);
for (const finding of fresh)
  failures.push(`new proposal not clean: [${finding.ruleId}] ${finding.message}`);
const next = JSON.parse(run('design-proposals', '--format', 'json').stdout).findings.filter(
  (f) => f.ruleId === 'index-next-number' || (f.ruleId === 'index-missing' && f.file === name),
);
for (const finding of next)
  failures.push(`index after new: [${finding.ruleId}] ${finding.message}`);
console.log(`new on corpus: ${created.stdout.trim().split('\n').join('; ')}`);

if (failures.length > 0) {
  console.error(failures.map((line) => `- ${line}`).join('\n'));
  process.exit(1);
}
console.log('fix and new on corpus: checks passed');
