// Conformance on the real KLIP corpus: the CLI's JSON report must find what a maintainer would
// point out, stay quiet about the template and aliases, and keep every position inside its file.
import { readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

const [reportPath, corpus] = process.argv.slice(2);
const report = JSON.parse(readFileSync(reportPath, 'utf8'));
const failures = [];
const has = (ruleId, fileEnd) =>
  report.findings.some((f) => f.ruleId === ruleId && (!fileEnd || f.file.endsWith(fileEnd)));

const expectations = [
  ['title-format', 'klip-6-execution-plans.md', 'a title without a number'],
  ['filename-format', 'klip-51-ksqldb .NET LINQ provider.md', 'a file name with a space'],
  ['filename-format', 'klip-11-DQL.md', 'an upper-case file name'],
  ['section-missing', 'klip-55-tablespaces.md', 'a placeholder proposal without sections'],
  ['status-unknown', 'klip-3-serialization-of-single-fields.md', 'a free-text status'],
  ['index-status', 'README.md', 'index rows that disagree with their files'],
  ['index-next-number', 'README.md', 'a wrong next number'],
  ['index-link', 'README.md', 'index rows linking to missing files'],
  ['link-broken', 'klip-24-key-column-semantics-in-queries.md', 'an anchor GitHub does not render'],
  ['metadata-placeholder', 'klip-7-connect-integration.md', '"link" as a Discussion value'],
];
// Index rows, by line of the index: the row's own problem, not another's.
const rows = [
  [97, 'index-link', 'a link target with spaces, shown as raw text'],
  [101, 'index-link', 'a link to an old commit while the file is here'],
  [104, 'index-link', 'a link to a PR while the file is here'],
];
for (const [line, ruleId, what] of rows) {
  if (
    !report.findings.some(
      (f) => f.ruleId === ruleId && f.file.endsWith('README.md') && f.line === line,
    )
  )
    failures.push(`expected ${ruleId} on README.md line ${line} (${what})`);
}
for (const [ruleId, file, what] of expectations) {
  if (!has(ruleId, file)) failures.push(`expected ${ruleId} on ${file} (${what})`);
}
for (const f of report.findings) {
  if (basename(f.file) === 'klip-template.md')
    failures.push(`finding on the template: ${f.ruleId} ${f.message}`);
  if (
    f.ruleId === 'status-unknown' &&
    !f.file.endsWith('klip-3-serialization-of-single-fields.md')
  ) {
    failures.push(`status-unknown on an alias or known status: ${f.file}:${f.line} ${f.message}`);
  }
  if (f.ruleId === 'internal-error') failures.push(`internal error: ${f.file} ${f.message}`);
  // Either side can be the stale one: the index is never told to follow the file blindly.
  if (f.ruleId === 'index-status' && /source of truth|update the row to/.test(f.message))
    failures.push(`index-status takes the file's side: ${f.line} ${f.message}`);
}

// The report's paths start with the folder's own name; positions are 1-based, end exclusive.
const root = dirname(corpus);
for (const f of report.findings) {
  const text = readFileSync(join(root, f.file), 'utf8').replace(/^\uFEFF/, '');
  const lines = text.split(/\r\n|\r|\n/);
  const inside = (line, column) =>
    line >= 1 && line <= lines.length && column >= 1 && column <= lines[line - 1].length + 1;
  const ordered = f.line < f.endLine || (f.line === f.endLine && f.column <= f.endColumn);
  if (!inside(f.line, f.column) || !inside(f.endLine, f.endColumn) || !ordered) {
    failures.push(
      `position outside the file: ${f.file}:${f.line}:${f.column}-${f.endLine}:${f.endColumn} [${f.ruleId}]`,
    );
  }
}

const { error, warning, notice } = report.counts;
console.log(
  `corpus: ${report.files.length} files, ${error} errors, ${warning} warnings, ${notice} notices`,
);
if (failures.length > 0) {
  console.error(failures.map((line) => `- ${line}`).join('\n'));
  process.exit(1);
}
console.log('corpus: conformance checks passed');
