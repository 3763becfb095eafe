import { runLintRule } from '../helpers/rule-tester.js';
import { crlf } from '../helpers/rule-fixtures.js';

const rest = '\n**Status**: In Discussion\n';
const differ = (title: number, file: number) =>
  `The title says KLIP ${title} but the file name says ${file}; make them agree on the reserved number.`;

runLintRule('number-mismatch', {
  valid: [
    { name: 'the same number', filename: 'klip-12-pull-ha.md', code: `# KLIP 12 - Pull HA${rest}` },
    {
      name: 'the same number in another form (title-format’s)',
      filename: 'klip-12-pull-ha.md',
      code: `# KLIP-012: Pull HA${rest}`,
    },
    { name: 'a title without a number (title-format’s)', code: `# Pull HA${rest}` },
    {
      name: 'a file name without a number (filename-format’s)',
      filename: 'pull-ha.md',
      code: `# KLIP 12 - Pull HA${rest}`,
    },
    { name: 'no title', code: rest },
    { name: 'CRLF line endings', code: crlf(`# KLIP 1 - Example${rest}`) },
  ],
  invalid: [
    {
      name: 'another number in the title, at the number',
      filename: 'klip-12-pull-ha.md',
      code: `# KLIP 13 - Pull HA${rest}`,
      errors: [
        {
          file: 'klip-12-pull-ha.md',
          line: 1,
          column: 8,
          endColumn: 10,
          message: differ(13, 12),
          severity: 'error',
        },
      ],
    },
    {
      name: 'a title in another form',
      code: `## KLIP-40: Tables${rest}`,
      errors: [{ line: 1, column: 9, endColumn: 11, message: differ(40, 1), severity: 'error' }],
    },
    {
      name: 'after a byte-order mark',
      code: `\uFEFF# KLIP 2 - Example${rest}`,
      errors: [{ line: 1, column: 8, message: differ(2, 1), severity: 'error' }],
    },
    {
      name: 'CRLF line endings',
      code: crlf(`# KLIP 3 - Example${rest}`),
      errors: [{ line: 1, column: 8, message: differ(3, 1), severity: 'error' }],
    },
  ],
});
