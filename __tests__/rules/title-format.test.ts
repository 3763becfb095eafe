import { runLintRule } from '../helpers/rule-tester.js';
import { crlf, proposal } from '../helpers/rule-fixtures.js';

// Only the title matters to this rule: the rest of the file is one metadata line.
const rest = '\n**Status**: In Discussion\n';
const withTitle = (title: string) => `${title}${rest}`;

runLintRule('title-format', {
  valid: [
    { name: 'the canonical title, in a whole proposal', code: proposal() },
    {
      name: 'a name with dashes and colons in it',
      code: withTitle('# KLIP 1 - Pull-query HA: v2'),
    },
    { name: 'closing hashes are not part of the title', code: withTitle('# KLIP 1 - Example ##') },
    {
      name: 'a number other than the file name is number-mismatch’s to report',
      code: withTitle('# KLIP 7 - Example'),
    },
    {
      name: 'a byte-order mark before the title',
      code: `\uFEFF${withTitle('# KLIP 1 - Example')}`,
    },
    { name: 'CRLF line endings', code: crlf(withTitle('# KLIP 1 - Example')) },
    {
      name: 'a suppression comment on the line before',
      code: withTitle('<!-- klip-lint-disable-next-line title-format -->\n# KLIP-1: Example'),
    },
  ],
  invalid: [
    {
      name: 'no number: an error, fixed with the number from the file name',
      code: withTitle('# Query Execution Plans'),
      errors: [
        {
          line: 1,
          column: 1,
          message:
            'The title "Query Execution Plans" has no KLIP number; write "# KLIP 1 - Query Execution Plans".',
          severity: 'error',
        },
      ],
      output: withTitle('# KLIP 1 - Query Execution Plans'),
    },
    {
      name: 'no number and none in the file name: no fix',
      filename: 'query-plans.md',
      code: withTitle('# Query Execution Plans'),
      errors: [
        {
          line: 1,
          message:
            'The title "Query Execution Plans" has no KLIP number; write "# KLIP <n> - Query Execution Plans".',
          severity: 'error',
        },
      ],
      output: null,
    },
    {
      name: 'no number in a setext heading: reported, not rewritten',
      code: withTitle('Query Execution Plans\n====================='),
      errors: [
        {
          line: 1,
          message:
            'The title "Query Execution Plans" has no KLIP number; write "# KLIP 1 - Query Execution Plans".',
          severity: 'error',
        },
      ],
      output: null,
    },
    {
      name: 'no heading at all: an error on line 1',
      code: '**Author**: Ann |\n**Status**: In Discussion\n',
      errors: [
        {
          line: 1,
          column: 1,
          message: 'No title: a proposal starts with a level-1 heading "# KLIP 1 - <title>".',
          severity: 'error',
        },
      ],
      output: null,
    },
    {
      name: 'a first heading that is a template section is no title',
      code: '## Motivation and background\n\nWhy.\n',
      errors: [
        {
          line: 1,
          message: 'No title: a proposal starts with a level-1 heading "# KLIP 1 - <title>".',
          severity: 'error',
        },
      ],
      output: null,
    },
    {
      name: 'an empty file',
      code: '',
      errors: [
        {
          line: 1,
          message: 'No title: a proposal starts with a level-1 heading "# KLIP 1 - <title>".',
          severity: 'error',
        },
      ],
      output: null,
    },
    {
      name: 'a number and no name: a warning, not rewritten',
      code: withTitle('# KLIP 1'),
      errors: [
        {
          line: 1,
          message: 'The title has a number but no name; write "# KLIP 1 - <title>".',
          severity: 'warning',
        },
      ],
      output: null,
    },
    {
      name: 'KLIP-n: form: a warning, rewritten',
      code: withTitle('# KLIP-2: Produce Data in KSQL'),
      filename: 'klip-2-produce-data.md',
      errors: [
        {
          file: 'klip-2-produce-data.md',
          line: 1,
          column: 1,
          endLine: 1,
          endColumn: 31,
          message:
            'The title is not in the form "# KLIP <n> - <title>"; write "# KLIP 2 - Produce Data in KSQL".',
          severity: 'warning',
        },
      ],
      output: withTitle('# KLIP 2 - Produce Data in KSQL'),
    },
    {
      name: 'KLIP-n - form',
      code: withTitle('# KLIP-1 - Lambda Expressions'),
      errors: [
        {
          line: 1,
          message:
            'The title is not in the form "# KLIP <n> - <title>"; write "# KLIP 1 - Lambda Expressions".',
          severity: 'warning',
        },
      ],
      output: withTitle('# KLIP 1 - Lambda Expressions'),
    },
    {
      name: 'an em dash for the hyphen',
      code: withTitle('# KLIP 1 — Example'),
      errors: [
        {
          line: 1,
          message:
            'The title is not in the form "# KLIP <n> - <title>"; write "# KLIP 1 - Example".',
          severity: 'warning',
        },
      ],
      output: withTitle('# KLIP 1 - Example'),
    },
    {
      name: 'lower-case klip',
      code: withTitle('# klip 1 - Example'),
      errors: [
        {
          line: 1,
          message:
            'The title is not in the form "# KLIP <n> - <title>"; write "# KLIP 1 - Example".',
          severity: 'warning',
        },
      ],
      output: withTitle('# KLIP 1 - Example'),
    },
    {
      name: 'a leading zero in the number',
      code: withTitle('# KLIP 01 - Example'),
      errors: [
        {
          line: 1,
          message:
            'The title is not in the form "# KLIP <n> - <title>"; write "# KLIP 1 - Example".',
          severity: 'warning',
        },
      ],
      output: withTitle('# KLIP 1 - Example'),
    },
    {
      name: 'a level-2 title',
      code: withTitle('## KLIP 1 - Example'),
      errors: [
        {
          line: 1,
          message:
            'The title is not in the form "# KLIP <n> - <title>"; write "# KLIP 1 - Example".',
          severity: 'warning',
        },
      ],
      output: withTitle('# KLIP 1 - Example'),
    },
    {
      name: 'a title indented by two spaces: at its column, rewritten from the start of the line',
      code: withTitle('  # KLIP 1 - Example'),
      errors: [
        {
          line: 1,
          column: 3,
          message:
            'The title is not in the form "# KLIP <n> - <title>"; write "# KLIP 1 - Example".',
          severity: 'warning',
        },
      ],
      output: withTitle('# KLIP 1 - Example'),
    },
    {
      name: 'emphasis in the name is kept',
      code: withTitle('# KLIP-1: *Fast* queries'),
      errors: [
        {
          line: 1,
          message:
            'The title is not in the form "# KLIP <n> - <title>"; write "# KLIP 1 - *Fast* queries".',
          severity: 'warning',
        },
      ],
      output: withTitle('# KLIP 1 - *Fast* queries'),
    },
    // fix drop the code span and the link. A fix must not change what the title says.
    {
      name: 'code and links in the name are kept',
      code: withTitle('# KLIP-1: Use `GROUP BY` in [pull queries](https://example.com/pq)'),
      errors: [
        {
          line: 1,
          message:
            'The title is not in the form "# KLIP <n> - <title>"; write "# KLIP 1 - Use `GROUP BY` in [pull queries](https://example.com/pq)".',
          severity: 'warning',
        },
      ],
      output: withTitle('# KLIP 1 - Use `GROUP BY` in [pull queries](https://example.com/pq)'),
    },
    {
      name: 'the fix keeps the title’s own number when the file name differs',
      code: withTitle('# KLIP-7: Example'),
      errors: [
        {
          line: 1,
          message:
            'The title is not in the form "# KLIP <n> - <title>"; write "# KLIP 7 - Example".',
          severity: 'warning',
        },
      ],
      output: withTitle('# KLIP 7 - Example'),
    },
    {
      name: 'the fix keeps a byte-order mark and CRLF line endings',
      code: `\uFEFF${crlf(withTitle('# KLIP-1: Example'))}`,
      errors: [
        {
          line: 1,
          column: 1,
          message:
            'The title is not in the form "# KLIP <n> - <title>"; write "# KLIP 1 - Example".',
          severity: 'warning',
        },
      ],
      output: `\uFEFF${crlf(withTitle('# KLIP 1 - Example'))}`,
    },
    {
      name: 'a configured severity applies to every finding',
      severity: 'notice',
      code: withTitle('# Query Plans'),
      errors: [
        {
          line: 1,
          message: 'The title "Query Plans" has no KLIP number; write "# KLIP 1 - Query Plans".',
          severity: 'notice',
        },
      ],
      output: withTitle('# KLIP 1 - Query Plans'),
    },
  ],
});
