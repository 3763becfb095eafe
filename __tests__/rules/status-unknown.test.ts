import { buildVocabulary } from '../../src/config/config.js';
import { runLintRule } from '../helpers/rule-tester.js';
import { crlf, indexReadme, proposal, row } from '../helpers/rule-fixtures.js';

const IN_FILES =
  'expected one of In Discussion, Design Approved, In Development, Merged, Rejected, Withdrawn, Superseded.';
const IN_INDEX =
  'expected one of Proposal, In Discussion, Design Approved, In Development, Merged, Rejected, Withdrawn, Superseded.';
const withParked = buildVocabulary({
  order: ['In Discussion', 'Design Approved', 'Parked', 'Merged'],
});

runLintRule('status-unknown', {
  valid: [
    { name: 'a canonical status', code: proposal({ status: 'Design Approved' }) },
    { name: 'an alias (status-alias reports it)', code: proposal({ status: 'Approved' }) },
    { name: 'decoration and casing', code: proposal({ status: '_in development_' }) },
    { name: 'an end state', code: proposal({ status: 'Withdrawn' }) },
    { name: 'a placeholder is metadata-placeholder’s', code: proposal({ status: 'TBD' }) },
    { name: 'an empty status', code: proposal({ status: '' }) },
    {
      name: 'a status the configured vocabulary adds',
      vocabulary: withParked,
      code: proposal({ status: 'Parked' }),
    },
    {
      name: 'index rows with known statuses, an empty one and the template’s row',
      code: proposal(),
      files: {
        'README.md': indexReadme(
          [
            '| [KLIP-X: Template](klip-template.md) | - | | | |',
            row(1, 'klip-1-example.md', 'Discussion'),
            row(2, null, 'Proposed'),
            row(3, null, ''),
          ],
          4,
        ),
      },
    },
    { name: 'CRLF line endings', code: crlf(proposal({ status: 'Merged' })) },
  ],
  invalid: [
    {
      name: 'a word outside the vocabulary: the statuses a file may have',
      code: proposal({ status: 'Done' }),
      errors: [
        {
          line: 5,
          column: 13,
          endColumn: 17,
          message: `Unknown status "Done"; ${IN_FILES}`,
          severity: 'error',
        },
      ],
    },
    {
      name: 'a typo: did you mean',
      code: proposal({ status: 'In Discusion' }),
      errors: [
        {
          line: 5,
          message: 'Unknown status "In Discusion"; did you mean "In Discussion"?',
          severity: 'error',
        },
      ],
    },
    {
      name: 'a typo of an alias suggests its canonical status',
      code: proposal({ status: 'Aproved' }),
      errors: [
        {
          line: 5,
          message: 'Unknown status "Aproved"; did you mean "Design Approved"?',
          severity: 'error',
        },
      ],
    },
    {
      name: 'free text naming two statuses',
      code: proposal({ status: 'values: Merged, keys: Design Approved' }),
      errors: [
        {
          line: 5,
          message:
            'Unknown status "values: Merged, keys: Design Approved"; did you mean one of "Design Approved", "Merged"?',
          severity: 'error',
        },
      ],
    },
    {
      name: 'decorated: the value as written',
      code: proposal({ status: '_Done_' }),
      errors: [{ line: 5, message: `Unknown status "_Done_"; ${IN_FILES}`, severity: 'error' }],
    },
    {
      name: 'a status the configured vocabulary does not have',
      vocabulary: withParked,
      code: proposal({ status: 'In Development' }),
      errors: [
        {
          line: 5,
          message:
            'Unknown status "In Development"; expected one of In Discussion, Design Approved, Parked, Merged, Rejected, Withdrawn, Superseded.',
          severity: 'error',
        },
      ],
    },
    {
      name: 'an index row’s status: in the index, Proposal allowed',
      code: proposal(),
      files: {
        'README.md': indexReadme(
          [row(1, 'klip-1-example.md', 'In Discussion'), row(2, null, 'Dropped')],
          3,
        ),
      },
      errors: [
        {
          file: 'README.md',
          line: 8,
          column: 23,
          message: `Unknown status "Dropped"; ${IN_INDEX}`,
          severity: 'error',
        },
      ],
    },
    {
      name: 'CRLF line endings',
      code: crlf(proposal({ status: 'Done' })),
      errors: [
        { line: 5, column: 13, message: `Unknown status "Done"; ${IN_FILES}`, severity: 'error' },
      ],
    },
  ],
});
