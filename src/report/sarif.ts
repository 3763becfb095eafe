import { ENGINE_NOTES } from '../rules/engine-notes.js';
import type { Rule } from '../rules/rule.js';
import { ruleHelpMarkdown, ruleHelpText, type DocEntry } from './rule-docs.js';
import { DEFAULT_DOCS, ruleUrl } from './docs.js';
import type { Report } from './report.js';

const LEVEL = { error: 'error', warning: 'warning', notice: 'note' } as const;

/** The report as a SARIF 2.1.0 log, for code scanning. */
export function toSarif(
  report: Report,
  rules: readonly Rule[],
  docs: string = DEFAULT_DOCS,
): Record<string, unknown> {
  // Every id the product can report has a descriptor, so that code scanning can show its help.
  const entries: DocEntry[] = [
    ...rules.map((rule) => ({ meta: rule.meta })),
    ...ENGINE_NOTES.filter((note) => !rules.some((rule) => rule.meta.id === note.id)).map(
      (meta) => ({ meta, note: true }),
    ),
  ];
  const descriptors = entries.map((entry) => ({ id: entry.meta.id, entry }));
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
            rules: descriptors.map(({ id, entry: { meta }, entry }) => ({
              id,
              name: pascalCase(id),
              shortDescription: { text: sentence(meta.description) },
              fullDescription: { text: meta.docs.replace(/\s+/g, ' ').trim() },
              helpUri: ruleUrl(docs, id),
              help: { text: ruleHelpText(entry), markdown: ruleHelpMarkdown(entry) },
              defaultConfiguration: { level: LEVEL[meta.severity] },
              properties: { tags: ['klip'], precision: 'very-high' },
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
                artifactLocation: { uri: encodeURI(finding.file), uriBaseId: '%SRCROOT%' },
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

/** SARIF's `name`: an identifier, as `title-format` -> `TitleFormat`. */
function pascalCase(id: string): string {
  return id.replace(/(^|-)([a-z0-9])/g, (_, _dash: string, letter: string) => letter.toUpperCase());
}

function sentence(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}
