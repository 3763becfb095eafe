import type { Rule } from './rule.js';
import { fileAnchor, klipNumber } from './helpers.js';

export const indexMissing: Rule = {
  meta: {
    id: 'index-missing',
    description: 'A proposal has no row in the index',
    severity: 'warning',
    docs: `Every proposal has a row in the index table of the folder's README.md: that row is what reserves its
number. Add a row \`| [KLIP-12: Title](klip-12-title.md) | In Discussion | | | |\` in number order.`,
  },
  project({ documents, index }) {
    if (!index?.hasTable) return [];
    const reserved = new Set(index.rows.map((row) => row.number));
    return documents.flatMap((document) => {
      const number = klipNumber(document);
      if (number === null || reserved.has(number)) return [];
      return [
        {
          file: document.file,
          range: document.title?.numberRange ?? fileAnchor(document),
          klip: number,
          message: `KLIP ${number} has no row in the index (${index.file}); add one that links to ${document.name}.`,
        },
      ];
    });
  },
};
