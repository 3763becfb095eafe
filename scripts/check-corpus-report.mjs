// Conformance on the real KLIP corpus: the CLI's JSON report must find what a maintainer would
// point out, stay quiet about the template and aliases, and keep every position inside its file.
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const [reportPath, corpus, mode] = process.argv.slice(2);
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
  ['status-alias', 'klip-27-enhanced-udf-configuration-options.md', 'another word for a status'],
  ['section-missing', 'klip-59-json-functions.md', 'sections really left out'],
  ['section-missing', 'klip-11-DQL.md', 'a proposal that is only a title'],
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
  // The template's own spelling of a status (italics, casing) is right.
  if (f.ruleId === 'status-alias' && !/another word|index status/.test(f.message))
    failures.push(`status-alias on the template's spelling: ${f.file}:${f.line} ${f.message}`);
}
// A stub (only a title) is one finding of its kind, not one per missing part.
for (const stub of ['klip-11-DQL.md', 'klip-55-tablespaces.md']) {
  const parts = report.findings.filter(
    (f) =>
      f.file.endsWith(stub) &&
      ['section-missing', 'metadata-missing', 'tldr-missing', 'metadata-placeholder'].includes(
        f.ruleId,
      ),
  );
  if (parts.length !== 1) failures.push(`${stub}: ${parts.length} findings for a stub, not one`);
}
// Sections present under another level or name (Scope, Value, Public API, Documentation, ...).
const present = [
  [
    'klip-1-improve-udf-interfaces.md',
    ['What is in scope', 'What is not in scope', 'Value/Return'],
  ],
  ['klip-5-internal-schemas-for-KSQL-engine.md', ['Public APIS', 'Documentation Updates']],
  ['klip-8-queryable-state-stores.md', ['What is in scope', 'Compatibility Implications']],
  ['klip-23-primary-keys-for-tables.md', ['Motivation and background']],
  ['klip-32-sql-testing-tool.md', ['LOEs and Delivery Milestones', 'Documentation Updates']],
  ['klip-49-add-source-stream-table-semantic.md', ['Design']],
];
for (const [file, sections] of present) {
  for (const section of sections) {
    const wrong = report.findings.find(
      (f) =>
        f.ruleId === 'section-missing' &&
        f.file.endsWith(file) &&
        f.message.startsWith(`Section "${section}" is missing`),
    );
    if (wrong) failures.push(`section-missing for a section that is there: ${file} ${section}`);
  }
}

for (const f of report.findings) {
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

// Every finding on the real folder was judged against its file; the table holds the judged
// (file, rule, line) triples, so any change in them fails until the table is updated on purpose
// (`node scripts/check-corpus-report.mjs REPORT CORPUS --write`, then judge the diff).
const TABLE = join(dirname(fileURLToPath(import.meta.url)), 'corpus-expected.tsv');
const triple = (f) => `${f.file.slice(f.file.indexOf('/') + 1)}\t${f.ruleId}\t${f.line}`;
const found = report.findings.map(triple).sort();
if (mode === '--write') {
  const head = '# file\trule\tline: the judged findings of klip-lint on ksql-design-proposals\n';
  writeFileSync(TABLE, head + found.map((t) => `${t}\n`).join(''));
  console.log(`corpus: wrote ${found.length} expected findings to ${TABLE}`);
}
const expected = readFileSync(TABLE, 'utf8')
  .split('\n')
  .filter((line) => line && !line.startsWith('#'))
  .sort();
const count = (list) => list.reduce((map, t) => map.set(t, (map.get(t) ?? 0) + 1), new Map());
const [want, got] = [count(expected), count(found)];
for (const [t, n] of want) {
  if ((got.get(t) ?? 0) < n) failures.push(`expected finding missing: ${t.split('\t').join(' ')}`);
}
for (const [t, n] of got) {
  if ((want.get(t) ?? 0) < n) failures.push(`unexpected finding: ${t.split('\t').join(' ')}`);
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
