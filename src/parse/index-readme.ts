import { toString } from 'mdast-util-to-string';
import type { Link, Table, TableCell } from 'mdast';
import { LINE_BREAK, nameKey } from '../text.js';
import type { IndexDocument, IndexRow, Range, SourceFile } from '../types.js';
import { memoized, parseIndexMarkdown, stripBom, toRange, walk } from './markdown.js';
import { parseSuppressions } from './suppressions.js';

const NEXT_NUMBER = /Next KLIP number\W*?(\d+)/i;
const ROW_NUMBER = /KLIP[\s_-]*(\d+)/i;

/** Reads the index: its table of reserved numbers and its "Next KLIP number". */
export const parseIndex = memoized(parseIndexText);

function parseIndexText(source: SourceFile): IndexDocument {
  const text = stripBom(source.text);
  const lines = text.split(LINE_BREAK);
  const tree = parseIndexMarkdown(text);

  let table: Table | undefined;
  let klipColumn = -1;
  let statusColumn = -1;
  walk(tree, (node) => {
    if (table || node.type !== 'table') return;
    const header = (node.children[0]?.children ?? []).map((cell) => nameKey(toString(cell)));
    const klip = header.findIndex((cell) => cell === 'klip' || cell.startsWith('klip'));
    const status = header.indexOf('status');
    if (klip >= 0 && status >= 0) {
      table = node;
      klipColumn = klip;
      statusColumn = status;
    }
  });

  const rows: IndexRow[] = [];
  for (const row of table?.children.slice(1) ?? []) {
    const klipCell = row.children[klipColumn];
    const statusCell = row.children[statusColumn];
    if (!klipCell) continue;
    const cellText = toString(klipCell).trim();
    const number = ROW_NUMBER.exec(cellText)?.[1];
    const link = findLink(klipCell);
    rows.push({
      number: number ? Number(number) : null,
      text: cellText,
      href: link?.url ?? null,
      hrefRange: link ? toRange(link.position) : null,
      status: statusCell ? toString(statusCell).trim() : '',
      statusRange: statusCell ? cellTextRange(statusCell, lines) : toRange(row.position),
      range: toRange(row.position),
    });
  }

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
    file: source.path,
    rows,
    nextNumber,
    nextNumberRange,
    hasTable: Boolean(table),
    columns: table?.children[0]?.children.length ?? 0,
    klipColumn,
    statusColumn,
    suppressions: parseSuppressions(tree),
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
function cellTextRange(cell: TableCell, lines: readonly string[]): Range {
  const range = toRange(cell.position);
  const line = lines[range.line - 1] ?? '';
  const raw = line.slice(range.column - 1, range.endColumn - 1);
  const inner = raw.replace(/^\|/, '').replace(/\|$/, '');
  const lead = raw.indexOf(inner) + (inner.length - inner.trimStart().length);
  const length = inner.trim().length;
  if (length === 0) return range;
  return {
    line: range.line,
    column: range.column + lead,
    endLine: range.line,
    endColumn: range.column + lead + length,
  };
}
