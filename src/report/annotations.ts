import { DEFAULT_DOCS, ruleUrl } from './docs.js';
import type { Finding } from '../model/types.js';

export interface Annotation {
  level: Finding['severity'];
  message: string;
  properties: {
    title: string;
    file: string;
    startLine: number;
    endLine: number;
    startColumn?: number;
    endColumn?: number;
  };
}

/** A workflow annotation for a finding, linking its rule's page; GitHub takes columns only on a single line. */
export function toAnnotation(finding: Finding, docs: string = DEFAULT_DOCS): Annotation {
  const singleLine = finding.endLine === finding.line;
  return {
    level: finding.severity,
    message: `${finding.message} See ${ruleUrl(docs, finding.ruleId)}`,
    properties: {
      title: finding.ruleId,
      file: finding.file,
      startLine: finding.line,
      endLine: finding.endLine,
      ...(singleLine
        ? {
            startColumn: finding.column,
            endColumn: Math.max(finding.column, finding.endColumn - 1),
          }
        : {}),
    },
  };
}

/** How many annotations of each level GitHub shows for one step. */
export const ANNOTATIONS_SHOWN = 10;

const RANK = { error: 0, warning: 1, notice: 2 } as const;

/** Errors first, then warnings, then notices; within a level, in file and line order. */
export function orderForAnnotation(findings: Finding[]): Finding[] {
  return [...findings].sort((a, b) => RANK[a.severity] - RANK[b.severity]);
}

/** What GitHub will not show as annotations, said in one line for the summary; null when all show. */
export function unannotated(findings: Finding[]): string | null {
  const over = (['error', 'warning', 'notice'] as const)
    .map(
      (level) =>
        [
          level,
          findings.filter((finding) => finding.severity === level).length - ANNOTATIONS_SHOWN,
        ] as const,
    )
    .filter(([, extra]) => extra > 0);
  if (over.length === 0) return null;
  const parts = over.map(([level, extra]) => `${extra} ${level}${extra === 1 ? '' : 's'}`);
  return `GitHub shows ${ANNOTATIONS_SHOWN} annotations of each kind per step: ${parts.join(' and ')} are not annotated, but all findings are listed below and in the JSON report.`;
}
