import type { Rule } from './rule.js';
import { matchSections } from './sections.js';

export const sectionPlaceholder: Rule = {
  meta: {
    id: 'section-placeholder',
    description: "A section holds only the template's guidance text",
    severity: 'warning',
    docs: `The template's italic guidance (\`_What problem are you trying to solve..._\`) explains what to write;
it is not content. A section that holds only that text is as good as empty. Replace the guidance with the
proposal's own text.`,
    examples: {
      language: 'markdown',
      bad: `## Motivation and background

_What problem are you trying to solve and why._`,
      good: `## Motivation and background

Failover takes minutes today because a new active must restore its state.`,
    },
    howToFix: `Replace the template's italic guidance with the proposal's own text.`,
  },
  document(document, { template }) {
    return matchSections(document, template).flatMap(({ expected, found }) => {
      if (!found?.guidanceOnly) return [];
      return [
        {
          range: found.range,
          message: `Section "${expected.name}" holds only the template's guidance text; replace it with this proposal's content.`,
        },
      ];
    });
  },
};
