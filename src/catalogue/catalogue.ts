import { matchStatus, type Vocabulary } from '../model/status.js';
import { documentStatus, firstField, isPlaceholder } from '../rules/helpers.js';
import { resolveLink } from '../rules/proposal/link-broken.js';
import { parseIndex } from '../parse/index-readme.js';
import type { IndexRow, KlipDocument, SourceFile, Template } from '../model/types.js';
import { CELL_LINK, readIndexFile, type RawTable } from './table.js';

/** The catalogue's JSON shape; raised when a field changes meaning or goes away (docs/catalogue.md). */
export const CATALOGUE_VERSION = 1;

export interface IndexEntry {
  /** The row's status as written. */
  status: string;
  /** Its canonical name, or null when it is not in the vocabulary. */
  canonicalStatus: string | null;
  /** The row's release columns that hold a value, by column name. */
  releases: Record<string, string>;
  /** The row's discussion link, when its discussion column links somewhere. */
  discussion: string | null;
}

export interface CatalogueEntry {
  number: number | null;
  title: string | null;
  /** Repository-relative path. */
  file: string;
  /** The canonical status, or null when the file has none or one outside the vocabulary. */
  status: string | null;
  /** The status as the file writes it. */
  statusWritten: string | null;
  authors: string[];
  releaseTarget: string | null;
  discussion: string | null;
  /** The index row that speaks for this proposal, or null when it has none. */
  index: IndexEntry | null;
}

export interface ReservedEntry {
  number: number;
  /** The row's KLIP cell as text. */
  title: string;
  status: string;
  canonicalStatus: string | null;
}

export interface Catalogue {
  version: number;
  folder: string;
  /** The index file, or null when there is none. */
  index: string | null;
  nextNumber: number | null;
  proposals: CatalogueEntry[];
  /** Numbers the index reserves that no proposal file holds yet. */
  reserved: ReservedEntry[];
}

export interface CatalogueInput {
  folder: string;
  documents: readonly KlipDocument[];
  index: SourceFile | null;
  template: Template;
  vocabulary: Vocabulary;
}

const URL = /https?:\/\/[^\s<>()[\]]+/i;

/** Everything the folder says about its proposals, from the files and the index. */
export function buildCatalogue(input: CatalogueInput): Catalogue {
  const { template, vocabulary } = input;
  const parsedIndex = input.index ? parseIndex(input.index) : null;
  const raw = input.index ? readIndexFile(input.index.text).table : null;
  const rawByLine = new Map(raw?.rows.map((row) => [row.line + 1, row]) ?? []);
  const rows = parsedIndex?.rows ?? [];
  const numbers = new Set<number>();
  const value = (document: KlipDocument, key: string): string | null => {
    const field = firstField(document, key);
    if (!field || isPlaceholder(field, template, vocabulary)) return null;
    return field.value.trim() || null;
  };
  const proposals = input.documents.map((document): CatalogueEntry => {
    const status = documentStatus(document, template, vocabulary);
    const discussionField = firstField(document, 'discussion');
    const discussion =
      discussionField && !isPlaceholder(discussionField, template, vocabulary)
        ? (URL.exec(discussionField.rawValue)?.[0] ?? null)
        : null;
    if (document.number !== null) numbers.add(document.number);
    const row = rowFor(document, rows, input.index?.path ?? '', input.documents);
    return {
      number: document.number,
      title: document.title ? document.title.name.trim() || document.title.text.trim() : null,
      file: document.file,
      status: status && status.match.kind !== 'unknown' ? status.match.status.name : null,
      statusWritten: status ? status.field.value : null,
      authors: splitAuthors(value(document, 'author') ?? ''),
      releaseTarget: value(document, 'release target'),
      discussion,
      index: row ? indexEntry(row, raw, rawByLine.get(row.range.line)?.cells, vocabulary) : null,
    };
  });
  proposals.sort(
    (a, b) =>
      (a.number ?? Number.MAX_SAFE_INTEGER) - (b.number ?? Number.MAX_SAFE_INTEGER) ||
      (a.file < b.file ? -1 : a.file > b.file ? 1 : 0),
  );
  const reserved: ReservedEntry[] = [];
  const seen = new Set<number>();
  for (const row of rows) {
    if (row.number === null || numbers.has(row.number) || seen.has(row.number)) continue;
    seen.add(row.number);
    const match = matchStatus(row.status, vocabulary);
    reserved.push({
      number: row.number,
      title: row.text,
      status: row.status,
      canonicalStatus: match.kind === 'unknown' ? null : match.status.name,
    });
  }
  reserved.sort((a, b) => a.number - b.number);
  return {
    version: CATALOGUE_VERSION,
    folder: input.folder,
    index: input.index?.path ?? null,
    nextNumber: parsedIndex?.nextNumber ?? null,
    proposals,
    reserved,
  };
}

/** The row for a proposal: the one linking to its file, else one of its number linking to no other proposal. */
function rowFor(
  document: KlipDocument,
  rows: readonly IndexRow[],
  indexPath: string,
  documents: readonly KlipDocument[],
): IndexRow | null {
  if (document.number === null) return null;
  const candidates = rows.filter((row) => row.number === document.number);
  const target = (row: IndexRow) => (row.href ? resolveLink(indexPath, row.href) : undefined);
  const linked = candidates.find((row) => target(row) === document.file);
  if (linked) return linked;
  const others = new Set(documents.map((other) => other.file));
  return (
    candidates.find((row) => {
      const to = target(row);
      return !to || !others.has(to);
    }) ?? null
  );
}

function indexEntry(
  row: IndexRow,
  table: RawTable | null,
  cells: string[] | undefined,
  vocabulary: Vocabulary,
): IndexEntry {
  const match = matchStatus(row.status, vocabulary);
  const releases: Record<string, string> = {};
  let discussion: string | null = null;
  if (table && cells) {
    for (const column of table.releaseColumns) {
      const text = (cells[column] ?? '').trim();
      if (text && text !== '-') releases[table.names[column] as string] = text;
    }
    const cell = table.discussionColumn >= 0 ? (cells[table.discussionColumn] ?? '') : '';
    const link = CELL_LINK.exec(cell)?.[2]?.replace(/^<|>$/g, '') ?? URL.exec(cell)?.[0];
    discussion = link || null;
  }
  return {
    status: row.status,
    canonicalStatus: match.kind === 'unknown' ? null : match.status.name,
    releases,
    discussion,
  };
}

/** `Ann (@ann), Bo and Cy` -> three names; a value with no separators is one name. */
export function splitAuthors(value: string): string[] {
  return value
    .split(/\s*(?:,|;|&|\band\b|\n)\s*/i)
    .map((name) => name.trim())
    .filter(Boolean);
}

export interface CatalogueFilter {
  /** A canonical status name (already resolved from an alias). */
  status?: string;
  /** Matched case-insensitively against any part of any author. */
  author?: string;
}

export function filterCatalogue(catalogue: Catalogue, filter: CatalogueFilter): Catalogue {
  const author = filter.author?.toLowerCase();
  return {
    ...catalogue,
    proposals: catalogue.proposals.filter(
      (entry) =>
        (filter.status === undefined || entry.status === filter.status) &&
        (author === undefined || entry.authors.some((name) => name.toLowerCase().includes(author))),
    ),
  };
}
