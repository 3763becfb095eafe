import {
  DEFAULT_SECTION_SETTINGS,
  headingWords,
  looksLike,
  meaningScore,
  sameWords,
  shortens,
  type HeadingWords,
  type SectionSettings,
} from '../../core/section-names.js';
import { matchStatus, statusOrder, type Vocabulary } from '../../model/status.js';
import { nameKey } from '../../core/strings.js';
import type { KlipDocument, Section, Template, TemplateSection } from '../../model/types.js';
import type { RuleContext } from '../rule.js';
import { documentStatus } from '../helpers.js';

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
  // `Value/Return` is either word.
  const sectionWords = template.sections.map((section) =>
    [section.name, ...(section.name.includes('/') ? section.name.split('/') : [])].map((name) =>
      headingWords(name, settings),
    ),
  );
  const scores = new Map<Section, number[]>();
  const covers = new Map<Section, TemplateSection[]>();
  for (const heading of document.sections) {
    const key = nameKey(heading.heading);
    // `Motivation and goals` names two things: each part may cover a section of its own.
    const parts = [heading.heading, ...(heading.depth <= 2 ? partsOf(heading.heading) : [])];
    const rows = parts.map((part, p) => {
      const words = headingWords(part, settings);
      return template.sections.map((section, i) =>
        p === 0 && key === section.key
          ? EXACT
          : p === 0 && aliasKeys.get(section.key)?.includes(key)
            ? ALIAS
            : Math.max(
                ...(sectionWords[i] as HeadingWords[]).map((alternative) =>
                  meaning(heading, words, alternative),
                ),
              ),
      );
    });
    const row = template.sections.map((_, i) => Math.max(...rows.map((r) => r[i] as number)));
    scores.set(heading, row);
    // Each part covers the sections it means best; the whole heading too.
    const covered = new Set<TemplateSection>();
    for (const r of rows) {
      const best = Math.max(0, ...r);
      if (best > 0)
        template.sections.forEach((section, i) => r[i] === best && covered.add(section));
    }
    // A heading that is exactly one section covers only it.
    const exact = template.sections.filter((_, i) => (rows[0]?.[i] ?? 0) >= ALIAS);
    covers.set(heading, exact.length > 0 ? exact : [...covered]);
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

/** The parts of a heading joined by `and`, `&`, commas or slashes; none when it is one part. */
function partsOf(heading: string): string[] {
  const parts = heading.split(/\s+(?:and|&)\s+|\s*[,;/]\s*/i).filter((part) => part.trim());
  return parts.length > 1 && parts.length <= 6 ? parts : [];
}

/**
 * Deeper down, the same words count (`### Test Plans`), and so does a shortening of the section's
 * name (`### Testing` inside Design is the test plan written there); a heading that only shares
 * some meaning is a part of another section.
 */
function meaning(heading: Section, words: HeadingWords, section: HeadingWords): number {
  if (heading.depth <= 2) return meaningScore(words, section);
  if (sameWords(words, section)) return 1;
  return shortens(words, section) ? meaningScore(words, section) : 0;
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
