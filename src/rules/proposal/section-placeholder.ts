import type { Rule } from '../rule.js';
import { matchSections, settingsOf } from './sections.js';

export const sectionPlaceholder: Rule = {
  meta: {
    id: 'section-placeholder',
    description: "A section holds only the template's guidance text",
    severity: 'warning',
    docs: `The template's italic guidance (\`_What problem are you trying to solve..._\`) explains what to write;
it is not content. A section that holds only that text is as good as empty. Replace the guidance with the
proposal's own text. A proposal still made of the guidance in most of its sections (a fresh copy of the
template) gets one finding, at its first such section, listing the sections to write.`,
    examples: {
      language: 'markdown',
      bad: `## Motivation and background

_What problem are you trying to solve and why._`,
      good: `## Motivation and background

Failover takes minutes today because a new active must restore its state.`,
    },
    howToFix: `Replace the template's italic guidance with the proposal's own text.`,
    messages: {
      guidance:
        'Section "{{section}}" holds only the template\'s guidance text; replace it with this proposal\'s content.',
      freshCopy:
        "{{left}} of {{present}} sections still hold only the template's guidance; write them in this proposal's words: {{sections}}.",
    },
  },
  document(document, context) {
    const matches = matchSections(document, context.template, settingsOf(context));
    const seen = new Set<unknown>();
    const left = matches.filter(({ found }) => {
      if (!found?.guidanceOnly || seen.has(found)) return false;
      seen.add(found);
      return true;
    });
    const present = new Set(matches.flatMap(({ found }) => (found ? [found] : []))).size;
    // A fresh copy of the template: one finding that lists the work, not one per section.
    if (left.length >= 3 && left.length * 2 > present) {
      const first = [...left].sort(
        (a, b) => (a.found?.range.line ?? 0) - (b.found?.range.line ?? 0),
      )[0];
      return [
        {
          range: first?.found?.range ?? document.sections[0]!.range,
          messageId: 'freshCopy',
          data: {
            left: left.length,
            present,
            sections: left.map(({ expected }) => `"${expected.name}"`).join(', '),
          },
        },
      ];
    }
    return left.map(({ expected, found }) => ({
      range: found!.range,
      messageId: 'guidance',
      data: { section: expected.name },
    }));
  },
};
