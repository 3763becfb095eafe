import { runLintRule } from '../helpers/rule-tester.js';
import { crlf, proposal } from '../helpers/rule-fixtures.js';

const twoFields = proposal({ metadata: ['**Author**: Ann |', '**Status**: In Discussion |'] });
const missing = (name: string, where = 'with the other fields') =>
  `Metadata field "${name}" is missing; add a line "**${name}**: <value>" ${where}.`;

// A template of its own: an Owner field, and one without any Status field.
const OWNER_TEMPLATE =
  '# KLIP Number - Title\n\n**Owner**: _you_ |\n**Status**: _In Discussion_\n\n**tl;dr:** _why_\n\n## Design\n\n_How._\n';
const NO_STATUS_TEMPLATE =
  '# KLIP Number - Title\n\n**Owner**: _you_ |\n\n**tl;dr:** _why_\n\n## Design\n\n_How._\n';
const small = (metadata: string) =>
  `# KLIP 1 - X\n\n${metadata}\n\n**tl;dr:** Because.\n\n## Design\n\nLike this.\n`;

runLintRule('metadata-missing', {
  valid: [
    { name: 'all four fields', code: proposal() },
    {
      name: 'fields in other forms are present (metadata-format reports the form)',
      code: proposal({
        metadata: [
          'Author: Ann',
          '**Release Target:** 0.30.0',
          '*Status*: In Discussion',
          '**Discussions**: https://github.com/example/repo/pull/11',
        ],
      }),
    },
    {
      name: 'an empty value is present (metadata-placeholder reports it)',
      code: proposal({
        metadata: ['**Author**:', '**Release Target**:', '**Status**:', '**Discussion**:'],
      }),
    },
    {
      name: 'a stub holding only its title (section-missing reports it)',
      code: '# KLIP 1 - Example\n',
    },
    {
      name: 'a stub with a line of prose',
      code: '# KLIP 1 - Example\n\nJust a placeholder for now.\n',
    },
    {
      name: 'the fields of the repository’s own template',
      files: { 'klip-template.md': OWNER_TEMPLATE },
      code: small('**Owner**: Ann |\n**Status**: In Discussion'),
    },
    { name: 'CRLF line endings', code: crlf(proposal()) },
  ],
  invalid: [
    {
      name: 'two fields missing: one finding each, at the last field, in template order',
      code: twoFields,
      errors: [
        { line: 4, column: 1, message: missing('Release Target'), severity: 'error' },
        { line: 4, column: 1, message: missing('Discussion'), severity: 'error' },
      ],
    },
    {
      name: 'no metadata at all: below the title',
      code: proposal({ metadata: [] }),
      errors: ['Author', 'Release Target', 'Status', 'Discussion'].map((name) => ({
        line: 1,
        message: missing(name, 'below the title'),
        severity: 'error' as const,
      })),
    },
    {
      name: 'a field written in a code block is not there',
      code: proposal({
        metadata: [
          '**Author**: Ann |',
          '```',
          '**Release Target**: 0.30.0',
          '```',
          '**Status**: In Discussion |',
          '**Discussion**: https://github.com/example/repo/pull/11',
        ],
      }),
      errors: [{ line: 8, message: missing('Release Target'), severity: 'error' }],
    },
    {
      name: 'a field below the first section is not metadata',
      code: proposal({
        metadata: [
          '**Author**: Ann |',
          '**Release Target**: 0.30.0 |',
          '**Status**: In Discussion',
        ],
        body: (name) =>
          name === 'Design' ? '**Discussion**: https://github.com/example/repo/pull/11' : 'Text.',
      }),
      errors: [{ line: 5, message: missing('Discussion'), severity: 'error' }],
    },
    {
      name: 'the repository’s template decides the fields',
      files: { 'klip-template.md': OWNER_TEMPLATE },
      code: small('**Status**: In Discussion'),
      errors: [{ line: 3, message: missing('Owner'), severity: 'error' }],
    },
    {
      name: 'the built-in template without a template file',
      noTemplate: true,
      code: twoFields,
      errors: [
        { line: 4, message: missing('Release Target'), severity: 'error' },
        { line: 4, message: missing('Discussion'), severity: 'error' },
      ],
    },
    {
      name: 'a template without a Status field is reported, and the built-in Status stands in',
      files: { 'klip-template.md': NO_STATUS_TEMPLATE },
      code: small('**Owner**: Ann |'),
      errors: [
        { line: 3, message: missing('Status'), severity: 'error' },
        {
          file: 'klip-template.md',
          line: 1,
          column: 1,
          message:
            'The template has no Status field klip-lint can read, so no proposal\'s status could be checked; add a line "**Status**: _In Discussion_ or _Design Approved_ or _In Development_ or _Merged_" below its title. Until then proposals are checked for the built-in Status field.',
          severity: 'error',
        },
      ],
    },
    {
      name: 'CRLF line endings',
      code: crlf(twoFields),
      errors: [
        { line: 4, message: missing('Release Target'), severity: 'error' },
        { line: 4, message: missing('Discussion'), severity: 'error' },
      ],
    },
  ],
});
