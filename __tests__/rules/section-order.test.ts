import { runLintRule } from '../helpers/rule-tester.js';
import { crlf, proposal, SECTIONS } from '../helpers/rule-fixtures.js';

/** The template's sections with `name` moved to position `to`. */
const moved = (name: string, to: number) => {
  const rest = SECTIONS.filter((entry) => entry !== name);
  return [...rest.slice(0, to), name, ...rest.slice(to)];
};
const swapped = (a: string, b: string) =>
  SECTIONS.map((name) => (name === a ? b : name === b ? a : name));

runLintRule('section-order', {
  valid: [
    { name: 'the template’s order', code: proposal() },
    {
      name: 'missing sections do not put the others out of order',
      code: proposal({
        sections: ['Motivation and background', 'Design', 'Security Implications'],
      }),
    },
    {
      name: 'a deeper heading named like a later section is part of its section',
      code: proposal().replace(
        'What we say about motivation and background.',
        'Why.\n\n### Security Implications\n\nNone.',
      ),
    },
    {
      name: 'headings that are no template section may go anywhere',
      code: proposal({ sections: ['Overview', ...SECTIONS, 'Appendix'] }),
    },
    { name: 'CRLF line endings', code: crlf(proposal()) },
  ],
  invalid: [
    {
      name: 'two sections swapped: the later-found one moves',
      code: proposal({ sections: swapped('Public APIS', 'Design') }),
      errors: [
        {
          line: 30,
          column: 1,
          message:
            'Section "Public APIS" is out of order: move it before "Design", where the template puts it.',
          severity: 'warning',
        },
      ],
    },
    {
      name: 'the last section first: after the one before it in the template',
      code: proposal({ sections: moved('Security Implications', 0) }),
      errors: [
        {
          line: 10,
          message:
            'Section "Security Implications" is out of order: move it after "Compatibility Implications", where the template puts it.',
          severity: 'warning',
        },
      ],
    },
    {
      name: 'the first section last',
      code: proposal({ sections: moved('Motivation and background', 10) }),
      errors: [
        {
          line: 50,
          message:
            'Section "Motivation and background" is out of order: move it before "What is in scope", where the template puts it.',
          severity: 'warning',
        },
      ],
    },
    {
      name: 'a renamed heading is named with the template’s section',
      code: proposal({
        sections: moved('Value/Return', 6).map((name) =>
          name === 'Value/Return' ? 'Value' : name,
        ),
      }),
      errors: [
        {
          line: 34,
          message:
            'Section "Value" (the template\'s "Value/Return") is out of order: move it before "Public APIS", where the template puts it.',
          severity: 'warning',
        },
      ],
    },
    {
      name: 'a heading that covers two sections gets one finding',
      code: proposal({
        sections: [
          'Motivation and background',
          'Value/Return',
          'Scope',
          'Public APIS',
          'Design',
          'Test plan',
        ],
      }),
      errors: [
        {
          line: 14,
          message:
            'Section "Value/Return" is out of order: move it before "Public APIS", where the template puts it.',
          severity: 'warning',
        },
      ],
    },
    {
      name: 'CRLF line endings',
      code: crlf(proposal({ sections: swapped('Public APIS', 'Design') })),
      errors: [
        {
          line: 30,
          message:
            'Section "Public APIS" is out of order: move it before "Design", where the template puts it.',
          severity: 'warning',
        },
      ],
    },
  ],
});
