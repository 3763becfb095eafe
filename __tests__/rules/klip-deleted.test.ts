import { runChangeRule } from '../helpers/rule-tester.js';
import { crlf, indexReadme, proposal, row } from '../helpers/rule-fixtures.js';

const BETA = proposal({ number: 2, title: 'Beta' });
const INDEX = indexReadme(
  [row(1, 'klip-1-alpha.md', 'Merged'), row(2, 'klip-2-beta.md', 'In Discussion')],
  3,
);
const base = {
  'README.md': INDEX,
  'klip-1-alpha.md': proposal({ number: 1 }),
  'klip-2-beta.md': BETA,
};
const withoutBeta = Object.fromEntries(
  Object.entries(base).filter(([name]) => name !== 'klip-2-beta.md'),
);
const retire = 'set its status to Withdrawn or Rejected';

runChangeRule('klip-deleted', {
  valid: [
    {
      name: 'a proposal withdrawn, not deleted',
      base,
      head: {
        ...base,
        'klip-2-beta.md': proposal({ number: 2, title: 'Beta', status: 'Withdrawn' }),
      },
    },
    {
      name: 'a rename that keeps the number',
      base,
      head: { ...withoutBeta, 'klip-2-beta-v2.md': BETA },
      changes: [{ status: 'renamed', path: 'klip-2-beta-v2.md', previousPath: 'klip-2-beta.md' }],
    },
    {
      name: 'a deletion and an addition with one number are a rename',
      base,
      head: { ...withoutBeta, 'klip-2-better-name.md': BETA },
    },
    {
      name: 'another proposal still holds the number',
      base: { ...base, 'klip-2-beta-copy.md': BETA },
      head: { ...withoutBeta, 'klip-2-beta-copy.md': BETA },
    },
    {
      name: 'a file in a sub-folder is no proposal',
      base: { ...base, 'archive/klip-0-old.md': BETA },
      head: base,
    },
    {
      name: 'CRLF line endings',
      base: { 'klip-2-beta.md': crlf(BETA) },
      head: { 'klip-2-beta.md': crlf(`${BETA}\nMore.\n`) },
    },
  ],
  invalid: [
    {
      name: 'a deleted proposal, at its index row',
      base,
      head: withoutBeta,
      errors: [
        {
          file: 'README.md',
          line: 8,
          column: 1,
          message: `klip-2-beta.md (KLIP 2) was deleted; proposals are kept: ${retire} instead.`,
          severity: 'error',
        },
      ],
    },
    {
      name: 'its row removed too: at the deleted file',
      base,
      head: { ...withoutBeta, 'README.md': indexReadme([row(1, 'klip-1-alpha.md', 'Merged')], 3) },
      errors: [
        {
          file: 'klip-2-beta.md',
          line: 1,
          message: `klip-2-beta.md (KLIP 2) was deleted; proposals are kept: ${retire} instead.`,
          severity: 'error',
        },
      ],
    },
    {
      name: 'no index: at the deleted file',
      base: { 'klip-2-beta.md': BETA },
      head: {},
      errors: [
        {
          file: 'klip-2-beta.md',
          line: 1,
          column: 1,
          message: `klip-2-beta.md (KLIP 2) was deleted; proposals are kept: ${retire} instead.`,
          severity: 'error',
        },
      ],
    },
    {
      name: 'a file without a number',
      base: { ...base, 'notes.md': 'Notes.\n' },
      head: base,
      errors: [
        {
          file: 'notes.md',
          line: 1,
          message: `notes.md was deleted; proposals are kept: ${retire} instead.`,
          severity: 'error',
        },
      ],
    },
    {
      name: 'moved to a sub-folder',
      base,
      head: { ...withoutBeta, 'archive/klip-2-beta.md': BETA },
      changes: [
        { status: 'renamed', path: 'archive/klip-2-beta.md', previousPath: 'klip-2-beta.md' },
      ],
      errors: [
        {
          file: 'README.md',
          line: 8,
          message: `klip-2-beta.md (KLIP 2) was moved to design-proposals/archive/klip-2-beta.md, where it is no longer a proposal; proposals stay in the folder as klip-<number>-<slug>.md: move it back, and ${retire} to retire it.`,
          severity: 'error',
        },
      ],
    },
    {
      name: 'replaced by a symbolic link',
      base,
      head: withoutBeta,
      changes: [
        { status: 'deleted', path: 'klip-2-beta.md' },
        { status: 'added', path: 'klip-2-beta.md' },
      ],
      errors: [
        {
          file: 'README.md',
          line: 8,
          message: `klip-2-beta.md (KLIP 2) was replaced by a symbolic link or a submodule, which is not a proposal: keep the proposal a file in the folder, and ${retire} to retire it.`,
          severity: 'error',
        },
      ],
    },
    {
      name: 'the folder replaced by a link',
      base,
      head: base,
      changes: [],
      folderReplaced: { folder: 'design-proposals', kind: 'symlink' },
      errors: [
        {
          file: '/design-proposals',
          line: 1,
          message:
            "The proposals folder design-proposals became a symbolic link: klip-lint checks the repository's own files only, so its proposals count as deleted. Keep the proposals in the folder itself.",
          severity: 'error',
        },
      ],
    },
    {
      name: 'CRLF line endings',
      base: { 'klip-2-beta.md': crlf(BETA) },
      head: {},
      errors: [
        {
          file: 'klip-2-beta.md',
          line: 1,
          message: `klip-2-beta.md (KLIP 2) was deleted; proposals are kept: ${retire} instead.`,
          severity: 'error',
        },
      ],
    },
  ],
});
