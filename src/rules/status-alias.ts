import { firstFileStatus } from '../status.js';
import type { Rule } from './rule.js';
import { documentStatus } from './helpers.js';

export const statusAlias: Rule = {
  meta: {
    id: 'status-alias',
    description: 'The status is an alias or decorated form of a canonical status',
    severity: 'warning',
    docs: `Statuses are written by their canonical name, without italics or bold: \`**Status**: Design Approved\`,
not \`_Approved_\`. The template writes its choices in italics as a hint; the chosen value is plain text.
Aliases such as Approved, Accepted or Discussion are understood but should be spelled canonically so that
the index, the files and searches agree.`,
    fixable: true,
    examples: {
      language: 'markdown',
      bad: `**Status**: _Approved_ |`,
      good: `**Status**: Design Approved |`,
    },
    howToFix: `Write the canonical name without decoration. \`--fix\` does it.`,
  },
  document(document, { template, vocabulary }) {
    const status = documentStatus(document, template, vocabulary);
    if (!status || status.match.kind === 'unknown') return [];
    const canonical = status.match.status;
    const range = status.field.valueRange;
    if (canonical.indexOnly) {
      const first = firstFileStatus(vocabulary)?.name ?? '';
      return [
        {
          range,
          message: `"${canonical.name}" is an index status (a reserved number); a proposal file starts at "${first}".`,
        },
      ];
    }
    if (status.match.kind !== 'alias') return [];
    const written = status.match.written;
    const plain = written.replace(/^[_*`\s]+|[_*`\s]+$/g, '');
    const kind =
      plain.toLowerCase() === canonical.name.toLowerCase()
        ? 'a decorated or differently spelled form'
        : 'an alias';
    return [
      {
        range,
        message: `Status "${written}" is ${kind} of "${canonical.name}"; write "${canonical.name}".`,
        fix: {
          description: `status "${written}" -> "${canonical.name}"`,
          edits: [{ range, text: canonical.name }],
        },
      },
    ];
  },
};
