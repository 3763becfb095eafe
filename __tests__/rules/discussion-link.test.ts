import { runLintRule } from '../helpers/rule-tester.js';
import { crlf, proposal } from '../helpers/rule-fixtures.js';

const notALink = (status: string, value: string) =>
  `The status is "${status}" but Discussion is not a link to a pull request or issue ("${value}"); link the design discussion PR.`;

runLintRule('discussion-link', {
  valid: [
    { name: 'a pull request past the first status', code: proposal({ status: 'Merged' }) },
    {
      name: 'a Markdown link to an issue',
      code: proposal({
        status: 'Design Approved',
        discussion: '[#12](https://github.com/example/repo/issues/12)',
      }),
    },
    {
      name: 'a GitHub discussion',
      code: proposal({
        status: 'In Development',
        discussion: 'https://github.com/example/repo/discussions/3',
      }),
    },
    {
      name: 'no link while In Discussion',
      code: proposal({ discussion: 'on the mailing list' }),
    },
    {
      name: 'a placeholder is metadata-placeholder’s',
      code: proposal({ status: 'Merged', discussion: 'TBD' }),
    },
    {
      name: 'an unreadable status',
      code: proposal({ status: 'Done', discussion: 'on the mailing list' }),
    },
    {
      name: 'an end state outside the order (Rejected) has no step to be past',
      code: proposal({ status: 'Rejected', discussion: 'on the mailing list' }),
    },
    {
      name: 'no Discussion field is metadata-missing’s',
      code: proposal({
        metadata: ['**Author**: Ann |', '**Release Target**: 0.30.0 |', '**Status**: Merged |'],
      }),
    },
    { name: 'CRLF line endings', code: crlf(proposal({ status: 'Merged' })) },
  ],
  invalid: [
    {
      name: 'prose instead of a link, at the value',
      code: proposal({ status: 'Design Approved', discussion: 'on the mailing list' }),
      errors: [
        {
          line: 6,
          column: 17,
          endColumn: 36,
          message: notALink('Design Approved', 'on the mailing list'),
          severity: 'warning',
        },
      ],
    },
    {
      name: 'a link to a commit is no discussion',
      code: proposal({
        status: 'Merged',
        discussion: 'https://github.com/example/repo/commit/0a1b2c3',
      }),
      errors: [
        {
          line: 6,
          message: notALink('Merged', 'https://github.com/example/repo/commit/0a1b2c3'),
          severity: 'warning',
        },
      ],
    },
    {
      name: 'an alias status is named canonically',
      code: proposal({ status: '_Approved_', discussion: 'Slack thread' }),
      errors: [
        { line: 6, message: notALink('Design Approved', 'Slack thread'), severity: 'warning' },
      ],
    },
    {
      name: 'CRLF line endings',
      code: crlf(proposal({ status: 'Merged', discussion: 'offline' })),
      errors: [
        { line: 6, column: 17, message: notALink('Merged', 'offline'), severity: 'warning' },
      ],
    },
  ],
});
