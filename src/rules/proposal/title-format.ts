import type { Rule } from '../rule.js';
import { fileNameNumber, lineAt } from '../helpers.js';

export const titleFormat: Rule = {
  meta: {
    id: 'title-format',
    description: 'The first heading is not `# KLIP <n> - <title>`, or has no number',
    severity: 'error',
    severityNote: '(form: warning)',
    docs: `A proposal opens with a level-1 heading that carries its number and its title, \`# KLIP 12 - Pull queries\`.
The number is how the index, the file name and every discussion refer to the proposal, so a title without
one is an error. A title with a number in another form (\`# KLIP-12: Pull queries\`) is a warning: rewrite it
in the canonical form.`,
    fixable: true,
    examples: {
      language: 'markdown',
      bad: `# KLIP-12: Pull queries`,
      good: `# KLIP 12 - Pull queries`,
    },
    howToFix: `Rewrite the first line as \`# KLIP <n> - <title>\`, with the number reserved in the index. \`--fix\` does it, taking the number from the file name when the title has none.`,
    messages: {
      missing: 'No title: a proposal starts with a level-1 heading "{{example}}".',
      noNumber: 'The title "{{title}}" has no KLIP number; write "{{example}}".',
      noName: 'The title has a number but no name; write "{{example}}".',
      form: 'The title is not in the form "# KLIP <n> - <title>"; write "# KLIP {{number}} - {{name}}".',
    },
  },
  document(document) {
    const title = document.title;
    const expectedNumber = fileNameNumber(document.name);
    const example = (name: string) => `# KLIP ${expectedNumber ?? '<n>'} - ${name || '<title>'}`;
    if (!title) {
      return [
        {
          range: lineAt(document, 1),
          messageId: 'missing',
          data: { example: example('<title>') },
        },
      ];
    }
    // An ATX heading on one line can be rewritten whole; the number may come from the file name.
    const name = title.writtenName;
    const rewrite = (number: number | null) =>
      number !== null && name && title.range.line === title.range.endLine
        ? {
            description: `title -> "# KLIP ${number} - ${name}"`,
            edits: [{ range: { ...title.range, column: 1 }, text: `# KLIP ${number} - ${name}` }],
          }
        : undefined;
    if (title.number === null) {
      return [
        {
          range: title.range,
          messageId: 'noNumber',
          data: { title: title.text, example: example(name) },
          fix: rewrite(expectedNumber),
        },
      ];
    }
    if (!title.name) {
      return [
        {
          range: title.range,
          messageId: 'noName',
          data: { example: example('<title>') },
          severity: 'warning',
        },
      ];
    }
    if (!title.canonical || title.range.column !== 1) {
      return [
        {
          range: title.range,
          messageId: 'form',
          data: { number: title.number, name },
          severity: 'warning',
          fix: rewrite(title.number),
        },
      ];
    }
    return [];
  },
};
