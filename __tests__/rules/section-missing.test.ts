import { runLintRule } from '../helpers/rule-tester.js';
import { crlf, proposal, SECTIONS } from '../helpers/rule-fixtures.js';

const without = (...names: string[]) => SECTIONS.filter((name) => !names.includes(name));
const heading = (name: string) => `${name === 'Compatibility Implications' ? '#' : '##'} ${name}`;
/** The sections a proposal In Discussion must have (LOEs only from Design Approved). */
const REQUIRED = without('LOEs and Delivery Milestones')
  .map((name) => `"${heading(name)}"`)
  .join(', ');
const missing = (name: string, place: string, why = '') =>
  `Section "${name}" is missing${why}; add "${heading(name)}" ${place}.`;

runLintRule('section-missing', {
  valid: [
    { name: 'every section', code: proposal() },
    {
      name: 'LOEs are not required while In Discussion',
      code: proposal({ sections: without('LOEs and Delivery Milestones') }),
    },
    {
      name: 'a heading at another level and in another case',
      code: proposal({ sections: without('Test plan') }).replace(
        '## Design\n\nWhat we say about design.',
        '## Design\n\nWhat we say about design.\n\n#### TEST PLAN\n\nLoad tests.',
      ),
    },
    {
      name: 'configured and built-in renamings, synonyms and plurals',
      code: proposal({
        sections: [
          'Background',
          'Motivation',
          'Scope',
          'Value',
          'Public API',
          'High Level Design',
          'Testing',
          'Delivery Milestones',
          'Documentation',
          'Backward compatibility',
          'Security Implications',
        ],
      }),
    },
    {
      name: 'a section the rule’s optional option lists',
      options: { optional: ['test plan'] },
      code: proposal({ sections: without('Test plan') }),
    },
    {
      name: 'a section configured as required from a later status',
      sections: { requiredFrom: { 'Security Implications': 'Merged' } },
      code: proposal({ status: 'Design Approved', sections: without('Security Implications') }),
    },
    {
      name: 'a configured alias',
      sections: { aliases: { 'Security Implications': ['Threat model'] } },
      code: proposal({ sections: [...without('Security Implications'), 'Threat model'] }),
    },
    { name: 'CRLF line endings', code: crlf(proposal()) },
  ],
  invalid: [
    {
      name: 'a section in the middle: before the next section',
      code: proposal({ sections: without('Test plan') }),
      errors: [
        {
          line: 34,
          column: 1,
          message: missing('Test plan', 'before "LOEs and Delivery Milestones"'),
          severity: 'warning',
        },
      ],
    },
    {
      name: 'the first section: before the second',
      code: proposal({ sections: without('Motivation and background') }),
      errors: [
        {
          line: 10,
          message: missing('Motivation and background', 'before "What is in scope"'),
          severity: 'warning',
        },
      ],
    },
    {
      name: 'the last section: after the one before it, at its last line',
      code: proposal({ sections: without('Security Implications') }),
      errors: [
        {
          line: 48,
          message: missing('Security Implications', 'after "Compatibility Implications"'),
          severity: 'warning',
        },
      ],
    },
    {
      name: 'a level-1 section of the template',
      code: proposal({ sections: without('Compatibility Implications') }),
      errors: [
        {
          line: 46,
          message: missing('Compatibility Implications', 'before "Security Implications"'),
          severity: 'warning',
        },
      ],
    },
    {
      name: 'LOEs from Design Approved on',
      code: proposal({
        status: 'Design Approved',
        sections: without('LOEs and Delivery Milestones'),
      }),
      errors: [
        {
          line: 38,
          message: missing(
            'LOEs and Delivery Milestones',
            'before "Documentation Updates"',
            ' (required from Design Approved on)',
          ),
          severity: 'warning',
        },
      ],
    },
    {
      name: 'two sections, one finding each',
      code: proposal({ sections: without('Value/Return', 'Public APIS') }),
      errors: [
        { line: 22, message: missing('Value/Return', 'before "Design"'), severity: 'warning' },
        { line: 22, message: missing('Public APIS', 'before "Design"'), severity: 'warning' },
      ],
    },
    {
      name: 'a misspelt heading: rename it',
      code: proposal({ sections: [...without('Security Implications'), 'Secruity Implications'] }),
      errors: [
        {
          line: 50,
          message:
            'Section "Security Implications" is missing, and the heading "Secruity Implications" on line 50 looks like it: rename that heading to "## Security Implications".',
          severity: 'warning',
        },
      ],
    },
    {
      name: 'text with none of the sections: one finding at the title',
      code: '# KLIP 1 - Example\n\n**Status**: In Discussion\n\n**tl;dr:** Why.\n\n## Overview\n\nAll of it.\n\n## Details\n\nMore of it.\n',
      errors: [
        {
          line: 1,
          column: 1,
          message: `None of the template's sections is here; put the text under the template's headings: ${REQUIRED}.`,
          severity: 'warning',
        },
      ],
    },
    {
      name: 'a stub holding only its title: what to write',
      code: '# KLIP 1 - Example\n',
      errors: [
        {
          line: 1,
          message: `KLIP 1 holds only its title: a number reserved, the text still to come. Write it from the template: the metadata (Author, Release Target, Status, Discussion), a tl;dr and the sections ${REQUIRED}.`,
          severity: 'warning',
        },
      ],
    },
    {
      name: 'a stub with its metadata filled in',
      code: proposal({ tldr: '', sections: [] }),
      errors: [
        {
          line: 1,
          message: `KLIP 1 holds only its title: a number reserved, the text still to come. Write it from the template: a tl;dr and the sections ${REQUIRED}.`,
          severity: 'warning',
        },
      ],
    },
    {
      name: 'an empty file',
      code: '',
      errors: [
        {
          line: 1,
          message: `KLIP 1 has no text yet: a number reserved, the text still to come. Write it from the template: the metadata (Author, Release Target, Status, Discussion), a tl;dr and the sections ${REQUIRED}.`,
          severity: 'warning',
        },
      ],
    },
    {
      name: 'CRLF line endings',
      code: crlf(proposal({ sections: without('Test plan') })),
      errors: [
        {
          line: 34,
          message: missing('Test plan', 'before "LOEs and Delivery Milestones"'),
          severity: 'warning',
        },
      ],
    },
  ],
});
