import { formatCounts, type Report } from './report.js';

/** `file:line:col severity message [rule-id]`, one finding a line, then the counts. */
export function formatText(
  report: Report,
  relative: (file: string) => string = (file) => file,
): string {
  const lines = report.findings.map(
    (finding) =>
      `${relative(finding.file)}:${finding.line}:${finding.column} ${finding.severity} ${finding.message} [${finding.ruleId}]`,
  );
  const checked = report.files.filter((file) => file.kind === 'proposal').length;
  lines.push(
    `${checked} proposal${checked === 1 ? '' : 's'} checked: ${formatCounts(report.counts)}.`,
  );
  return `${lines.join('\n')}\n`;
}
