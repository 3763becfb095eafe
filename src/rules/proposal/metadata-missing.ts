import { canonicalNames } from '../../model/status.js';
import type { Rule } from '../rule.js';
import { lineAt } from '../helpers.js';
import { isStub } from './sections.js';

export const metadataMissing: Rule = {
  meta: {
    id: 'metadata-missing',
    description: 'A metadata field of the template is absent',
    severity: 'error',
    docs: `Every metadata field of the repository's template (with the standard template: Author, Release Target,
Status, Discussion) must be present below the title, one per line, as \`**Field**: value\`. Reviewers and the
tooling read the status and the discussion link from these lines. Add the missing line after the fields
that are there.`,
    examples: {
      language: 'markdown',
      bad: `# KLIP 12 - Pull queries

**Author**: Ann (@ann) |
**Status**: In Discussion`,
      good: `# KLIP 12 - Pull queries

**Author**: Ann (@ann) |
**Release Target**: 0.30.0 |
**Status**: In Discussion |
**Discussion**: https://github.com/org/repo/pull/123`,
    },
    howToFix: `Add a line for each missing field, in the template's order, below the title.`,
    messages: {
      missing:
        'Metadata field "{{field}}" is missing; add a line "**{{field}}**: <value>" {{place}}.',
      noStatusInTemplate:
        'The template has no Status field klip-lint can read, so no proposal\'s status could be checked; add a line "**Status**: {{statuses}}" below its title. Until then proposals are checked for the built-in Status field.',
    },
  },
  document(document, { template }) {
    // A stub gets one finding (section-missing) saying what to write, not one per field.
    if (isStub(document)) return [];
    const anchorLine = document.metadataEndLine || document.title?.range.endLine || 1;
    return template.fields
      .filter((field) => !document.fields.some((present) => present.key === field.key))
      .map((field) => ({
        range: lineAt(document, anchorLine),
        messageId: 'missing',
        data: {
          field: field.name,
          place: document.fields.length > 0 ? 'with the other fields' : 'below the title',
        },
      }));
  },
  project({ template, vocabulary }) {
    // Without a Status field in the template, the status rules would have nothing to read.
    if (!template.file || !template.statusFallback) return [];
    return [
      {
        file: template.file,
        range: { line: 1, column: 1, endLine: 1, endColumn: 1 },
        klip: null,
        severity: 'error',
        messageId: 'noStatusInTemplate',
        data: {
          statuses: canonicalNames(vocabulary)
            .slice(0, 4)
            .map((name) => `_${name}_`)
            .join(' or '),
        },
      },
    ];
  },
};
