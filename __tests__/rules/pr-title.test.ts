import { runChangeRule } from '../helpers/rule-tester.js';
import { crlf, indexReadme, proposal, row } from '../helpers/rule-fixtures.js';

const rows = [row(1, 'klip-1-example.md', 'Merged'), row(5, null, 'Proposal')];
const base = {
  'README.md': indexReadme(rows, 6),
  'klip-1-example.md': proposal({ status: 'Merged' }),
};
const design = { ...base, 'klip-5-joins.md': proposal({ number: 5, title: 'Window joins' }) };
const intent = { ...base, 'README.md': indexReadme([...rows, row(6, null, 'Proposal')], 7) };
const DESIGN = 'A PR that adds a proposal is titled "docs: klip-<n>: <title>"';
const INTENT = 'A PR that reserves a number is titled "docs: intent for klip-<n>: <title>"';

runChangeRule('pr-title', {
  valid: [
    {
      name: 'a design PR',
      base,
      head: design,
      pullRequest: { title: 'docs: klip-5: Window joins' },
    },
    {
      name: 'a design PR, any title after the number',
      base,
      head: design,
      pullRequest: { title: '  docs: klip-5: joins  ' },
    },
    {
      name: 'an intent PR',
      base,
      head: intent,
      pullRequest: { title: 'docs: intent for klip-6: Example 6' },
    },
    {
      name: 'a status update is not checked',
      base,
      head: { ...base, 'klip-1-example.md': proposal({ status: 'Rejected' }) },
      pullRequest: { title: 'Withdraw KLIP 1' },
    },
    {
      name: 'an index change that adds no row',
      base,
      head: {
        ...base,
        'README.md': indexReadme(
          [row(1, 'klip-1-example.md', 'Merged'), row(5, null, 'Proposal')],
          7,
        ),
      },
      pullRequest: { title: 'Fix the next number' },
    },
    { name: 'without the GitHub API', base, head: design },
    {
      name: 'CRLF line endings',
      base: { 'README.md': crlf(indexReadme(rows, 6)) },
      head: {
        'README.md': crlf(indexReadme(rows, 6)),
        'klip-5-joins.md': crlf(proposal({ number: 5, title: 'Window joins' })),
      },
      pullRequest: { title: 'docs: klip-5: Window joins' },
    },
  ],
  invalid: [
    {
      name: 'a design PR with a free title, at the proposal’s title',
      base,
      head: design,
      pullRequest: { title: 'Add window joins KLIP' },
      errors: [
        {
          file: 'klip-5-joins.md',
          line: 1,
          column: 1,
          message: `${DESIGN}; title it "docs: klip-5: Window joins" (it is "Add window joins KLIP").`,
          severity: 'warning',
        },
      ],
    },
    {
      name: 'a design PR titled with another number',
      base,
      head: design,
      pullRequest: { title: 'docs: klip-6: Window joins' },
      errors: [
        {
          file: 'klip-5-joins.md',
          line: 1,
          message:
            'The PR title names klip-6, but the PR adds KLIP 5; title it "docs: klip-5: Window joins".',
          severity: 'warning',
        },
      ],
    },
    {
      name: 'a design PR titled as an intent',
      base,
      head: design,
      pullRequest: { title: 'docs: intent for klip-5: Window joins' },
      errors: [
        {
          file: 'klip-5-joins.md',
          line: 1,
          message: `${DESIGN}; title it "docs: klip-5: Window joins" (it is "docs: intent for klip-5: Window joins").`,
          severity: 'warning',
        },
      ],
    },
    {
      name: 'an intent PR with a free title, at the new row',
      base,
      head: intent,
      pullRequest: { title: 'Reserve a number' },
      errors: [
        {
          file: 'README.md',
          line: 9,
          column: 1,
          message: `${INTENT}; title it "docs: intent for klip-6: Example 6" (it is "Reserve a number").`,
          severity: 'warning',
        },
      ],
    },
    {
      name: 'an intent PR titled with another number',
      base,
      head: intent,
      pullRequest: { title: 'docs: intent for klip-7: Example 6' },
      errors: [
        {
          file: 'README.md',
          line: 9,
          message:
            'The PR title names klip-7, but the PR reserves KLIP 6; title it "docs: intent for klip-6: Example 6".',
          severity: 'warning',
        },
      ],
    },
    {
      name: 'CRLF line endings',
      base: { 'README.md': crlf(indexReadme(rows, 6)) },
      head: {
        'README.md': crlf(indexReadme(rows, 6)),
        'klip-5-joins.md': crlf(proposal({ number: 5, title: 'Window joins' })),
      },
      pullRequest: { title: 'joins' },
      errors: [
        {
          file: 'klip-5-joins.md',
          line: 1,
          message: `${DESIGN}; title it "docs: klip-5: Window joins" (it is "joins").`,
          severity: 'warning',
        },
      ],
    },
  ],
});
