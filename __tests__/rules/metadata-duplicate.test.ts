import { runLintRule } from '../helpers/rule-tester.js';
import { crlf, proposal } from '../helpers/rule-fixtures.js';

const AUTHOR = '**Author**: Ann |';
const RELEASE = '**Release Target**: 0.30.0 |';
const STATUS = '**Status**: In Discussion |';
const DISCUSSION = '**Discussion**: https://github.com/example/repo/pull/11';
const again = (name: string, first: number) =>
  `Field "${name}" appears again (first on line ${first}); keep one line.`;

runLintRule('metadata-duplicate', {
  valid: [
    { name: 'each field once', code: proposal() },
    {
      name: 'lines that name no template field may repeat',
      code: proposal({
        metadata: [AUTHOR, '**Reviewer**: Bo', '**Reviewer**: Cy', RELEASE, STATUS, DISCUSSION],
      }),
    },
    {
      name: 'a Status line inside a section is not metadata',
      code: proposal({ body: (name) => (name === 'Design' ? '**Status**: Merged' : 'Text.') }),
    },
    { name: 'CRLF line endings', code: crlf(proposal()) },
  ],
  invalid: [
    {
      name: 'a second Status line, naming the first',
      code: proposal({
        metadata: [AUTHOR, RELEASE, STATUS, '**Status**: Design Approved |', DISCUSSION],
      }),
      errors: [{ line: 6, column: 1, message: again('Status', 5), severity: 'error' }],
    },
    {
      name: 'Authors and Author are one field, named as the template names it',
      code: proposal({ metadata: ['**Authors**: Ann, Bo |', AUTHOR, RELEASE, STATUS, DISCUSSION] }),
      errors: [{ line: 4, message: again('Author', 3), severity: 'error' }],
    },
    {
      name: 'a field in another form is the same field',
      code: proposal({
        metadata: [
          AUTHOR,
          RELEASE,
          STATUS,
          DISCUSSION,
          'Discussion: https://github.com/example/repo/pull/12',
        ],
      }),
      errors: [{ line: 7, message: again('Discussion', 6), severity: 'error' }],
    },
    {
      name: 'three lines: two findings, each naming the first',
      code: proposal({ metadata: [AUTHOR, RELEASE, RELEASE, RELEASE, STATUS, DISCUSSION] }),
      errors: [
        { line: 5, message: again('Release Target', 4), severity: 'error' },
        { line: 6, message: again('Release Target', 4), severity: 'error' },
      ],
    },
    {
      name: 'the template’s name for its own field',
      files: {
        'klip-template.md':
          '# KLIP Number - Title\n\n**Owner**: _you_ |\n**Status**: _In Discussion_\n\n## Design\n\n_How._\n',
      },
      code: '# KLIP 1 - X\n\n**Owner**: Ann\n**owners**: Bo\n**Status**: In Discussion\n\n## Design\n\nText.\n',
      errors: [{ line: 4, message: again('Owner', 3), severity: 'error' }],
    },
    {
      name: 'CRLF line endings',
      code: crlf(proposal({ metadata: [AUTHOR, AUTHOR, RELEASE, STATUS, DISCUSSION] })),
      errors: [{ line: 4, message: again('Author', 3), severity: 'error' }],
    },
  ],
});
