import { runLintRule } from '../helpers/rule-tester.js';
import { crlf, indexReadme, proposal, row } from '../helpers/rule-fixtures.js';

const FILE = 'klip-1-example.md';
/** The folder: the proposal at `file` status and its index row at `rowStatus`. */
const folder = (file: string, rowStatus: string, extra: string[] = []) => ({
  [FILE]: proposal({ status: file }),
  'README.md': indexReadme([row(1, FILE, rowStatus), ...extra], 2),
});
/** The row and the file are quoted as written, decoration included. */
const where = (rowSays: string, fileSays: string) =>
  `The index row (README.md, line 7) says "${rowSays}" for KLIP 1, but ${FILE} (line 5) says "${fileSays}".`;
const behind = (rowSays: string, fileSays: string, canonical: string) =>
  `${where(rowSays, fileSays)} Statuses only move forward, so the row is likely out of date: change it to "${canonical}" (if the file moved on without the approvals it needs, correct the file instead).`;
const ahead = (rowSays: string, fileSays: string, rowIs: string, fileIs: string) =>
  `${where(rowSays, fileSays)} One of them is out of date: if KLIP 1 is "${rowIs}", set the Status in ${FILE} to "${rowIs}"; if it is "${fileIs}", change this row to "${fileIs}".`;
const unordered = (rowSays: string, fileSays: string, rowIs: string, fileIs: string) =>
  `${where(rowSays, fileSays)} Only a maintainer knows which is right: set the Status in ${FILE} to "${rowIs}", or change this row to "${fileIs}".`;

runLintRule('index-status', {
  valid: [
    { name: 'the same status', files: folder('Design Approved', 'Design Approved') },
    {
      name: 'an alias and decoration on either side',
      files: folder('_Approved_', '**Design Approved**'),
    },
    { name: 'the row says the status as the file does', files: folder('Merged', '_Merged_') },
    {
      name: 'a row still at Proposal and the file In Discussion',
      files: folder('In Discussion', 'Proposal'),
    },
    { name: 'an unknown status is status-unknown’s', files: folder('Done', 'Merged') },
    { name: 'a placeholder status in the file', files: folder('TBD', 'Merged') },
    {
      name: 'no row is index-missing’s',
      files: { [FILE]: proposal({ status: 'Merged' }), 'README.md': indexReadme([], 2) },
    },
    {
      name: 'a row that links another proposal speaks for that one',
      files: {
        [FILE]: proposal({ status: 'Merged' }),
        'klip-1-again.md': proposal({ status: 'In Discussion' }),
        'README.md': indexReadme([row(1, 'klip-1-again.md', 'In Discussion')], 2),
      },
    },
    {
      name: 'CRLF line endings',
      files: {
        [FILE]: crlf(proposal({ status: 'Merged' })),
        'README.md': crlf(indexReadme([row(1, FILE, 'Merged')], 2)),
      },
    },
  ],
  invalid: [
    {
      name: 'the row behind the file: at the row’s status, raised by the fix',
      files: folder('Design Approved', 'In Discussion'),
      errors: [
        {
          file: 'README.md',
          line: 7,
          column: 44,
          endColumn: 57,
          message: behind('In Discussion', 'Design Approved', 'Design Approved'),
          severity: 'warning',
        },
      ],
      output: { 'README.md': indexReadme([row(1, FILE, 'Design Approved')], 2) },
    },
    {
      name: 'a row at Proposal while the file went past In Discussion',
      files: folder('_Merged_', 'Proposal'),
      errors: [
        {
          file: 'README.md',
          line: 7,
          message: behind('Proposal', '_Merged_', 'Merged'),
          severity: 'warning',
        },
      ],
      output: { 'README.md': indexReadme([row(1, FILE, 'Merged')], 2) },
    },
    {
      name: 'the fix keeps the cell’s decoration',
      files: folder('In Development', '**Approved**'),
      errors: [
        {
          file: 'README.md',
          line: 7,
          message: behind('**Approved**', 'In Development', 'In Development'),
          severity: 'warning',
        },
      ],
      output: { 'README.md': indexReadme([row(1, FILE, '**In Development**')], 2) },
    },
    {
      name: 'the row ahead of the file: both ways said, no fix',
      files: folder('In Discussion', 'Merged'),
      errors: [
        {
          file: 'README.md',
          line: 7,
          message: ahead('Merged', 'In Discussion', 'Merged', 'In Discussion'),
          severity: 'warning',
        },
      ],
      output: null,
    },
    {
      name: 'an end state outside the order: a maintainer decides, no fix',
      files: folder('Withdrawn', 'In Discussion'),
      errors: [
        {
          file: 'README.md',
          line: 7,
          message: unordered('In Discussion', 'Withdrawn', 'In Discussion', 'Withdrawn'),
          severity: 'warning',
        },
      ],
      output: null,
    },
    {
      name: 'two end states',
      files: folder('Rejected', 'Merged'),
      errors: [
        {
          file: 'README.md',
          line: 7,
          message: unordered('Merged', 'Rejected', 'Merged', 'Rejected'),
          severity: 'warning',
        },
      ],
      output: null,
    },
    {
      name: 'a cell with markup inside the word is left to its author',
      files: folder('Merged', 'In *Discussion*'),
      errors: [
        {
          file: 'README.md',
          line: 7,
          message: behind('In *Discussion*', 'Merged', 'Merged'),
          severity: 'warning',
        },
      ],
      output: null,
    },
    {
      name: 'the fix keeps CRLF line endings',
      files: {
        [FILE]: crlf(proposal({ status: 'Merged' })),
        'README.md': crlf(indexReadme([row(1, FILE, 'In Development')], 2)),
      },
      errors: [
        {
          file: 'README.md',
          line: 7,
          column: 44,
          message: behind('In Development', 'Merged', 'Merged'),
          severity: 'warning',
        },
      ],
      output: { 'README.md': crlf(indexReadme([row(1, FILE, 'Merged')], 2)) },
    },
  ],
});
