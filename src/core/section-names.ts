import { distance } from 'fastest-levenshtein';
import { nameKey } from './strings.js';

/** How headings are matched to the template's sections, and when a section is required. */
export interface SectionSettings {
  /** Other headings accepted for a template section, by the section's name. */
  aliases: Record<string, string[]>;
  /** Words or phrases read as another word, e.g. `docs` as `documentation`. */
  synonyms: Record<string, string>;
  /** A section required only once the proposal has reached a status, by the section's name. */
  requiredFrom: Record<string, string>;
}

/** Renamings real proposals use, and the template's own word that milestones come before execution. */
export const DEFAULT_SECTION_SETTINGS: SectionSettings = {
  aliases: {
    'Motivation and background': ['Background', 'Motivation'],
    'Value/Return': ['Value'],
    'Public APIS': ['Public API'],
    Design: ['High Level Design'],
    'LOEs and Delivery Milestones': ['Delivery Milestones'],
    'Documentation Updates': ['Documentation'],
    'Compatibility Implications': ['Backward compatibility'],
  },
  synonyms: {
    'not in scope': 'outscope',
    'out of scope': 'outscope',
    'non goals': 'outscope',
    nongoals: 'outscope',
    'in scope': 'inscope',
    goals: 'inscope',
    // Scope alone covers what is in it and what is not.
    scope: 'inscope outscope',
    'level of effort': 'loe',
    'levels of effort': 'loe',
    'high level': '',
    interfaces: 'api',
    interface: 'api',
    apis: 'api',
    docs: 'documentation',
    doc: 'documentation',
    documenting: 'documentation',
    documented: 'documentation',
    compatible: 'compatibility',
    compat: 'compatibility',
    testing: 'test',
    tests: 'test',
    benefits: 'value',
    benefit: 'value',
    context: 'background',
    rationale: 'motivation',
    requirements: 'inscope',
    'non requirements': 'outscope',
    timeline: 'milestone',
    effort: 'loe',
    estimates: 'loe',
  },
  requiredFrom: { 'LOEs and Delivery Milestones': 'Design Approved' },
};

/** Merges a configuration's sections part over the defaults: lists add, single values replace. */
export function resolveSectionSettings(raw: Partial<SectionSettings> | undefined): SectionSettings {
  const defaults = DEFAULT_SECTION_SETTINGS;
  if (!raw) return defaults;
  const aliases: Record<string, string[]> = { ...defaults.aliases };
  for (const [name, list] of Object.entries(raw.aliases ?? {}))
    aliases[name] = [...(aliases[name] ?? []), ...list];
  return {
    aliases,
    synonyms: { ...defaults.synonyms, ...raw.synonyms },
    requiredFrom: { ...defaults.requiredFrom, ...raw.requiredFrom },
  };
}

// Words that carry no meaning in a heading.
const STOP = new Set(
  'a an and are as at be by for from how in is it its of on or our the this these to we what when which will with'.split(
    ' ',
  ),
);
// Words that qualify a section without naming it: a heading may add or drop them.
const GENERIC = new Set(
  ['implication', 'update', 'plan', 'public', 'change', 'consideration', 'detail', 'overview'].map(
    stem,
  ),
);
const MODIFIERS = new Set(['backward', 'backwards', 'proposed', 'detailed', 'overall', 'general']);
// A heading about something beside the section: rejected designs, future work.
const ASIDE = new Set(['reject', 'alternative', 'future', 'other', 'prior', 'previous', 'related']);

/** A light stemmer: plural and verb endings, so that `Tests`, `Testing` and `Test` meet. */
export function stem(word: string): string {
  if (word.length <= 3) return word;
  if (word.endsWith('ies') && word.length > 4) return `${word.slice(0, -3)}y`;
  if (/(ss|us|is)$/.test(word)) return word;
  if (/(ches|shes|xes|sses)$/.test(word)) return word.slice(0, -2);
  if (word.endsWith('s')) return word.slice(0, -1);
  if (word.endsWith('ing') && word.length > 5) return word.slice(0, -3);
  if (word.endsWith('ed') && word.length > 4) return word.slice(0, -2);
  return word;
}

export interface HeadingWords {
  /** Every meaningful word, stemmed and read through the synonyms. */
  all: Set<string>;
  /** Without the generic words. */
  core: Set<string>;
  /** Whether the heading is about something beside its subject (rejected, future, other). */
  aside: boolean;
  /** Too many words for a section's name: prose, not matched by meaning (and a cost bound). */
  long: boolean;
}

const MAX_WORDS = 12;

const tables = new WeakMap<
  SectionSettings,
  { phrases: [string, string][]; words: Map<string, string> }
>();

/** The synonyms as maps (a heading's word may be any string, `constructor` too), phrases longest first. */
function synonymTable(settings: SectionSettings) {
  let table = tables.get(settings);
  if (table) return table;
  const entries = Object.entries(settings.synonyms).map(
    ([from, to]) => [nameKey(from), nameKey(to)] as [string, string],
  );
  table = {
    phrases: entries
      .filter(([from]) => from.includes(' '))
      .sort((a, b) => b[0].length - a[0].length),
    words: new Map(entries.filter(([from]) => from && !from.includes(' '))),
  };
  tables.set(settings, table);
  return table;
}

const wordCache = new WeakMap<SectionSettings, Map<string, HeadingWords>>();

/** The words a heading means, for matching by meaning. */
export function headingWords(heading: string, settings: SectionSettings): HeadingWords {
  let cache = wordCache.get(settings);
  if (!cache) wordCache.set(settings, (cache = new Map()));
  const known = cache.get(heading);
  if (known) return known;
  // A leading section number ("2.1", "IV.") is not part of the name.
  let text = ` ${nameKey(heading.replace(/^\s*(?:\d+(?:\.\d+)*\.?|[ivx]+\.)\s+/i, ''))} `;
  const { phrases, words: synonyms } = synonymTable(settings);
  for (const [key, to] of phrases) text = text.split(` ${key} `).join(` ${to} `);
  const words = text.split(' ').filter(Boolean);
  const all = new Set<string>();
  let aside = false;
  for (const word of words) {
    if (/^\d+$/.test(word) || STOP.has(word) || MODIFIERS.has(word)) continue;
    const mapped = synonyms.get(word) ?? synonyms.get(stem(word));
    for (const part of (mapped ?? word).split(' ')) {
      if (!part) continue;
      const stemmed = stem(part);
      if (ASIDE.has(stemmed)) aside = true;
      all.add(stemmed);
    }
  }
  const core = new Set([...all].filter((word) => !GENERIC.has(word)));
  const result = { all, core: core.size > 0 ? core : all, aside, long: all.size > MAX_WORDS };
  if (cache.size > 10_000) cache.clear();
  cache.set(heading, result);
  return result;
}

/** Equal words, or one typo apart in a long word. */
function sameWord(a: string, b: string): boolean {
  if (a === b) return true;
  if (a.length < 6 || b.length < 6 || Math.abs(a.length - b.length) > 2) return false;
  return distance(a, b) <= (a.length >= 9 ? 2 : 1);
}

function has(set: Set<string>, word: string): boolean {
  for (const other of set) if (sameWord(other, word)) return true;
  return false;
}

const subset = (a: Set<string>, b: Set<string>) => [...a].every((word) => has(b, word));

const scores = new WeakMap<HeadingWords, Map<HeadingWords, number>>();

/**
 * How well a heading means a template section, from 0 (not at all) to 1 (the same words):
 * a shortening (`Value` for Value/Return), an elaboration (`Backward compatibility`), or most
 * words shared.
 */
export function meaningScore(heading: HeadingWords, section: HeadingWords): number {
  if (heading.aside || heading.long) return 0;
  // Headings repeat across a folder (`Design`, `Test plan`): each pair is scored once.
  let known = scores.get(heading);
  if (!known) scores.set(heading, (known = new Map()));
  let score = known.get(section);
  if (score === undefined) known.set(section, (score = scoreOf(heading, section)));
  return score;
}

function scoreOf(heading: HeadingWords, section: HeadingWords): number {
  const h = heading.core;
  const t = section.core;
  const shared = [...h].filter((word) => has(t, word)).length;
  if (shared === 0) return 0;
  const union = h.size + t.size - shared;
  const jaccard = shared / union;
  if (subset(h, section.all) || subset(t, heading.all) || jaccard >= 0.5) return jaccard;
  return 0;
}

/** Every word of the heading is one of the section's (`Testing` for Test plan). */
export function shortens(heading: HeadingWords, section: HeadingWords): boolean {
  return (
    !heading.aside && !heading.long && heading.core.size > 0 && subset(heading.core, section.all)
  );
}

/** The same words (`Test Plans` for Test plan): the same name, at any level. */
export function sameWords(heading: HeadingWords, section: HeadingWords): boolean {
  return (
    !heading.long &&
    heading.all.size > 0 &&
    subset(heading.all, section.all) &&
    subset(section.all, heading.all)
  );
}

/** Some shared meaning or spelling, not enough to accept: a heading to rename. */
export function looksLike(
  heading: string,
  words: HeadingWords,
  sectionName: string,
  section: HeadingWords,
): boolean {
  if (words.long) return false;
  const a = nameKey(heading);
  const b = nameKey(sectionName);
  if (a.length < 2 * b.length && distance(a, b) <= Math.max(2, Math.floor(b.length / 5)))
    return true;
  return !words.aside && [...words.core].some((word) => has(section.core, word));
}
