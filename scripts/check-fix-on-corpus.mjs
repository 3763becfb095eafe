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
  'index-next-number',
];
// Rules whose fix applies to some findings only: index-status raises a row that is behind its file
// and leaves a row ahead of it (only a maintainer knows which side is right); index-link writes a
// target with spaces as <...>.
const PARTIAL = {
  'index-status': (f) => !f.message.includes('Statuses only move forward'),
  'index-link': (f) => !f.message.includes('its target has spaces'),
};
const failures = [];

// The process order of the default vocabulary: no fix may move a status backwards.
const ORDER = [
  'proposal',
  'proposed',
  'in discussion',
  'discussion',
  'design approved',
  'approved',
  'accepted',
  'in development',
  'merged',
];
const rank = (status) => {
  const word = status.replace(/[_*`]/g, '').trim().toLowerCase();
  const at = ORDER.indexOf(word);
  return at < 0 ? -1 : [0, 0, 1, 1, 2, 2, 2, 3, 4][at];
};
const rowStatuses = () =>
  Object.fromEntries(
    readFileSync(join(folder, 'README.md'), 'utf8')
      .split('\n')
      .filter((line) => /^\|[^|]*KLIP-\d+/.test(line))
      .map((line) => [/KLIP-(\d+)/.exec(line)[1], line.split('|')[2].trim()]),
  );
const rowsBefore = rowStatuses();

const before = report().findings;
const fixed = run('design-proposals', '--fix');
if (fixed.status === 2) failures.push(`--fix crashed: ${fixed.stderr}`);
const after = report().findings;
for (const [klip, status] of Object.entries(rowStatuses())) {
  if (rank(status) < rank(rowsBefore[klip] ?? ''))
    failures.push(
      `--fix moved the index row of KLIP ${klip} back: ${rowsBefore[klip]} -> ${status}`,
    );
}
for (const finding of after.filter((f) => PARTIAL[f.ruleId] && !PARTIAL[f.ruleId](f)))
  failures.push(
    `left after --fix: ${finding.file}:${finding.line} [${finding.ruleId}] ${finding.message}`,
  );
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
    .filter((f) => !FIXABLE.includes(f.ruleId) && !PARTIAL[f.ruleId])
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
