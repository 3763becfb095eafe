import type { CompareResult } from '../core/compare.js';
import type { LintResult } from '../core/engine.js';
import { documentStatus } from '../rules/helpers.js';
import type { Vocabulary } from '../model/status.js';
import {
  SEVERITY_RANK,
  type Finding,
  type Fix,
  type KlipDocument,
  type MessageData,
  type Severity,
  type Template,
} from '../model/types.js';

export const TOOL_NAME = 'klip-lint';
export const REPORT_VERSION = 1;

export type Counts = Record<Severity, number>;
export type FailOn = Severity | 'never';
/** What to do with findings that were already there at the base. */
export type PreExisting = 'report' | 'annotate' | 'fail';

export interface FileEntry {
  file: string;
  kind: 'proposal' | 'index';
  klip: number | null;
  title: string | null;
  status: string | null;
  counts: Counts;
}

export interface ChangedKlip {
  klip: number | null;
  file: string;
  previousFile: string | null;
  change: 'added' | 'modified' | 'deleted' | 'renamed';
  title: string | null;
  statusBefore: string | null;
  statusAfter: string | null;
}

/** The JSON report: what the CLI prints with --format json and the action writes to a file. */
export interface Report {
  tool: { name: string; version: string };
  reportVersion: number;
  /** `full`: every proposal was checked; `change`: only what a change did, against its base. */
  mode: 'full' | 'change';
  folder: string;
  template: string | null;
  comparison: { base: string; head: string; notes: string[]; preExisting: PreExisting } | null;
  /** The findings that count: annotated, and deciding the verdict. */
  findings: Finding[];
  /** Change mode: findings already there at the base. */
  preExisting: Finding[];
  files: FileEntry[];
  changes: ChangedKlip[];
  counts: Counts;
}

const FIXES = new WeakMap<Finding, Fix>();
const DATA = new WeakMap<Finding, MessageData>();

/** A finding as reports show it: the fix and the message's data stay inside klip-lint (see fixOf, dataOf). */
function publish(finding: Finding): Finding {
  if (!finding.fix && !finding.data) return finding;
  const published = { ...finding };
  delete published.fix;
  delete published.data;
  if (finding.fix) FIXES.set(published, finding.fix);
  if (finding.data) DATA.set(published, finding.data);
  return published;
}

/** The fix of a finding in a report, for suggested changes; never serialized. */
export function fixOf(finding: Finding): Fix | undefined {
  return finding.fix ?? FIXES.get(finding);
}

/** The data of a finding's message (for SARIF's arguments, say); never serialized. */
export function dataOf(finding: Finding): MessageData | undefined {
  return finding.data ?? DATA.get(finding);
}

export function countFindings(findings: readonly Finding[]): Counts {
  const counts: Counts = { error: 0, warning: 0, notice: 0 };
  for (const finding of findings) counts[finding.severity]++;
  return counts;
}

interface ReportOptions {
  folder: string;
  version: string;
  /** Findings from reading the files (file-unreadable). */
  extra?: Finding[];
}

export function buildReport(result: LintResult, options: ReportOptions): Report {
  const findings = [...result.findings, ...(options.extra ?? [])].map(publish);
  return {
    tool: { name: TOOL_NAME, version: options.version },
    reportVersion: REPORT_VERSION,
    mode: 'full',
    folder: options.folder,
    template: result.template.file,
    comparison: null,
    findings,
    preExisting: [],
    files: fileEntries(
      result.documents,
      result.index?.file ?? null,
      findings,
      result.template,
      result.vocabulary,
    ),
    changes: [],
    counts: countFindings(findings),
  };
}

/** Where a change was judged from and to, and how its pre-existing findings are treated. */
interface ChangeReportOptions {
  base: string;
  head: string;
  notes: string[];
  preExisting: PreExisting;
}

export function buildChangeReport(
  result: CompareResult,
  options: ReportOptions & ChangeReportOptions,
): Report {
  const findings = [...result.findings, ...(options.extra ?? [])].map(publish);
  const { template, vocabulary } = result.head;
  const statusOf = (document: KlipDocument | null) =>
    document ? statusName(document, template, vocabulary) : null;
  const indexFile =
    result.indexChanged || findings.some((f) => f.file === result.head.index?.file)
      ? (result.head.index?.file ?? null)
      : null;
  return {
    ...changeHeader(options, template.file),
    findings,
    preExisting: result.preExisting.map(publish),
    files: fileEntries(result.head.documents, indexFile, findings, template, vocabulary),
    changes: result.klips.map((klip) => {
      const document = klip.head ?? klip.base;
      return {
        klip: document ? document.number : null,
        file: (klip.head ?? klip.base)?.file ?? '',
        previousFile:
          klip.base && klip.head && klip.base.file !== klip.head.file ? klip.base.file : null,
        change: klip.status,
        title: document?.title ? document.title.name || document.title.text : null,
        statusBefore: statusOf(klip.base),
        statusAfter: statusOf(klip.head),
      };
    }),
    counts: countFindings(
      options.preExisting === 'fail' ? [...findings, ...result.preExisting] : findings,
    ),
  };
}

function statusName(
  document: KlipDocument,
  template: Template,
  vocabulary: Vocabulary,
): string | null {
  const status = documentStatus(document, template, vocabulary);
  if (!status) return null;
  return status.match.kind === 'unknown' ? status.match.written : status.match.status.name;
}

function fileEntries(
  documents: KlipDocument[],
  indexFile: string | null,
  findings: Finding[],
  template: Template,
  vocabulary: Vocabulary,
): FileEntry[] {
  const byFile = new Map<string, Finding[]>();
  for (const finding of findings) {
    const list = byFile.get(finding.file);
    if (list) list.push(finding);
    else byFile.set(finding.file, [finding]);
  }
  const forFile = (file: string) => countFindings(byFile.get(file) ?? []);
  const files: FileEntry[] = documents.map((document) => ({
    file: document.file,
    kind: 'proposal',
    klip: document.number,
    title: document.title ? document.title.name || document.title.text : null,
    status: statusName(document, template, vocabulary),
    counts: forFile(document.file),
  }));
  if (indexFile) {
    files.push({
      file: indexFile,
      kind: 'index',
      klip: null,
      title: null,
      status: null,
      counts: forFile(indexFile),
    });
  }
  return files;
}

/** Whether the findings reach the level that fails the run. */
export function fails(counts: Counts, failOn: FailOn): boolean {
  if (failOn === 'never') return false;
  return (Object.keys(counts) as Severity[]).some(
    (severity) => counts[severity] > 0 && SEVERITY_RANK[severity] >= SEVERITY_RANK[failOn],
  );
}

/**
 * Why the run fails, or null when it passes. A rule (or the parser) that crashed fails it whatever fail-on says:
 * what that rule would have found is unknown.
 */
export function failureMessage(report: Report, failOn: FailOn): string | null {
  const crashed = report.findings.filter((finding) => finding.ruleId === 'internal-error');
  if (crashed.length > 0) {
    // A rule's failure names the rule in its data; the parser's names none.
    const rules = [
      ...new Set(
        crashed.map((finding) => {
          const rule = finding.messageId === 'ruleFailed' ? dataOf(finding)?.rule : undefined;
          return rule === undefined ? null : String(rule);
        }),
      ),
    ];
    const file = crashed[0]?.file;
    if (rules.every((rule) => rule === null)) {
      return `klip-lint hit an internal error in the Markdown parser (on ${file}); the other files were checked. Please report it as a klip-lint bug, with the file if you can.`;
    }
    const where = rules.map((rule) => (rule ? `rule ${rule}` : 'the Markdown parser'));
    return `klip-lint hit an internal error in ${where.join(', ')} (on ${file}); the other rules ran. Please report it as a klip-lint bug, naming the rule and, if you can, the file.`;
  }
  if (!fails(report.counts, failOn)) return null;
  return `klip-lint found ${formatCounts(report.counts)} (fail-on: ${failOn}).`;
}

export function formatCounts(counts: Counts): string {
  const part = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  return `${part(counts.error, 'error')}, ${part(counts.warning, 'warning')}, ${part(counts.notice, 'notice')}`;
}

function changeHeader(options: ReportOptions & ChangeReportOptions, template: string | null) {
  return {
    tool: { name: TOOL_NAME, version: options.version },
    reportVersion: REPORT_VERSION,
    mode: 'change' as const,
    folder: options.folder,
    template,
    comparison: {
      base: options.base,
      head: options.head,
      notes: options.notes,
      preExisting: options.preExisting,
    },
  };
}

/** A report for a change that touches no proposal, the index or the template. */
export function emptyChangeReport(
  options: ReportOptions & ChangeReportOptions & { template: string | null },
): Report {
  return {
    ...changeHeader(options, options.template),
    findings: [],
    preExisting: [],
    files: [],
    changes: [],
    counts: countFindings([]),
  };
}
