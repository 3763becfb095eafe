import type { FileProblem, Rule } from './rule.js';
import { fileAnchor, klipNumber } from './helpers.js';

export const numberDuplicate: Rule = {
  meta: {
    id: 'number-duplicate',
    description: 'Two proposals claim one number',
    severity: 'error',
    docs: `A KLIP number belongs to one proposal: the intent PR reserves it in the index so that two people
never hold the same one. Two files (or two index rows) with one number mean one of them must move to a
newly reserved number: take the index's "Next KLIP number" and raise it.`,
  },
  project({ documents, index }) {
    const problems: FileProblem[] = [];
    const byNumber = new Map<number, typeof documents>();
    for (const document of documents) {
      const number = klipNumber(document);
      if (number === null) continue;
      const claimants = byNumber.get(number);
      if (claimants) claimants.push(document);
      else byNumber.set(number, [document]);
    }
    for (const [number, claimants] of byNumber) {
      if (claimants.length < 2) continue;
      for (const document of claimants) {
        const others = claimants.filter((other) => other !== document).map((other) => other.name);
        problems.push({
          file: document.file,
          range: document.title?.numberRange ?? fileAnchor(document),
          klip: number,
          message: `KLIP ${number} is also claimed by ${others.join(', ')}; one of them needs a newly reserved number.`,
        });
      }
    }
    const rowLines = new Map<number, number>();
    for (const row of index?.rows ?? []) {
      if (row.number === null || !index) continue;
      const first = rowLines.get(row.number);
      if (first === undefined) {
        rowLines.set(row.number, row.range.line);
        continue;
      }
      problems.push({
        file: index.file,
        range: row.range,
        klip: row.number,
        message: `KLIP ${row.number} has a second index row (the first is on line ${first}); a number is reserved once.`,
      });
    }
    return problems;
  },
};
