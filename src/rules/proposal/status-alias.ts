import { firstFileStatus } from '../../model/status.js';
import { nameKey, undecorate } from '../../core/strings.js';
import type { Rule } from '../rule.js';
import { documentStatus } from '../helpers.js';

export const statusAlias: Rule = {
  meta: {
    id: 'status-alias',
    description: 'The status is another word for a canonical status',
    severity: 'warning',
    docs: `Statuses are written by their canonical name: \`**Status**: Design Approved\`, not \`Approved\`. Other
words for a status (Approved, Accepted, Discussion) are understood but should be spelled canonically so that
the index, the files and searches agree. Italics, bold, casing and the template's trailing bar (\`|\`) are the
template's own habits and are fine (\`_In Discussion_\`, \`In development\`); so is any spelling the
template's own Status line uses. \`--fix\` replaces the word and keeps its decoration.`,
    fixable: true,
    examples: {
      language: 'markdown',
      bad: `**Status**: _Approved_ |`,
      good: `**Status**: _Design Approved_ |`,
    },
    howToFix: `Replace the word with its canonical name and keep any italics or bold. \`--fix\` does it.`,
    messages: {
      alias:
        'Status "{{word}}" is another word for "{{status}}"; write "{{status}}", the name the process and the index use.',
      indexOnly:
        '"{{word}}" is an index status (a number reserved, no text yet); a proposal file starts at "{{first}}": write "{{first}}".',
    },
  },
  document(document, { template, vocabulary }) {
    const status = documentStatus(document, template, vocabulary);
    if (!status || status.match.kind === 'unknown') return [];
    const canonical = status.match.status;
    const range = status.field.valueRange;
    const raw = status.field.rawValue;
    // Only the word is replaced: `_Approved_` becomes `_Design Approved_`.
    const word = undecorate(raw);
    const start = raw.indexOf(word);
    const wordRange = {
      ...range,
      column: range.column + start,
      endColumn: range.column + start + word.length,
    };
    if (canonical.indexOnly) {
      const first = firstFileStatus(vocabulary)?.name ?? '';
      return [
        {
          range,
          messageId: 'indexOnly',
          data: { word, first },
        },
      ];
    }
    if (status.match.kind !== 'alias') return [];
    // The template's own spelling of a status is right in a proposal copied from it.
    const key = nameKey(word);
    if ((template.statusSpellings ?? []).some((spelling) => nameKey(spelling) === key)) return [];
    return [
      {
        range: wordRange,
        messageId: 'alias',
        data: { word, status: canonical.name },
        fix: {
          description: `status "${raw}" -> "${raw.slice(0, start)}${canonical.name}${raw.slice(start + word.length)}"`,
          edits: [{ range: wordRange, text: canonical.name }],
        },
      },
    ];
  },
};
