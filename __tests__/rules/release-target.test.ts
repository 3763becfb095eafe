import { runLintRule } from '../helpers/rule-tester.js';
import { crlf, proposal } from '../helpers/rule-fixtures.js';

const noVersion = (value?: string) =>
  `The status is Merged but Release Target names no version${
    value ? ` ("${value}")` : ''
  }; write the release it shipped in, e.g. "0.24.0".`;

runLintRule('release-target', {
  valid: [
    { name: 'a version', code: proposal({ status: 'Merged', releaseTarget: '0.24.0' }) },
    {
      name: 'two versions, in italics',
      code: proposal({ status: '_Merged_', releaseTarget: '_0.24.0; 7.2.0_' }),
    },
    {
      name: 'a product and version',
      code: proposal({ status: 'Merged', releaseTarget: 'ksqlDB 0.10' }),
    },
    { name: 'TBD while In Discussion', code: proposal({ releaseTarget: 'TBD' }) },
    {
      name: 'TBD at In Development',
      code: proposal({ status: 'In Development', releaseTarget: 'TBD' }),
    },
    {
      name: 'no Release Target field is metadata-missing’s',
      code: proposal({ metadata: ['**Author**: Ann |', '**Status**: Merged |'] }),
    },
    { name: 'CRLF line endings', code: crlf(proposal({ status: 'Merged' })) },
  ],
  invalid: [
    {
      name: 'TBD once merged, at the value',
      code: proposal({ status: 'Merged', releaseTarget: 'TBD' }),
      errors: [
        { line: 4, column: 21, endColumn: 24, message: noVersion('TBD'), severity: 'notice' },
      ],
    },
    {
      name: 'words without a version',
      code: proposal({ status: 'Merged', releaseTarget: 'next release' }),
      errors: [{ line: 4, message: noVersion('next release'), severity: 'notice' }],
    },
    {
      name: 'an empty value',
      code: proposal({ status: 'Merged', releaseTarget: '' }),
      errors: [{ line: 4, message: noVersion(), severity: 'notice' }],
    },
    {
      name: 'the template’s placeholder',
      code: proposal({ status: 'Merged', releaseTarget: '_target release_' }),
      errors: [{ line: 4, message: noVersion('_target release_'), severity: 'notice' }],
    },
    {
      name: 'CRLF line endings',
      code: crlf(proposal({ status: 'Merged', releaseTarget: '?' })),
      errors: [{ line: 4, column: 21, message: noVersion('?'), severity: 'notice' }],
    },
  ],
});
