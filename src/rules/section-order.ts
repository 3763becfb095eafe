import type { Rule } from './rule.js';
import { matchSections } from './sections.js';

export const sectionOrder: Rule = {
  meta: {
    id: 'section-order',
    description: "Sections are out of the template's order",
    severity: 'warning',
    docs: `The template's sections come in a fixed order (motivation, scope, value, APIs, design, test plan, ...)
so that every proposal reads the same way. Move the reported section to the place the message names.`,
    examples: {
      language: 'markdown',
      bad: `## Design

...

## Public APIS

...`,
      good: `## Public APIS

...

## Design

...`,
    },
    howToFix: `Move the section to where the template has it.`,
  },
  document(document, { template }) {
    const present = matchSections(document, template).flatMap((match) =>
      match.found ? [{ ...match, found: match.found }] : [],
    );
    // Document order of the matched sections; those outside a longest in-order run are out of place.
    const byPosition = [...present].sort((a, b) => a.found.range.line - b.found.range.line);
    const ranks = byPosition.map((entry) => present.indexOf(entry));
    const keep = longestIncreasing(ranks);
    return byPosition.flatMap((entry, position) => {
      if (keep.has(position)) return [];
      const rank = ranks[position] as number;
      const before = present[rank - 1];
      const message = before
        ? `Section "${entry.expected.name}" is out of order: the template puts it after "${before.expected.name}".`
        : `Section "${entry.expected.name}" is out of order: the template puts it first.`;
      return [{ range: entry.found.range, message }];
    });
  },
};

/** Positions of one longest strictly increasing subsequence. */
function longestIncreasing(values: number[]): Set<number> {
  const lengths = values.map(() => 1);
  const previous = values.map(() => -1);
  for (let i = 0; i < values.length; i++) {
    for (let j = 0; j < i; j++) {
      if (
        (values[j] as number) < (values[i] as number) &&
        (lengths[j] as number) + 1 > (lengths[i] as number)
      ) {
        lengths[i] = (lengths[j] as number) + 1;
        previous[i] = j;
      }
    }
  }
  let end = lengths.indexOf(Math.max(0, ...lengths));
  const keep = new Set<number>();
  while (end >= 0) {
    keep.add(end);
    end = previous[end] as number;
  }
  return keep;
}
