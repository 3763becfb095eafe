import type { Rule } from '../rule.js';
import { fileAnchor, rowsByNumber } from '../helpers.js';

export const numberUnreserved: Rule = {
  meta: {
    id: 'number-unreserved',
    description: "Against the base: a new proposal's number was not reserved in the index",
    severity: 'warning',
    docs: `Numbers are reserved by an intent PR before the design PR: it adds an index row at Proposal and raises
"Next KLIP number". A number is reserved at the base when the base's index has a row for it (whatever its
status) or it is below the base's next number; the next number itself is free to take. Any other number
risks colliding with someone else's reservation.`,
    needs: ['base'],
    examples: {
      language: 'markdown',
      bad: `A design PR adds klip-70-new-idea.md while the base index's next number is 64 and has no row 70.`,
      good: `An intent PR first adds the row \`| KLIP-64: New idea | Proposal | | | |\` and raises the next number to 65; the design PR then adds klip-64-new-idea.md.`,
    },
    howToFix: `Reserve the number with an intent PR, or use the index's next number.`,
    messages: {
      unreserved:
        'KLIP {{number}} was not reserved at the base: {{base}}. Reserve it with an intent PR (an index row for KLIP {{number}} at "Proposal" and "Next KLIP number" raised to {{next}}){{take}}.',
    },
  },
  change({ changes, baseIndex }) {
    if (!baseIndex?.hasTable) return [];
    const next = baseIndex.nextNumber;
    return changes.flatMap((change) => {
      if (change.status !== 'added' || !change.head) return [];
      const number = change.head.number;
      if (number === null || number === next) return [];
      if (rowsByNumber(baseIndex).has(number) || (next !== null && number < next)) return [];
      const rows = baseIndex.rows.some((row) => row.number !== null);
      // What the base said, in the process's words; never a status or a reason that would reserve it.
      const base =
        next === null
          ? `the index has no row for it and no "Next KLIP number"`
          : !rows && next <= 1
            ? `the index reserves no number yet (no rows, "Next KLIP number" is ${next})`
            : `the index has no row for it and the next number was ${next}`;
      const take =
        next !== null && next >= 1 && number > next ? `, or take the next number, ${next}` : '';
      return [
        {
          file: change.head.file,
          range: change.head.title?.numberRange ?? fileAnchor(change.head),
          klip: number,
          messageId: 'unreserved',
          data: { number, base, next: Math.max(number + 1, next ?? 0), take },
        },
      ];
    });
  },
};
