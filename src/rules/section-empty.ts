import type { Rule } from './rule.js';

export const sectionEmpty: Rule = {
  meta: {
    id: 'section-empty',
    description: 'A section has a heading and no content',
    severity: 'warning',
    docs: `A heading with nothing under it (before the next heading of the same or a higher level) tells the
reader nothing. Write the section, or say in one line why it does not apply ("No public API changes.").`,
    examples: {
      language: 'markdown',
      bad: `## Public APIS

## Design`,
      good: `## Public APIS

No public API changes: the feature is internal.

## Design`,
    },
    howToFix: `Write the section, or say in a line why it does not apply.`,
  },
  document(document) {
    return document.sections
      .filter((section) => !section.hasContent)
      .map((section) => ({
        range: section.range,
        message: `Section "${section.heading}" is empty; write it, or say why it does not apply.`,
      }));
  },
};
