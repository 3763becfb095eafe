import { ENGINE_NOTES } from '../rules/engine-notes.js';
import type { Rule } from '../rules/rule.js';
import { ruleHelpMarkdown, ruleHelpText, type DocEntry } from './rule-docs.js';
import { DEFAULT_DOCS, ruleUrl } from './docs.js';
import { dataOf, type Report } from './report.js';
import { SEVERITY_RANK, type Finding } from '../model/types.js';
import { placeholdersOf, templateParts } from '../core/messages.js';

const LEVEL = { error: 'error', warning: 'warning', notice: 'note' } as const;

/** Code scanning rejects a run with more results than this (GitHub's hard limit). */
export const MAX_SARIF_RESULTS = 25_000;

/** The report as a SARIF 2.1.0 log, for code scanning. */
export function toSarif(
  report: Report,
  rules: readonly Rule[],
  docs: string = DEFAULT_DOCS,
  maxResults: number = MAX_SARIF_RESULTS,
): Record<string, unknown> {
  // Every id the product can report has a descriptor, so that code scanning can show its help.
  const entries: DocEntry[] = [
    ...rules.map((rule) => ({ meta: rule.meta })),
    ...ENGINE_NOTES.filter((note) => !rules.some((rule) => rule.meta.id === note.id)).map(
      (meta) => ({ meta, note: true }),
    ),
  ];
  const descriptors = entries.map((entry) => ({ id: entry.meta.id, entry }));
  const metas = new Map(entries.map(({ meta }) => [meta.id, meta]));
  const index = new Map(descriptors.map((descriptor, i) => [descriptor.id, i]));
  // Over GitHub's limit, the most severe findings are kept (stable: in report order otherwise).
  const findings =
    report.findings.length > maxResults
      ? [...report.findings]
          .sort((a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity])
          .slice(0, maxResults)
      : report.findings;
  const left = report.findings.length - findings.length;
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
              messageStrings: Object.fromEntries(
                Object.entries(sarifMessages(meta.messages)).map(([messageId, template]) => [
                  messageId,
                  { text: sarifFormat(template) },
                ]),
              ),
              properties: { tags: ['klip'], precision: 'very-high' },
            })),
          },
        },
        ...(left > 0
          ? {
              invocations: [
                {
                  executionSuccessful: true,
                  toolExecutionNotifications: [
                    {
                      level: 'warning',
                      message: {
                        text: `${left} less severe ${left === 1 ? 'finding was' : 'findings were'} left out: code scanning accepts at most ${maxResults} results in a run. The JSON report has them all.`,
                      },
                    },
                  ],
                },
              ],
            }
          : {}),
        originalUriBaseIds: { '%SRCROOT%': { uri: 'file:///' } },
        results: findings.map((finding) => ({
          ruleId: finding.ruleId,
          ...(index.has(finding.ruleId) ? { ruleIndex: index.get(finding.ruleId) } : {}),
          level: LEVEL[finding.severity],
          message: {
            text: finding.message,
            ...messageArguments(finding, sarifMessages(metas.get(finding.ruleId)?.messages ?? {})),
          },
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
 * A message template as a SARIF format string: `{{name}}` placeholders become `{0}`, `{1}`, ... in
 * the order they first appear, and literal braces are doubled.
 */
function sarifFormat(template: string): string {
  const names = placeholdersOf(template);
  return templateParts(template)
    .map((part, i) =>
      i % 2 === 0 ? part.replace(/[{}]/g, (brace) => brace + brace) : `{${names.indexOf(part)}}`,
    )
    .join('');
}

/**
 * The templates a descriptor's `messageStrings` carry: those that end with a period, as SARIF
 * asks of a message string (SARIF2001). A result of another one (a question, "did you mean ...?")
 * carries its text only.
 */
function sarifMessages(messages: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(messages).filter(([, text]) => text.endsWith('.')));
}

/** A result's `message.id` and `arguments`, when its rule declares the message and the data is at hand. */
function messageArguments(
  finding: Finding,
  messages: Readonly<Record<string, string>> | undefined,
): { id: string; arguments: string[] } | Record<string, never> {
  const template =
    messages && Object.hasOwn(messages, finding.messageId)
      ? messages[finding.messageId]
      : undefined;
  if (template === undefined) return {};
  const data = dataOf(finding) ?? {};
  const names = placeholdersOf(template);
  if (!names.every((name) => Object.hasOwn(data, name))) return {};
  return { id: finding.messageId, arguments: names.map((name) => String(data[name])) };
}

/** SARIF's `name`: an identifier, as `title-format` -> `TitleFormat`. */
function pascalCase(id: string): string {
  return id.replace(/(^|-)([a-z0-9])/g, (_, _dash: string, letter: string) => letter.toUpperCase());
}

function sentence(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

/** A repository path as a SARIF URI: each segment percent-encoded, so `#`, `?` and `%` stay in the path. */
export function fileUri(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}
