import type { FileProblem, Rule } from '../rule.js';
import { fileAnchor, rowsByNumber } from '../helpers.js';
import type { IndexRow, KlipDocument } from '../../model/types.js';

export const numberDuplicate: Rule = {
  meta: {
    id: 'number-duplicate',
    description: 'Two proposals claim one number',
    severity: 'error',
    docs: `A KLIP number belongs to one proposal: the intent PR reserves it in the index so that two people
never hold the same one. Two files (or two index rows) with one number mean one of them must move to a
newly reserved number: take the index's "Next KLIP number" and raise it.`,
    examples: {
      language: 'markdown',
      bad: `klip-40-system-tables.md
klip-40-prepared-statements.md`,
      good: `klip-39-prepared-statements.md
klip-40-system-tables.md`,
    },
    howToFix: `Keep the number for the proposal that reserved it; give the other the next number from the index.`,
    messages: {
      files:
        'KLIP {{number}} is also claimed by {{others}}; one of them needs a newly reserved number.',
      rows: 'KLIP {{number}} has a second index row (the first is on line {{firstLine}}); a number is reserved once.',
    },
  },
  project({ documents, index }) {
    const problems: FileProblem[] = [];
    // Most numbers have one claimant: lists are made only for those with more.
    const first = new Map<number, KlipDocument>();
    const shared = new Map<number, KlipDocument[]>();
    for (const document of documents) {
      const number = document.number;
      if (number === null) continue;
      const earlier = first.get(number);
      const claimants = shared.get(number);
      if (!earlier) first.set(number, document);
      else if (claimants) claimants.push(document);
      else shared.set(number, [earlier, document]);
    }
    for (const [number, claimants] of shared) {
      for (const document of claimants) {
        const others = claimants.filter((other) => other !== document).map((other) => other.name);
        problems.push({
          file: document.file,
          range: document.title?.numberRange ?? fileAnchor(document),
          klip: number,
          messageId: 'files',
          data: { number, others: others.join(', ') },
        });
      }
    }
    if (!index) return problems;
    for (const [number, rows] of rowsByNumber(index)) {
      const [firstRow, ...again] = rows as [IndexRow, ...IndexRow[]];
      for (const row of again) {
        problems.push({
          file: index.file,
          range: row.range,
          klip: number,
          messageId: 'rows',
          data: { number, firstLine: firstRow.range.line },
        });
      }
    }
    return problems;
  },
};
