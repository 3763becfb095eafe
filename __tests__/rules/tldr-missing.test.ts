import { runLintRule } from '../helpers/rule-tester.js';
import { crlf, PLACEHOLDER, proposal } from '../helpers/rule-fixtures.js';

const NO_TLDR =
  'No tl;dr: add a "**tl;dr:** ..." paragraph after the metadata saying why and who benefits.';
const unlabelled = (line: number) =>
  `No tl;dr label: if the text on line ${line} is the summary, start it with "**tl;dr:**"; otherwise add a "**tl;dr:** ..." paragraph after the metadata saying why and who benefits.`;
const EMPTY = 'The tl;dr is empty: say why and who benefits.';
const TEMPLATE_TEXT = "The tl;dr is still the template's text: replace it with this proposal's.";

runLintRule('tldr-missing', {
  valid: [
    { name: 'a tl;dr', code: proposal() },
    { name: 'the colon outside the bold', code: proposal({ tldr: '**tl;dr**: Why it matters.' }) },
    { name: 'plain TL;DR', code: proposal({ tldr: 'TL;DR: Why it matters.' }) },
    {
      name: 'a tl;dr over two lines',
      code: proposal({ tldr: '**tl;dr:** Why it matters,\nand who benefits.' }),
    },
    {
      name: 'the older template’s tl;dr section',
      code: proposal({ tldr: '## tl;dr\n\nWhy it matters.' }),
    },
    {
      name: 'a stub holding only its title (section-missing reports it)',
      code: '# KLIP 1 - Example\n',
    },
    { name: 'CRLF line endings', code: crlf(proposal()) },
  ],
  invalid: [
    {
      name: 'none at all: after the metadata',
      code: proposal({ tldr: '' }),
      errors: [{ line: 6, column: 1, message: NO_TLDR, severity: 'warning' }],
    },
    {
      name: 'none, and no metadata: after the title',
      code: proposal({ metadata: [], tldr: '' }),
      errors: [{ line: 1, message: NO_TLDR, severity: 'warning' }],
    },
    {
      name: 'prose without the label: at that line',
      code: proposal({ tldr: 'Faster answers for people who query state.' }),
      errors: [{ line: 8, column: 1, message: unlabelled(8), severity: 'warning' }],
    },
    // metadata, so a comment (a suppression, say) is pointed at as unlabelled prose.
    {
      name: 'a comment after the metadata is no unlabelled summary',
      code: proposal({ tldr: '<!-- klip-lint-disable-next-line section-order -->' }),
      errors: [{ line: 6, message: NO_TLDR, severity: 'warning' }],
    },
    {
      name: 'an empty label',
      code: proposal({ tldr: '**tl;dr:**' }),
      errors: [{ line: 8, column: 1, endLine: 8, message: EMPTY, severity: 'warning' }],
    },
    {
      name: 'an empty tl;dr section',
      code: proposal({ tldr: '## TL;DR' }),
      errors: [{ line: 8, message: EMPTY, severity: 'warning' }],
    },
    {
      name: 'the template’s own text',
      code: proposal({ tldr: `**tl;dr:** ${PLACEHOLDER.tldr}` }),
      errors: [{ line: 8, message: TEMPLATE_TEXT, severity: 'warning' }],
    },
    {
      name: 'the template’s text without its italics, over two lines',
      code: proposal({ tldr: '**tl;dr:** Why this matters,\nand who benefits.' }),
      errors: [{ line: 8, endLine: 9, message: TEMPLATE_TEXT, severity: 'warning' }],
    },
    {
      name: 'CRLF line endings',
      code: crlf(proposal({ tldr: '' })),
      errors: [{ line: 6, message: NO_TLDR, severity: 'warning' }],
    },
  ],
});
