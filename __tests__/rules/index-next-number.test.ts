import { runLintRule } from '../helpers/rule-tester.js';
import { crlf, indexReadme, row } from '../helpers/rule-fixtures.js';

const ROWS = [row(1, null, 'Merged'), row(2, null, 'Proposal'), row(4, null, 'Proposal')];
const behind = (next: number, highest: number) =>
  `"Next KLIP number" is ${next}, but ${highest} is already reserved; it should be ${highest + 1}.`;

runLintRule('index-next-number', {
  valid: [
    { name: 'above every reserved number', files: { 'README.md': indexReadme(ROWS, 5) } },
    { name: 'well above is fine', files: { 'README.md': indexReadme(ROWS, 9) } },
    { name: 'no index', files: { 'klip-1-a.md': '# KLIP 1 - A\n' } },
    { name: 'an index without a table', files: { 'README.md': 'Next KLIP number: **1**\n' } },
    {
      name: 'another wording of the line',
      files: {
        'README.md': indexReadme(ROWS, 5).replace(
          'Next KLIP number: **5**',
          'Next KLIP number = 5',
        ),
      },
    },
    { name: 'CRLF line endings', files: { 'README.md': crlf(indexReadme(ROWS, 5)) } },
  ],
  invalid: [
    {
      name: 'below the highest row: at the number, fixed',
      files: { 'README.md': indexReadme(ROWS, 3) },
      errors: [
        {
          file: 'README.md',
          line: 3,
          column: 21,
          endColumn: 22,
          message: behind(3, 4),
          severity: 'error',
        },
      ],
      output: { 'README.md': indexReadme(ROWS, 5) },
    },
    {
      name: 'equal to the highest row',
      files: { 'README.md': indexReadme(ROWS, 4) },
      errors: [{ file: 'README.md', line: 3, message: behind(4, 4), severity: 'error' }],
      output: { 'README.md': indexReadme(ROWS, 5) },
    },
    {
      name: 'a file with a number above every row',
      files: { 'README.md': indexReadme(ROWS, 5), 'klip-12-late.md': '# KLIP 12 - Late\n' },
      errors: [{ file: 'README.md', line: 3, message: behind(5, 12), severity: 'error' }],
      output: { 'README.md': indexReadme(ROWS, 13) },
    },
    {
      name: 'more digits than before',
      files: { 'README.md': indexReadme([row(99, null, 'Proposal')], 9) },
      errors: [
        {
          file: 'README.md',
          line: 3,
          column: 21,
          endColumn: 22,
          message: behind(9, 99),
          severity: 'error',
        },
      ],
      output: { 'README.md': indexReadme([row(99, null, 'Proposal')], 100) },
    },
    {
      name: 'no "Next KLIP number" line: at line 1, not fixed',
      files: { 'README.md': indexReadme(ROWS, null) },
      errors: [
        {
          file: 'README.md',
          line: 1,
          column: 1,
          message: 'The index has no "Next KLIP number: **N**" line; add one with 5.',
          severity: 'error',
        },
      ],
      output: null,
    },
    {
      name: 'the fix keeps CRLF line endings',
      files: { 'README.md': crlf(indexReadme(ROWS, 2)) },
      errors: [{ file: 'README.md', line: 3, message: behind(2, 4), severity: 'error' }],
      output: { 'README.md': crlf(indexReadme(ROWS, 5)) },
    },
  ],
});
