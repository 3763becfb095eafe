import type { Rule } from '../rule.js';
import { nameKey } from '../../core/strings.js';
import type { Vocabulary } from '../../model/status.js';
import type { KlipDocument, Problem, Template } from '../../model/types.js';
import { fileAnchor, isPlaceholder, lineAt } from '../helpers.js';
import {
  isStub,
  matchSections,
  nearHeading,
  requiredFrom,
  settingsOf,
  statusReached,
} from './sections.js';

export const sectionMissing: Rule = {
  meta: {
    id: 'section-missing',
    description: 'A section of the template is absent (one finding per section)',
    severity: 'warning',
    docs: `Every section of the repository's template is part of a proposal: a reviewer looks for the test plan,
the compatibility and the security implications in the same place in every KLIP. A section is found by
meaning, not by exact level and name: a heading of that name at any level, a configured renaming (\`Value\`
for Value/Return), or the same words (plurals, casing, synonyms such as \`Public API\` or \`Documentation\`).
One heading may cover several sections (\`Scope\` covers both scope sections).

Add the heading where the finding points (after the section before it in the template). If a heading comes
close but is not recognised, the finding points at it: rename it. If a section does not apply, keep the
heading and say why in one line. Some sections are required only from a status on: by default "LOEs and
Delivery Milestones" from Design Approved, as the template says milestones come before execution
(configuration: \`sections.requiredFrom\`).

A proposal that holds only its title (a number reserved, the text still to come) gets one finding, and so
does one that has none of the template's sections.`,
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
    howToFix: `Add the heading where the message says. If a section does not apply, keep it and say why in a line. If a heading with another name is meant, rename it as the message says. Sections a repository treats as optional go in the rule's \`optional\` option.`,
    options: {
      optional: {
        type: 'array',
        items: { type: 'string' },
        description:
          'Template sections a proposal may leave out, e.g. ["LOEs and Delivery Milestones"].',
      },
    },
    messages: {
      missing: 'Section "{{section}}" is missing{{why}}; add "{{heading}}" {{place}}.',
      misnamed:
        'Section "{{section}}" is missing, and the heading "{{near}}" on line {{line}} looks like it: rename that heading to "{{heading}}".',
      none: "None of the template's sections is here; put the text under the template's headings: {{sections}}.",
      stub: '{{proposal}} {{state}}: a number reserved, the text still to come. Write it from the template: {{parts}}.',
    },
  },
  document(document, context) {
    const { template, vocabulary, options } = context;
    const settings = settingsOf(context);
    const optional = new Set(((options.optional as string[] | undefined) ?? []).map(nameKey));
    const matches = matchSections(document, template, settings);
    const required = matches.filter(({ expected }) => {
      if (optional.has(expected.key)) return false;
      const from = requiredFrom(settings, expected);
      return !from || statusReached(document, template, vocabulary, from);
    });
    const heading = (depth: number, name: string) => `${'#'.repeat(depth)} ${name}`;
    const list = (names: string[]) => names.map((name) => `"${name}"`).join(', ');

    // A stub, or a text with none of the sections: one finding, not one per section.
    if (required.length > 0 && matches.every((match) => !match.found)) {
      const sections = list(
        required.map((match) => heading(match.expected.depth, match.expected.name)),
      );
      if (isStub(document)) {
        const number = document.number ?? document.title?.number;
        const parts = [
          ...(metadataDone(document, template, vocabulary)
            ? []
            : [`the metadata (${template.fields.map((field) => field.name).join(', ')})`]),
          'a tl;dr',
          `the sections ${sections}`,
        ];
        return [
          {
            range: fileAnchor(document),
            messageId: 'stub',
            data: {
              proposal:
                number !== null && number !== undefined ? `KLIP ${number}` : 'This proposal',
              state: document.title ? 'holds only its title' : 'has no text yet',
              parts: joinAnd(parts),
            },
          },
        ];
      }
      return [
        {
          range: fileAnchor(document),
          messageId: 'none',
          data: { sections },
        },
      ];
    }

    const taken = new Set(matches.flatMap((match) => match.covering));
    return matches.flatMap((match, index): Problem[] => {
      if (match.found || !required.includes(match)) return [];
      const expected = match.expected;
      // A heading that comes close is the section misnamed: rename it, do not add a second one.
      const near = nearHeading(document, template, settings, expected, taken);
      if (near) {
        taken.add(near);
        return [
          {
            range: near.range,
            messageId: 'misnamed',
            data: {
              section: expected.name,
              near: near.heading,
              line: near.range.line,
              heading: heading(expected.depth, expected.name),
            },
          },
        ];
      }
      const previous = matches
        .slice(0, index)
        .reverse()
        .find((entry) => entry.found && entry.found.depth <= 2)?.found;
      // Where it belongs: before the first later template section that follows the previous one in
      // the file (a later section moved above it is section-order's), else after the previous one.
      const after = previous?.range.line ?? 0;
      const next = matches
        .slice(index + 1)
        .flatMap((entry) =>
          entry.found && entry.found.depth <= 2 && entry.found.range.line > after
            ? [entry.found]
            : [],
        )
        .sort((a, b) => a.range.line - b.range.line)[0];
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
      const from = requiredFrom(settings, expected);
      const why = from ? ` (required from ${from} on)` : '';
      return [
        {
          range: lineAt(document, line),
          messageId: 'missing',
          data: {
            section: expected.name,
            why,
            heading: heading(expected.depth, expected.name),
            place,
          },
        },
      ];
    });
  },
};

/** Every field of the template present with a real value. */
function metadataDone(document: KlipDocument, template: Template, vocabulary: Vocabulary): boolean {
  return template.fields.every((expected) =>
    document.fields.some(
      (field) => field.key === expected.key && !isPlaceholder(field, template, vocabulary),
    ),
  );
}

function joinAnd(parts: string[]): string {
  return parts.length <= 1
    ? (parts[0] ?? '')
    : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}
