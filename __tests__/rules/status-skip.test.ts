import { buildVocabulary } from '../../src/config/config.js';
import { runChangeRule } from '../helpers/rule-tester.js';
import { crlf, proposal } from '../helpers/rule-fixtures.js';

const FILE = 'klip-1-example.md';
const move = (from: string, to: string) => ({
  base: { [FILE]: proposal({ status: from }) },
  head: { [FILE]: proposal({ status: to }) },
});
const skipping = (from: string, to: string, skipped: string) =>
  `The status moved from "${from}" to "${to}", skipping ${skipped}.`;

runChangeRule('status-skip', {
  valid: [
    { name: 'one step forward', ...move('Design Approved', 'In Development') },
    { name: 'backwards is status-transition’s', ...move('Merged', 'In Discussion') },
    { name: 'to an end state outside the order', ...move('In Discussion', 'Rejected') },
    { name: 'the same status, re-spelt', ...move('Discussion', 'In Discussion') },
    {
      name: 'a skip the configured transitions allow',
      vocabulary: buildVocabulary({ transitions: { 'In Discussion': ['Merged'] } }),
      ...move('In Discussion', 'Merged'),
    },
    { name: 'a new proposal', base: {}, head: { [FILE]: proposal({ status: 'Merged' }) } },
    {
      name: 'CRLF line endings',
      base: { [FILE]: crlf(proposal()) },
      head: { [FILE]: crlf(proposal({ status: 'Approved' })) },
    },
  ],
  invalid: [
    {
      name: 'In Discussion to Merged: a warning naming both skipped steps',
      ...move('In Discussion', 'Merged'),
      errors: [
        {
          line: 5,
          column: 13,
          endColumn: 19,
          message: skipping('In Discussion', 'Merged', '"Design Approved" and "In Development"'),
          severity: 'warning',
        },
      ],
    },
    {
      name: 'one step skipped, aliases named canonically',
      ...move('_Discussion_', 'In development'),
      errors: [
        {
          line: 5,
          message: skipping('In Discussion', 'In Development', '"Design Approved"'),
          severity: 'warning',
        },
      ],
    },
    {
      name: 'a configured order',
      vocabulary: buildVocabulary({
        order: ['In Discussion', 'Design Approved', 'Parked', 'Merged'],
      }),
      ...move('Design Approved', 'Merged'),
      errors: [
        {
          line: 5,
          message: skipping('Design Approved', 'Merged', '"Parked"'),
          severity: 'warning',
        },
      ],
    },
    {
      name: 'CRLF line endings',
      base: { [FILE]: crlf(proposal()) },
      head: { [FILE]: crlf(proposal({ status: 'In Development' })) },
      errors: [
        {
          line: 5,
          column: 13,
          message: skipping('In Discussion', 'In Development', '"Design Approved"'),
          severity: 'warning',
        },
      ],
    },
  ],
});
