import type { Rule } from '../rule.js';
import { fileAnchor } from '../helpers.js';

export const numberChanged: Rule = {
  meta: {
    id: 'number-changed',
    description: "Against the base: a proposal's number changed",
    severity: 'error',
    docs: `A proposal keeps the number it reserved: links, discussions and release notes refer to it. Renaming
the file to fix its slug is fine; changing its number is not. If the number really was wrong (it collided
with another proposal), reserve a new one in the index in its own PR first.`,
    needs: ['base'],
    examples: {
      language: 'markdown',
      bad: `git mv klip-40-tables.md klip-39-tables.md`,
      good: `git mv klip-40-tables.md klip-40-system-tables.md`,
    },
    howToFix: `Keep the number in the file name and the title; rename only the slug.`,
    messages: {
      changed:
        "The proposal's number changed from {{before}} to {{after}}{{renamed}}; a proposal keeps the number it reserved.",
    },
  },
  change({ changes }) {
    return changes.flatMap((change) => {
      if (!change.base || !change.head) return [];
      const before = change.base.number;
      const after = change.head.number;
      if (before === null || after === null || before === after) return [];
      const moved =
        change.base.file !== change.head.file
          ? ` (${change.base.name} became ${change.head.name})`
          : '';
      return [
        {
          file: change.head.file,
          range: change.head.title?.numberRange ?? fileAnchor(change.head),
          klip: after,
          messageId: 'changed',
          data: { before, after, renamed: moved },
        },
      ];
    });
  },
};
