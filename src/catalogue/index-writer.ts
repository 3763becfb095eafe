import { posix } from 'node:path';
import { matchStatus, relativeOrder, type Vocabulary } from '../model/status.js';
import { nameKey, undecorate } from '../core/strings.js';
import { documentStatus, firstField, isPlaceholder } from '../rules/helpers.js';
import { resolveLink } from '../rules/proposal/link-broken.js';
import { parseIndex } from '../parse/index-readme.js';
import type { IndexRow, KlipDocument, Template } from '../model/types.js';
import {
  CELL_LINK,
  isPadded,
  joinLines,
  joinRow,
  padCell,
  readIndexFile,
  type Line,
  type RawRow,
  type RawTable,
} from './table.js';

export interface IndexInput {
  /** The index's repository-relative path. */
  path: string;
  /** Its text, or null when there is no index yet. */
  text: string | null;
  /** Every proposal of the folder. */
  documents: readonly KlipDocument[];
  template: Template;
  vocabulary: Vocabulary;
  /** Whether a repository-relative path names an existing file. */
  exists(path: string): boolean;
}

const DEFAULT_COLUMNS = ['KLIP', 'Status', 'Community Release', 'CP Release', 'Discussion PR'];
const URL = /https?:\/\/[^\s<>()[\]]+/i;

/** A row the rewrite moved back to its file's status: the file may be the stale side. */
export interface LoweredStatus {
  number: number;
  /** 1-based line of the row in the index. */
  line: number;
  row: string;
  file: string;
  fileStatus: string;
}

/**
 * The index as the proposals say it should be: each proposal's row links to its file and carries
 * its status, reserved numbers keep their rows, "Next KLIP number" is above every number. Cells
 * the proposals do not determine, row order and the text around the table are kept as written;
 * a second rewrite changes nothing. The index follows the files; a row it moves back in the process
 * order (or off an end state) is listed in `lowered`, since there the file may be the stale side.
 */
export function planIndex(input: IndexInput): { text: string; lowered: LoweredStatus[] } {
  const lowered: LoweredStatus[] = [];
  const text = input.text ?? '';
  const file = readIndexFile(text);
  const lines = [...file.lines];
  const { eol } = file;
  const documents = input.documents.filter((document) => document.number !== null);
  let table = file.table;
  if (!table) {
    // No table with KLIP and Status columns: one is added at the end.
    const added = appendTable(lines, eol);
    table = readIndexFile(joinLines(false, added)).table as RawTable;
    lines.splice(0, lines.length, ...added);
  }
  const parsed = parseIndex({ path: input.path, text: joinLines(false, lines) });
  const byLine = new Map(parsed.rows.map((row) => [row.range.line - 1, row]));
  const proposalFiles = new Set(input.documents.map((document) => document.file));
  const target = (row: IndexRow | undefined) =>
    row?.href ? resolveLink(input.path, row.href) : undefined;

  // Which row speaks for which proposal: first the row linking to its file, then a row of its
  // number that links to no other existing file.
  const assigned = new Map<RawRow, KlipDocument>();
  const placed = new Set<KlipDocument>();
  // Rows by number, built once: an index has thousands.
  const numbered = new Map<number, RawRow[]>();
  for (const row of table.rows) {
    const number = byLine.get(row.line)?.number;
    if (number === null || number === undefined) continue;
    const list = numbered.get(number);
    if (list) list.push(row);
    else numbered.set(number, [row]);
  }
  const rowsOf = (number: number) => numbered.get(number) ?? [];
  const byNumber = new Map<number, KlipDocument[]>();
  for (const document of documents) {
    const list = byNumber.get(document.number as number) ?? [];
    list.push(document);
    byNumber.set(document.number as number, list);
  }
  for (const [number, group] of byNumber) {
    const rows = rowsOf(number);
    for (const document of group) {
      const row = rows.find(
        (candidate) =>
          !assigned.has(candidate) && target(byLine.get(candidate.line)) === document.file,
      );
      if (row) {
        assigned.set(row, document);
        placed.add(document);
      }
    }
    for (const document of group) {
      if (placed.has(document)) continue;
      const row = rows.find((candidate) => {
        if (assigned.has(candidate)) return false;
        const to = target(byLine.get(candidate.line));
        return !to || !proposalFiles.has(to);
      });
      if (row) {
        assigned.set(row, document);
        placed.add(document);
      }
    }
    // Further rows of the number speak for its first proposal, as the index rules read them.
    for (const row of rows) {
      if (assigned.has(row)) continue;
      const to = target(byLine.get(row.line));
      if (!to || !proposalFiles.has(to)) assigned.set(row, group[0] as KlipDocument);
    }
  }

  const status = (document: KlipDocument) => {
    const found = documentStatus(document, input.template, input.vocabulary);
    return found && found.match.kind !== 'unknown' ? found.match.status.name : null;
  };
  const href = (document: KlipDocument) =>
    encodeHref(posix.relative(posix.dirname(input.path), document.file));
  const discussion = (document: KlipDocument) => {
    const field = firstField(document, 'discussion');
    if (!field || isPlaceholder(field, input.template, input.vocabulary)) return null;
    return URL.exec(field.rawValue)?.[0] ?? null;
  };

  const t = table;
  const headerWidth = (lines[t.start] as Line).text.trimEnd().length;
  const setCell = (row: RawRow, column: number, content: string) => {
    // A padded row keeps its cell widths where the new content fits; another gets one space.
    const padded = t.aligned && isPadded(file.lines, row, headerWidth);
    while (row.cells.length <= column)
      row.cells.push(padded ? padCell('', cellWidth(t, row.cells.length), 'none') : ' ');
    const current = row.cells[column] as string;
    if (current.trim() === content) return;
    row.cells[column] = padded
      ? padCell(content, current.length, t.align[column] ?? 'none')
      : ` ${content} `;
  };

  for (const row of t.rows) {
    const parsedRow = byLine.get(row.line);
    const document = assigned.get(row);
    const before = joinRow(row);
    if (document) {
      const klipCell = row.cells[t.klipColumn] ?? '';
      const linksHere =
        target(parsedRow) === document.file &&
        !/^[a-z][a-z0-9+.-]*:|^\/\//i.test(parsedRow?.href ?? '');
      if (!linksHere) setCell(row, t.klipColumn, linkedCell(klipCell, href(document), document));
      const name = status(document);
      // The status's own name with the author's emphasis or casing is kept; another word is not.
      const written = row.cells[t.statusColumn] ?? '';
      if (name !== null && nameKey(undecorate(written)) !== nameKey(name)) {
        const before = matchStatus(undecorate(written), input.vocabulary);
        const after = matchStatus(name, input.vocabulary);
        const order =
          before.kind === 'unknown' || after.kind === 'unknown'
            ? 'behind'
            : relativeOrder(before.status, after.status, input.vocabulary);
        setCell(row, t.statusColumn, name);
        if (order === 'ahead')
          lowered.push({
            number: document.number as number,
            line: row.line + 1,
            row: before.kind === 'unknown' ? undecorate(written).trim() : before.status.name,
            file: document.file,
            fileStatus: name,
          });
      }
    } else if (parsedRow?.href) {
      // A reserved number's link to a file that does not exist: the text stays, the link goes.
      const to = target(parsedRow);
      if (to && !input.exists(to)) {
        const cell = row.cells[t.klipColumn] ?? '';
        setCell(row, t.klipColumn, unlinked(cell));
      }
    }
    const after = joinRow(row);
    if (after !== before) lines[row.line] = { ...(lines[row.line] as Line), text: after };
  }

  // Rows for proposals the index lacks, in number order among the numbered rows.
  const missing = documents.filter((document) => !placed.has(document));
  missing.sort((a, b) => (a.number as number) - (b.number as number) || (a.file < b.file ? -1 : 1));
  const inserted: { after: number; text: string; number: number }[] = [];
  for (const document of missing) {
    const number = document.number as number;
    const cells = Array.from({ length: t.columns }, () => '');
    cells[t.klipColumn] = `[KLIP-${number}: ${titleOf(document)}](${href(document)})`;
    cells[t.statusColumn] = status(document) ?? '';
    // A new row's discussion cell: the proposal's link, which nobody has written in the index yet.
    const link = discussion(document);
    if (link && t.discussionColumn >= 0) cells[t.discussionColumn] = `[Discussion](${link})`;
    const row: RawRow = {
      line: -1,
      lead: t.header.lead,
      leadingPipe: true,
      cells: cells.map((content, i) =>
        t.aligned
          ? padCell(content, cellWidth(t, i), t.align[i] ?? 'none')
          : content
            ? ` ${content} `
            : ' ',
      ),
      trailingPipe: true,
      tail: '',
    };
    let after = t.start + 1;
    for (const existing of t.rows) {
      const n = byLine.get(existing.line)?.number;
      if (n !== null && n !== undefined && n > number) break;
      after = existing.line;
    }
    inserted.push({ after, text: joinRow(row), number });
  }
  // From the bottom up, so that earlier line numbers stay right.
  const byAnchor = new Map<number, string[]>();
  for (const entry of inserted) {
    const list = byAnchor.get(entry.after);
    if (list) list.push(entry.text);
    else byAnchor.set(entry.after, [entry.text]);
  }
  for (const anchor of [...byAnchor.keys()].sort((a, b) => b - a)) {
    const anchorLine = lines[anchor] as Line;
    const texts = byAnchor.get(anchor) as string[];
    // The anchor may be the file's last line, without an ending: the new rows take its place.
    const added: Line[] = texts.map((text, i) => ({
      text,
      eol: i === texts.length - 1 ? anchorLine.eol : eol,
    }));
    lines[anchor] = { ...anchorLine, eol: anchorLine.eol || eol };
    lines.splice(anchor + 1, 0, ...added);
  }

  // "Next KLIP number": above every number reserved or used; a higher one is kept (numbers it
  // skipped may have been given out).
  let highest = 0;
  for (const row of parsed.rows) highest = Math.max(highest, row.number ?? 0);
  for (const document of documents) highest = Math.max(highest, document.number ?? 0);
  const next = parsed.nextNumber;
  const range = parsed.nextNumberRange;
  if (next === null || !range) {
    const at = t.start;
    const blank = at > 0 && (lines[at - 1] as Line).text.trim() === '';
    const insert: Line[] = [
      { text: `Next KLIP number: **${highest + 1}**`, eol },
      { text: '', eol },
    ];
    if (!blank && at > 0) insert.unshift({ text: '', eol });
    lines.splice(at, 0, ...insert);
  } else if (next <= highest) {
    const line = lines[range.line - 1] as Line;
    lines[range.line - 1] = {
      ...line,
      text:
        line.text.slice(0, range.column - 1) +
        String(highest + 1) +
        line.text.slice(range.endColumn - 1),
    };
  }
  return { text: joinLines(file.bom, lines), lowered };
}

/** The width of a column's cells in an aligned table: the header's. */
function cellWidth(table: RawTable, column: number): number {
  return (table.header.cells[column] ?? '  ').length;
}

function titleOf(document: KlipDocument): string {
  const title = document.title ? document.title.name.trim() || document.title.text.trim() : '';
  return escapeText(title || document.name.replace(/\.md$/i, ''));
}

/** Text safe in a link's label inside a table cell. */
function escapeText(text: string): string {
  return text.replace(/([\\[\]|])/g, '\\$1');
}

/** A relative link's destination that CommonMark reads whole and that names the file: spaces, parentheses, `#` and `?` escaped. */
export function encodeHref(path: string): string {
  return encodeURI(path).replace(
    /[()#?]/g,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** The cell with its link pointing at `href`: the first link's destination, else the text linked. */
function linkedCell(cell: string, href: string, document: KlipDocument): string {
  const content = cell.trim();
  const match = CELL_LINK.exec(content);
  if (match) {
    return `${content.slice(0, match.index)}[${match[1]}](${href})${content.slice(match.index + match[0].length)}`;
  }
  if (!content || content === '-') {
    return `[KLIP-${document.number}: ${titleOf(document)}](${href})`;
  }
  return `[${content}](${href})`;
}

function unlinked(cell: string): string {
  const content = cell.trim();
  const match = CELL_LINK.exec(content);
  if (!match) return content;
  return `${content.slice(0, match.index)}${match[1]}${content.slice(match.index + match[0].length)}`;
}

/** A table appended to an index that has none, after a blank line. */
function appendTable(lines: Line[], eol: string): Line[] {
  const out = lines.filter((line, i) => !(i === lines.length - 1 && line.text === '' && !line.eol));
  const last = out.at(-1);
  if (last && !last.eol) out[out.length - 1] = { ...last, eol };
  if (out.length > 0 && out.at(-1)?.text.trim() !== '') out.push({ text: '', eol });
  out.push(
    { text: `| ${DEFAULT_COLUMNS.join(' | ')} |`, eol },
    { text: `|${DEFAULT_COLUMNS.map(() => ' --- ').join('|')}|`, eol },
  );
  return out;
}
