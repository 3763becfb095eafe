import type { LintResult } from '../engine.js';
import { documentStatus, klipNumber } from '../rules/helpers.js';
import { SEVERITY_RANK, type Finding, type Severity } from '../types.js';

export const TOOL_NAME = 'klip-lint';
export const REPORT_VERSION = 1;

export type Counts = Record<Severity, number>;
export type FailOn = Severity | 'never';

export interface FileEntry {
  file: string;
  kind: 'proposal' | 'index';
  klip: number | null;
  title: string | null;
  status: string | null;
  counts: Counts;
}

/** The JSON report: what the CLI prints with --format json and the action writes to a file. */
export interface Report {
  tool: { name: string; version: string };
  reportVersion: number;
  folder: string;
  template: string | null;
  findings: Finding[];
  files: FileEntry[];
  counts: Counts;
}

export function countFindings(findings: readonly Finding[]): Counts {
  const counts: Counts = { error: 0, warning: 0, notice: 0 };
  for (const finding of findings) counts[finding.severity]++;
  return counts;
}

export function buildReport(
  result: LintResult,
  options: { folder: string; version: string; extra?: Finding[] },
): Report {
  const findings = [...result.findings, ...(options.extra ?? [])];
  const forFile = (file: string) =>
    countFindings(findings.filter((finding) => finding.file === file));
  const files: FileEntry[] = result.documents.map((document) => {
    const status = documentStatus(document, result.template, result.vocabulary);
    return {
      file: document.file,
      kind: 'proposal',
      klip: klipNumber(document),
      title: document.title ? document.title.name || document.title.text : null,
      status: status
        ? status.match.kind === 'unknown'
          ? status.match.written
          : status.match.status.name
        : null,
      counts: forFile(document.file),
    };
  });
  if (result.index) {
    files.push({
      file: result.index.file,
      kind: 'index',
      klip: null,
      title: null,
      status: null,
      counts: forFile(result.index.file),
    });
  }
  return {
    tool: { name: TOOL_NAME, version: options.version },
    reportVersion: REPORT_VERSION,
    folder: options.folder,
    template: result.template.file,
    findings,
    files,
    counts: countFindings(findings),
  };
}

/** Whether the findings reach the level that fails the run. */
export function fails(counts: Counts, failOn: FailOn): boolean {
  if (failOn === 'never') return false;
  return (Object.keys(counts) as Severity[]).some(
    (severity) => counts[severity] > 0 && SEVERITY_RANK[severity] >= SEVERITY_RANK[failOn],
  );
}

export function formatCounts(counts: Counts): string {
  const part = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  return `${part(counts.error, 'error')}, ${part(counts.warning, 'warning')}, ${part(counts.notice, 'notice')}`;
}
