/** A unified diff of two texts by line, with three lines of context: what `index --check` prints. */
export function unifiedDiff(path: string, before: string, after: string): string {
  if (before === after) return '';
  const a = before.split('\n');
  const b = after.split('\n');
  // Only the middle that differs is compared: an index rewrite touches few lines of many.
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (
    tail < a.length - head &&
    tail < b.length - head &&
    a[a.length - 1 - tail] === b[b.length - 1 - tail]
  )
    tail++;
  const ops = middleOps(a.slice(head, a.length - tail), b.slice(head, b.length - tail));
  const all: Op[] = [
    ...a.slice(0, head).map((line): Op => [' ', line]),
    ...ops,
    ...a.slice(a.length - tail).map((line): Op => [' ', line]),
  ];
  const out = [`--- a/${path}`, `+++ b/${path}`];
  const CONTEXT = 3;
  let i = 0;
  while (i < all.length) {
    if ((all[i] as Op)[0] === ' ') {
      i++;
      continue;
    }
    // A hunk: from CONTEXT lines before this change to CONTEXT after the last change near it.
    const start = Math.max(0, i - CONTEXT);
    let end = i;
    for (let j = i; j < all.length; j++) {
      if ((all[j] as Op)[0] !== ' ') end = j;
      else if (j - end > 2 * CONTEXT) break;
    }
    const stop = Math.min(all.length, end + CONTEXT + 1);
    const lineA = all.slice(0, start).filter((op) => op[0] !== '+').length + 1;
    const lineB = all.slice(0, start).filter((op) => op[0] !== '-').length + 1;
    const hunk = all.slice(start, stop);
    const countA = hunk.filter((op) => op[0] !== '+').length;
    const countB = hunk.filter((op) => op[0] !== '-').length;
    out.push(`@@ -${lineA},${countA} +${lineB},${countB} @@`);
    for (const [kind, line] of hunk) out.push(`${kind}${line.replace(/\r$/, '')}`);
    i = stop;
  }
  return `${out.join('\n')}\n`;
}

type Op = [' ' | '-' | '+', string];

/** The longest common subsequence when it is cheap; past that, all removed then all added. */
function middleOps(a: string[], b: string[]): Op[] {
  if (a.length * b.length > 4_000_000) {
    return [...a.map((line): Op => ['-', line]), ...b.map((line): Op => ['+', line])];
  }
  const n = a.length;
  const m = b.length;
  const table = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    const row = table[i] as Uint32Array;
    const below = table[i + 1] as Uint32Array;
    for (let j = m - 1; j >= 0; j--) {
      row[j] =
        a[i] === b[j]
          ? (below[j + 1] as number) + 1
          : Math.max(below[j] as number, row[j + 1] as number);
    }
  }
  const ops: Op[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      ops.push([' ', a[i++] as string]);
      j++;
    } else if (
      ((table[i + 1] as Uint32Array)[j] as number) >= ((table[i] as Uint32Array)[j + 1] as number)
    ) {
      ops.push(['-', a[i++] as string]);
    } else {
      ops.push(['+', b[j++] as string]);
    }
  }
  while (i < n) ops.push(['-', a[i++] as string]);
  while (j < m) ops.push(['+', b[j++] as string]);
  return ops;
}
