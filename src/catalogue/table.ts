import { toString } from 'mdast-util-to-string';
import type { Root, Table } from 'mdast';
import { nameKey } from '../core/strings.js';
import { parseIndexMarkdown, stripBom, walk } from '../parse/markdown.js';

// The index file as lines and cells, so that a rewrite can change some cells and keep every other
// byte: line endings, a BOM, padding, the text around the table.

export interface Line {
  /** The line without its ending. */
  text: string;
  /** `\n`, `\r\n` or '' for a last line without one. */
  eol: string;
}

export interface RawRow {
  /** Index into `lines`. */
  line: number;
  /** What precedes the row: a container's prefix and indentation. */
  lead: string;
  leadingPipe: boolean;
  /** Cell contents between pipes, padding included. */
  cells: string[];
  trailingPipe: boolean;
  /** What follows the last pipe: trailing white space. */
  tail: string;
}

export type Align = 'left' | 'center' | 'right' | 'none';

export interface RawTable {
  header: RawRow;
  delimiter: RawRow;
  rows: RawRow[];
  /** Lines of the table, from the header to the last row (exclusive end), into `lines`. */
  start: number;
  end: number;
  align: Align[];
  columns: number;
  klipColumn: number;
  statusColumn: number;
  /** Columns whose header names a release, and the discussion column (-1 when none). */
  releaseColumns: number[];
  discussionColumn: number;
  /** The header's cell names as written, trimmed. */
  names: string[];
  /** Whether most rows are padded to the header's width (and the delimiter row is as long). */
  aligned: boolean;
}

export interface IndexFile {
  bom: boolean;
  lines: Line[];
  /** The line ending new lines take: the file's first. */
  eol: string;
  table: RawTable | null;
}

export function splitLines(text: string): Line[] {
  const parts = text.split(/(?<=\n)/);
  return parts.map((part) =>
    part.endsWith('\r\n')
      ? { text: part.slice(0, -2), eol: '\r\n' }
      : part.endsWith('\n')
        ? { text: part.slice(0, -1), eol: '\n' }
        : { text: part, eol: '' },
  );
}

export function joinLines(bom: boolean, lines: readonly Line[]): string {
  return (bom ? '\uFEFF' : '') + lines.map((line) => line.text + line.eol).join('');
}

/** The first table with a KLIP and a Status column, as the index rules find it. */
function findTable(tree: Root): { table: Table; klip: number; status: number } | null {
  let found: { table: Table; klip: number; status: number } | null = null;
  walk(tree, (node) => {
    if (found || node.type !== 'table') return;
    const header = (node.children[0]?.children ?? []).map((cell) => nameKey(toString(cell)));
    const klip = header.findIndex((cell) => cell === 'klip' || cell.startsWith('klip'));
    const status = header.indexOf('status');
    if (klip >= 0 && status >= 0) found = { table: node, klip, status };
  });
  return found;
}

const DELIMITER_ROW = /^\|?[ \t]*:?-+:?[ \t]*(\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$/;

/**
 * The text the parser sees to find the table: each run of body rows (lines starting with a pipe
 * that are not a delimiter row or the line before one) cut to one short row, with where each of
 * its lines came from. An index of thousands of rows parses in a moment instead of seconds.
 */
function skeleton(lines: readonly Line[]): { text: string; from: number[]; span: number[] } {
  const out: string[] = [];
  const from: number[] = [];
  const span: number[] = [];
  const isBody = (i: number) => {
    const text = lines[i]?.text ?? '';
    if (!text.startsWith('|') || DELIMITER_ROW.test(text)) return false;
    const next = lines[i + 1]?.text ?? '';
    return !(DELIMITER_ROW.test(next) && next.includes('-'));
  };
  for (let i = 0; i < lines.length; i++) {
    if (isBody(i) && isBody(i - 1) && out.at(-1) === '| x |') {
      span[span.length - 1] = (span.at(-1) as number) + 1;
      continue;
    }
    out.push(isBody(i) ? '| x |' : (lines[i] as Line).text);
    from.push(i);
    span.push(1);
  }
  return { text: out.join('\n'), from, span };
}

export function readIndexFile(text: string): IndexFile {
  const bom = text.charCodeAt(0) === 0xfeff;
  const body = stripBom(text);
  const lines = splitLines(body);
  const eol = lines.find((line) => line.eol)?.eol ?? '\n';
  const cut = skeleton(lines);
  const found = findTable(parseIndexMarkdown(cut.text));
  const position = found?.table.position;
  if (!found || !position) return { bom, lines, eol, table: null };
  const start = cut.from[position.start.line - 1] as number;
  const end =
    (cut.from[position.end.line - 1] as number) + (cut.span[position.end.line - 1] as number);
  // The container's prefix (a block quote's `> `), as the header line has it.
  const headerText = lines[start]?.text ?? '';
  const prefix = headerText.slice(0, position.start.column - 1);
  const rowAt = (index: number) => splitRow(lines[index]?.text ?? '', index, prefix);
  const header = rowAt(start);
  const delimiter = rowAt(start + 1);
  const rows: RawRow[] = [];
  for (let i = start + 2; i < end; i++) rows.push(rowAt(i));
  const width = headerText.trimEnd().length;
  const paddedRows = rows.filter((row) => isPadded(lines, row, width)).length;
  const align = (found.table.align ?? []).map((value) => value ?? 'none') as Align[];
  const names = header.cells.map((cell) => cell.trim());
  const keys = names.map(nameKey);
  return {
    bom,
    lines,
    eol,
    table: {
      header,
      delimiter,
      rows,
      start,
      end,
      align,
      columns: header.cells.length,
      klipColumn: found.klip,
      statusColumn: found.status,
      releaseColumns: keys.flatMap((key, i) => (/\brelease/.test(key) ? [i] : [])),
      discussionColumn: keys.findIndex((key) => key.startsWith('discussion')),
      names,
      aligned:
        width === (lines[start + 1]?.text ?? '').trimEnd().length &&
        (rows.length === 0 || paddedRows * 2 > rows.length),
    },
  };
}

/** Whether a row is padded to the header's width, as in a table a formatter aligned. */
export function isPadded(lines: readonly Line[], row: RawRow, width: number): boolean {
  return (lines[row.line]?.text ?? '').trimEnd().length === width;
}

/** A row's cells, split at pipes that are not escaped, as GFM splits them. */
export function splitRow(text: string, line: number, prefix: string): RawRow {
  const hasPrefix = prefix !== '' && text.startsWith(prefix);
  const rest = hasPrefix ? text.slice(prefix.length) : text;
  const indent = /^[ \t]*/.exec(rest)?.[0] ?? '';
  let body = rest.slice(indent.length);
  const lead = (hasPrefix ? prefix : '') + indent;
  const leadingPipe = body.startsWith('|');
  if (leadingPipe) body = body.slice(1);
  const cells: string[] = [];
  let from = 0;
  for (let i = 0; i < body.length; i++) {
    const char = body[i];
    if (char === '\\') {
      i++;
      continue;
    }
    if (char === '|') {
      cells.push(body.slice(from, i));
      from = i + 1;
    }
  }
  const last = body.slice(from);
  const trailingPipe = cells.length > 0 && last.trim() === '' && (leadingPipe || cells.length > 1);
  if (trailingPipe) return { line, lead, leadingPipe, cells, trailingPipe, tail: last };
  cells.push(last.trimEnd());
  return { line, lead, leadingPipe, cells, trailingPipe, tail: last.slice(last.trimEnd().length) };
}

export function joinRow(row: RawRow): string {
  return (
    row.lead +
    (row.leadingPipe ? '|' : '') +
    row.cells.join('|') +
    (row.trailingPipe ? '|' : '') +
    row.tail
  );
}

/** A cell's content padded to a width as its column aligns, or with one space each side. */
export function padCell(content: string, width: number, align: Align): string {
  const room = width - 2 - content.length;
  if (room <= 0) return ` ${content} `;
  if (align === 'center') {
    const left = Math.floor(room / 2);
    return ` ${' '.repeat(left)}${content}${' '.repeat(room - left)} `;
  }
  if (align === 'right') return ` ${' '.repeat(room)}${content} `;
  return ` ${content}${' '.repeat(room)} `;
}

/** A cell's first inline link, found in its source even when its destination is not valid Markdown. */
export const CELL_LINK =
  /\[((?:\\.|[^\]\\])*)\]\(\s*(<[^>]*>|(?:\\.|[^()\\]|\([^()]*\))*?)\s*(?:"[^"]*"|'[^']*')?\s*\)/;
