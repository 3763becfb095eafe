import { matchStatus, type StatusMatch, type Vocabulary } from '../model/status.js';
import { normalize } from '../core/strings.js';
import { DEFAULT_PLACEHOLDERS, isFiller } from '../core/placeholders.js';
import type {
  IndexDocument,
  IndexRow,
  KlipDocument,
  MetadataField,
  Range,
  Template,
} from '../model/types.js';

export function firstField(document: KlipDocument, key: string): MetadataField | undefined {
  return document.fields.find((field) => field.key === key);
}

export { fileNameNumber } from '../parse/document.js';

/** A whole line, for problems that concern a line rather than a piece of it. */
export function lineAt(document: KlipDocument, line: number): Range {
  const safe = Math.min(Math.max(line, 1), document.lineCount);
  return {
    line: safe,
    column: 1,
    endLine: safe,
    endColumn: (document.lineLengths[safe - 1] ?? 0) + 1,
  };
}

/** Where problems about the whole file go: the title, else the first line. */
export function fileAnchor(document: KlipDocument): Range {
  return document.title?.range ?? lineAt(document, 1);
}

/**
 * Whether a field's value is empty, still the template's placeholder, or a stand-in such as `TBD`,
 * `?` or `link` (a real status never is).
 */
export function isPlaceholder(
  field: MetadataField,
  template: Template,
  vocabulary: Vocabulary,
  placeholders: readonly string[] = DEFAULT_PLACEHOLDERS,
): boolean {
  return placeholderKind(field, template, vocabulary, placeholders) !== null;
}

/** Which kind of placeholder a field holds, if any. */
export function placeholderKind(
  field: MetadataField,
  template: Template,
  vocabulary: Vocabulary,
  placeholders: readonly string[] = DEFAULT_PLACEHOLDERS,
): 'empty' | 'template' | 'filler' | null {
  const value = normalize(field.rawValue);
  if (value === '') return 'empty';
  if (field.key === 'status' && matchStatus(field.rawValue, vocabulary).kind !== 'unknown')
    return null;
  const placeholder = template.fields.find((entry) => entry.key === field.key)?.placeholder;
  if (placeholder && value === placeholder) return 'template';
  return isFiller(field.rawValue, placeholders) ? 'filler' : null;
}

/** The document's status, when it has one that is neither empty nor a placeholder. */
export function documentStatus(
  document: KlipDocument,
  template: Template,
  vocabulary: Vocabulary,
): { field: MetadataField; match: StatusMatch } | null {
  const field = firstField(document, 'status');
  if (!field || isPlaceholder(field, template, vocabulary)) return null;
  return { field, match: matchStatus(field.rawValue, vocabulary) };
}

export function templateField(template: Template, key: string): string {
  return template.fields.find((field) => field.key === key)?.name ?? key;
}

const rowIndexes = new WeakMap<IndexDocument, Map<number, IndexRow[]>>();

/**
 * The index's numbered rows by number, in index order. Built once per index: several rules ask, at
 * both ends of a change, and an index has thousands of rows.
 */
export function rowsByNumber(index: IndexDocument): ReadonlyMap<number, readonly IndexRow[]> {
  let byNumber = rowIndexes.get(index);
  if (byNumber) return byNumber;
  byNumber = new Map();
  const { rows } = index;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i] as IndexRow;
    if (row.number === null) continue;
    const list = byNumber.get(row.number);
    if (list) list.push(row);
    else byNumber.set(row.number, [row]);
  }
  rowIndexes.set(index, byNumber);
  return byNumber;
}
