import { couldRead } from '../../model/pull-request-facts.js';
import type { Rule } from '../rule.js';
import { documentStatus } from '../helpers.js';
import { countApprovals } from './approvals.js';

const TOO_FEW =
  'KLIP {{number}} {{move}}, which needs {{required}} approvals from people with write access; it has {{count}}{{approvers}}. {{missing}} more {{verb}} needed{{from}}';

export const approvalsRequired: Rule = {
  meta: {
    id: 'approvals-required',
    description: 'Against the base: a status change needs approvals the PR does not have',
    severity: 'error',
    docs: `The process approves a proposal when enough people with write access approve its PR (two, unless the
configuration's \`approvals\` says otherwise). A PR that moves a proposal to Design Approved or further, or
adds one already past In Discussion, needs them: each reviewer's latest review counts once, an approval
followed by a request for changes or a dismissal does not count, the author does not count, and an
approval given before the latest commit that changed the proposal does not count. The check needs the
GitHub API (a token with pull-requests: read); rerun it when a review arrives with a
\`pull_request_review\` trigger.`,
    needs: ['base', 'github'],
    examples: {
      language: 'markdown',
      bad: `A PR moves klip-12 to **Status**: Design Approved with one approval from a writer
and one from a reader.`,
      good: `The same PR with approvals from two people with write access, given after the
last commit that changed klip-12.`,
    },
    howToFix: `Ask people with write access to review the latest version; the message names some. Rerun the check when a review arrives: add \`pull_request_review: { types: [submitted, dismissed] }\` to the workflow's triggers. Set the numbers per status in the configuration's \`approvals\`.`,
    options: {
      countStale: {
        type: 'boolean',
        description:
          'Count approvals given before the latest commit that changed the proposal (default: false).',
      },
    },
    messages: {
      tooFew: `${TOO_FEW}.`,
      // Some approvals are there but do not count: the message says whose, and why.
      tooFewNotCounted: `${TOO_FEW}. Not counted: {{notCounted}}.`,
    },
  },
  change({ changes, pullRequest, approvals, template, vocabulary, options }) {
    if (!couldRead(pullRequest, 'approvals-required')) return [];
    return changes.flatMap((change) => {
      if (!change.head) return [];
      const after = documentStatus(change.head, template, vocabulary);
      if (!after || after.match.kind === 'unknown') return [];
      const before = change.base ? documentStatus(change.base, template, vocabulary) : null;
      const target = after.match.status.name;
      if (before && before.match.kind !== 'unknown' && before.match.status.name === target)
        return [];
      const required = approvals[target] ?? 0;
      if (required === 0) return [];
      const files = [change.head.file, ...(change.base ? [change.base.file] : [])];
      const { counted, ignored } = countApprovals(pullRequest, files, options.countStale === true);
      if (counted.length >= required) return [];
      const missing = required - counted.length;
      const have = counted.length ? ` (${counted.join(', ')})` : '';
      const candidates = (pullRequest.writers ?? [])
        .filter((user) => !counted.includes(user))
        .slice(0, 5);
      const from = candidates.length
        ? `, from a writer such as ${candidates.join(', ')}`
        : ', from people with write access';

      const what = change.base ? `moves to "${target}"` : `arrives at "${target}"`;
      return [
        {
          file: change.head.file,
          range: after.field.valueRange,
          klip: change.head.number,
          messageId: ignored.length ? 'tooFewNotCounted' : 'tooFew',
          data: {
            number: change.head.number ?? '?',
            move: what,
            required,
            count: counted.length,
            approvers: have,
            missing,
            verb: missing === 1 ? 'is' : 'are',
            from,
            ...(ignored.length
              ? {
                  notCounted: ignored.map((entry) => `${entry.user} (${entry.why})`).join(', '),
                }
              : {}),
          },
        },
      ];
    });
  },
};
