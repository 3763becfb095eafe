import {
  DEFAULT_SECTION_SETTINGS,
  headingWords,
  looksLike,
  meaningScore,
  sameWords,
  type HeadingWords,
  type SectionSettings,
} from '../sections.js';
import { matchStatus, statusOrder, type Vocabulary } from '../status.js';
import { nameKey } from '../text.js';
import type { KlipDocument, Section, Template, TemplateSection } from '../types.js';
import type { RuleContext } from './rule.js';
import { documentStatus } from './helpers.js';

/** Section-level headings: the template writes its sections at levels 1 and 2. */
export function sectionHeadings(document: KlipDocument): Section[] {
  return document.sections.filter((section) => section.depth <= 2);
}

export interface SectionMatch {
  expected: TemplateSection;
  /** The heading that stands for the section: the best match, at any level. */
  found: Section | undefined;
  /** Every heading that covers the section (`Background` and `Motivation`). */
  covering: Section[];
}

interface Matching {
  matches: SectionMatch[];
  /** The template sections each heading covers. */
  covers: Map<Section, TemplateSection[]>;
}

const EXACT = 3;
const ALIAS = 2;
const cache = new WeakMap<
  KlipDocument,
  { template: Template; settings: SectionSettings; result: Matching }
>();

export function settingsOf(context: Pick<RuleContext, 'sections'>): SectionSettings {
  return context.sections ?? DEFAULT_SECTION_SETTINGS;
}

/**
 * Pairs each template section with the headings that mean it: the same name or a configured
 * renaming at any level, or, at section level, the same meaning (words normalised, stemmed, read
 * through synonyms).
 * A heading covers every section it means best (`Scope` covers both scope sections).
 */
export function matchSections(
  document: KlipDocument,
  template: Template,
  settings: SectionSettings = DEFAULT_SECTION_SETTINGS,
): SectionMatch[] {
  return matching(document, template, settings).matches;
}

/** The template sections a heading covers. */
export function coveredBy(
  document: KlipDocument,
  template: Template,
  settings: SectionSettings,
): Map<Section, TemplateSection[]> {
  return matching(document, template, settings).covers;
}

function matching(document: KlipDocument, template: Template, settings: SectionSettings): Matching {
  const known = cache.get(document);
  if (known && known.template === template && known.settings === settings) return known.result;
  const aliasKeys = new Map(
    Object.entries(settings.aliases).map(([name, list]) => [nameKey(name), list.map(nameKey)]),
  );
  const sectionWords = template.sections.map((section) => headingWords(section.name, settings));
  const scores = new Map<Section, number[]>();
  const covers = new Map<Section, TemplateSection[]>();
  for (const heading of document.sections) {
    const key = nameKey(heading.heading);
    const words = headingWords(heading.heading, settings);
    const row = template.sections.map((section, i) =>
      key === section.key
        ? EXACT
        : aliasKeys.get(section.key)?.includes(key)
          ? ALIAS
          : meaning(heading, words, sectionWords[i] as HeadingWords),
    );
    const best = Math.max(0, ...row);
    scores.set(heading, row);
    covers.set(heading, best > 0 ? template.sections.filter((_, i) => row[i] === best) : []);
  }
  const matches = template.sections.map((expected, i) => {
    const covering = document.sections.filter((heading) => covers.get(heading)?.includes(expected));
    // The best match; among equals, a section-level heading, then the first.
    const found = [...covering].sort(
      (a, b) =>
        (scores.get(b)?.[i] ?? 0) - (scores.get(a)?.[i] ?? 0) ||
        Number(a.depth > 2) - Number(b.depth > 2) ||
        a.range.line - b.range.line,
    )[0];
    return { expected, found, covering };
  });
  const result = { matches, covers };
  cache.set(document, { template, settings, result });
  return result;
}

/**
 * Deeper down, a heading by meaning alone is a part of another section (`### Testing` in a
 * design): there only the same words count (`### Test Plans`).
 */
function meaning(heading: Section, words: HeadingWords, section: HeadingWords): number {
  if (heading.depth <= 2) return meaningScore(words, section);
  return sameWords(words, section) ? 1 : 0;
}

/** A section-level heading that covers no section but comes close to `expected`: one to rename. */
export function nearHeading(
  document: KlipDocument,
  template: Template,
  settings: SectionSettings,
  expected: TemplateSection,
  taken: Set<Section>,
): Section | undefined {
  const covers = coveredBy(document, template, settings);
  const target = headingWords(expected.name, settings);
  return sectionHeadings(document).find(
    (section) =>
      !taken.has(section) &&
      (covers.get(section)?.length ?? 0) === 0 &&
      looksLike(section.heading, headingWords(section.heading, settings), expected.name, target),
  );
}

/** Whether the proposal's status has reached `from` (an unreadable status counts when all it names have). */
export function statusReached(
  document: KlipDocument,
  template: Template,
  vocabulary: Vocabulary,
  from: string,
): boolean {
  const threshold = statusOrder(from, vocabulary);
  if (threshold < 0) return false;
  const status = documentStatus(document, template, vocabulary);
  if (!status) return false;
  const names =
    status.match.kind === 'unknown' ? status.match.suggestions : [status.match.status.name];
  return (
    names.length > 0 &&
    names.every((name) => {
      const match = matchStatus(name, vocabulary);
      return match.kind !== 'unknown' && statusOrder(match.status.name, vocabulary) >= threshold;
    })
  );
}

/** The status from which a template section is required, if it is not required from the start. */
export function requiredFrom(settings: SectionSettings, section: TemplateSection): string | null {
  for (const [name, status] of Object.entries(settings.requiredFrom))
    if (nameKey(name) === section.key) return status;
  return null;
}

/** A proposal that holds only its title, maybe its metadata: a number reserved, the text to come. */
export function isStub(document: KlipDocument): boolean {
  if (document.sections.length > 0 || document.tldr) return false;
  const titleLines = document.title
    ? document.title.range.endLine - document.title.range.line + 1
    : 0;
  let written = 0;
  for (const length of document.lineLengths) if (length > 0) written++;
  // A line or two of prose ("Just a placeholder") is still a stub.
  return written - titleLines - document.fields.length <= 2;
}
