import type { Rule } from '../rule.js';
import { matchSections, settingsOf } from './sections.js';

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
    messages: {
      outOfOrder:
        'Section {{section}} is out of order: move it {{place}}, where the template puts it.',
    },
  },
  document(document, context) {
    // Only section-level headings have a place in the order; a part deeper down sits inside another.
    const present = matchSections(document, context.template, settingsOf(context)).flatMap(
      (match) => (match.found && match.found.depth <= 2 ? [{ ...match, found: match.found }] : []),
    );
    // Document order of the matched sections; those outside a longest in-order run are out of place.
    const byPosition = [...present].sort((a, b) => a.found.range.line - b.found.range.line);
    const ranks = byPosition.map((entry) => present.indexOf(entry));
    const keep = longestIncreasing(ranks);
    const reported = new Set<number>();
    return byPosition.flatMap((entry, position) => {
      // One heading may cover two sections (Scope): one finding for it.
      if (keep.has(position) || reported.has(entry.found.range.line)) return [];
      reported.add(entry.found.range.line);
      const rank = ranks[position] as number;
      // Its place among the sections that are in order: before the first that follows it in the template.
      const inPlace = byPosition.filter((_, i) => keep.has(i));
      const next = inPlace.find((other) => present.indexOf(other) > rank);
      const previous = [...inPlace].reverse().find((other) => present.indexOf(other) < rank);
      const name =
        entry.found.heading === entry.expected.name
          ? `"${entry.expected.name}"`
          : `"${entry.found.heading}" (the template's "${entry.expected.name}")`;
      const place = next
        ? `before "${next.found.heading}"`
        : `after "${previous?.found.heading ?? ''}"`;
      return [
        { range: entry.found.range, messageId: 'outOfOrder', data: { section: name, place } },
      ];
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
