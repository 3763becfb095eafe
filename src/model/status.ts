import { closest, nameKey, undecorate } from '../core/strings.js';

export interface StatusDefinition {
  name: string;
  aliases: string[];
  /** Only an index row may hold it (a number reserved, no file yet). */
  indexOnly?: boolean;
  /** No status follows it. */
  end?: boolean;
  /** An end state reachable from any step, outside the order (Rejected, Withdrawn). */
  branch?: boolean;
}

/** Canonical statuses in process order, then end states. */
export interface Vocabulary {
  statuses: StatusDefinition[];
  /** Moves allowed outside the order, from a status to others (a process that is not linear). */
  transitions?: Record<string, string[]>;
}

export const DEFAULT_VOCABULARY: Vocabulary = {
  statuses: [
    { name: 'Proposal', aliases: ['Proposed'], indexOnly: true },
    { name: 'In Discussion', aliases: ['Discussion'] },
    { name: 'Design Approved', aliases: ['Approved', 'Accepted'] },
    { name: 'In Development', aliases: ['In development'] },
    { name: 'Merged', aliases: [], end: true },
    { name: 'Rejected', aliases: [], end: true, branch: true },
    { name: 'Withdrawn', aliases: [], end: true, branch: true },
    { name: 'Superseded', aliases: [], end: true, branch: true },
  ],
};

export type StatusMatch =
  | { kind: 'canonical'; status: StatusDefinition }
  /** Another word for the status (`Approved`), decorated or not. */
  | { kind: 'alias'; status: StatusDefinition; written: string }
  | { kind: 'unknown'; written: string; suggestions: string[] };

const matches = new WeakMap<Vocabulary, Map<string, StatusMatch>>();

/** Classifies a written status (as in the file, decoration included). */
export function matchStatus(raw: string, vocabulary: Vocabulary): StatusMatch {
  // An index repeats a handful of statuses thousands of times.
  let known = matches.get(vocabulary);
  if (!known) matches.set(vocabulary, (known = new Map()));
  let match = known.get(raw);
  if (!match) known.set(raw, (match = classify(raw, vocabulary)));
  return match;
}

function classify(raw: string, vocabulary: Vocabulary): StatusMatch {
  const written = undecorate(raw);
  const key = nameKey(written);
  for (const status of vocabulary.statuses) {
    const names = [status.name, ...status.aliases];
    if (!names.some((name) => nameKey(name) === key)) continue;
    // Casing and decoration (`_In development_ |`) are the template's own habits, not another word.
    if (key === nameKey(status.name)) return { kind: 'canonical', status };
    return { kind: 'alias', status, written: raw.trim() };
  }
  return { kind: 'unknown', written: raw.trim(), suggestions: suggest(written, vocabulary) };
}

function suggest(written: string, vocabulary: Vocabulary): string[] {
  const all = vocabulary.statuses.flatMap((status) =>
    [status.name, ...status.aliases].map((name) => ({ name, canonical: status.name })),
  );
  const near = closest(
    written,
    all.map((entry) => entry.name),
  );
  if (near) return [all.find((entry) => entry.name === near)?.canonical ?? near];
  // Free text such as "values: Merged, keys: Design Approved" names statuses inside it.
  const key = ` ${nameKey(written)} `;
  const inside = vocabulary.statuses
    .filter((status) =>
      [status.name, ...status.aliases].some((name) => key.includes(` ${nameKey(name)} `)),
    )
    .map((status) => status.name);
  return [...new Set(inside)];
}

/** A status's step in the process order; branch end states have none (-1). */
export function statusOrder(name: string, vocabulary: Vocabulary): number {
  return vocabulary.statuses
    .filter((status) => !status.branch)
    .findIndex((status) => status.name === name);
}

/**
 * Where one status stands against another in the process order: `behind` when `a` comes before
 * `b`, `ahead` after it, null when the order does not say (the same step, or a configured move
 * outside the order). An end state is ahead of any status that is not one.
 */
export function relativeOrder(
  a: StatusDefinition,
  b: StatusDefinition,
  vocabulary: Vocabulary,
): 'behind' | 'ahead' | null {
  if (a.branch || b.branch || a.end) return a.end && !b.end ? 'ahead' : null;
  const x = statusOrder(a.name, vocabulary);
  const y = statusOrder(b.name, vocabulary);
  if (x < 0 || y < 0 || x === y) return null;
  return x < y ? 'behind' : 'ahead';
}

export type Transition =
  | { kind: 'same' | 'forward' | 'to-branch' }
  | { kind: 'backward' | 'from-end' }
  | { kind: 'skip'; skipped: string[] };

/** How a move from one status to another relates to the process order. */
export function classifyTransition(
  from: StatusDefinition,
  to: StatusDefinition,
  vocabulary: Vocabulary,
): Transition {
  if (from === to) return { kind: 'same' };
  if (vocabulary.transitions?.[from.name]?.includes(to.name)) return { kind: 'forward' };
  if (from.end) return { kind: 'from-end' };
  if (to.branch) return { kind: 'to-branch' };
  const steps = vocabulary.statuses.filter((status) => !status.branch && !status.indexOnly);
  const a = steps.indexOf(from);
  const b = steps.indexOf(to);
  if (b < a) return { kind: 'backward' };
  if (b > a + 1 && a >= 0)
    return { kind: 'skip', skipped: steps.slice(a + 1, b).map((status) => status.name) };
  return { kind: 'forward' };
}

/** The first status a proposal file can have. */
export function firstFileStatus(vocabulary: Vocabulary): StatusDefinition | undefined {
  return vocabulary.statuses.find((status) => !status.indexOnly);
}

export function canonicalNames(vocabulary: Vocabulary, files = true): string[] {
  return vocabulary.statuses
    .filter((status) => !files || !status.indexOnly)
    .map((status) => status.name);
}
