import { buildVocabulary } from '../../src/config/config.js';
import { runChangeRule } from '../helpers/rule-tester.js';
import { crlf, proposal } from '../helpers/rule-fixtures.js';

const FILE = 'klip-1-example.md';
const move = (from: string, to: string) => ({
  base: { [FILE]: proposal({ status: from }) },
  head: { [FILE]: proposal({ status: to }) },
});
const fromEnd = (from: string, to: string) =>
  `The status moved from "${from}" to "${to}", out of an end state; "${from}" is final: write a new proposal instead.`;
const backwards = (from: string, to: string) =>
  `The status moved backwards, from "${from}" to "${to}"; statuses only move forward.`;

runChangeRule('status-transition', {
  valid: [
    { name: 'one step forward', ...move('In Discussion', 'Design Approved') },
    { name: 'a skip forward is status-skip’s', ...move('In Discussion', 'Merged') },
    { name: 'to an end state outside the order', ...move('Design Approved', 'Withdrawn') },
    { name: 'an alias of the same status', ...move('Approved', '_Design Approved_') },
    { name: 'from or to an unreadable status', ...move('Merged', 'Done') },
    { name: 'from a placeholder', ...move('TBD', 'In Discussion') },
    {
      name: 'a move the configured transitions allow',
      vocabulary: buildVocabulary({ transitions: { Merged: ['In Development'] } }),
      ...move('Merged', 'In Development'),
    },
    { name: 'a new proposal', base: {}, head: { [FILE]: proposal({ status: 'Merged' }) } },
    {
      name: 'CRLF line endings',
      base: { [FILE]: crlf(proposal()) },
      head: { [FILE]: crlf(proposal({ status: 'Design Approved' })) },
    },
  ],
  invalid: [
    {
      name: 'out of Merged, at the head’s status',
      ...move('Merged', 'In Discussion'),
      errors: [
        {
          line: 5,
          column: 13,
          endColumn: 26,
          message: fromEnd('Merged', 'In Discussion'),
          severity: 'error',
        },
      ],
    },
    {
      name: 'from Merged to another end state',
      ...move('Merged', 'Withdrawn'),
      errors: [{ line: 5, message: fromEnd('Merged', 'Withdrawn'), severity: 'error' }],
    },
    {
      name: 'out of Rejected',
      ...move('_Rejected_', 'In Discussion'),
      errors: [{ line: 5, message: fromEnd('Rejected', 'In Discussion'), severity: 'error' }],
    },
    {
      name: 'one step back, statuses named canonically',
      ...move('In development', 'Accepted'),
      errors: [
        { line: 5, message: backwards('In Development', 'Design Approved'), severity: 'error' },
      ],
    },
    {
      name: 'back in a renamed file',
      base: { 'klip-1-old.md': proposal({ status: 'Design Approved' }) },
      head: { 'klip-1-new.md': proposal({ status: 'In Discussion' }) },
      changes: [{ status: 'renamed', path: 'klip-1-new.md', previousPath: 'klip-1-old.md' }],
      errors: [
        {
          file: 'klip-1-new.md',
          line: 5,
          message: backwards('Design Approved', 'In Discussion'),
          severity: 'error',
        },
      ],
    },
    {
      name: 'a configured order',
      vocabulary: buildVocabulary({
        order: ['In Discussion', 'Design Approved', 'Parked', 'Merged'],
      }),
      ...move('Parked', 'Design Approved'),
      errors: [{ line: 5, message: backwards('Parked', 'Design Approved'), severity: 'error' }],
    },
    {
      name: 'CRLF line endings',
      base: { [FILE]: crlf(proposal({ status: 'Merged' })) },
      head: { [FILE]: crlf(proposal({ status: 'In Discussion' })) },
      errors: [
        { line: 5, column: 13, message: fromEnd('Merged', 'In Discussion'), severity: 'error' },
      ],
    },
  ],
});
