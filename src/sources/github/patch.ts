/**
 * The lines a pull request added or changed, read from a file's unified-diff patch as the REST API
 * gives it: for each line number at the head, its text. Pure: no I/O.
 */
export function addedLines(patch: string | undefined | null): Map<number, string> {
  const added = new Map<number, string>();
  if (!patch) return added;
  let right = 0;
  let inHunk = false;
  for (const line of patch.split('\n')) {
    const hunk = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,\d+)? @@/.exec(line);
    if (hunk) {
      right = Number(hunk[1]);
      inHunk = true;
      continue;
    }
    if (!inHunk) continue;
    const sign = line[0];
    if (sign === '+') added.set(right++, line.slice(1).replace(/\r$/, ''));
    else if (sign === ' ' || line === '') right++;
    // '-' lines are the base's; '\' is "No newline at end of file".
  }
  return added;
}
