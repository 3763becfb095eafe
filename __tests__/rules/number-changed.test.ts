import { runChangeRule } from '../helpers/rule-tester.js';
import { crlf, proposal } from '../helpers/rule-fixtures.js';

const tables = (number: number) => proposal({ number, title: 'System tables' });
const changed = (from: number, to: number, moved = '') =>
  `The proposal's number changed from ${from} to ${to}${moved}; a proposal keeps the number it reserved.`;

runChangeRule('number-changed', {
  valid: [
    {
      name: 'a rename that keeps the number',
      base: { 'klip-40-tables.md': tables(40) },
      head: { 'klip-40-system-tables.md': tables(40) },
      changes: [
        { status: 'renamed', path: 'klip-40-system-tables.md', previousPath: 'klip-40-tables.md' },
      ],
    },
    {
      name: 'a title whose number changed is number-mismatch’s when the file name keeps it',
      base: { 'klip-40-tables.md': tables(40) },
      head: { 'klip-40-tables.md': tables(41) },
    },
    {
      name: 'a new proposal',
      base: {},
      head: { 'klip-40-tables.md': tables(40) },
    },
    {
      name: 'an edit of the text',
      base: { 'klip-40-tables.md': tables(40) },
      head: { 'klip-40-tables.md': `${tables(40)}\nMore.\n` },
    },
    {
      name: 'CRLF line endings',
      base: { 'klip-40-tables.md': crlf(tables(40)) },
      head: { 'klip-40-tables.md': crlf(`${tables(40)}\nMore.\n`) },
    },
  ],
  invalid: [
    {
      name: 'a rename to another number: at the new title’s number',
      base: { 'klip-40-tables.md': tables(40) },
      head: { 'klip-39-tables.md': tables(39) },
      changes: [
        { status: 'renamed', path: 'klip-39-tables.md', previousPath: 'klip-40-tables.md' },
      ],
      errors: [
        {
          file: 'klip-39-tables.md',
          line: 1,
          column: 8,
          endColumn: 10,
          message: changed(40, 39, ' (klip-40-tables.md became klip-39-tables.md)'),
          severity: 'error',
        },
      ],
    },
    {
      name: 'a file named without a number, whose title changed',
      base: { 'tables.md': tables(40) },
      head: { 'tables.md': tables(39) },
      errors: [
        { file: 'tables.md', line: 1, column: 8, message: changed(40, 39), severity: 'error' },
      ],
    },
    {
      name: 'a rename whose new title has no number: at line 1',
      base: { 'klip-40-tables.md': tables(40) },
      head: { 'klip-39-tables.md': '# System tables\n\nText.\n' },
      changes: [
        { status: 'renamed', path: 'klip-39-tables.md', previousPath: 'klip-40-tables.md' },
      ],
      errors: [
        {
          file: 'klip-39-tables.md',
          line: 1,
          column: 1,
          message: changed(40, 39, ' (klip-40-tables.md became klip-39-tables.md)'),
          severity: 'error',
        },
      ],
    },
    {
      name: 'CRLF line endings',
      base: { 'tables.md': crlf(tables(40)) },
      head: { 'tables.md': crlf(tables(41)) },
      errors: [
        { file: 'tables.md', line: 1, column: 8, message: changed(40, 41), severity: 'error' },
      ],
    },
  ],
});
