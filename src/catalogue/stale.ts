import type { CatalogueEntry } from './catalogue.js';

/** When a file last changed, and who changed it: from git or from the REST API. */
export interface LastChange {
  /** ISO 8601. */
  date: string;
  author: string;
  commit: string;
}

export interface StaleEntry {
  /** The KLIP number, named as in the changed-klips output. */
  klip: number | null;
  number: number | null;
  title: string | null;
  file: string;
  status: string;
  authors: string[];
  /** ISO 8601 date of the file's last change. */
  lastChange: string;
  /** Who made that change (the proposal's own authors are `authors`). */
  author: string;
  commit: string;
  /** Whole days since. */
  days: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The proposals in flight whose file has not changed for `days` days, the quietest first.
 * A file whose last change is unknown is left out: nothing says it went quiet.
 */
export function findStale(
  entries: readonly CatalogueEntry[],
  changes: ReadonlyMap<string, LastChange>,
  days: number,
  now: Date,
): StaleEntry[] {
  const stale: StaleEntry[] = [];
  for (const entry of entries) {
    const change = changes.get(entry.file);
    const at = change ? Date.parse(change.date) : Number.NaN;
    if (!change || Number.isNaN(at) || entry.status === null) continue;
    const age = Math.floor((now.getTime() - at) / DAY_MS);
    if (age < days) continue;
    stale.push({
      klip: entry.number,
      number: entry.number,
      title: entry.title,
      file: entry.file,
      status: entry.status,
      authors: entry.authors,
      lastChange: new Date(at).toISOString(),
      author: change.author,
      commit: change.commit,
      days: age,
    });
  }
  return stale.sort((a, b) => b.days - a.days || (a.number ?? 0) - (b.number ?? 0));
}
