import { slugify } from '../../core/strings.js';
import type { Rule } from '../rule.js';
import { fileAnchor, fileNameNumber } from '../helpers.js';

const CANONICAL = /^klip-[1-9]\d*-[a-z0-9]+(-[a-z0-9]+)*\.md$/;

export const filenameFormat: Rule = {
  meta: {
    id: 'filename-format',
    description: 'The file name is not `klip-<n>-<slug>.md`',
    severity: 'error',
    severityNote: '(form: warning)',
    docs: `Proposal files are named \`klip-<number>-<slug>.md\`: the number without leading zeros, the slug in
lowercase words joined by \`-\` (\`klip-12-pull-high-availability.md\`). A file name without a number is an
error, since nothing ties the file to its reserved number; other deviations (capitals, spaces, underscores)
are warnings. Rename the file with \`git mv\` and update the index link.`,
    examples: {
      language: 'markdown',
      bad: `klip-11-DQL.md
klip-20_remove_terminate.md
my-proposal.md`,
      good: `klip-11-dql.md
klip-20-remove-terminate.md
klip-64-my-proposal.md`,
    },
    howToFix: `Rename the file with \`git mv\` to the name the message suggests, and update its index link.`,
    messages: {
      noNumber:
        'The file name "{{name}}" has no KLIP number; rename it to "{{suggestion}}" (git mv) and update the index row\'s link to it.',
      notCanonical:
        'The file name "{{name}}" is not "klip-<n>-<slug>.md" (lowercase words joined by "-"); rename it to "{{suggestion}}" (git mv) and update the index row\'s link to it.',
    },
  },
  document(document) {
    const { name } = document;
    if (CANONICAL.test(name)) return [];
    const number = fileNameNumber(name) ?? document.title?.number ?? null;
    const slug = slugify(
      name.replace(/\.md$/i, '').replace(/^klip[-_ ]?\d*[-_ ]?/i, '') ||
        document.title?.name ||
        'title',
    );
    const suggestion = `klip-${number ?? '<n>'}-${slug || 'title'}.md`;
    if (fileNameNumber(name) === null) {
      return [
        {
          range: fileAnchor(document),
          messageId: 'noNumber',
          data: { name, suggestion },
        },
      ];
    }
    return [
      {
        range: fileAnchor(document),
        messageId: 'notCanonical',
        data: { name, suggestion },
        severity: 'warning',
      },
    ];
  },
};
