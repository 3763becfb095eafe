import { runLintRule } from '../helpers/rule-tester.js';
import { crlf } from '../helpers/rule-fixtures.js';

/** A proposal whose third line is `text`: links go there. */
const withLine = (text: string) =>
  `# KLIP 1 - Example\n\n${text}\n\n## Design\n\nHow it works.\n\n## Design\n\nAgain.\n<a name="custom-anchor"></a>\n`;
const OTHER = '# KLIP 2 - Other\n\n## Public APIs\n\nNone.\n';
const missing = (url: string, path: string) =>
  `The link "${url}" points to "${path}", which does not exist.`;

runLintRule('link-broken', {
  valid: [
    {
      name: 'a sibling proposal that exists',
      code: withLine('See [KLIP 2](klip-2-other.md).'),
      files: { 'klip-2-other.md': OTHER },
    },
    {
      name: 'a file elsewhere in the repository, relative and from the root',
      code: withLine('See [the guide](../docs/guide.md) and [it again](/docs/guide.md?plain=1).'),
      exists: ['docs/guide.md'],
    },
    {
      name: 'URLs, mail and protocol-relative links are not followed',
      code: withLine(
        '[a](https://example.com/x.md) [b](mailto:a@example.com) [c](//cdn.example.com/x)',
      ),
    },
    {
      name: 'the template, and a name with an encoded space',
      code: withLine('[t](klip-template.md) [s](klip-3-with%20space.md)'),
      files: { 'klip-3-with space.md': '# KLIP 3 - With space\n' },
    },
    {
      name: 'headings, repeated headings, HTML anchors and the top of this file',
      code: withLine(
        '[a](#design) [b](#design-1) [c](#custom-anchor) [d](#top) [e](#KLIP-1---Example)',
      ),
    },
    {
      name: 'a heading of another proposal',
      code: withLine('[a](klip-2-other.md#public-apis)'),
      files: { 'klip-2-other.md': OTHER },
    },
    {
      name: 'folders: this one and one elsewhere',
      code: withLine('[here](./) [docs](../docs/)'),
      exists: ['docs/guide.md'],
    },
    { name: 'a link in a code block is no link', code: withLine('```\n[a](missing.md)\n```') },
    {
      name: 'CRLF line endings',
      code: crlf(withLine('See [KLIP 2](klip-2-other.md).')),
      files: { 'klip-2-other.md': OTHER },
    },
  ],
  invalid: [
    {
      name: 'a sibling proposal that does not exist, at the link',
      code: withLine('See [KLIP 2](klip-2-other.md).'),
      errors: [
        {
          line: 3,
          column: 5,
          endColumn: 30,
          message: missing('klip-2-other.md', 'design-proposals/klip-2-other.md'),
          severity: 'warning',
        },
      ],
    },
    {
      name: 'a file elsewhere, an image and a reference definition',
      code: withLine('[g](../docs/guide.md) ![d](img/flow.png)\n\n[ref]: ./notes/plan.md'),
      errors: [
        {
          line: 3,
          column: 1,
          message: missing('../docs/guide.md', 'docs/guide.md'),
          severity: 'warning',
        },
        {
          line: 3,
          column: 23,
          message: missing('img/flow.png', 'design-proposals/img/flow.png'),
          severity: 'warning',
        },
        {
          line: 5,
          column: 1,
          message: missing('./notes/plan.md', 'design-proposals/notes/plan.md'),
          severity: 'warning',
        },
      ],
    },
    {
      name: 'a link that climbs out of the repository',
      code: withLine('[p](../../etc/passwd)'),
      errors: [
        {
          line: 3,
          message: 'The link "../../etc/passwd" points outside the repository.',
          severity: 'warning',
        },
      ],
    },
    {
      name: 'a heading of this file that does not exist: the nearest one',
      code: withLine('[a](#desing)'),
      errors: [
        {
          line: 3,
          message:
            'The link "#desing" points to "#desing", which is no heading or anchor of this file; link "#design".',
          severity: 'warning',
        },
      ],
    },
    {
      name: 'a heading of this file with nothing near',
      code: withLine('[a](#rollout-and-monitoring)'),
      errors: [
        {
          line: 3,
          message:
            'The link "#rollout-and-monitoring" points to "#rollout-and-monitoring", which is no heading or anchor of this file; use the id GitHub gives a heading of this file: its text in lower case, spaces as "-", most punctuation dropped.',
          severity: 'warning',
        },
      ],
    },
    {
      name: 'a heading of another proposal that does not exist',
      code: withLine('[a](klip-2-other.md#public-api)'),
      files: { 'klip-2-other.md': OTHER },
      errors: [
        {
          line: 3,
          message:
            'The link "klip-2-other.md#public-api" points to "#public-api", which is no heading or anchor of klip-2-other.md; link "klip-2-other.md#public-apis".',
          severity: 'warning',
        },
      ],
    },
    {
      name: 'CRLF line endings',
      code: crlf(withLine('See [KLIP 2](klip-2-other.md).')),
      errors: [
        {
          line: 3,
          column: 5,
          message: missing('klip-2-other.md', 'design-proposals/klip-2-other.md'),
          severity: 'warning',
        },
      ],
    },
  ],
});
