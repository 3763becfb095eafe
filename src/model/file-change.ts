/** One path a change touched, as git's diff names it. */
export interface FileChange {
  status: 'added' | 'modified' | 'deleted' | 'renamed';
  path: string;
  /** The path at the base, for renames. */
  previousPath?: string;
}

/** Every path a change touched: renamed files at both their names. */
export function touchedPaths(changes: readonly FileChange[]): string[] {
  return changes.flatMap((change) =>
    change.previousPath ? [change.path, change.previousPath] : [change.path],
  );
}
