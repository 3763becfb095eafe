import type { Rule } from '../rule.js';

export const templateChanged: Rule = {
  meta: {
    id: 'template-changed',
    description: 'Against the base: the change edits the template, which applies only after merge',
    severity: 'notice',
    docs: `klip-lint judges a change with the template of its base, so that a pull request cannot weaken the
checks that judge it. A change to \`klip-template.md\` takes effect for the pull requests after it is
merged.`,
    needs: ['base'],
    examples: {
      language: 'markdown',
      bad: `A PR edits klip-template.md (and checks its own proposal against the new template).`,
      good: `Edit the template in a PR of its own; proposals follow it once it is merged.`,
    },
    howToFix: `Nothing to fix: the notice says the new template takes effect after merge.`,
    messages: {
      edited:
        "This change edits the template; this run checks with the base's template, and the new one applies after merge.",
    },
  },
  change({ templateChanged: file }) {
    if (!file) return [];
    return [
      {
        file,
        range: { line: 1, column: 1, endLine: 1, endColumn: 1 },
        klip: null,
        messageId: 'edited',
      },
    ];
  },
};
