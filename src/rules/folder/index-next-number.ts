import type { Rule } from '../rule.js';

export const indexNextNumber: Rule = {
  meta: {
    id: 'index-next-number',
    description: '"Next KLIP number" is not above every reserved number',
    severity: 'error',
    docs: `The index's \`Next KLIP number: **N**\` line is the number the next intent PR takes. If it is not above
every number already in the index or used by a file, the next proposal collides with an existing one. Set it
to one more than the highest reserved number.`,
    fixable: true,
    examples: {
      language: 'markdown',
      bad: `Next KLIP number: **64**

| [KLIP-66: Multi-parameter UDAFs](klip-66-udafs.md) | Proposal | | | |`,
      good: `Next KLIP number: **67**

| [KLIP-66: Multi-parameter UDAFs](klip-66-udafs.md) | Proposal | | | |`,
    },
    howToFix: `Set it to one more than the highest reserved number. \`--fix\` does it.`,
    messages: {
      noLine: 'The index has no "Next KLIP number: **N**" line; add one with {{next}}.',
      taken:
        '"Next KLIP number" is {{written}}, but {{highest}} is already reserved; it should be {{next}}.',
    },
  },
  project({ index, documents }) {
    if (!index?.hasTable) return [];
    // A loop: spreading some 130,000 numbers into Math.max overflows the stack.
    let highest = 0;
    for (const row of index.rows) highest = Math.max(highest, row.number ?? 0);
    for (const document of documents) highest = Math.max(highest, document.number ?? 0);
    if (index.nextNumber === null || !index.nextNumberRange) {
      return [
        {
          file: index.file,
          range: { line: 1, column: 1, endLine: 1, endColumn: 1 },
          klip: null,
          messageId: 'noLine',
          data: { next: highest + 1 },
        },
      ];
    }
    if (index.nextNumber > highest) return [];
    return [
      {
        file: index.file,
        range: index.nextNumberRange,
        klip: null,
        messageId: 'taken',
        data: { written: index.nextNumber, highest, next: highest + 1 },
        fix: {
          description: `next KLIP number ${index.nextNumber} -> ${highest + 1}`,
          edits: [{ range: index.nextNumberRange, text: String(highest + 1) }],
        },
      },
    ];
  },
};
