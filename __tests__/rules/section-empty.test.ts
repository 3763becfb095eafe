import { runLintRule } from '../helpers/rule-tester.js';
import { crlf, proposal } from '../helpers/rule-fixtures.js';

const bodies =
  (texts: Record<string, string>) =>
  (name: string): string =>
    texts[name] ?? `What we say about ${name.toLowerCase()}.`;
const empty = (name: string) =>
  `Section "${name}" is empty; write it, or say why it does not apply.`;
const filler = (name: string, text: string, from = 'Design Approved') =>
  `Section "${name}" holds only "${text}", filler a proposal at ${from} or later should have replaced; write it, or say in a line why it does not apply.`;

runLintRule('section-empty', {
  valid: [
    { name: 'every section written', code: proposal() },
    {
      name: 'a section made of sub-sections with text',
      code: proposal({
        body: bodies({ Design: '### Storage\n\nRocksDB.\n\n### Queries\n\nPull.' }),
      }),
    },
    {
      name: 'a level-1 heading that is no template section, made of level-2 parts',
      code: `${proposal()}\n# Rejected alternatives\n\n## Option A\n\nToo slow.\n`,
    },
    {
      name: 'an umbrella heading followed by its parts',
      code: proposal({ sections: ['Motivation and background', 'Background', 'Motivation'] }),
    },
    {
      name: 'filler while the proposal is In Discussion',
      code: proposal({ body: bodies({ Design: 'TBD', 'Test plan': 'N/A' }) }),
    },
    {
      name: 'filler outside the template’s sections',
      code: `${proposal({ status: 'Merged' })}\n## Appendix\n\nTODO\n`,
    },
    {
      name: 'a code block, a table or an image is content',
      code: proposal({
        body: bodies({
          Design: '```sql\nSELECT 1;\n```',
          'Test plan': '| a | b |\n|---|---|\n| 1 | 2 |',
          'Public APIS': '![diagram](diagram.png)',
        }),
      }),
    },
    { name: 'CRLF line endings', code: crlf(proposal()) },
  ],
  invalid: [
    {
      name: 'a heading with nothing before the next one',
      code: proposal({ body: bodies({ 'Public APIS': '' }) }),
      errors: [{ line: 26, column: 1, message: empty('Public APIS'), severity: 'warning' }],
    },
    {
      name: 'a comment is no content',
      code: proposal({ body: bodies({ Design: '<!-- to be written -->' }) }),
      errors: [{ line: 30, message: empty('Design'), severity: 'warning' }],
    },
    {
      name: 'the last heading of the file',
      code: proposal({ body: bodies({ 'Security Implications': '' }) }),
      errors: [{ line: 50, message: empty('Security Implications'), severity: 'warning' }],
    },
    {
      name: 'an empty sub-heading is reported too',
      code: proposal({ body: bodies({ Design: 'Text.\n\n### Open questions' }) }),
      errors: [{ line: 34, message: empty('Open questions'), severity: 'warning' }],
    },
    {
      name: 'a level-1 template section followed by the next section',
      code: proposal({ body: bodies({ 'Compatibility Implications': '' }) }),
      errors: [{ line: 46, message: empty('Compatibility Implications'), severity: 'warning' }],
    },
    {
      name: 'filler from Design Approved on',
      code: proposal({
        status: 'Design Approved',
        body: bodies({
          Design: 'TBD',
          'Test plan': 'N/A.',
          'Documentation Updates': 'TBD: after the spike',
        }),
      }),
      errors: [
        { line: 30, message: filler('Design', 'TBD'), severity: 'warning' },
        { line: 34, message: filler('Test plan', 'N/A.'), severity: 'warning' },
        {
          line: 42,
          message: filler('Documentation Updates', 'TBD: after the spike'),
          severity: 'warning',
        },
      ],
    },
    {
      name: 'the filler and fillerFrom options',
      options: { filler: ['Coming soon'], fillerFrom: 'In Discussion' },
      code: proposal({ body: bodies({ Design: 'Coming soon!' }) }),
      errors: [
        {
          line: 30,
          message: filler('Design', 'Coming soon!', 'In Discussion'),
          severity: 'warning',
        },
      ],
    },
    {
      name: 'an unreadable status naming only later statuses counts as reached',
      code: proposal({
        status: 'values: Merged, keys: Design Approved',
        body: bodies({ Design: 'TODO' }),
      }),
      errors: [{ line: 30, message: filler('Design', 'TODO'), severity: 'warning' }],
    },
    {
      name: 'CRLF line endings',
      code: crlf(proposal({ body: bodies({ 'Public APIS': '' }) })),
      errors: [{ line: 26, message: empty('Public APIS'), severity: 'warning' }],
    },
  ],
});
