// How paths are ordered everywhere: listings, reports, the index writer.
const collator = new Intl.Collator('en', { numeric: true });

/**
 * Path order with numbers compared as numbers, so that klip-2 comes before klip-10. Paths the
 * collator finds equal are ordered by code unit, so that no order depends on how a list came.
 */
export function comparePaths(a: string, b: string): number {
  return collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

const KLIP_PATH = /^(.*\/)?klip-([1-9]\d{0,8})-/;
let lastSort: { paths: string[]; order: number[] } | null = null;

/**
 * Sorts by comparePaths. Two `klip-<n>-` files of one folder with different numbers are in the
 * order of their numbers, as the collator puts them; that settles most pairs of a large folder
 * without the collator, which is slow.
 */
export function sortByPath<T>(items: readonly T[], pathOf: (item: T) => string): T[] {
  const paths = items.map(pathOf);
  // Both ends of a change mostly list the same names, in the same order: sorted once.
  const last = lastSort;
  if (last?.paths.length === paths.length && last.paths.every((path, i) => path === paths[i])) {
    return last.order.map((i) => items[i] as T);
  }
  const keyed = paths.map((path, index) => {
    const match = KLIP_PATH.exec(path);
    return { index, path, folder: match ? (match[1] ?? '') : null, number: Number(match?.[2]) };
  });
  keyed.sort((a, b) =>
    a.folder !== null && a.folder === b.folder && a.number !== b.number
      ? a.number - b.number
      : comparePaths(a.path, b.path),
  );
  const order = keyed.map((entry) => entry.index);
  lastSort = { paths, order };
  return order.map((i) => items[i] as T);
}
