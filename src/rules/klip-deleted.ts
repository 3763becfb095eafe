import type { Rule } from './rule.js';
import { klipNumber } from './helpers.js';

export const klipDeleted: Rule = {
  meta: {
    id: 'klip-deleted',
    description: 'Against the base: a proposal file was removed',
    severity: 'error',
    docs: `Proposals are the record of decisions, including the ones not taken: a proposal is never deleted.
Set its status to an end state such as Withdrawn or Rejected instead. Renaming a file (keeping its number)
is not a deletion.`,
    needs: ['base'],
    examples: {
      language: 'markdown',
      bad: `git rm klip-55-tablespaces.md`,
      good: `**Status**: Withdrawn |`,
    },
    howToFix: `Restore the file and set its status to an end state such as Withdrawn or Rejected.`,
  },
  change({ changes, headIndex, baseIndex }) {
    return changes.flatMap((change) => {
      if (change.status !== 'deleted' || !change.base) return [];
      const number = klipNumber(change.base);
      const index = headIndex ?? baseIndex;
      const row = index?.rows.find((entry) => entry.number === number && number !== null);
      return [
        {
          // The file is gone: the index row (or the folder's index) is where the annotation can stand.
          file: row && index ? index.file : change.base.file,
          range: row?.range ?? { line: 1, column: 1, endLine: 1, endColumn: 1 },
          klip: number,
          message: `${change.base.name}${number !== null ? ` (KLIP ${number})` : ''} was deleted; proposals are kept: set its status to Withdrawn or Rejected instead.`,
        },
      ];
    });
  },
};
