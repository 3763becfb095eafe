import { distance } from 'fastest-levenshtein';

export const LINE_BREAK = /\r\n|\r|\n/;

/** Lower case, emphasis and code markers removed, white space folded: for comparing prose. */
export function normalize(text: string): string {
  return text.toLowerCase().replace(/[_*`]/g, '').replace(/\s+/g, ' ').trim();
}

/** A heading or field name reduced to letters and digits, for matching names. */
export function nameKey(text: string): string {
  return text
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** Removes emphasis, code marks and surrounding spaces, e.g. `_Merged_` or `**Merged**`. */
export function undecorate(text: string): string {
  let value = text.trim();
  for (;;) {
    const match = /^(\*\*|__|\*|_|`)(.+)\1$/s.exec(value);
    if (!match?.[2]) return value;
    value = match[2].trim();
  }
}

/** The candidates closest to `word` within a distance that still reads as a typo. */
export function closest(word: string, candidates: readonly string[]): string | null {
  const target = word.toLowerCase();
  let best: string | null = null;
  let bestDistance = Math.max(2, Math.floor(target.length / 3)) + 1;
  for (const candidate of candidates) {
    const d = distance(target, candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

/** A KLIP number from its digits: null past the safe integers, where it would print as 1e+21. */
export function safeNumber(digits: string): number | null {
  const number = Number(digits);
  return Number.isSafeInteger(number) ? number : null;
}

export function slugify(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
