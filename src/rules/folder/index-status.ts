import { posix } from 'node:path';
import { matchStatus, relativeOrder } from '../../model/status.js';
import { undecorate } from '../../core/strings.js';
import type { Fix, IndexRow } from '../../model/types.js';
import type { FileProblem, Rule } from '../rule.js';
import { documentStatus, rowsByNumber } from '../helpers.js';
import { resolveLink } from '../proposal/link-broken.js';

/** Where the two disagree, the start of every message. */
const DISAGREE =
  'The index row ({{index}}, line {{rowLine}}) says "{{rowWritten}}" for KLIP {{number}}, but {{file}} (line {{fileLine}}) says "{{fileWritten}}"';

export const indexStatus: Rule = {
  meta: {
    id: 'index-status',
    description: "The index row's status differs from the file's",
    severity: 'warning',
    docs: `The index lists each proposal's status so that readers need not open every file. When a PR moves a
proposal on, it should update both, and either can be forgotten: the finding names both values and both
places, and says what to change on each side. A row still at Proposal agrees with a file at In Discussion
(the design PR links the file and leaves the status).

\`--fix\` never moves a status backwards. When the row is behind the file in the process order (a row left
at Proposal while the file went on), it raises the row to the file's status, keeping the cell's
decoration: statuses only move forward, so the later one is the one a PR wrote. When the row is ahead of
the file, or either is an end state outside the order (Rejected, Withdrawn), only a maintainer knows which
side is right: the fix leaves both.`,
    fixable: true,
    examples: {
      language: 'markdown',
      bad: `| [KLIP-1: UDF interfaces](klip-1-udf.md) | In Discussion | | | |
(the file says Design Approved)`,
      good: `| [KLIP-1: UDF interfaces](klip-1-udf.md) | Design Approved | | | |`,
    },
    howToFix: `Decide which side is current and change the other. \`--fix\` raises a row that is behind its file; it never moves a status backwards.`,
    messages: {
      rowBehind: `${DISAGREE}. Statuses only move forward, so the row is likely out of date: change it to "{{fileStatus}}" (if the file moved on without the approvals it needs, correct the file instead).`,
      rowAhead: `${DISAGREE}. One of them is out of date: if KLIP {{number}} is "{{rowStatus}}", set the Status in {{file}} to "{{rowStatus}}"; if it is "{{fileStatus}}", change this row to "{{fileStatus}}".`,
      unordered: `${DISAGREE}. Only a maintainer knows which is right: set the Status in {{file}} to "{{rowStatus}}", or change this row to "{{fileStatus}}".`,
    },
  },
  project({ documents, index, template, vocabulary }) {
    if (!index) return [];
    // Built when first needed: in a pull request, most proposals are known by name only.
    let files: Set<string> | null = null;
    // A row that links to one of the proposals speaks for that one only.
    const speaksFor = (row: IndexRow, file: string) => {
      const target = row.href ? resolveLink(index.file, row.href) : undefined;
      if (!target || target === file) return true;
      files ??= new Set(documents.map((document) => document.file));
      return !files.has(target);
    };
    const problems: FileProblem[] = [];
    for (const document of documents) {
      const number = document.number;
      if (number === null) continue;
      const status = documentStatus(document, template, vocabulary);
      if (!status || status.match.kind === 'unknown') continue;
      const fileStatus = status.match.status;
      const fileWritten = status.field.rawValue;
      const fileLine = status.field.valueRange.line;
      for (const row of rowsByNumber(index).get(number) ?? []) {
        if (!speaksFor(row, document.file)) continue;
        const rowMatch = matchStatus(row.status, vocabulary);
        if (rowMatch.kind === 'unknown') continue;
        const rowStatus = rowMatch.status;
        const agree =
          rowStatus === fileStatus ||
          (rowStatus.indexOnly === true &&
            vocabulary.statuses.indexOf(fileStatus) === vocabulary.statuses.indexOf(rowStatus) + 1);
        if (agree) continue;
        const order = relativeOrder(rowStatus, fileStatus, vocabulary);
        const problem: FileProblem = {
          file: index.file,
          range: row.statusRange,
          klip: number,
          messageId:
            order === 'behind' ? 'rowBehind' : order === 'ahead' ? 'rowAhead' : 'unordered',
          data: {
            index: posix.basename(index.file),
            rowLine: row.range.line,
            rowWritten: row.status,
            number,
            file: document.name,
            fileLine,
            fileWritten,
            rowStatus: rowStatus.name,
            fileStatus: fileStatus.name,
          },
        };
        const fix = order === 'behind' ? raiseRow(row, fileStatus.name, number) : null;
        if (fix) problem.fix = fix;
        problems.push(problem);
      }
    }
    return problems;
  },
};

/** Replaces only the status word of the cell, keeping `**...**` or `_..._` around it. */
function raiseRow(row: IndexRow, to: string, number: number): Fix | null {
  const source = row.statusSource;
  const word = undecorate(source);
  // A cell with decoration inside the value, or spread over lines, is left to its author.
  if (!source || /[*_`~<>|\\]/.test(word)) return null;
  const start = source.indexOf(word);
  if (start < 0) return null;
  const { line, column } = row.statusRange;
  return {
    description: `index row of KLIP ${number}: "${word}" -> "${to}"`,
    edits: [
      {
        range: {
          line,
          column: column + start,
          endLine: line,
          endColumn: column + start + word.length,
        },
        text: to,
      },
    ],
  };
}
