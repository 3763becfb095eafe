import { runLintRule } from '../helpers/rule-tester.js';
import { crlf } from '../helpers/rule-fixtures.js';

const titled = (number: number, title = 'Example') => `# KLIP ${number} - ${title}\n\nText.\n`;
const form = (name: string, suggestion: string) =>
  `The file name "${name}" is not "klip-<n>-<slug>.md" (lowercase words joined by "-"); rename it to "${suggestion}" (git mv) and update the index row's link to it.`;
const noNumber = (name: string, suggestion: string) =>
  `The file name "${name}" has no KLIP number; rename it to "${suggestion}" (git mv) and update the index row's link to it.`;

runLintRule('filename-format', {
  valid: [
    { name: 'klip-<n>-<slug>.md', code: titled(1) },
    { name: 'digits in the slug', filename: 'klip-12-pull-ha-v2.md', code: titled(12) },
    { name: 'a large number', filename: 'klip-1024-x.md', code: titled(1024) },
    { name: 'CRLF line endings', filename: 'klip-3-three.md', code: crlf(titled(3)) },
  ],
  invalid: [
    {
      name: 'capitals: a warning, at the title',
      filename: 'klip-11-DQL.md',
      code: titled(11, 'DQL'),
      errors: [
        {
          file: 'klip-11-DQL.md',
          line: 1,
          column: 1,
          message: form('klip-11-DQL.md', 'klip-11-dql.md'),
          severity: 'warning',
        },
      ],
    },
    {
      name: 'underscores',
      filename: 'klip-20_remove_terminate.md',
      code: titled(20),
      errors: [
        {
          file: 'klip-20_remove_terminate.md',
          line: 1,
          message: form('klip-20_remove_terminate.md', 'klip-20-remove-terminate.md'),
          severity: 'warning',
        },
      ],
    },
    {
      name: 'spaces and dots',
      filename: 'klip-51-ksqldb .NET LINQ provider.md',
      code: titled(51),
      errors: [
        {
          file: 'klip-51-ksqldb .NET LINQ provider.md',
          line: 1,
          message: form(
            'klip-51-ksqldb .NET LINQ provider.md',
            'klip-51-ksqldb-net-linq-provider.md',
          ),
          severity: 'warning',
        },
      ],
    },
    {
      name: 'Klip_7 with spaces',
      filename: 'Klip_7 Join Hints.md',
      code: titled(7),
      errors: [
        {
          file: 'Klip_7 Join Hints.md',
          line: 1,
          message: form('Klip_7 Join Hints.md', 'klip-7-join-hints.md'),
          severity: 'warning',
        },
      ],
    },
    {
      name: 'a leading zero',
      filename: 'klip-007-agent.md',
      code: titled(7),
      errors: [
        {
          file: 'klip-007-agent.md',
          line: 1,
          message: form('klip-007-agent.md', 'klip-7-agent.md'),
          severity: 'warning',
        },
      ],
    },
    {
      name: 'no slug: the title gives one',
      filename: 'klip-3.md',
      code: titled(3, 'Pull Queries'),
      errors: [
        {
          file: 'klip-3.md',
          line: 1,
          message: form('klip-3.md', 'klip-3-pull-queries.md'),
          severity: 'warning',
        },
      ],
    },
    {
      name: 'an upper-case extension',
      filename: 'klip-1-example.MD',
      code: titled(1),
      errors: [
        {
          file: 'klip-1-example.MD',
          line: 1,
          message: form('klip-1-example.MD', 'klip-1-example.md'),
          severity: 'warning',
        },
      ],
    },
    {
      name: 'no number: an error, with the title’s number',
      filename: 'my-proposal.md',
      code: titled(64, 'My proposal'),
      errors: [
        {
          file: 'my-proposal.md',
          line: 1,
          message: noNumber('my-proposal.md', 'klip-64-my-proposal.md'),
          severity: 'error',
        },
      ],
    },
    {
      name: 'no number anywhere',
      filename: 'notes.md',
      code: 'Some notes.\n',
      errors: [
        {
          file: 'notes.md',
          line: 1,
          message: noNumber('notes.md', 'klip-<n>-notes.md'),
          severity: 'error',
        },
      ],
    },
  ],
});
