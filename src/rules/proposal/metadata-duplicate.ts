import type { Rule } from '../rule.js';
import { templateField } from '../helpers.js';

export const metadataDuplicate: Rule = {
  meta: {
    id: 'metadata-duplicate',
    description: 'A metadata field appears twice',
    severity: 'error',
    docs: `Each metadata field appears once. Two Status lines make the proposal's state ambiguous: every tool
reads the first. Merge the values into one line and delete the other.`,
    examples: {
      language: 'markdown',
      bad: `**Status**: In Discussion |
**Status**: Design Approved |`,
      good: `**Status**: Design Approved |`,
    },
    howToFix: `Keep one line per field; merge the values if both matter.`,
    messages: {
      again: 'Field "{{field}}" appears again (first on line {{first}}); keep one line.',
    },
  },
  document(document, { template }) {
    const seen = new Map<string, number>();
    return document.fields.flatMap((field) => {
      if (!field.key) return [];
      const first = seen.get(field.key);
      if (first === undefined) {
        seen.set(field.key, field.lineRange.line);
        return [];
      }
      return [
        {
          range: field.lineRange,
          messageId: 'again',
          data: { field: templateField(template, field.key), first },
        },
      ];
    });
  },
};
