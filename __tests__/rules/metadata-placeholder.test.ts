import { runLintRule } from '../helpers/rule-tester.js';
import { crlf, PLACEHOLDER, proposal } from '../helpers/rule-fixtures.js';

const WHAT = {
  author: "write the authors' names and GitHub users",
  release: 'write the release it targets (a version) once it is known',
  status: 'write where the proposal stands in the process, e.g. "In Discussion"',
  discussion: 'link the design discussion PR, where the proposal was discussed and approved',
  newDiscussion:
    'link the design discussion PR: for a new proposal, the PR that adds this file (link it once it is open)',
};
const templates = (field: string, value: string, what: string) =>
  `Field "${field}" still holds the template's placeholder "${value}"; ${what}.`;
const filler = (field: string, value: string, what: string) =>
  `Field "${field}" holds "${value}", a placeholder rather than a value; ${what}.`;
const empty = (field: string, what: string) => `Field "${field}" has no value; ${what}.`;

runLintRule('metadata-placeholder', {
  valid: [
    { name: 'real values', code: proposal() },
    {
      name: 'TBD as the release of a merged proposal is release-target’s',
      code: proposal({ status: 'Merged', releaseTarget: 'TBD' }),
    },
    { name: 'a real status is never a placeholder', code: proposal({ status: '_Merged_' }) },
    {
      name: 'a stub holding its title and a placeholder (section-missing reports it)',
      code: '# KLIP 1 - Example\n\n**Author**: TBD\n',
    },
    {
      name: 'a configured placeholders list replaces the default one',
      placeholders: ['someone'],
      code: proposal({ releaseTarget: 'TBD' }),
    },
    {
      name: 'a value that merely contains a placeholder word',
      code: proposal({ author: 'Ann (link to profile below)', releaseTarget: 'TBD after 0.30.0' }),
    },
    { name: 'CRLF line endings', code: crlf(proposal()) },
  ],
  invalid: [
    {
      name: 'the template’s author placeholder, at the value',
      code: proposal({ author: PLACEHOLDER.author }),
      errors: [
        {
          line: 3,
          column: 13,
          endColumn: 50,
          message: templates('Author', PLACEHOLDER.author, WHAT.author),
          severity: 'warning',
        },
      ],
    },
    {
      name: 'the template’s discussion placeholder while In Discussion: the PR that adds the file',
      code: proposal({ discussion: PLACEHOLDER.discussion }),
      errors: [
        {
          line: 6,
          column: 17,
          message: templates('Discussion', PLACEHOLDER.discussion, WHAT.newDiscussion),
          severity: 'warning',
        },
      ],
    },
    {
      name: 'TBD as the discussion of an approved proposal',
      code: proposal({ status: 'Design Approved', discussion: 'TBD' }),
      errors: [
        { line: 6, message: filler('Discussion', 'TBD', WHAT.discussion), severity: 'warning' },
      ],
    },
    {
      name: 'an unreadable status counts as new for the discussion',
      code: proposal({ status: 'Done', discussion: '<link>' }),
      errors: [
        {
          line: 6,
          message: filler('Discussion', '<link>', WHAT.newDiscussion),
          severity: 'warning',
        },
      ],
    },
    {
      name: 'TBD as the release while in discussion: a notice',
      code: proposal({ releaseTarget: 'TBD' }),
      errors: [
        {
          line: 4,
          column: 21,
          message: filler('Release Target', 'TBD', WHAT.release),
          severity: 'notice',
        },
      ],
    },
    {
      name: 'the template’s release placeholder of a merged proposal: a warning',
      code: proposal({ status: 'Merged', releaseTarget: PLACEHOLDER.releaseTarget }),
      errors: [
        {
          line: 4,
          message: templates('Release Target', PLACEHOLDER.releaseTarget, WHAT.release),
          severity: 'warning',
        },
      ],
    },
    {
      name: 'empty values, with and without the trailing bar',
      code: proposal({
        metadata: [
          '**Author**: |',
          '**Release Target**: 0.30.0 |',
          '**Status**: Merged |',
          '**Discussion**:',
        ],
      }),
      errors: [
        {
          line: 3,
          column: 13,
          endColumn: 13,
          message: empty('Author', WHAT.author),
          severity: 'warning',
        },
        { line: 6, column: 16, message: empty('Discussion', WHAT.discussion), severity: 'warning' },
      ],
    },
    {
      name: 'a status of TBD',
      code: proposal({ status: 'TBD' }),
      errors: [{ line: 5, message: filler('Status', 'TBD', WHAT.status), severity: 'warning' }],
    },
    {
      name: 'a value with no letter or digit always counts',
      placeholders: [],
      code: proposal({ author: '???' }),
      errors: [{ line: 3, message: filler('Author', '???', WHAT.author), severity: 'warning' }],
    },
    {
      name: 'the rule’s own placeholders option adds values',
      options: { placeholders: ['Nobody yet'] },
      code: proposal({ author: 'nobody yet' }),
      errors: [
        { line: 3, message: filler('Author', 'nobody yet', WHAT.author), severity: 'warning' },
      ],
    },
    {
      name: 'a configured placeholders list',
      placeholders: ['someone'],
      code: proposal({ author: 'Someone' }),
      errors: [{ line: 3, message: filler('Author', 'Someone', WHAT.author), severity: 'warning' }],
    },
    {
      name: 'a field of the repository’s own template',
      files: {
        'klip-template.md':
          '# KLIP Number - Title\n\n**Owner**: _you_ |\n**Status**: _In Discussion_\n\n## Design\n\n_How._\n',
      },
      code: '# KLIP 1 - X\n\n**Owner**: TBD\n**Status**: In Discussion\n\n## Design\n\nText.\n',
      errors: [
        {
          line: 3,
          message: filler('Owner', 'TBD', 'replace it with the real value'),
          severity: 'warning',
        },
      ],
    },
    {
      name: 'the built-in template knows the standard placeholders',
      noTemplate: true,
      code: proposal({ author: '_your name and github user name here_' }),
      errors: [
        {
          line: 3,
          message: templates('Author', '_your name and github user name here_', WHAT.author),
          severity: 'warning',
        },
      ],
    },
    {
      name: 'CRLF line endings',
      code: crlf(proposal({ author: 'TBD' })),
      errors: [
        { line: 3, column: 13, message: filler('Author', 'TBD', WHAT.author), severity: 'warning' },
      ],
    },
  ],
});
