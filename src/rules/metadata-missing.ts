import type { Rule } from './rule.js';
import { lineAt } from './helpers.js';

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
  },
  document(document, { template }) {
    const anchorLine = document.metadataEndLine || document.title?.range.endLine || 1;
    return template.fields
      .filter((field) => !document.fields.some((present) => present.key === field.key))
      .map((field) => ({
        range: lineAt(document, anchorLine),
        message: `Metadata field "${field.name}" is missing; add a line "**${field.name}**: <value>" ${
          document.fields.length > 0 ? 'with the other fields' : 'below the title'
        }.`,
      }));
  },
};
