import type { Nodes, Root, RootContent } from 'mdast';
import type { Point, Position } from 'unist';

/**
 * remark's tree of a whole file, built piece by piece: most of a real proposal is plain
 * (parsePlainMarkdown reads it line by line), and one nested list, escape or HTML tag sends only
 * the blocks around it to remark, not the file. Measured on the ksqlDB proposals: remark reads a
 * seventh of their text this way (the two files with link definitions are most of it), though
 * three files in five are not plain as a whole.
 *
 * A piece starts at a line that starts a block of the root: an ATX heading (which closes every
 * list and block quote and ends a paragraph), or a line at the margin after a blank one that is
 * no list item (a blank line ends a paragraph and a block quote, and only an indented line or
 * another item goes on with a list). What such a line starts does not depend on what came
 * before it, unless it is inside a fenced code or HTML block (neither a heading nor a line
 * after a blank one is a lazy line). A piece the line-by-line reading takes has neither open at
 * its end: it turns away unclosed fences and comments and every other HTML block. Any other
 * piece is checked, not assumed: remark reads it with the next piece's first line after it,
 * and the cut stands only when that line came out as the start of a block of the root. Link
 * reference definitions are the one thing that reaches across the file: a file with one
 * (anything like "]:") is read whole.
 *
 * Reference: `parseMarkdownFully` in ../markdown.ts; equivalence: __tests__/fast-path.test.ts.
 */
export function parseInPieces(
  text: string,
  plain: (text: string) => Root | null,
  remark: (text: string) => Root,
): Root {
  const parse = (piece: string) => plain(piece) ?? remark(piece);
  // A line ending that is a lone "\r" would number lines apart from the "\n" split here; remark
  // does not count a byte order mark in positions.
  if (text.includes(']:') || /\r(?!\n)|\uFEFF/.test(text)) return parse(text);
  const starts = [0];
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) starts.push(at + 1);
  const candidates = pieceStarts(text, starts);
  if (candidates.length === 0) return parse(text);

  const children: RootContent[] = [];
  // Text remark parsed for a cut that did not stand: past the file's length, the rest is read whole.
  let wasted = 0;
  let first = 0;
  for (let next = 0; first < starts.length;) {
    const probe = candidates[next];
    if (probe === undefined || wasted > text.length) {
      // The rest of the file in one piece: always what the file's own parse gives it.
      append(children, parse(text.slice(starts[first])).children, first, starts[first] as number);
      break;
    }
    next++;
    // Read line by line, a piece leaves nothing open (no fence, comment or lazy line) that a
    // heading, or a line at the margin after a blank one that is no list item, could go on with.
    const read = plain(text.slice(starts[first], starts[probe]));
    if (read) {
      append(children, read.children, first, starts[first] as number);
      first = probe;
      continue;
    }
    // Else remark reads the piece with the next one's first line, without its line ending.
    let end = probe + 1 < starts.length ? (starts[probe + 1] as number) - 1 : text.length;
    if (text.charCodeAt(end - 1) === 13) end--;
    const tree = remark(text.slice(starts[first], end));
    const start = tree.children[tree.children.length - 1]?.position?.start;
    if (start?.line !== probe - first + 1 || start.column !== 1) {
      // The line belonged to what came before it (a fenced code block, a loose list, say).
      wasted += end - (starts[first] as number);
      continue;
    }
    append(children, tree.children.slice(0, -1), first, starts[first] as number);
    first = probe;
  }
  const lastLine = starts.length - 1;
  return {
    type: 'root',
    children,
    position: {
      start: { line: 1, column: 1, offset: 0 },
      end: {
        line: lastLine + 1,
        column: text.length - (starts[lastLine] as number) + 1,
        offset: text.length,
      },
    },
  };
}

/** Pieces at most: every piece costs a parser's start, and a file of many blocks must stay cheap. */
const MAX_PIECES = 256;
const HEADING = /^#{1,6}(?: |$)/;
const FENCE = /^ {0,3}(`{3,}|~{3,})(.*)$/;
const BLANK = /^[ \t]*\r?$/;
/** Text at the margin that is no list item (a loose list's next one) and no lazy line. */
const MARGIN = /^(?![-*+](?:[ \t]|\r?$)|\d{1,9}[.)](?:[ \t]|\r?$))[^ \t\r]/;

/**
 * Lines (from 0) that look like the start of a block of the root: an ATX heading, or a line at
 * the margin after a blank one that no list item or block quote continues; not inside what looks
 * like a fenced code block or an HTML comment. A guess the parse confirms; a wrong one costs time
 * only. Pieces shorter than the file's share of MAX_PIECES are joined to the next.
 */
function pieceStarts(text: string, starts: readonly number[]): number[] {
  const found: number[] = [];
  const least = text.length / MAX_PIECES;
  let fence: string | null = null;
  let comment = false;
  let blank = false;
  let from = 0;
  for (let i = 0; i < starts.length; i++) {
    const start = starts[i] as number;
    const line = text.slice(start, lineEnd(text, starts, i));
    const after = blank;
    blank = BLANK.test(line);
    if (comment) {
      if (line.includes('-->')) comment = false;
      continue;
    }
    const marker = FENCE.exec(line);
    if (marker) {
      const run = marker[1] as string;
      if (!fence) {
        if (run[0] === '~' || !(marker[2] as string).includes('`')) fence = run;
      } else if (run[0] === fence[0] && run.length >= fence.length && !(marker[2] as string).trim())
        fence = null;
      continue;
    }
    if (fence) continue;
    const html = /^ {0,3}<!--/.exec(line);
    if (html) {
      comment = !line.includes('-->', html[0].length);
      continue;
    }
    if (i === 0 || start - from < least) continue;
    if (HEADING.test(line) || (after && !blank && MARGIN.test(line))) {
      found.push(i);
      from = start;
    }
  }
  return found;
}

function lineEnd(text: string, starts: readonly number[], i: number): number {
  return i + 1 < starts.length ? (starts[i + 1] as number) - 1 : text.length;
}

/** Nodes of a piece that starts at line `line` (from 0) and `offset` of the file, placed there. */
function append(to: RootContent[], nodes: RootContent[], line: number, offset: number): void {
  if (line === 0) {
    to.push(...nodes);
    return;
  }
  const move = (point: Point): Point => ({
    line: point.line + line,
    column: point.column,
    offset: (point.offset ?? 0) + offset,
  });
  const stack: Nodes[] = [...nodes];
  while (stack.length > 0) {
    const node = stack.pop() as Nodes;
    const position = node.position as Position | undefined;
    if (position) node.position = { start: move(position.start), end: move(position.end) };
    if ('children' in node) stack.push(...(node.children as Nodes[]));
  }
  to.push(...nodes);
}
