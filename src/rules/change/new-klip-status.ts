import { firstFileStatus } from '../../model/status.js';
import type { Rule } from '../rule.js';
import { documentStatus } from '../helpers.js';

export const newKlipStatus: Rule = {
  meta: {
    id: 'new-klip-status',
    description: 'Against the base: a new proposal starts beyond the first status',
    severity: 'warning',
    docs: `A new proposal normally arrives In Discussion: the design PR is where it is discussed and approved.
Many design PRs are merged with the file already at Design Approved or Merged, because the PR itself carried
the discussion and the approvals. That is fine when the PR has its approvals; this warning asks a
maintainer to check that it has.`,
    needs: ['base'],
    examples: {
      language: 'markdown',
      bad: `A new file klip-64-x.md arrives with **Status**: Merged |`,
      good: `A new file klip-64-x.md arrives with **Status**: In Discussion |`,
    },
    howToFix: `Start at In Discussion, or make sure the PR carries the discussion and its approvals.`,
    messages: {
      beyondFirst:
        'A new proposal starts at "{{first}}", and this one arrives at "{{status}}". Set its Status to "{{first}}" and let this PR be the design discussion, or, if this PR carries the discussion and the decision, {{approve}}.',
    },
    // With the pull request's reviews at hand, approvals-required judges new proposals instead.
    deferTo: ['approvals-required'],
  },
  change({ changes, template, vocabulary, approvals }) {
    const first = firstFileStatus(vocabulary);
    if (!first) return [];
    return changes.flatMap((change) => {
      if (change.status !== 'added' || !change.head) return [];
      const status = documentStatus(change.head, template, vocabulary);
      if (!status || status.match.kind === 'unknown') return [];
      const name = status.match.status.name;
      // An index-only status in a file is status-alias's to report.
      if (name === first.name || status.match.status.indexOnly) return [];
      const required = approvals[name] ?? 0;
      const approve =
        required > 0
          ? `collect the ${required} approvals from people with write access that "${name}" needs on this PR before it is merged`
          : `make sure this PR carried the discussion that reached "${name}"`;
      return [
        {
          file: change.head.file,
          range: status.field.valueRange,
          klip: change.head.number,
          messageId: 'beyondFirst',
          data: { first: first.name, status: name, approve },
        },
      ];
    });
  },
};
