// What an event asks to be judged: the whole folder, or a base and a head to compare.

/** One side of a comparison: a commit id, or a ref to fetch (with a fallback when it is gone). */
export interface EventSide {
  sha?: string;
  ref?: string;
  /** Said in the summary, e.g. "the default branch main". */
  label?: string;
  /**
   * A base side that is a branch's tip: the comparison starts at the merge base of it and the
   * head, so that what the branch gained since the head was cut does not count as the change's.
   */
  mergeBase?: boolean;
  /**
   * A head side that is a pull request's merge commit: used only when it merges this head (its
   * second parent), and then its first parent is the exact base.
   */
  mergeOf?: string;
}

export type Plan =
  | { kind: 'full'; note?: string }
  | {
      kind: 'compare';
      base: EventSide;
      /** Tried in order: e.g. the PR's merge commit, then its head. */
      head: EventSide[];
      /** Used when the base cannot be had: e.g. the default branch after a force push. */
      fallbackBase?: EventSide;
      note?: string;
      pullRequest?: number;
    };
