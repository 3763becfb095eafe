import { matchStatus } from '../status.js';
import type { IndexRow } from '../types.js';
import type { FileProblem, Rule } from './rule.js';
import { documentStatus, klipNumber, rowsByNumber } from './helpers.js';
import { resolveLink } from './link-broken.js';

export const indexStatus: Rule = {
  meta: {
    id: 'index-status',
    description: "The index row's status differs from the file's",
    severity: 'warning',
    docs: `The index lists each proposal's status so that readers need not open every file. When a PR moves a
proposal on, it updates both. The file is the source of truth: change the index row to the file's status.
A row still at Proposal agrees with a file at In Discussion (the design PR links the file and leaves the
status).`,
    fixable: true,
    examples: {
      language: 'markdown',
      bad: `| [KLIP-1: UDF interfaces](klip-1-udf.md) | Approved | | | |
(the file says In Discussion)`,
      good: `| [KLIP-1: UDF interfaces](klip-1-udf.md) | In Discussion | | | |`,
    },
    howToFix: `Set the row's status to the file's. \`--fix\` does it: the file is the source of truth.`,
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
      const number = klipNumber(document);
      if (number === null) continue;
      const status = documentStatus(document, template, vocabulary);
      if (!status || status.match.kind === 'unknown') continue;
      const fileStatus = status.match.status;
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
        problems.push({
          file: index.file,
          range: row.statusRange,
          klip: number,
          message: `The index says "${row.status}" for KLIP ${number} but ${document.name} says "${fileStatus.name}"; update the row to "${fileStatus.name}".`,
          fix: {
            description: `index row of KLIP ${number}: "${row.status}" -> "${fileStatus.name}"`,
            edits: [{ range: row.statusRange, text: fileStatus.name }],
          },
        });
      }
    }
    return problems;
  },
};
