import { runChangeRule } from '../helpers/rule-tester.js';
import { crlf, indexReadme, proposal, row } from '../helpers/rule-fixtures.js';

const INDEX = indexReadme(
  [row(1, 'klip-1-a.md', 'Merged'), row(2, null, 'Proposal'), row(5, null, 'Proposal')],
  6,
);
const base = { 'README.md': INDEX, 'klip-1-a.md': proposal({ number: 1, title: 'A' }) };
const adding = (number: number, files: Record<string, string> = base) => ({
  base: files,
  head: { ...files, [`klip-${number}-new.md`]: proposal({ number, title: 'New' }) },
  filename: `klip-${number}-new.md`,
});
const unreserved = (number: number, state: string, raise: number, take = '') =>
  `KLIP ${number} was not reserved at the base: ${state}. Reserve it with an intent PR (an index row for KLIP ${number} at "Proposal" and "Next KLIP number" raised to ${raise})${take}.`;

runChangeRule('number-unreserved', {
  valid: [
    { name: 'a number with a row at the base', ...adding(2) },
    { name: 'the next number itself', ...adding(6) },
    { name: 'a number below the next one', ...adding(3) },
    {
      name: 'no index at the base',
      base: { 'klip-1-a.md': proposal({ number: 1 }) },
      head: { 'klip-1-a.md': proposal({ number: 1 }), 'klip-9-new.md': proposal({ number: 9 }) },
    },
    {
      name: 'a proposal that was there already',
      base: { ...base, 'klip-9-old.md': proposal({ number: 9 }) },
      head: { ...base, 'klip-9-old.md': proposal({ number: 9, status: 'Design Approved' }) },
    },
    { name: 'CRLF line endings', ...adding(2, { 'README.md': crlf(INDEX) }) },
  ],
  invalid: [
    {
      name: 'a number above the next one: reserve it, or take the next',
      ...adding(9),
      errors: [
        {
          file: 'klip-9-new.md',
          line: 1,
          column: 8,
          endColumn: 9,
          message: unreserved(
            9,
            'the index has no row for it and the next number was 6',
            10,
            ', or take the next number, 6',
          ),
          severity: 'warning',
        },
      ],
    },
    {
      name: 'a row added by the same change does not reserve it',
      base,
      head: {
        'README.md': indexReadme(
          [
            row(1, 'klip-1-a.md', 'Merged'),
            row(2, null, 'Proposal'),
            row(5, null, 'Proposal'),
            row(9, 'klip-9-new.md', 'In Discussion'),
          ],
          10,
        ),
        'klip-1-a.md': proposal({ number: 1, title: 'A' }),
        'klip-9-new.md': proposal({ number: 9, title: 'New' }),
      },
      filename: 'klip-9-new.md',
      errors: [
        {
          line: 1,
          message: unreserved(
            9,
            'the index has no row for it and the next number was 6',
            10,
            ', or take the next number, 6',
          ),
          severity: 'warning',
        },
      ],
    },
    {
      name: 'an index without a next number',
      ...adding(9, { 'README.md': indexReadme([row(1, null, 'Merged')], null) }),
      errors: [
        {
          line: 1,
          message: unreserved(9, 'the index has no row for it and no "Next KLIP number"', 10),
          severity: 'warning',
        },
      ],
    },
    {
      name: 'an index that reserves nothing yet',
      ...adding(3, { 'README.md': indexReadme([], 1) }),
      errors: [
        {
          line: 1,
          message: unreserved(
            3,
            'the index reserves no number yet (no rows, "Next KLIP number" is 1)',
            4,
            ', or take the next number, 1',
          ),
          severity: 'warning',
        },
      ],
    },
    {
      name: 'a file without a title: at line 1',
      base,
      head: { ...base, 'klip-9-new.md': 'Text.\n' },
      filename: 'klip-9-new.md',
      errors: [
        {
          line: 1,
          column: 1,
          message: unreserved(
            9,
            'the index has no row for it and the next number was 6',
            10,
            ', or take the next number, 6',
          ),
          severity: 'warning',
        },
      ],
    },
    {
      name: 'CRLF line endings',
      ...adding(9, { 'README.md': crlf(INDEX) }),
      errors: [
        {
          line: 1,
          column: 8,
          message: unreserved(
            9,
            'the index has no row for it and the next number was 6',
            10,
            ', or take the next number, 6',
          ),
          severity: 'warning',
        },
      ],
    },
  ],
});
