import { distance } from 'fastest-levenshtein';
import { nameKey } from '../text.js';
import type { KlipDocument, Section, Template, TemplateSection } from '../types.js';

/** Section-level headings: the template writes its sections at levels 1 and 2. */
export function sectionHeadings(document: KlipDocument): Section[] {
  return document.sections.filter((section) => section.depth <= 2);
}

/** Pairs each template section with the heading that is it, if any (first match wins). */
export function matchSections(
  document: KlipDocument,
  template: Template,
): { expected: TemplateSection; found: Section | undefined }[] {
  const headings = sectionHeadings(document);
  return template.sections.map((expected) => ({
    expected,
    found: headings.find((section) => nameKey(section.heading) === expected.key),
  }));
}

/** A heading that is probably a misspelt template section, for a did-you-mean. */
export function nearHeading(
  expected: TemplateSection,
  headings: Section[],
  taken: Set<Section>,
): Section | undefined {
  return headings.find((section) => {
    if (taken.has(section)) return false;
    const key = nameKey(section.heading);
    return distance(key, expected.key) <= Math.max(2, Math.floor(expected.key.length / 5));
  });
}
