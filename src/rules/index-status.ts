import { matchStatus } from '../status.js';
import type { IndexRow } from '../types.js';
import type { Rule } from './rule.js';
import { documentStatus, klipNumber } from './helpers.js';
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
  },
  project({ documents, index, template, vocabulary }) {
    if (!index) return [];
    const files = new Set(documents.map((document) => document.file));
    // A row that links to one of the proposals speaks for that one only.
    const speaksFor = (row: IndexRow, file: string) => {
      const target = row.href ? resolveLink(index.file, row.href) : undefined;
      return !target || target === file || !files.has(target);
    };
    const rowsOf = new Map<number, IndexRow[]>();
    for (const row of index.rows) {
      if (row.number === null) continue;
      const list = rowsOf.get(row.number);
      if (list) list.push(row);
      else rowsOf.set(row.number, [row]);
    }
    return documents.flatMap((document) => {
      const number = klipNumber(document);
      const status = documentStatus(document, template, vocabulary);
      if (number === null || !status || status.match.kind === 'unknown') return [];
      const fileStatus = status.match.status;
      return (rowsOf.get(number) ?? [])
        .filter((row) => speaksFor(row, document.file))
        .flatMap((row) => {
          const rowMatch = matchStatus(row.status, vocabulary);
          if (rowMatch.kind === 'unknown') return [];
          const rowStatus = rowMatch.status;
          const agree =
            rowStatus === fileStatus ||
            (rowStatus.indexOnly === true &&
              vocabulary.statuses.indexOf(fileStatus) ===
                vocabulary.statuses.indexOf(rowStatus) + 1);
          if (agree) return [];
          return [
            {
              file: index.file,
              range: row.statusRange,
              klip: number,
              message: `The index says "${row.status}" for KLIP ${number} but ${document.name} says "${fileStatus.name}"; update the row to "${fileStatus.name}".`,
              fix: {
                description: `index row of KLIP ${number}: "${row.status}" -> "${fileStatus.name}"`,
                edits: [{ range: row.statusRange, text: fileStatus.name }],
              },
            },
          ];
        });
    });
  },
};
