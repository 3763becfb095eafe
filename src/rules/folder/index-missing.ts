import { posix } from 'node:path';
import type { Vocabulary } from '../../model/status.js';
import type { Fix, IndexDocument, KlipDocument, Template } from '../../model/types.js';
import type { FileProblem, Rule } from '../rule.js';
import { documentStatus, fileAnchor, rowsByNumber } from '../helpers.js';

export const indexMissing: Rule = {
  meta: {
    id: 'index-missing',
    description: 'A proposal has no row in the index',
    severity: 'warning',
    docs: `Every proposal has a row in the index table of the folder's README.md: that row is what reserves its
number. Add a row \`| [KLIP-12: Title](klip-12-title.md) | In Discussion | | | |\` in number order.`,
    fixable: true,
    examples: {
      language: 'markdown',
      bad: `| [KLIP-11: DQL](klip-11-dql.md) | Proposal | | | |
(no row for klip-12-pull-ha.md)`,
      good: `| [KLIP-11: DQL](klip-11-dql.md) | Proposal | | | |
| [KLIP-12: Pull HA](klip-12-pull-ha.md) | In Discussion | | | |`,
    },
    howToFix: `Add a row in number order. \`--fix\` adds it with the file's title and status.`,
    messages: {
      noRow: 'KLIP {{number}} has no row in the index ({{index}}); add one that links to {{file}}.',
    },
  },
  project({ documents, index, template, vocabulary }) {
    if (!index?.hasTable) return [];
    const reserved = rowsByNumber(index);
    const problems: FileProblem[] = [];
    for (const document of documents) {
      const number = document.number;
      if (number === null || reserved.has(number)) continue;
      problems.push({
        file: document.file,
        range: document.title?.numberRange ?? fileAnchor(document),
        klip: number,
        messageId: 'noRow',
        data: { number, index: index.file, file: document.name },
        fix: rowFix(index, document, number, statusName(document, template, vocabulary)),
      });
    }
    return problems;
  },
};

function statusName(document: KlipDocument, template: Template, vocabulary: Vocabulary): string {
  const status = documentStatus(document, template, vocabulary);
  return status && status.match.kind !== 'unknown' ? status.match.status.name : '';
}

/** A new row in number order: after the last row with a lower number, else before the first. */
function rowFix(
  index: IndexDocument,
  document: KlipDocument,
  number: number,
  status: string,
): Fix | undefined {
  const numbered = index.rows.filter((row) => row.number !== null);
  const before = numbered.filter((row) => (row.number as number) < number).at(-1);
  const after = numbered.find((row) => (row.number as number) > number);
  const anchor = index.rows.at(-1);
  const href = linkPath(posix.relative(posix.dirname(index.file), document.file));
  const cells = Array.from({ length: index.columns }, () => '');
  const title = document.title?.name || document.title?.text || document.name;
  cells[index.klipColumn] = `[KLIP-${number}: ${cellText(title)}](${href})`;
  cells[index.statusColumn] = status;
  const row = `| ${cells.join(' | ')} |`.replace(/ {2}\|/g, ' |');
  let edit: Fix['edits'][number];
  if (before ?? (!after && anchor)) {
    const end = (before ?? anchor)!.range;
    const range = {
      line: end.endLine,
      column: end.endColumn,
      endLine: end.endLine,
      endColumn: end.endColumn,
    };
    edit = { file: index.file, range, text: `\n${row}` };
  } else if (after) {
    const range = { line: after.range.line, column: 1, endLine: after.range.line, endColumn: 1 };
    edit = { file: index.file, range, text: `${row}\n` };
  } else {
    return undefined;
  }
  return { description: `index row for KLIP ${number}`, edits: [edit] };
}

/**
 * Text for a link inside a table cell, on one line: a "|" would end the cell, brackets the link,
 * a line break the row; Markdown's own escapes keep each as text.
 */
export function cellText(text: string): string {
  return text
    .replace(/[\r\n\u2028\u2029]+/g, ' ')
    .replace(/[\\`[\]<|]/g, (char) => `\\${char}`)
    .trim();
}

/** A relative path as a link destination: each segment encoded, parentheses too, "/" kept. */
export function linkPath(path: string): string {
  return path
    .split('/')
    .map((segment) => encodeURIComponent(segment).replace(/[()'*!]/g, percent))
    .join('/');
}

function percent(char: string): string {
  return `%${char.charCodeAt(0).toString(16).toUpperCase()}`;
}
