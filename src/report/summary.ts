import type { Finding } from '../types.js';
import { code, escapeMarkdown } from './markdown.js';
import { fails, formatCounts, type FailOn, type FileEntry, type Report } from './report.js';

export interface SummaryOptions {
  failOn: FailOn;
  /** `https://github.com/owner/repo/blob/<sha>`: findings link to their lines there. */
  blobUrl?: string;
  /** Lines said before the findings, e.g. how the files were chosen. */
  notes?: string[];
  /** Findings listed at most; the rest are in the JSON report. */
  maxFindings?: number;
}

const ICON = { error: '❌', warning: '⚠️', notice: 'ℹ️' } as const;

/** The job summary: verdict, counts, the proposals checked, then the findings per file. */
export function renderSummary(report: Report, options: SummaryOptions): string {
  const failed = fails(report.counts, options.failOn);
  const proposals = report.files.filter((file) => file.kind === 'proposal');
  const out: string[] = [];
  out.push(`## ${failed ? '❌ klip-lint: failed' : '✅ klip-lint: passed'}`, '');
  out.push(
    `${proposals.length} proposal${proposals.length === 1 ? '' : 's'} checked in ${code(report.folder)}: ${formatCounts(report.counts)}${
      options.failOn === 'never' ? ' (fail-on: never)' : ` (fails on: ${options.failOn})`
    }.`,
    '',
  );
  for (const note of options.notes ?? []) out.push(`> ${escapeMarkdown(note)}`, '');
  if (proposals.length > 0) {
    out.push('| KLIP | Title | Status | Result |', '| ---: | --- | --- | --- |');
    for (const file of proposals) {
      out.push(
        `| ${file.klip ?? '—'} | ${escapeMarkdown(file.title ?? file.file)} | ${escapeMarkdown(file.status ?? '—')} | ${result(file)} |`,
      );
    }
    out.push('');
  }
  const max = options.maxFindings ?? 500;
  const files = [...new Set(report.findings.map((finding) => finding.file))];
  if (files.length > 0) out.push('### Findings', '');
  let listed = 0;
  for (const file of files) {
    if (listed >= max) break;
    const findings = report.findings
      .filter((finding) => finding.file === file)
      .slice(0, max - listed);
    listed += findings.length;
    out.push(
      `#### ${code(file)}`,
      '',
      '| Line | Severity | Rule | Message |',
      '| ---: | --- | --- | --- |',
    );
    for (const finding of findings) out.push(row(finding, options.blobUrl));
    out.push('');
  }
  if (report.findings.length > listed) {
    out.push(
      `${report.findings.length - listed} more findings are not listed here; see the JSON report.`,
      '',
    );
  }
  return out.join('\n');
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

function row(finding: Finding, blobUrl: string | undefined): string {
  const lines =
    finding.endLine > finding.line ? `${finding.line}-${finding.endLine}` : `${finding.line}`;
  const anchor =
    finding.endLine > finding.line ? `#L${finding.line}-L${finding.endLine}` : `#L${finding.line}`;
  const where = blobUrl ? `[${lines}](${blobUrl}/${encodePath(finding.file)}${anchor})` : lines;
  return `| ${where} | ${ICON[finding.severity]} ${finding.severity} | ${code(finding.ruleId)} | ${escapeMarkdown(finding.message)} |`;
}

function encodePath(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}
