import { buildVocabulary } from '../../src/config/config.js';
import { runLintRule } from '../helpers/rule-tester.js';
import { crlf, proposal } from '../helpers/rule-fixtures.js';

const another = (word: string, canonical: string) =>
  `Status "${word}" is another word for "${canonical}"; write "${canonical}", the name the process and the index use.`;
const indexStatus = (word: string) =>
  `"${word}" is an index status (a number reserved, no text yet); a proposal file starts at "In Discussion": write "In Discussion".`;

runLintRule('status-alias', {
  valid: [
    { name: 'a canonical status', code: proposal({ status: 'Design Approved' }) },
    {
      name: 'italics and the trailing bar are decoration',
      code: proposal({ status: '_In Discussion_' }),
    },
    { name: 'casing is not another word', code: proposal({ status: 'merged' }) },
    {
      name: 'the template’s own spelling (In development)',
      code: proposal({ status: 'In development' }),
    },
    {
      name: 'In development differs by case only, with the built-in template too',
      noTemplate: true,
      code: proposal({ status: 'In development' }),
    },
    {
      name: 'an alias the repository’s template spells',
      files: {
        'klip-template.md':
          '# KLIP Number - Title\n\n**Status**: _In Discussion_ or _Accepted_ or _Merged_\n\n## Design\n\n_How._\n',
      },
      code: '# KLIP 1 - X\n\n**Status**: _Accepted_ |\n',
    },
    { name: 'an unknown status is status-unknown’s', code: proposal({ status: 'Done' }) },
    { name: 'a placeholder is metadata-placeholder’s', code: proposal({ status: 'TBD' }) },
    { name: 'CRLF line endings', code: crlf(proposal({ status: 'Merged' })) },
  ],
  invalid: [
    {
      name: 'Approved, at the word, fixed',
      code: proposal({ status: 'Approved' }),
      errors: [
        {
          line: 5,
          column: 13,
          endColumn: 21,
          message: another('Approved', 'Design Approved'),
          severity: 'warning',
        },
      ],
      output: proposal({ status: 'Design Approved' }),
    },
    {
      name: 'Accepted in italics: the fix keeps the italics',
      code: proposal({ status: '_Accepted_' }),
      errors: [
        {
          line: 5,
          column: 14,
          endColumn: 22,
          message: another('Accepted', 'Design Approved'),
          severity: 'warning',
        },
      ],
      output: proposal({ status: '_Design Approved_' }),
    },
    {
      name: 'Discussion in bold',
      code: proposal({ status: '**Discussion**' }),
      errors: [
        {
          line: 5,
          column: 15,
          message: another('Discussion', 'In Discussion'),
          severity: 'warning',
        },
      ],
      output: proposal({ status: '**In Discussion**' }),
    },
    {
      name: 'an alias the template does not spell, with the built-in template',
      noTemplate: true,
      code: proposal({ status: 'Accepted' }),
      errors: [{ line: 5, message: another('Accepted', 'Design Approved'), severity: 'warning' }],
      output: proposal({ status: 'Design Approved' }),
    },
    {
      name: 'Proposal is an index status: the whole value, no fix',
      code: proposal({ status: 'Proposal' }),
      errors: [
        {
          line: 5,
          column: 13,
          endColumn: 21,
          message: indexStatus('Proposal'),
          severity: 'warning',
        },
      ],
      output: null,
    },
    {
      name: 'Proposed, an alias of the index status',
      code: proposal({ status: '_Proposed_' }),
      errors: [{ line: 5, column: 13, message: indexStatus('Proposed'), severity: 'warning' }],
      output: null,
    },
    {
      name: 'an alias of the configured vocabulary',
      vocabulary: buildVocabulary({ aliases: { Shipped: 'Merged' } }),
      code: proposal({ status: 'Shipped' }),
      errors: [{ line: 5, message: another('Shipped', 'Merged'), severity: 'warning' }],
      output: proposal({ status: 'Merged' }),
    },
    {
      name: 'the fix keeps CRLF line endings',
      code: crlf(proposal({ status: 'Accepted' })),
      errors: [
        {
          line: 5,
          column: 13,
          message: another('Accepted', 'Design Approved'),
          severity: 'warning',
        },
      ],
      output: crlf(proposal({ status: 'Design Approved' })),
    },
  ],
});
