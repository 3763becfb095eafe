import { matchStatus } from '../status.js';
import type { Rule } from './rule.js';
import { fileAnchor, klipNumber } from './helpers.js';

export const numberUnreserved: Rule = {
  meta: {
    id: 'number-unreserved',
    description: "Against the base: a new proposal's number was not reserved in the index",
    severity: 'warning',
    docs: `Numbers are reserved by an intent PR before the design PR: it adds an index row at Proposal and raises
"Next KLIP number". A new proposal takes either a number reserved that way or the base's next number.
Any other number risks colliding with someone else's reservation.`,
    needs: ['base'],
    examples: {
      language: 'markdown',
      bad: `A design PR adds klip-70-new-idea.md while the base index's next number is 64 and has no row 70.`,
      good: `An intent PR first adds the row \`| KLIP-64: New idea | Proposal | | | |\` and raises the next number to 65; the design PR then adds klip-64-new-idea.md.`,
    },
    howToFix: `Reserve the number with an intent PR, or use the index's next number.`,
  },
  change({ changes, baseIndex, vocabulary }) {
    if (!baseIndex?.hasTable) return [];
    return changes.flatMap((change) => {
      if (change.status !== 'added' || !change.head) return [];
      const number = klipNumber(change.head);
      if (number === null || number === baseIndex.nextNumber) return [];
      const rows = baseIndex.rows.filter((row) => row.number === number);
      const reserved = rows.some((row) => {
        const match = matchStatus(row.status, vocabulary);
        return match.kind !== 'unknown' && match.status.indexOnly === true;
      });
      if (reserved) return [];
      const why =
        rows.length > 0
          ? `its index row is not at "Proposal" (it says "${rows[0]?.status}")`
          : 'the index has no row for it';
      return [
        {
          file: change.head.file,
          range: change.head.title?.numberRange ?? fileAnchor(change.head),
          klip: number,
          message: `KLIP ${number} was not reserved at the base: ${why}, and the next number was ${baseIndex.nextNumber ?? 'not set'}. Reserve the number with an intent PR first.`,
        },
      ];
    });
  },
};
