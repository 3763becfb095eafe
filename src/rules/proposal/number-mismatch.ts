import type { Rule } from '../rule.js';
import { fileNameNumber } from '../helpers.js';

export const numberMismatch: Rule = {
  meta: {
    id: 'number-mismatch',
    description: "The number in the file name differs from the title's",
    severity: 'error',
    docs: `The file name and the title carry the same number: \`klip-12-x.md\` is titled \`# KLIP 12 - ...\`.
When they differ, one of them points at a number reserved for another proposal. Check the index for the
number reserved for this proposal and correct the other.`,
    examples: {
      language: 'markdown',
      bad: `File klip-12-pull-ha.md:

# KLIP 13 - Pull queries high availability`,
      good: `File klip-12-pull-ha.md:

# KLIP 12 - Pull queries high availability`,
    },
    howToFix: `Check the index for the number reserved for the proposal and correct the title or the file name.`,
    messages: {
      mismatch:
        'The title says KLIP {{title}} but the file name says {{fileName}}; make them agree on the reserved number.',
    },
  },
  document(document) {
    const fromName = fileNameNumber(document.name);
    const title = document.title;
    if (fromName === null || title?.number == null || title.number === fromName) return [];
    return [
      {
        range: title.numberRange ?? title.range,
        messageId: 'mismatch',
        data: { title: title.number, fileName: fromName },
      },
    ];
  },
};
