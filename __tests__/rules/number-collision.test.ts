import { runChangeRule } from '../helpers/rule-tester.js';
import { crlf, indexReadme, proposal, row } from '../helpers/rule-fixtures.js';

const INDEX = indexReadme([row(1, 'klip-1-example.md', 'Merged'), row(5, null, 'Proposal')], 6);
const base = { 'README.md': INDEX, 'klip-1-example.md': proposal({ status: 'Merged' }) };
const design = { ...base, 'klip-5-joins.md': proposal({ number: 5, title: 'Joins' }) };
const intent = {
  ...base,
  'README.md': indexReadme(
    [row(1, 'klip-1-example.md', 'Merged'), row(5, null, 'Proposal'), row(6, null, 'Proposal')],
    7,
  ),
};
const other = (number: number, title: string, numbers: number[]) => ({ number, title, numbers });
const claimed = (number: number, pulls: string) =>
  `KLIP ${number} is also claimed by open pull request ${pulls}; two people must never hold one number: agree which keeps it, and reserve another for the other.`;

runChangeRule('number-collision', {
  valid: [
    {
      name: 'other pull requests claim other numbers',
      base,
      head: design,
      pullRequest: { otherPulls: [other(12, 'docs: klip-7: Other', [7])] },
    },
    { name: 'no other open pull request', base, head: design, pullRequest: { otherPulls: [] } },
    {
      name: 'a proposal that was there already',
      base: design,
      head: {
        ...design,
        'klip-5-joins.md': proposal({ number: 5, title: 'Joins', status: 'Design Approved' }),
      },
      pullRequest: { otherPulls: [other(12, 'docs: klip-5: Other', [5])] },
    },
    {
      name: 'the open pull requests could not be read',
      base,
      head: design,
      pullRequest: {
        otherPulls: [other(12, 'x', [5])],
        skipped: [{ rules: ['number-collision'], why: 'too many pulls' }],
      },
    },
    { name: 'without the GitHub API', base, head: design },
    {
      name: 'CRLF line endings',
      base: { 'README.md': crlf(INDEX) },
      head: { 'README.md': crlf(INDEX), 'klip-5-joins.md': crlf(proposal({ number: 5 })) },
      pullRequest: { otherPulls: [other(12, 'docs: klip-7: Other', [7])] },
    },
  ],
  invalid: [
    {
      name: 'a new proposal’s number, at its title’s number',
      base,
      head: design,
      pullRequest: { otherPulls: [other(12, 'docs: klip-5: Other joins', [5])] },
      errors: [
        {
          file: 'klip-5-joins.md',
          line: 1,
          column: 8,
          endColumn: 9,
          message: claimed(5, '#12 ("docs: klip-5: Other joins")'),
          severity: 'error',
        },
      ],
    },
    {
      name: 'two other pull requests',
      base,
      head: design,
      pullRequest: { otherPulls: [other(12, 'A', [5]), other(13, 'B', [4, 5])] },
      errors: [
        {
          file: 'klip-5-joins.md',
          line: 1,
          message: claimed(5, '#12 ("A"), #13 ("B")'),
          severity: 'error',
        },
      ],
    },
    {
      name: 'a new index row (an intent), at the row',
      base,
      head: intent,
      pullRequest: { otherPulls: [other(14, 'docs: intent for klip-6: Mine', [6])] },
      errors: [
        {
          file: 'README.md',
          line: 9,
          column: 1,
          message: claimed(6, '#14 ("docs: intent for klip-6: Mine")'),
          severity: 'error',
        },
      ],
    },
    {
      name: 'CRLF line endings',
      base: { 'README.md': crlf(INDEX) },
      head: { 'README.md': crlf(INDEX), 'klip-5-joins.md': crlf(proposal({ number: 5 })) },
      pullRequest: { otherPulls: [other(12, 'X', [5])] },
      errors: [
        {
          file: 'klip-5-joins.md',
          line: 1,
          column: 8,
          message: claimed(5, '#12 ("X")'),
          severity: 'error',
        },
      ],
    },
  ],
});
