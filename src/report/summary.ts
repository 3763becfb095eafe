import type { Finding } from '../model/types.js';
import { DEFAULT_DOCS, ruleUrl } from './docs.js';
import { code, escapeMarkdown } from './markdown-escape.js';
import {
  fails,
  formatCounts,
  type ChangedKlip,
  type FailOn,
  type FileEntry,
  type Report,
} from './report.js';

export interface SummaryOptions {
  failOn: FailOn;
  /** `https://github.com/owner/repo/blob/<sha>`: findings link to their lines there. */
  blobUrl?: string;
  /** Lines said before the findings, e.g. how the files were chosen. */
  notes?: string[];
  /** Findings listed at most; the rest are in the JSON report. */
  maxFindings?: number;
  /** Where the rule pages are. */
  docs?: string;
  /** Markdown that opens the summary after the verdict: where every proposal stands. */
  overview?: string;
  /** A whole-folder run: long lists fold into <details>, errors come before warnings. */
  compact?: boolean;
}

const ICON = { error: '❌', warning: '⚠️', notice: 'ℹ️' } as const;

/** GitHub refuses a step summary over 1 MiB; stay well below it. */
export const SUMMARY_LIMIT = 900 * 1024;

interface Limits {
  findings: number;
  rows: number;
  /** Notes listed, and characters of each. */
  notes: number;
  noteChars: number;
}

/** The job summary, shortened as much as it takes to stay under GitHub's limit. */
export function renderSummary(report: Report, options: SummaryOptions): string {
  let limits: Limits = {
    findings: options.maxFindings ?? 500,
    rows: 2000,
    notes: 200,
    noteChars: 2000,
  };
  for (;;) {
    const text = render(report, options, limits);
    if (Buffer.byteLength(text) <= SUMMARY_LIMIT) return text;
    if (limits.findings + limits.rows + limits.notes === 0) return cut(text);
    limits = {
      findings: Math.floor(limits.findings / 2),
      rows: Math.floor(limits.rows / 2),
      notes: Math.floor(limits.notes / 2),
      noteChars: Math.max(200, Math.floor(limits.noteChars / 2)),
    };
  }
}

/** The last resort, for single items too long to list: cut at a line, and say so. */
function cut(text: string): string {
  const end =
    "\n\nThe summary was cut here to stay under GitHub's 1 MiB limit; see the JSON report.\n";
  const head = Buffer.from(text)
    .subarray(0, SUMMARY_LIMIT - Buffer.byteLength(end))
    .toString();
  return `${head.slice(0, Math.max(0, head.lastIndexOf('\n')))}${end}`;
}

/** The notes to show: as many as the limits allow, each at most so long. */
function shownNotes(notes: string[], limits: Limits): string[] {
  const shown = notes
    .slice(0, limits.notes)
    .map((note) =>
      note.length > limits.noteChars
        ? `${note.slice(0, limits.noteChars - 1).replace(/[\uD800-\uDBFF]$/, '')}…`
        : note,
    );
  if (notes.length > limits.notes)
    shown.push(
      `${notes.length - limits.notes} more notes are not listed here; see the JSON report.`,
    );
  return shown;
}

/** Verdict, counts, the proposals checked, then the findings per file. */
function render(report: Report, options: SummaryOptions, limits: Limits): string {
  const failed = fails(report.counts, options.failOn);
  const out: string[] = [`## ${failed ? '❌ klip-lint: failed' : '✅ klip-lint: passed'}`, ''];
  const failNote =
    options.failOn === 'never' ? ' (fail-on: never)' : ` (fails on: ${options.failOn})`;
  const notes = shownNotes([...(report.comparison?.notes ?? []), ...(options.notes ?? [])], limits);

  if (report.mode === 'change' && report.comparison) {
    const { base, head } = report.comparison;
    const range = `${code(base.slice(0, 12))}...${code(head.slice(0, 12))}`;
    if (report.changes.length === 0 && report.files.length === 0) {
      out.push(
        `Compared ${range}: this change touches no proposal, the index or the template in ${code(report.folder)}. Nothing needed checking.`,
        '',
      );
      for (const note of notes) out.push(`> ${escapeMarkdown(note)}`, '');
      return out.join('\n');
    }
    const n = report.changes.length;
    out.push(
      `Compared ${range}: ${n} proposal${n === 1 ? '' : 's'} changed in ${code(report.folder)}; this change introduces ${formatCounts(report.counts)}${failNote}.`,
      '',
    );
    for (const note of notes) out.push(`> ${escapeMarkdown(note)}`, '');
    if (options.overview) out.push(options.overview, '');
    if (n > 0) {
      out.push('| KLIP | Title | Change | Status | Result |', '| ---: | --- | --- | --- | --- |');
      for (const change of report.changes.slice(0, limits.rows)) {
        const entry = report.files.find((file) => file.file === change.file);
        out.push(
          `| ${change.klip ?? '—'} | ${escapeMarkdown(change.title ?? change.file)} | ${describeChange(change)} | ${statusCell(change)} | ${entry ? result(entry) : '—'} |`,
        );
      }
      out.push('');
    }
  } else {
    const proposals = report.files.filter((file) => file.kind === 'proposal');
    out.push(
      `${proposals.length} proposal${proposals.length === 1 ? '' : 's'} checked in ${code(report.folder)}: ${formatCounts(report.counts)}${failNote}.`,
      '',
    );
    for (const note of notes) out.push(`> ${escapeMarkdown(note)}`, '');
    if (options.overview) out.push(options.overview, '');
    if (proposals.length > 0) {
      if (options.compact)
        out.push('<details>', `<summary>The ${proposals.length} proposals checked</summary>`, '');
      out.push('| KLIP | Title | Status | Result |', '| ---: | --- | --- | --- |');
      for (const file of proposals.slice(0, limits.rows)) {
        out.push(
          `| ${file.klip ?? '—'} | ${escapeMarkdown(file.title ?? file.file)} | ${escapeMarkdown(file.status ?? '—')} | ${result(file)} |`,
        );
      }
      out.push('');
      if (options.compact) out.push('</details>', '');
    }
  }

  const max = limits.findings;
  const tableRows =
    report.mode === 'change'
      ? report.changes.length
      : report.files.filter((file) => file.kind === 'proposal').length;
  if (tableRows > limits.rows)
    out.push(
      `${tableRows - limits.rows} more proposals are not listed here; see the JSON report.`,
      '',
    );
  const listed = options.compact
    ? findingsBySeverity(out, report.findings, max, options)
    : findingsByFile(
        out,
        report.mode === 'change' ? 'New findings' : 'Findings',
        report.findings,
        max,
        options,
      );
  let unlisted = report.findings.length - listed;
  if (report.preExisting.length > 0) {
    const how =
      report.comparison?.preExisting === 'fail'
        ? 'they count towards the verdict'
        : report.comparison?.preExisting === 'annotate'
          ? 'annotated, not counted'
          : 'not annotated, not counted';
    out.push(
      `### Pre-existing findings (${report.preExisting.length})`,
      '',
      `These were already there at the base; ${how}.`,
      '',
    );
    const shown = findingsByFile(out, null, report.preExisting, Math.max(0, max - listed), options);
    unlisted += report.preExisting.length - shown;
  }
  if (unlisted > 0)
    out.push(`${unlisted} more findings are not listed here; see the JSON report.`, '');
  return out.join('\n');
}

/**
 * Errors, then warnings, then notices: each a count per rule, and the findings folded into
 * <details>, so a folder of hundreds of findings still reads at a glance.
 */
function findingsBySeverity(
  out: string[],
  findings: Finding[],
  max: number,
  options: SummaryOptions,
): number {
  let listed = 0;
  for (const severity of ['error', 'warning', 'notice'] as const) {
    const these = findings.filter((finding) => finding.severity === severity);
    if (these.length === 0) continue;
    const name = { error: 'Errors', warning: 'Warnings', notice: 'Notices' }[severity];
    const rules = new Map<string, number>();
    for (const finding of these) rules.set(finding.ruleId, (rules.get(finding.ruleId) ?? 0) + 1);
    out.push(
      `### ${ICON[severity]} ${name} (${these.length})`,
      '',
      [...rules]
        .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
        .map(([id, count]) => `${code(id)} ${count}`)
        .join(' · '),
      '',
    );
    // A few errors are shown open; anything longer is folded.
    const fold = severity !== 'error' || these.length > 10;
    if (fold)
      out.push(
        '<details>',
        `<summary>The ${these.length} ${name.toLowerCase()} by file</summary>`,
        '',
      );
    const shown = these.slice(0, Math.max(0, max - listed));
    findingsByFile(out, null, shown, shown.length, options);
    listed += shown.length;
    if (fold) out.push('</details>', '');
  }
  return listed;
}

/** Appends a table of findings per file; returns how many were listed. */
function findingsByFile(
  out: string[],
  heading: string | null,
  findings: Finding[],
  max: number,
  options: SummaryOptions,
): number {
  const files = [...new Set(findings.map((finding) => finding.file))];
  if (files.length === 0) return 0;
  if (heading) out.push(`### ${heading}`, '');
  let listed = 0;
  for (const file of files) {
    if (listed >= max) break;
    const rows = findings.filter((finding) => finding.file === file).slice(0, max - listed);
    listed += rows.length;
    out.push(
      `#### ${code(file)}`,
      '',
      '| Line | Severity | Rule | Message |',
      '| ---: | --- | --- | --- |',
    );
    for (const finding of rows) out.push(row(finding, options));
    out.push('');
  }
  return listed;
}

function describeChange(change: ChangedKlip): string {
  if (change.change === 'renamed' && change.previousFile) {
    return `renamed from ${code(change.previousFile.slice(change.previousFile.lastIndexOf('/') + 1))}`;
  }
  return change.change;
}

function statusCell(change: ChangedKlip): string {
  const before = change.statusBefore;
  const after = change.statusAfter;
  if (change.change === 'added') return escapeMarkdown(after ?? '—');
  if (change.change === 'deleted') return `${escapeMarkdown(before ?? '—')} → deleted`;
  if (before === after) return escapeMarkdown(after ?? '—');
  return `${escapeMarkdown(before ?? '—')} → ${escapeMarkdown(after ?? '—')}`;
}

function result(file: FileEntry): string {
  const { error, warning, notice } = file.counts;
  if (error + warning + notice === 0) return '✅ clean';
  const parts = [
    error ? `${error} error${error === 1 ? '' : 's'}` : '',
    warning ? `${warning} warning${warning === 1 ? '' : 's'}` : '',
    notice ? `${notice} notice${notice === 1 ? '' : 's'}` : '',
  ].filter(Boolean);
  return `${error ? ICON.error : warning ? ICON.warning : ICON.notice} ${parts.join(', ')}`;
}

function row(finding: Finding, { blobUrl, docs = DEFAULT_DOCS }: SummaryOptions): string {
  const lines =
    finding.endLine > finding.line ? `${finding.line}-${finding.endLine}` : `${finding.line}`;
  const anchor =
    finding.endLine > finding.line ? `#L${finding.line}-L${finding.endLine}` : `#L${finding.line}`;
  const where = blobUrl ? `[${lines}](${blobUrl}/${encodePath(finding.file)}${anchor})` : lines;
  return `| ${where} | ${ICON[finding.severity]} ${finding.severity} | [${code(finding.ruleId)}](${ruleUrl(docs, finding.ruleId)}) | ${escapeMarkdown(finding.message)} |`;
}

function encodePath(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}
