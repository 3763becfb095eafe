import type { Rule } from './rule.js';
import { nameKey } from '../text.js';
import { lineAt } from './helpers.js';
import { matchSections, nearHeading, sectionHeadings } from './sections.js';

export const sectionMissing: Rule = {
  meta: {
    id: 'section-missing',
    description: 'A section of the template is absent (one finding per section)',
    severity: 'warning',
    docs: `Every section of the repository's template is part of a proposal: a reviewer looks for the test plan,
the compatibility and the security implications in the same place in every KLIP. Add the heading where the
finding points (after the section before it in the template). If a section does not apply, keep the
heading and say why in one line.`,
    examples: {
      language: 'markdown',
      bad: `## Design

How it works.

## Documentation Updates

The reference pages.`,
      good: `## Design

How it works.

## Test plan

Failure and load tests.

## LOEs and Delivery Milestones

One milestone.

## Documentation Updates

The reference pages.`,
    },
    howToFix: `Add the heading where the message says. If a section does not apply, keep it and say why in a line. Sections a repository treats as optional go in the rule's \`optional\` option.`,
    options: {
      optional: {
        type: 'array',
        items: { type: 'string' },
        description:
          'Template sections a proposal may leave out, e.g. ["LOEs and Delivery Milestones"].',
      },
    },
  },
  document(document, { template, options }) {
    const optional = new Set(((options.optional as string[] | undefined) ?? []).map(nameKey));
    const matches = matchSections(document, template);
    const headings = sectionHeadings(document);
    const taken = new Set(matches.flatMap((match) => (match.found ? [match.found] : [])));
    return matches.flatMap((match, index) => {
      if (match.found || optional.has(match.expected.key)) return [];
      const previous = matches
        .slice(0, index)
        .reverse()
        .find((entry) => entry.found)?.found;
      const next = matches.slice(index + 1).find((entry) => entry.found)?.found;
      // Where it belongs: before the next template section present, else after the previous one.
      const line = next
        ? next.range.line
        : previous
          ? previous.endLine
          : document.tldr?.range.endLine ||
            document.metadataEndLine ||
            document.title?.range.endLine ||
            1;
      const place = next
        ? `before "${next.heading}"`
        : previous
          ? `after "${previous.heading}"`
          : document.tldr
            ? 'after the tl;dr'
            : document.fields.length > 0
              ? 'after the metadata'
              : 'after the title';
      const near = nearHeading(match.expected, headings, taken);
      const hint = near
        ? ` ("${near.heading}" on line ${near.range.line} looks like it: rename it)`
        : '';
      return [
        {
          range: lineAt(document, line),
          message: `Section "${match.expected.name}" is missing; add "${'#'.repeat(match.expected.depth)} ${match.expected.name}" ${place}${hint}.`,
        },
      ];
    });
  },
};
