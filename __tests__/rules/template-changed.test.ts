import { runChangeRule } from '../helpers/rule-tester.js';
import { crlf, proposal, TEMPLATE } from '../helpers/rule-fixtures.js';

const NOTICE =
  "This change edits the template; this run checks with the base's template, and the new one applies after merge.";

runChangeRule('template-changed', {
  valid: [
    {
      name: 'a change to a proposal only',
      base: { 'klip-1-example.md': proposal() },
      head: { 'klip-1-example.md': proposal({ status: 'Design Approved' }) },
    },
    {
      name: 'a template elsewhere in the repository',
      base: { '/docs/klip-template.md': TEMPLATE },
      head: { '/docs/klip-template.md': `${TEMPLATE}\n## Rollout\n\n_How it ships._\n` },
    },
    {
      name: 'CRLF line endings, the template unchanged',
      base: { 'klip-template.md': crlf(TEMPLATE), 'klip-1-example.md': crlf(proposal()) },
      head: {
        'klip-template.md': crlf(TEMPLATE),
        'klip-1-example.md': crlf(proposal({ status: 'Merged' })),
      },
    },
  ],
  invalid: [
    {
      name: 'the template edited: a notice at its first line',
      base: { 'klip-template.md': TEMPLATE },
      head: { 'klip-template.md': `${TEMPLATE}\n## Rollout\n\n_How it ships._\n` },
      errors: [
        { file: 'klip-template.md', line: 1, column: 1, message: NOTICE, severity: 'notice' },
      ],
    },
    {
      name: 'the template added',
      base: {},
      head: { 'klip-template.md': TEMPLATE },
      errors: [{ file: 'klip-template.md', line: 1, message: NOTICE, severity: 'notice' }],
    },
    {
      name: 'the template deleted',
      base: { 'klip-template.md': TEMPLATE },
      head: {},
      errors: [{ file: 'klip-template.md', line: 1, message: NOTICE, severity: 'notice' }],
    },
    {
      name: 'the template renamed away',
      base: { 'klip-template.md': TEMPLATE },
      head: { 'old-template.md': TEMPLATE },
      changes: [{ status: 'renamed', path: 'old-template.md', previousPath: 'klip-template.md' }],
      errors: [{ file: 'klip-template.md', line: 1, message: NOTICE, severity: 'notice' }],
    },
    {
      name: 'a file renamed to the template',
      base: { 'new-template.md': TEMPLATE },
      head: { 'klip-template.md': TEMPLATE },
      changes: [{ status: 'renamed', path: 'klip-template.md', previousPath: 'new-template.md' }],
      errors: [{ file: 'klip-template.md', line: 1, message: NOTICE, severity: 'notice' }],
    },
    {
      name: 'CRLF line endings',
      base: { 'klip-template.md': crlf(TEMPLATE) },
      head: { 'klip-template.md': crlf(`${TEMPLATE}\nMore guidance.\n`) },
      errors: [{ file: 'klip-template.md', line: 1, message: NOTICE, severity: 'notice' }],
    },
  ],
});
