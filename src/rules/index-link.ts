import { posix } from 'node:path';
import type { FileProblem, Rule } from './rule.js';
import { resolveLink } from './link-broken.js';

export const indexLink: Rule = {
  meta: {
    id: 'index-link',
    description: 'An index row links to a file that does not exist',
    severity: 'warning',
    docs: `An index row links to its proposal's file once the design PR adds it. A link to a file that does not
exist (a typo, a renamed file, a file that was never added) leaves readers at a 404. Point the link at the
file's current name, or remove the link while the number is only reserved.`,
    examples: {
      language: 'markdown',
      bad: `| [KLIP-20: Remove TERMINATE](klip-20_remove_terminate.md) | Proposal | | | |`,
      good: `| KLIP-20: Remove TERMINATE | Proposal | | | |`,
    },
    howToFix: `Link the file's current name, or drop the link while the number is only reserved.`,
  },
  project({ index, exists }) {
    if (!index) return [];
    const problems: FileProblem[] = [];
    for (const row of index.rows) {
      if (!row.href || !row.hrefRange) continue;
      const target = resolveLink(index.file, row.href);
      if (target === undefined || (target !== null && (target === '' || exists(target)))) continue;
      problems.push({
        file: index.file,
        range: row.hrefRange,
        klip: row.number,
        message:
          target === null
            ? `The row for ${row.text} links outside the repository ("${row.href}").`
            : `The row for ${row.text} links to "${posix.basename(target)}", which does not exist.`,
      });
    }
    return problems;
  },
};
