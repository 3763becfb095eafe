import { toString } from 'mdast-util-to-string';
import type { Link, Root, Table, TableCell } from 'mdast';
import { LINE_BREAK, nameKey, safeNumber } from '../core/strings.js';
import type { IndexDocument, IndexRow, Range, SourceFile, Suppression } from '../model/types.js';
import {
  countDelimiters,
  isTableStart,
  MAX_ROW_DELIMITERS,
  memoized,
  parseIndexMarkdownBounded,
  stripBom,
  toRange,
  walk,
} from './markdown.js';
import { parseSuppressions } from './suppressions.js';

const PIPE = 0x7c;
const NEXT_NUMBER = /Next KLIP number\W*?(\d+)/i;
const ROW_NUMBER = /KLIP[\s_-]*(\d+)/i;

/** Reads the index: its table of reserved numbers and its "Next KLIP number". */
export const parseIndex = memoized(
  (source: SourceFile): IndexDocument => parseIndexQuickly(source) ?? parseIndexFully(source),
);

interface IndexTable {
  table: Table;
  klipColumn: number;
  statusColumn: number;
}

/** The first table with a KLIP and a Status column. */
function findTable(tree: Root): IndexTable | null {
  let found: IndexTable | null = null;
  walk(tree, (node) => {
    if (found || node.type !== 'table') return;
    const header = (node.children[0]?.children ?? []).map((cell) => nameKey(toString(cell)));
    const klipColumn = header.findIndex((cell) => cell === 'klip' || cell.startsWith('klip'));
    const statusColumn = header.indexOf('status');
    if (klipColumn >= 0 && statusColumn >= 0) found = { table: node, klipColumn, statusColumn };
  });
  return found;
}

/** The whole file through the Markdown parser: always right, about a microsecond per byte. */
export function parseIndexFully(source: SourceFile): IndexDocument {
  const text = stripBom(source.text);
  const lines = text.split(LINE_BREAK);
  const { tree, flattened } = parseIndexMarkdownBounded(text);
  const found = findTable(tree);
  const rows: IndexRow[] = [];
  for (const row of found?.table.children.slice(1) ?? []) {
    const klipCell = row.children[found?.klipColumn ?? -1];
    const statusCell = row.children[found?.statusColumn ?? -1];
    if (!klipCell) continue;
    const cellText = toString(klipCell).trim();
    const link = findLink(klipCell);
    const statusRange = statusCell
      ? cellTextRange(toRange(statusCell.position), lines)
      : toRange(row.position);
    rows.push({
      number: rowNumber(cellText),
      text: cellText,
      href: link?.url ?? null,
      hrefRange: link ? toRange(link.position) : null,
      unparsedLink: link ? null : unparsedLink(toRange(klipCell.position), lines),
      status: statusCell ? toString(statusCell).trim() : '',
      // An empty cell's range is its padding: nothing is written in it.
      statusSource: statusCell && toString(statusCell).trim() ? sourceOf(statusRange, lines) : '',
      statusRange,
      range: toRange(row.position),
    });
  }
  const index = assemble(source.path, lines, found, rows, parseSuppressions(tree));
  return flattened ? { ...index, partial: { structures: flattened } } : index;
}

/**
 * An index of thousands of rows costs the Markdown parser most of a second, on every pull request.
 * When the table's body is plain (each row one line of cells that are text or inline links, no
 * escapes, code or HTML), the rows are read line by line and the parser sees the file without
 * them, only to confirm where the table is. Anything else returns null: the full parse decides.
 * A property test holds this to the full parse's result.
 */
export function parseIndexQuickly(source: SourceFile): IndexDocument | null {
  const text = stripBom(source.text);
  const lines = text.split(LINE_BREAK);
  const run = longestPipeRun(lines);
  // The header, the delimiter row and at least two body rows, or there is nothing to save.
  if (!run || run.end - run.start < 4) return null;
  const firstBody = run.start + 2;
  const lastBody = run.end - 1;
  const plain = (line: string) =>
    PLAIN_ROW.test(line) &&
    (line.length <= MAX_ROW_DELIMITERS || countDelimiters(line) <= MAX_ROW_DELIMITERS);
  if (!isTableStart(lines, run.start) || !lines.slice(firstBody, run.end).every(plain)) return null;

  // The file without the body rows but the last one: the table, if it is one, ends where it did.
  const skeleton =
    text.slice(0, lineOffset(text, lines, firstBody)) +
    text.slice(lineOffset(text, lines, lastBody));
  const { tree, flattened } = parseIndexMarkdownBounded(skeleton);
  // Left to the full parse, which says the index was read in part as text.
  if (flattened) return null;
  const found = findTable(tree);
  const table = found?.table;
  if (
    !found ||
    !table?.position ||
    !tree.children.includes(table) ||
    table.position.start.line !== run.start + 1 ||
    table.position.start.column !== 1 ||
    table.position.end.line !== firstBody + 1 ||
    table.children.length !== 2
  ) {
    return null;
  }

  const rows: IndexRow[] = [];
  for (let i = firstBody; i < run.end; i++) {
    const row = readRow(lines[i] as string, i + 1, found);
    if (row === undefined) return null;
    if (row) rows.push(row);
  }
  // Comments after the table moved up with the rows taken out.
  const removed = lastBody - firstBody;
  const suppressions = parseSuppressions(tree).map((suppression) =>
    suppression.range.line > firstBody + 1
      ? {
          ...suppression,
          range: {
            ...suppression.range,
            line: suppression.range.line + removed,
            endLine: suppression.range.endLine + removed,
          },
        }
      : suppression,
  );
  return assemble(source.path, lines, found, rows, suppressions);
}

/** A body row the quick path reads: starts and ends with a pipe, no escapes, code or HTML. */
const PLAIN_ROW = /^\|[^\\`<]*\|[ \t]*$/;
/**
 * Cell text with nothing the Markdown parser would turn into something else. Emphasis is not
 * parsed (see markdown.ts): "_Merged_", as real indexes write statuses, is text like any other.
 */
// eslint-disable-next-line no-control-regex -- the parser replaces or drops control characters
const PLAIN_TEXT = /^[^\\`<>&![\]|\u0000-\u0008\u000a-\u001f\u007f]*$/;
/** An inline link with plain text and a destination without spaces, brackets or entities. */
const INLINE_LINK =
  // eslint-disable-next-line no-control-regex -- as above
  /\[([^\\`<>&![\]|\u0000-\u0008\u000a-\u001f\u007f]*)\]\(([^\s\\`<>&()[\]|\u0000-\u001f\u007f]*)\)/g;

function longestPipeRun(lines: readonly string[]): { start: number; end: number } | null {
  let best: { start: number; end: number } | null = null;
  let start = -1;
  for (let i = 0; i <= lines.length; i++) {
    if (i < lines.length && (lines[i] as string).startsWith('|')) {
      if (start < 0) start = i;
      continue;
    }
    if (start >= 0 && (!best || i - start > best.end - best.start)) best = { start, end: i };
    start = -1;
  }
  return best;
}

/** Where line `n` (from 0) starts in the text the lines were split from. */
function lineOffset(text: string, lines: readonly string[], n: number): number {
  let offset = 0;
  for (let i = 0; i < n && i < lines.length - 1; i++) {
    offset += (lines[i] as string).length;
    offset += text.charCodeAt(offset) === 13 && text.charCodeAt(offset + 1) === 10 ? 2 : 1;
  }
  return n < lines.length ? offset : text.length;
}

/**
 * One plain body row, placed as the parser places it: each cell from its opening pipe to the next
 * pipe, the last one to the end of the line. Null for a row without a KLIP cell; undefined when
 * a cell the index reads is not plain. An index has thousands of rows: this allocates little.
 */
function readRow(line: string, lineNumber: number, found: IndexTable): IndexRow | null | undefined {
  const { klipColumn, statusColumn } = found;
  // Where the two cells read start and end: at pipes, counted without keeping them all.
  let pipes = 0;
  let klipFrom = -1;
  let klipTo = -1;
  let statusFrom = -1;
  let statusTo = -1;
  for (let i = line.indexOf('|'); i >= 0; i = line.indexOf('|', i + 1)) {
    if (pipes === klipColumn) klipFrom = i;
    if (pipes === klipColumn + 1) klipTo = i;
    if (pipes === statusColumn) statusFrom = i;
    if (pipes === statusColumn + 1) statusTo = i;
    pipes++;
  }
  const cellCount = pipes - 1;
  const range: Range = {
    line: lineNumber,
    column: 1,
    endLine: lineNumber,
    endColumn: line.length + 1,
  };
  if (klipColumn >= cellCount) return null;
  const klip = readCell(line, klipFrom, klipTo, lineNumber);
  if (!klip) return undefined;
  let status = '';
  let statusRange = range;
  if (statusColumn < cellCount) {
    const cell = readCell(line, statusFrom, statusTo, lineNumber);
    if (!cell) return undefined;
    status = cell.text;
    // The cell runs from its pipe to the next one; the last cell to the end of the line.
    const end = statusColumn === cellCount - 1 ? line.length : statusTo;
    statusRange = textRange(line, lineNumber, statusFrom, end) ?? {
      line: lineNumber,
      column: statusFrom + 1,
      endLine: lineNumber,
      endColumn: end + 1,
    };
  }
  return {
    number: rowNumber(klip.text),
    text: klip.text,
    href: klip.link?.url ?? null,
    hrefRange: klip.link?.range ?? null,
    // A cell with brackets that are not a plain link goes to the full parse.
    unparsedLink: null,
    status,
    statusSource: status ? sourceOf(statusRange, [line], 1 - lineNumber) : '',
    statusRange,
    range,
  };
}

/** A cell's text as the parser would give it, and its first link; null when it is not plain. */
function readCell(
  line: string,
  pipe: number,
  nextPipe: number,
  lineNumber: number,
): { text: string; link: { url: string; range: Range } | null } | null {
  const from = pipe + 1;
  const content = line.slice(from, nextPipe);
  if (!content.includes('['))
    return PLAIN_TEXT.test(content) ? { text: content.trim(), link: null } : null;
  let text = '';
  let link: { url: string; range: Range } | null = null;
  let last = 0;
  INLINE_LINK.lastIndex = 0;
  for (let match = INLINE_LINK.exec(content); match; match = INLINE_LINK.exec(content)) {
    const before = content.slice(last, match.index);
    if (!PLAIN_TEXT.test(before)) return null;
    text += before + (match[1] as string);
    link ??= {
      url: match[2] as string,
      range: {
        line: lineNumber,
        column: from + match.index + 1,
        endLine: lineNumber,
        endColumn: from + match.index + match[0].length + 1,
      },
    };
    last = match.index + match[0].length;
  }
  const rest = content.slice(last);
  if (!PLAIN_TEXT.test(rest)) return null;
  return { text: (text + rest).trim(), link };
}

function rowNumber(cellText: string): number | null {
  const number = ROW_NUMBER.exec(cellText)?.[1];
  return number ? safeNumber(number) : null;
}

function assemble(
  file: string,
  lines: readonly string[],
  found: IndexTable | null,
  rows: IndexRow[],
  suppressions: Suppression[],
): IndexDocument {
  let nextNumber: number | null = null;
  let nextNumberRange: Range | null = null;
  lines.some((line, index) => {
    const match = NEXT_NUMBER.exec(line);
    if (!match?.[1]) return false;
    nextNumber = Number(match[1]);
    const column = match.index + match[0].length - match[1].length + 1;
    nextNumberRange = {
      line: index + 1,
      column,
      endLine: index + 1,
      endColumn: column + match[1].length,
    };
    return true;
  });
  return {
    file,
    rows,
    nextNumber,
    nextNumberRange,
    hasTable: Boolean(found),
    columns: found?.table.children[0]?.children.length ?? 0,
    klipColumn: found?.klipColumn ?? -1,
    statusColumn: found?.statusColumn ?? -1,
    suppressions,
  };
}

/** The text a range covers, when it is on one line. */
function sourceOf(range: Range, lines: readonly string[], shift = 0): string {
  if (range.line !== range.endLine) return '';
  return (lines[range.line - 1 + shift] ?? '').slice(range.column - 1, range.endColumn - 1);
}

/** `[text](target)` or `[text] (target)` left as text: the target has spaces or the parts are apart. */
const LINK_LIKE = /\[[^\]\n]*\][ \t]*\(([^()\n]*)\)/;

const MAX_LINK_CELL = 4096;

function unparsedLink(cell: Range, lines: readonly string[]): IndexRow['unparsedLink'] {
  const source = sourceOf(cell, lines);
  // A link's text and target fit in far less; a longer cell would cost the pattern quadratic time.
  if (source.length > MAX_LINK_CELL || (!source.includes('](') && !/\][ \t]+\(/.test(source)))
    return null;
  const match = LINK_LIKE.exec(source);
  // Only a target that names a file or a URL: `[draft] (see PR)` is prose.
  if (!match?.[1] || !/\.md(#|$)|\/|^https?:/i.test(match[1].trim())) return null;
  const at = cell.column + match.index;
  const targetAt = at + match[0].length - 1 - match[1].length;
  return {
    target: match[1],
    range: { line: cell.line, column: at, endLine: cell.line, endColumn: at + match[0].length },
    targetRange: {
      line: cell.line,
      column: targetAt,
      endLine: cell.line,
      endColumn: targetAt + match[1].length,
    },
  };
}

function findLink(cell: TableCell): Link | undefined {
  let link: Link | undefined;
  walk(cell, (node) => {
    if (!link && node.type === 'link') link = node;
  });
  return link;
}

/** The cell's text without its padding, so an annotation underlines just the value. */
function cellTextRange(range: Range, lines: readonly string[]): Range {
  const line = lines[range.line - 1] ?? '';
  return textRange(line, range.line, range.column - 1, range.endColumn - 1) ?? range;
}

/** The same for the cell from `start` to `end` of a line; null when it holds only padding. */
function textRange(line: string, lineNumber: number, start: number, end: number): Range | null {
  const raw = line.slice(start, end);
  const from = raw.charCodeAt(0) === PIPE ? 1 : 0;
  const inner = raw.slice(
    from,
    raw.length > from && raw.charCodeAt(raw.length - 1) === PIPE ? -1 : undefined,
  );
  const length = inner.trim().length;
  if (length === 0) return null;
  const lead = raw.indexOf(inner) + (inner.length - inner.trimStart().length);
  return {
    line: lineNumber,
    column: start + 1 + lead,
    endLine: lineNumber,
    endColumn: start + 1 + lead + length,
  };
}
