import { normalize } from '../text.js';
import type { Rule } from './rule.js';
import { isPlaceholder, templateField } from './helpers.js';
import { isStub } from './sections.js';

export const metadataPlaceholder: Rule = {
  meta: {
    id: 'metadata-placeholder',
    description: "A field is empty or still holds the template's placeholder value",
    severity: 'warning',
    docs: `The template's values (\`_your name and github user name here_\`, \`_link to the design discussion PR_\`)
are instructions, not values. Replace them with the real author, release, status and link. An empty value
is reported too.`,
    examples: {
      language: 'markdown',
      bad: `**Author**: _your name and github user name here_ |
**Discussion**:`,
      good: `**Author**: Ann (@ann) |
**Discussion**: https://github.com/org/repo/pull/123`,
    },
    howToFix: `Replace the template's text with the real value. Configure more placeholder values (such as \`TBD\`) with the \`placeholders\` option.`,
    options: {
      placeholders: {
        type: 'array',
        items: { type: 'string' },
        description: 'More values that count as not filled in, e.g. ["TBD", "?"].',
      },
    },
  },
  document(document, { template, vocabulary, options }) {
    // A stub gets one finding (section-missing) saying what to write, the metadata included.
    if (isStub(document)) return [];
    const extra = new Set(((options.placeholders as string[] | undefined) ?? []).map(normalize));
    return document.fields
      .filter(
        (field) =>
          field.key !== null &&
          (isPlaceholder(field, template, vocabulary) || extra.has(normalize(field.rawValue))),
      )
      .map((field) => {
        const name = templateField(template, field.key as string);
        return {
          range: field.valueRange,
          message: field.rawValue
            ? `Field "${name}" still holds the template's placeholder "${field.rawValue}"; replace it with the real value.`
            : `Field "${name}" has no value; fill it in.`,
        };
      });
  },
};
