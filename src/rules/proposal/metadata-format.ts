import type { Problem } from '../../model/types.js';
import type { Rule } from '../rule.js';
import { templateField } from '../helpers.js';

export const metadataFormat: Rule = {
  meta: {
    id: 'metadata-format',
    description: 'A field is present but not in the canonical `**Field**: value` form',
    severity: 'warning',
    docs: `Metadata lines are written \`**Field**: value\`: the name in bold, spelled as in the template, the colon
outside the bold. \`Author: x\`, \`**Author:** x\` and \`**Authors**: x\` are read, but tools and readers
expect one form. A trailing bar (\`|\`, after a space) is allowed: it is the template's line-break habit. A name in another case
(\`Release target\`) is the same name, and a template that writes its fields as plain \`Field: value\` lines
(the ksql template's form until 2019) makes that form right too.`,
    fixable: true,
    examples: {
      language: 'markdown',
      bad: `Author: Ann (@ann)
**Release Target:** 0.30.0
**Authors**: Ann, Bo`,
      good: `**Author**: Ann (@ann) |
**Release Target**: 0.30.0 |
**Author**: Ann, Bo |`,
    },
    howToFix: `Write the name in bold, spelled as in the template, followed by a colon outside the bold. \`--fix\` rewrites the line and keeps its value.`,
    messages: {
      form: 'Write the field as "**{{name}}**: {{value}}".',
      name: 'Write the field as "**{{name}}**: {{value}}" (the template names it "{{name}}", not "{{written}}").',
    },
  },
  document(document, { template }) {
    return document.fields
      .filter((field) => field.key !== null)
      .flatMap((field): Problem[] => {
        const name = templateField(template, field.key as string);
        // Casing is not another name; an older template's own plain `Field: value` form is right.
        const sameName = field.name.trim().toLowerCase() === name.toLowerCase();
        if (sameName && (field.canonical || (template.plainFields && field.plain))) return [];
        return [
          {
            range: field.lineRange,
            // The value as written: the fix keeps its decoration, so the message shows it too.
            ...(sameName
              ? { messageId: 'form', data: { name, value: field.rawValue || '<value>' } }
              : {
                  messageId: 'name',
                  data: { name, value: field.rawValue || '<value>', written: field.name },
                }),
            fix: {
              description: `field line -> "**${name}**: ..."`,
              edits: [
                {
                  range: { ...field.lineRange, column: 1 },
                  text: `**${name}**:${field.rawValue ? ` ${field.rawValue}` : ''}${field.suffix ? ` ${field.suffix.trim()}` : ''}`,
                },
              ],
            },
          },
        ];
      });
  },
};
