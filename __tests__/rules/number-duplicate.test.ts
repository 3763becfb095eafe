import { runLintRule } from '../helpers/rule-tester.js';
import { crlf, indexReadme, row } from '../helpers/rule-fixtures.js';

const titled = (number: number, title: string) => `# KLIP ${number} - ${title}\n\nText.\n`;
const claimed = (number: number, others: string) =>
  `KLIP ${number} is also claimed by ${others}; one of them needs a newly reserved number.`;

runLintRule('number-duplicate', {
  valid: [
    {
      name: 'one file per number, one row per number',
      files: {
        'klip-39-prepared-statements.md': titled(39, 'Prepared statements'),
        'klip-40-system-tables.md': titled(40, 'System tables'),
        'README.md': indexReadme(
          [
            row(39, 'klip-39-prepared-statements.md', 'In Discussion'),
            row(40, 'klip-40-system-tables.md', 'Merged'),
          ],
          41,
        ),
      },
    },
    {
      name: 'rows without a number (the template’s) may repeat',
      files: {
        'README.md': indexReadme(
          [
            '| [Template](klip-template.md) | - | | | |',
            '| [Template](klip-template.md) | - | | | |',
          ],
          1,
        ),
      },
    },
    {
      name: 'files without any number',
      files: { 'notes.md': 'Notes.\n', 'ideas.md': 'Ideas.\n' },
    },
    {
      name: 'CRLF line endings',
      files: {
        'klip-1-a.md': crlf(titled(1, 'A')),
        'README.md': crlf(indexReadme([row(1, 'klip-1-a.md', 'Merged')], 2)),
      },
    },
  ],
  invalid: [
    {
      name: 'two files with one number: each is told, at the title’s number',
      files: {
        'klip-40-prepared-statements.md': titled(40, 'Prepared statements'),
        'klip-40-system-tables.md': titled(40, 'System tables'),
      },
      errors: [
        {
          file: 'klip-40-prepared-statements.md',
          line: 1,
          column: 8,
          endColumn: 10,
          message: claimed(40, 'klip-40-system-tables.md'),
          severity: 'error',
        },
        {
          file: 'klip-40-system-tables.md',
          line: 1,
          column: 8,
          message: claimed(40, 'klip-40-prepared-statements.md'),
          severity: 'error',
        },
      ],
    },
    {
      name: 'three files, and one whose number is in its title only',
      files: {
        'klip-5-a.md': titled(5, 'A'),
        'klip-5-b.md': 'No title here.\n',
        'proposal.md': titled(5, 'C'),
      },
      errors: [
        {
          file: 'klip-5-a.md',
          line: 1,
          message: claimed(5, 'klip-5-b.md, proposal.md'),
          severity: 'error',
        },
        {
          file: 'klip-5-b.md',
          line: 1,
          column: 1,
          message: claimed(5, 'klip-5-a.md, proposal.md'),
          severity: 'error',
        },
        {
          file: 'proposal.md',
          line: 1,
          message: claimed(5, 'klip-5-a.md, klip-5-b.md'),
          severity: 'error',
        },
      ],
    },
    {
      name: 'a second index row for a number',
      files: {
        'README.md': indexReadme(
          [row(1, null, 'Proposal'), row(2, null, 'Proposal'), row(1, null, 'Proposal')],
          3,
        ),
      },
      errors: [
        {
          file: 'README.md',
          line: 9,
          column: 1,
          message:
            'KLIP 1 has a second index row (the first is on line 7); a number is reserved once.',
          severity: 'error',
        },
      ],
    },
    {
      name: 'CRLF line endings',
      files: {
        'klip-1-a.md': crlf(titled(1, 'A')),
        'klip-1-b.md': crlf(titled(1, 'B')),
      },
      errors: [
        {
          file: 'klip-1-a.md',
          line: 1,
          column: 8,
          message: claimed(1, 'klip-1-b.md'),
          severity: 'error',
        },
        {
          file: 'klip-1-b.md',
          line: 1,
          column: 8,
          message: claimed(1, 'klip-1-a.md'),
          severity: 'error',
        },
      ],
    },
  ],
});
