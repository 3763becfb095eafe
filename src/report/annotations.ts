import { DEFAULT_DOCS, ruleUrl } from './docs.js';
import type { Finding } from '../types.js';

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
