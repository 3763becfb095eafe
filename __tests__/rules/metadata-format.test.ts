import { runLintRule } from '../helpers/rule-tester.js';
import { crlf, proposal } from '../helpers/rule-fixtures.js';

const AUTHOR = '**Author**: Ann Example (@ann) |';
const RELEASE = '**Release Target**: 0.30.0 |';
const STATUS = '**Status**: In Discussion |';
const DISCUSSION = '**Discussion**: https://github.com/example/repo/pull/11';

/** A proposal whose metadata (lines 3 to 6) is the standard one with some lines replaced. */
const withLines = (replace: Partial<Record<0 | 1 | 2 | 3, string>>) => {
  const lines = [AUTHOR, RELEASE, STATUS, DISCUSSION];
  for (const [at, line] of Object.entries(replace)) lines[Number(at)] = line;
  return proposal({ metadata: lines });
};
const write = (line: string, note = '') => `Write the field as "${line}"${note}.`;

const PLAIN_TEMPLATE =
  '# KLIP Number - Title\n\nAuthor: _you_\nRelease Target: _when_\nStatus: _In Discussion_\nDiscussion: _link_\n\n**tl;dr:** _why_\n\n## Design\n\n_How._\n';

runLintRule('metadata-format', {
  valid: [
    { name: 'the canonical form with the template’s trailing bar', code: proposal() },
    {
      name: 'no trailing bar',
      code: withLines({ 0: '**Author**: Ann', 1: '**Release Target**: 0.30.0' }),
    },
    {
      name: 'a name in another case is the same name',
      code: withLines({ 1: '**release target**: 0.30.0 |' }),
    },
    {
      name: 'a line that names no template field is not a field',
      code: proposal({ metadata: [AUTHOR, RELEASE, STATUS, DISCUSSION, '**Reviewers**: Bo'] }),
    },
    {
      name: 'plain lines are right when the template writes its fields so',
      files: { 'klip-template.md': PLAIN_TEMPLATE },
      code: '# KLIP 1 - X\n\nAuthor: Ann\nRelease Target: 0.30.0\nStatus: In Discussion\nDiscussion: https://github.com/example/repo/pull/11\n',
    },
    {
      name: 'bold lines are right with a plain template too',
      files: { 'klip-template.md': PLAIN_TEMPLATE },
      code: '# KLIP 1 - X\n\n**Author**: Ann\n**Status**: In Discussion\n',
    },
    { name: 'CRLF line endings', code: crlf(proposal()) },
  ],
  invalid: [
    {
      name: 'a plain line, fixed keeping the trailing bar',
      code: withLines({ 0: 'Author: Ann Example (@ann) |' }),
      errors: [
        {
          line: 3,
          column: 1,
          endColumn: 29,
          message: write('**Author**: Ann Example (@ann)'),
          severity: 'warning',
        },
      ],
      output: withLines({ 0: '**Author**: Ann Example (@ann) |' }),
    },
    {
      name: 'the colon inside the bold',
      code: withLines({ 1: '**Release Target:** 0.30.0 |' }),
      errors: [{ line: 4, message: write('**Release Target**: 0.30.0'), severity: 'warning' }],
      output: proposal(),
    },
    {
      name: 'a space before the colon',
      code: withLines({ 1: '**Release Target** : 0.30.0 |' }),
      errors: [{ line: 4, message: write('**Release Target**: 0.30.0'), severity: 'warning' }],
      output: proposal(),
    },
    {
      name: 'a plural name: the template’s name is written',
      code: withLines({ 0: '**Authors**: Ann, Bo |' }),
      errors: [
        {
          line: 3,
          message: write('**Author**: Ann, Bo', ' (the template names it "Author", not "Authors")'),
          severity: 'warning',
        },
      ],
      output: withLines({ 0: '**Author**: Ann, Bo |' }),
    },
    {
      name: 'single asterisks and underscores',
      code: withLines({
        2: '*Status*: In Discussion |',
        3: '__Discussion__: https://github.com/example/repo/pull/11',
      }),
      errors: [
        { line: 5, message: write('**Status**: In Discussion'), severity: 'warning' },
        {
          line: 6,
          message: write('**Discussion**: https://github.com/example/repo/pull/11'),
          severity: 'warning',
        },
      ],
      output: proposal(),
    },
    {
      name: 'an indented line: at its column, the indentation removed',
      code: withLines({ 2: '  **Status**: In Discussion |' }),
      errors: [
        { line: 5, column: 3, message: write('**Status**: In Discussion'), severity: 'warning' },
      ],
      output: proposal(),
    },
    {
      name: 'the value keeps its decoration',
      code: withLines({ 2: 'Status: _Merged_ |' }),
      errors: [{ line: 5, message: write('**Status**: _Merged_'), severity: 'warning' }],
      output: withLines({ 2: '**Status**: _Merged_ |' }),
    },
    {
      name: 'an empty value',
      code: withLines({ 0: 'Author:' }),
      errors: [{ line: 3, message: write('**Author**: <value>'), severity: 'warning' }],
      output: withLines({ 0: '**Author**:' }),
    },
    {
      name: 'a trailing backslash break is kept',
      code: withLines({ 0: 'author: Ann\\' }),
      errors: [{ line: 3, message: write('**Author**: Ann'), severity: 'warning' }],
      output: withLines({ 0: '**Author**: Ann \\' }),
    },
    {
      name: 'every line at once, fixed in one go',
      code: withLines({
        0: 'Author: Ann Example (@ann) |',
        1: '**Release Target:** 0.30.0 |',
        2: 'Status: In Discussion |',
        3: 'Discussion: https://github.com/example/repo/pull/11',
      }),
      errors: [
        { line: 3, message: write('**Author**: Ann Example (@ann)'), severity: 'warning' },
        { line: 4, message: write('**Release Target**: 0.30.0'), severity: 'warning' },
        { line: 5, message: write('**Status**: In Discussion'), severity: 'warning' },
        {
          line: 6,
          message: write('**Discussion**: https://github.com/example/repo/pull/11'),
          severity: 'warning',
        },
      ],
      output: proposal(),
    },
    {
      name: 'a misnamed field with a plain template',
      files: { 'klip-template.md': PLAIN_TEMPLATE },
      code: '# KLIP 1 - X\n\nAuthors: Ann\nStatus: In Discussion\n',
      errors: [
        {
          line: 3,
          message: write('**Author**: Ann', ' (the template names it "Author", not "Authors")'),
          severity: 'warning',
        },
      ],
      output: '# KLIP 1 - X\n\n**Author**: Ann\nStatus: In Discussion\n',
    },
    {
      name: 'the fix keeps CRLF line endings',
      code: crlf(withLines({ 0: 'Author: Ann Example (@ann) |' })),
      errors: [{ line: 3, message: write('**Author**: Ann Example (@ann)'), severity: 'warning' }],
      output: crlf(proposal()),
    },
  ],
});
