import type { FileProblem, Rule } from '../rule.js';

export const klipDeleted: Rule = {
  meta: {
    id: 'klip-deleted',
    description: 'Against the base: a proposal file was removed',
    severity: 'error',
    docs: `Proposals are the record of decisions, including the ones not taken: a proposal is never deleted.
Set its status to an end state such as Withdrawn or Rejected instead. Renaming a file (keeping its number)
is not a deletion. Moving it out of the proposals folder (to another folder, a sub-folder or another
extension) or replacing it with a symbolic link counts as deleting it, unless another proposal keeps
its number; so does replacing the proposals folder with a link.`,
    needs: ['base'],
    examples: {
      language: 'markdown',
      bad: `git rm klip-55-tablespaces.md`,
      good: `**Status**: Withdrawn |`,
    },
    howToFix: `Restore the file and set its status to an end state such as Withdrawn or Rejected.`,
    messages: {
      deleted:
        '{{proposal}} was deleted; proposals are kept: set its status to Withdrawn or Rejected instead.',
      movedOut:
        '{{proposal}} was moved to {{to}}, where it is no longer a proposal; proposals stay in the folder as klip-<number>-<slug>.md: move it back, and set its status to Withdrawn or Rejected to retire it.',
      replaced:
        '{{proposal}} was replaced by a symbolic link or a submodule, which is not a proposal: keep the proposal a file in the folder, and set its status to Withdrawn or Rejected to retire it.',
      folderReplaced:
        "The proposals folder {{folder}} became a {{kind}}: klip-lint checks the repository's own files only, so its proposals count as deleted. Keep the proposals in the folder itself.",
    },
  },
  change({ changes, headIndex, baseIndex, folderReplaced }) {
    const folder: FileProblem[] = folderReplaced
      ? [
          {
            file: folderReplaced.folder,
            range: { line: 1, column: 1, endLine: 1, endColumn: 1 },
            klip: null,
            messageId: 'folderReplaced',
            data: {
              folder: folderReplaced.folder,
              kind: folderReplaced.kind === 'symlink' ? 'symbolic link' : 'submodule',
            },
          },
        ]
      : [];
    return [
      ...folder,
      ...changes.flatMap((change): FileProblem[] => {
        if (change.status !== 'deleted' || !change.base || change.numberKeptBy) return [];
        const number = change.base.number;
        const index = headIndex ?? baseIndex;
        const row = index?.rows.find((entry) => entry.number === number && number !== null);
        const what = `${change.base.name}${number !== null ? ` (KLIP ${number})` : ''}`;
        return [
          {
            // The file is gone: the index row (or the folder's index) is where the annotation can stand.
            file: row && index ? index.file : change.base.file,
            range: row?.range ?? { line: 1, column: 1, endLine: 1, endColumn: 1 },
            klip: number,
            ...(change.movedTo
              ? { messageId: 'movedOut', data: { proposal: what, to: change.movedTo } }
              : { messageId: change.replaced ? 'replaced' : 'deleted', data: { proposal: what } }),
          },
        ];
      }),
    ];
  },
};
