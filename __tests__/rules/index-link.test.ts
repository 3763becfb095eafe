import { runLintRule } from '../helpers/rule-tester.js';
import { crlf, indexReadme, row } from '../helpers/rule-fixtures.js';

const titled = (number: number) => `# KLIP ${number} - Example ${number}\n`;
/** The index with these rows, and the proposal files named. */
const folder = (rows: string[], ...files: [number, string][]) => ({
  'README.md': indexReadme(rows, 60),
  ...Object.fromEntries(files.map(([number, name]) => [name, titled(number)])),
});
const SPACED = 'klip-51-ksqldb .NET LINQ provider.md';

runLintRule('index-link', {
  valid: [
    {
      name: 'each row links its file; reserved numbers link nothing',
      files: folder(
        [row(1, 'klip-1-a.md', 'Merged'), row(2, null, 'Proposal')],
        [1, 'klip-1-a.md'],
      ),
    },
    {
      name: 'the template’s row',
      files: folder(['| [KLIP-X: Template](klip-template.md) | - | | | |']),
    },
    {
      name: 'a URL for a reserved number, and an anchor',
      files: folder([
        '| [KLIP-2: B](https://github.com/example/repo/pull/5) | Proposal | | | |',
        '| [KLIP-3: C](#klip-3) | Proposal | | | |',
      ]),
    },
    {
      name: 'a spaced name in angle brackets or encoded',
      files: folder(
        [
          `| [KLIP-51: LINQ](<${SPACED}>) | In Discussion | | | |`,
          `| [KLIP-52: Again](klip-52-a%20b.md) | In Discussion | | | |`,
        ],
        [51, SPACED],
        [52, 'klip-52-a b.md'],
      ),
    },
    {
      name: 'a second row for a linked number is number-duplicate’s',
      files: folder([row(1, 'klip-1-a.md', 'Merged'), row(1, null, 'Merged')], [1, 'klip-1-a.md']),
    },
    {
      name: 'CRLF line endings',
      files: {
        'README.md': crlf(indexReadme([row(1, 'klip-1-a.md', 'Merged')], 2)),
        'klip-1-a.md': crlf(titled(1)),
      },
    },
  ],
  invalid: [
    {
      name: 'a link to a file that does not exist, for a reserved number',
      files: folder([row(2, 'klip-2-b.md', 'Proposal')]),
      errors: [
        {
          file: 'README.md',
          line: 7,
          column: 3,
          endColumn: 35,
          message:
            'The row for KLIP 2 links to "klip-2-b.md", which does not exist: add the file (its design PR does), fix the path if the file has another name, or drop the link until the design PR.',
          severity: 'warning',
        },
      ],
      output: null,
    },
    {
      name: 'a link to a missing file while the proposal has another name',
      files: folder([row(2, 'klip-2-b.md', 'In Discussion')], [2, 'klip-2-bee.md']),
      errors: [
        {
          file: 'README.md',
          line: 7,
          message:
            'The row for KLIP 2 links to "klip-2-b.md", which does not exist; fix the path: write [KLIP-2: Example 2](klip-2-bee.md).',
          severity: 'warning',
        },
      ],
      output: null,
    },
    {
      name: 'a row without a link while the file exists: at the row',
      files: folder([row(1, null, 'In Discussion')], [1, 'klip-1-a.md']),
      errors: [
        {
          file: 'README.md',
          line: 7,
          column: 1,
          message:
            'The row for KLIP 1 does not link its proposal, klip-1-a.md; write [KLIP-1: Example 1](klip-1-a.md).',
          severity: 'warning',
        },
      ],
      output: null,
    },
    {
      name: 'a link to the pull request while the file exists',
      files: folder(
        ['| [KLIP-1: A](https://github.com/example/repo/pull/5) | In Discussion | | | |'],
        [1, 'klip-1-a.md'],
      ),
      errors: [
        {
          file: 'README.md',
          line: 7,
          message:
            'The row for KLIP 1 links to "https://github.com/example/repo/pull/5", not to its proposal file klip-1-a.md in this folder, which readers then miss (and its later changes); write [KLIP-1: A](klip-1-a.md).',
          severity: 'warning',
        },
      ],
      output: null,
    },
    {
      name: 'a link to another proposal’s file',
      files: folder(
        [row(1, 'klip-1-a.md', 'Merged'), row(3, 'klip-1-a.md', 'In Discussion')],
        [1, 'klip-1-a.md'],
        [3, 'klip-3-c.md'],
      ),
      errors: [
        {
          file: 'README.md',
          line: 8,
          message:
            "The row for KLIP 3 links to klip-1-a.md, which is KLIP 1's file; write [KLIP-3: Example 3](klip-3-c.md), or correct the row's number.",
          severity: 'warning',
        },
      ],
      output: null,
    },
    {
      name: 'a row without a number links to a file that does not exist',
      files: folder(['| [KLIP-X: Template](old-template.md) | - | | | |']),
      errors: [
        {
          file: 'README.md',
          line: 7,
          message:
            'The row for "KLIP-X: Template" links to "old-template.md", which does not exist; fix the path, or drop the link.',
          severity: 'warning',
        },
      ],
      output: null,
    },
    {
      name: 'a link out of the repository',
      files: folder([row(2, '../../elsewhere.md', 'Proposal')]),
      errors: [
        {
          file: 'README.md',
          line: 7,
          message:
            'The row for KLIP 2 links outside the repository ("../../elsewhere.md"); link the proposal\'s file in this folder, or drop the link until the design PR adds it.',
          severity: 'warning',
        },
      ],
      output: null,
    },
    {
      name: 'a target with spaces is raw text: fixed with angle brackets',
      files: folder([`| [KLIP-51: LINQ](${SPACED}) | In Discussion | | | |`], [51, SPACED]),
      errors: [
        {
          file: 'README.md',
          line: 7,
          column: 3,
          message: `The row for KLIP 51 is not a Markdown link: its target has spaces, so GitHub shows it as raw text. To link the file, write the target as <${SPACED}> or klip-51-ksqldb%20.NET%20LINQ%20provider.md.`,
          severity: 'warning',
        },
      ],
      output: {
        'README.md': indexReadme([`| [KLIP-51: LINQ](<${SPACED}>) | In Discussion | | | |`], 60),
      },
    },
    {
      name: 'a target with spaces that does not exist either',
      files: folder(
        [`| [KLIP-51: LINQ](klip-51-old name.md) | In Discussion | | | |`],
        [51, SPACED],
      ),
      errors: [
        {
          file: 'README.md',
          line: 7,
          message: `The row for KLIP 51 is not a Markdown link: its target has spaces, so GitHub shows it as raw text. To link the file, write the target as <klip-51-old name.md> or klip-51-old%20name.md; "klip-51-old name.md" does not exist either (KLIP 51's file is ${SPACED}).`,
          severity: 'warning',
        },
      ],
      output: {
        'README.md': indexReadme(
          [`| [KLIP-51: LINQ](<klip-51-old name.md>) | In Discussion | | | |`],
          60,
        ),
      },
    },
    {
      name: 'a space between the brackets and the target: not fixed',
      files: folder(['| [KLIP-1: A] (klip-1-a.md) | Merged | | | |'], [1, 'klip-1-a.md']),
      errors: [
        {
          file: 'README.md',
          line: 7,
          message:
            'The row for KLIP 1 is not a Markdown link: a space between "]" and "(" makes GitHub show it as raw text. To link the file, write it as [text](klip-1-a.md), with nothing between "]" and "(".',
          severity: 'warning',
        },
      ],
      output: null,
    },
    {
      name: 'CRLF line endings, kept by the fix',
      files: {
        'README.md': crlf(
          indexReadme([`| [KLIP-51: LINQ](${SPACED}) | In Discussion | | | |`], 60),
        ),
        [SPACED]: crlf(titled(51)),
      },
      errors: [
        {
          file: 'README.md',
          line: 7,
          column: 3,
          message: `The row for KLIP 51 is not a Markdown link: its target has spaces, so GitHub shows it as raw text. To link the file, write the target as <${SPACED}> or klip-51-ksqldb%20.NET%20LINQ%20provider.md.`,
          severity: 'warning',
        },
      ],
      output: {
        'README.md': crlf(
          indexReadme([`| [KLIP-51: LINQ](<${SPACED}>) | In Discussion | | | |`], 60),
        ),
      },
    },
  ],
});
