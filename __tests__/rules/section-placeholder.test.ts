import { runLintRule } from '../helpers/rule-tester.js';
import { crlf, guidance, proposal, SECTIONS, sectionLine } from '../helpers/rule-fixtures.js';

/** A proposal whose listed sections still hold the template's guidance. */
const leftOver = (...names: string[]) =>
  proposal({
    body: (name) =>
      names.includes(name) ? guidance(name) : `What we say about ${name.toLowerCase()}.`,
  });
const one = (name: string) =>
  `Section "${name}" holds only the template's guidance text; replace it with this proposal's content.`;

runLintRule('section-placeholder', {
  valid: [
    { name: 'every section written', code: proposal() },
    {
      name: 'guidance followed by the proposal’s own text',
      code: proposal({ body: (name) => `${guidance(name)}\n\nOur own text.` }),
    },
    {
      name: 'the built-in template knows no guidance',
      noTemplate: true,
      code: leftOver('Design'),
    },
    { name: 'an empty section is section-empty’s', code: proposal({ body: () => '' }) },
    { name: 'CRLF line endings', code: crlf(proposal()) },
  ],
  invalid: [
    {
      name: 'one section, at its heading',
      code: leftOver('Design'),
      errors: [{ line: 30, column: 1, message: one('Design'), severity: 'warning' }],
    },
    {
      name: 'the guidance without its italics',
      code: leftOver('Design').replace(guidance('Design'), guidance('Design').replace(/_/g, '')),
      errors: [{ line: 30, message: one('Design'), severity: 'warning' }],
    },
    {
      name: 'another section’s guidance is guidance too',
      code: proposal({ body: (name) => (name === 'Design' ? guidance('Test plan') : 'Text.') }),
      errors: [{ line: 30, message: one('Design'), severity: 'warning' }],
    },
    {
      name: 'three of eleven: one finding each',
      code: leftOver('Value/Return', 'Design', 'Security Implications'),
      errors: ['Value/Return', 'Design', 'Security Implications'].map((name) => ({
        line: sectionLine(name as (typeof SECTIONS)[number]),
        message: one(name),
        severity: 'warning' as const,
      })),
    },
    {
      name: 'most sections left: one finding at the first, listing them',
      code: leftOver(...SECTIONS.slice(5)),
      errors: [
        {
          line: 30,
          message: `6 of 11 sections still hold only the template's guidance; write them in this proposal's words: ${SECTIONS.slice(
            5,
          )
            .map((name) => `"${name}"`)
            .join(', ')}.`,
          severity: 'warning',
        },
      ],
    },
    {
      name: 'a fresh copy of the template',
      code: leftOver(...SECTIONS),
      errors: [
        {
          line: 10,
          message: `11 of 11 sections still hold only the template's guidance; write them in this proposal's words: ${SECTIONS.map((name) => `"${name}"`).join(', ')}.`,
          severity: 'warning',
        },
      ],
    },
    {
      name: 'CRLF line endings',
      code: crlf(leftOver('Design')),
      errors: [{ line: 30, message: one('Design'), severity: 'warning' }],
    },
  ],
});
