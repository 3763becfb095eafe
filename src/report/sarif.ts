import type { Rule } from '../rules/rule.js';
import type { Finding } from '../types.js';
import { DEFAULT_DOCS, ruleUrl } from './docs.js';
import type { Report } from './report.js';

const LEVEL = { error: 'error', warning: 'warning', notice: 'note' } as const;

/** Engine-reported ids, described like rules so that every result's rule is in the log. */
const ENGINE_RULES: Record<string, { description: string; severity: Finding['severity'] }> = {
  'suppression-unused': {
    description: 'An inline suppression comment suppresses nothing',
    severity: 'notice',
  },
  'file-unreadable': {
    description:
      'A file in the proposals folder could not be read, or not fully, and was not checked',
    severity: 'warning',
  },
  'internal-error': {
    description: 'A rule failed on a file; the other rules still ran',
    severity: 'error',
  },
};

/** The report as a SARIF 2.1.0 log, for code scanning. */
export function toSarif(
  report: Report,
  rules: readonly Rule[],
  docs: string = DEFAULT_DOCS,
): Record<string, unknown> {
  const descriptors = [
    ...rules.map((rule) => ({
      id: rule.meta.id,
      description: rule.meta.description,
      severity: rule.meta.severity,
      help: rule.meta.docs,
    })),
    ...Object.entries(ENGINE_RULES).map(([id, rule]) => ({ id, ...rule, help: rule.description })),
  ];
  const index = new Map(descriptors.map((descriptor, i) => [descriptor.id, i]));
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: report.tool.name,
            version: report.tool.version,
            informationUri: docs.replace(/\/blob\/.*$/, ''),
            rules: descriptors.map((descriptor) => ({
              id: descriptor.id,
              shortDescription: { text: descriptor.description },
              fullDescription: { text: descriptor.help.replace(/\s+/g, ' ').trim() },
              helpUri: ruleUrl(docs, descriptor.id),
              defaultConfiguration: { level: LEVEL[descriptor.severity] },
            })),
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { uri: 'file:///' } },
        results: report.findings.map((finding) => ({
          ruleId: finding.ruleId,
          ...(index.has(finding.ruleId) ? { ruleIndex: index.get(finding.ruleId) } : {}),
          level: LEVEL[finding.severity],
          message: { text: finding.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: fileUri(finding.file), uriBaseId: '%SRCROOT%' },
                region: {
                  startLine: finding.line,
                  startColumn: finding.column,
                  endLine: finding.endLine,
                  endColumn: finding.endColumn,
                },
              },
            },
          ],
          partialFingerprints: {
            'klipLint/v1': `${finding.ruleId}:${finding.file}:${finding.klip ?? ''}:${finding.message}`,
          },
        })),
      },
    ],
  };
}

/**
 * A repository path as a relative URI: each segment percent-encoded, so that "#", "?", "%" and
 * spaces in a file name stay part of the path instead of starting a fragment or a query.
 */
export function fileUri(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}
