import { runLintRule } from '../helpers/rule-tester.js';
import { crlf, indexReadme, proposal, row } from '../helpers/rule-fixtures.js';

const noRow = (number: number, name: string) =>
  `KLIP ${number} has no row in the index (design-proposals/README.md); add one that links to ${name}.`;
const ROWS = [
  row(1, 'klip-1-a.md', 'Merged'),
  row(2, 'klip-2-b.md', 'In Discussion'),
  row(4, null, 'Proposal'),
];
const A = proposal({ number: 1, title: 'A', status: 'Merged' });
const B = proposal({ number: 2, title: 'B' });

runLintRule('index-missing', {
  valid: [
    {
      name: 'every proposal has a row',
      files: { 'klip-1-a.md': A, 'klip-2-b.md': B, 'README.md': indexReadme(ROWS, 5) },
    },
    {
      name: 'a row without a link still reserves the number (index-link’s)',
      files: { 'klip-4-d.md': proposal({ number: 4 }), 'README.md': indexReadme(ROWS, 5) },
    },
    { name: 'no index', files: { 'klip-1-a.md': A } },
    {
      name: 'an index without a table',
      files: { 'klip-1-a.md': A, 'README.md': '# KLIPs\n\nNext KLIP number: **2**\n' },
    },
    {
      name: 'a file without a number',
      files: { 'notes.md': 'Notes.\n', 'README.md': indexReadme(ROWS, 5) },
    },
    {
      name: 'CRLF line endings',
      files: { 'klip-1-a.md': crlf(A), 'README.md': crlf(indexReadme(ROWS, 5)) },
    },
  ],
  invalid: [
    {
      name: 'a row added in number order, with the file’s title and status',
      files: {
        'klip-3-c.md': proposal({ number: 3, title: 'C', status: '_Approved_' }),
        'README.md': indexReadme(ROWS, 5),
      },
      errors: [
        {
          file: 'klip-3-c.md',
          line: 1,
          column: 8,
          endColumn: 9,
          message: noRow(3, 'klip-3-c.md'),
          severity: 'warning',
        },
      ],
      output: {
        'README.md': indexReadme(
          [
            ROWS[0] as string,
            ROWS[1] as string,
            '| [KLIP-3: C](klip-3-c.md) | Design Approved | | | |',
            ROWS[2] as string,
          ],
          5,
        ),
      },
    },
    {
      name: 'a number below every row goes first',
      files: {
        'klip-1-a.md': A,
        'README.md': indexReadme([row(2, null, 'Proposal')], 3),
      },
      errors: [
        { file: 'klip-1-a.md', line: 1, message: noRow(1, 'klip-1-a.md'), severity: 'warning' },
      ],
      output: {
        'README.md': indexReadme(
          ['| [KLIP-1: A](klip-1-a.md) | Merged | | | |', row(2, null, 'Proposal')],
          3,
        ),
      },
    },
    {
      name: 'a number above every row goes last; an unreadable status is left blank',
      files: {
        'klip-9-i.md': proposal({ number: 9, title: 'I', status: 'Done' }),
        'README.md': indexReadme(ROWS, 5),
      },
      errors: [
        { file: 'klip-9-i.md', line: 1, message: noRow(9, 'klip-9-i.md'), severity: 'warning' },
      ],
      output: {
        'README.md': indexReadme([...ROWS, '| [KLIP-9: I](klip-9-i.md) | | | | |'], 5),
      },
    },
    {
      name: 'a name with spaces and a title with a bar are escaped',
      files: {
        'klip-51-ksqldb .NET provider.md': proposal({ number: 51, title: 'LINQ | .NET' }),
        'README.md': indexReadme([row(50, null, 'Proposal')], 52),
      },
      errors: [
        {
          file: 'klip-51-ksqldb .NET provider.md',
          line: 1,
          message: noRow(51, 'klip-51-ksqldb .NET provider.md'),
          severity: 'warning',
        },
      ],
      output: {
        'README.md': indexReadme(
          [
            row(50, null, 'Proposal'),
            '| [KLIP-51: LINQ \\| .NET](klip-51-ksqldb%20.NET%20provider.md) | In Discussion | | | |',
          ],
          52,
        ),
      },
    },
    {
      name: 'a file without a title: at line 1, named by its file',
      files: { 'klip-3-c.md': 'Text only.\n', 'README.md': indexReadme(ROWS, 5) },
      errors: [
        {
          file: 'klip-3-c.md',
          line: 1,
          column: 1,
          message: noRow(3, 'klip-3-c.md'),
          severity: 'warning',
        },
      ],
      output: {
        'README.md': indexReadme(
          [
            ROWS[0] as string,
            ROWS[1] as string,
            '| [KLIP-3: klip-3-c.md](klip-3-c.md) | | | | |',
            ROWS[2] as string,
          ],
          5,
        ),
      },
    },
    {
      name: 'a table with no rows: reported, no place for a fix',
      files: { 'klip-1-a.md': A, 'README.md': indexReadme([], 2) },
      errors: [
        { file: 'klip-1-a.md', line: 1, message: noRow(1, 'klip-1-a.md'), severity: 'warning' },
      ],
      output: null,
    },
    {
      name: 'two proposals: both rows added',
      files: {
        'klip-5-e.md': proposal({ number: 5, title: 'E' }),
        'klip-3-c.md': proposal({ number: 3, title: 'C' }),
        'README.md': indexReadme(ROWS, 6),
      },
      errors: [
        { file: 'klip-3-c.md', line: 1, message: noRow(3, 'klip-3-c.md'), severity: 'warning' },
        { file: 'klip-5-e.md', line: 1, message: noRow(5, 'klip-5-e.md'), severity: 'warning' },
      ],
      output: {
        'README.md': indexReadme(
          [
            ROWS[0] as string,
            ROWS[1] as string,
            '| [KLIP-3: C](klip-3-c.md) | In Discussion | | | |',
            ROWS[2] as string,
            '| [KLIP-5: E](klip-5-e.md) | In Discussion | | | |',
          ],
          6,
        ),
      },
    },
    {
      name: 'the fix keeps the index’s CRLF line endings',
      files: {
        'klip-3-c.md': proposal({ number: 3, title: 'C' }),
        'README.md': crlf(indexReadme(ROWS, 5)),
      },
      errors: [
        { file: 'klip-3-c.md', line: 1, message: noRow(3, 'klip-3-c.md'), severity: 'warning' },
      ],
      output: {
        'README.md': crlf(
          indexReadme(
            [
              ROWS[0] as string,
              ROWS[1] as string,
              '| [KLIP-3: C](klip-3-c.md) | In Discussion | | | |',
              ROWS[2] as string,
            ],
            5,
          ),
        ),
      },
    },
  ],
});
