import { normalize } from '../../core/strings.js';
import type { Section } from '../../model/types.js';
import type { Rule } from '../rule.js';
import { coveredBy, settingsOf, statusReached } from './sections.js';

/** Text that stands in for a section still to be written. */
const FILLER = [
  'TODO',
  'TBD',
  'TBA',
  'TK',
  'N/A',
  'NA',
  'WIP',
  '-',
  '--',
  '...',
  '…',
  '?',
  '??',
  '???',
];
// Filler followed by words is still filler: "TBD: after the spike".
const FILLER_START =
  /^(?:todo|tbd|tba|to be (?:done|determined|decided|defined|written|added|completed))\b/;
const TRAILING = /[\s.!:;,]+$/;

export const sectionEmpty: Rule = {
  meta: {
    id: 'section-empty',
    description: 'A section has a heading and no content',
    severity: 'warning',
    docs: `A heading with nothing under it (before the next heading of the same or a higher level) tells the
reader nothing. Write the section, or say in one line why it does not apply ("No public API changes.").
Sub-headings with text are content: a section made of its parts is not empty.

Filler such as \`TODO\`, \`TBD\` or \`N/A\` is fine while a proposal is discussed; from Design Approved on (the
\`fillerFrom\` option) it is the template's promise not kept, and is reported: write the section, or say why
it does not apply.`,
    options: {
      filler: {
        type: 'array',
        items: { type: 'string' },
        description: 'More texts that count as filler, e.g. ["Coming soon"].',
      },
      fillerFrom: {
        type: 'string',
        description:
          'The status from which a section holding only filler is reported (default: Design Approved).',
      },
    },
    examples: {
      language: 'markdown',
      bad: `## Public APIS

## Design`,
      good: `## Public APIS

No public API changes: the feature is internal.

## Design`,
    },
    howToFix: `Write the section, or say in a line why it does not apply.`,
    messages: {
      empty: 'Section "{{section}}" is empty; write it, or say why it does not apply.',
      filler:
        'Section "{{section}}" holds only "{{text}}", filler a proposal at {{from}} or later should have replaced; write it, or say in a line why it does not apply.',
    },
  },
  document(document, context) {
    const { template, vocabulary, options } = context;
    const covers = coveredBy(document, template, settingsOf(context));
    const fillers = new Set(
      [...FILLER, ...((options.filler as string[] | undefined) ?? [])].map(fillerKey),
    );
    const fillerFrom = (options.fillerFrom as string | undefined) ?? 'Design Approved';
    let late: boolean | null = null;
    const { sections } = document;
    return sections.flatMap((section, index) => {
      if (!section.hasContent) {
        if (section.nestedContent && (covers.get(section)?.length ?? 0) === 0) return [];
        if (isUmbrella(section, sections[index + 1], covers)) return [];
        return [
          {
            range: section.range,
            messageId: 'empty',
            data: { section: section.heading },
          },
        ];
      }
      // Filler breaks the template's promise only in the template's own sections.
      if (section.brief === undefined || (covers.get(section)?.length ?? 0) === 0) return [];
      const key = fillerKey(section.brief);
      if (!fillers.has(key) && !FILLER_START.test(key)) return [];
      late ??= statusReached(document, template, vocabulary, fillerFrom);
      if (!late) return [];
      return [
        {
          range: section.range,
          messageId: 'filler',
          data: { section: section.heading, text: section.brief, from: fillerFrom },
        },
      ];
    });
  },
};

function fillerKey(text: string): string {
  return normalize(text).replace(TRAILING, '');
}

/**
 * An empty heading whose next heading is a part of the same template section: `## Motivation and
 * background` followed by `## Background` and `## Motivation`.
 */
function isUmbrella(
  section: Section,
  next: Section | undefined,
  covers: Map<Section, unknown[]>,
): boolean {
  const own = covers.get(section) ?? [];
  if (!next || own.length === 0 || next.depth > Math.max(section.depth, 2)) return false;
  return (covers.get(next) ?? []).some((covered) => own.includes(covered));
}
