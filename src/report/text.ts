import type { Finding } from '../model/types.js';
import { formatCounts, type Report } from './report.js';

/** `file:line:col severity message [rule-id]`, one finding a line, then the counts. */
export function formatText(
  report: Report,
  display: (file: string) => string = (file) => file,
): string {
  const line = (finding: Finding, suffix = '') =>
    `${display(finding.file)}:${finding.line}:${finding.column} ${finding.severity} ${finding.message} [${finding.ruleId}]${suffix}`;
  const lines = report.findings.map((finding) => line(finding));
  if (report.mode === 'change' && report.comparison) {
    const { base, preExisting } = report.comparison;
    if (preExisting !== 'report')
      lines.push(...report.preExisting.map((finding) => line(finding, ' (pre-existing)')));
    const n = report.changes.length;
    const pre = report.preExisting.length;
    lines.push(
      `${n} proposal${n === 1 ? '' : 's'} changed since ${base.slice(0, 12)}: ${formatCounts(report.counts)}${
        pre > 0 && preExisting === 'report'
          ? `; ${pre} pre-existing finding${pre === 1 ? '' : 's'} not shown`
          : ''
      }.`,
    );
  } else {
    const checked = report.files.filter((file) => file.kind === 'proposal').length;
    lines.push(
      `${checked} proposal${checked === 1 ? '' : 's'} checked: ${formatCounts(report.counts)}.`,
    );
  }
  return `${lines.join('\n')}\n`;
}
