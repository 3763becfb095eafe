import { firstFileStatus, statusOrder } from '../../model/status.js';
import type { Rule } from '../rule.js';
import { documentStatus, firstField, isPlaceholder } from '../helpers.js';

const PR_OR_ISSUE = /https?:\/\/\S+\/(pull|issues|discussions)\/\d+/i;

export const discussionLink: Rule = {
  meta: {
    id: 'discussion-link',
    description: 'Past the first status, Discussion is not a link to a PR or issue',
    severity: 'warning',
    docs: `Once a proposal is past its first status, its design discussion happened somewhere, and the
Discussion field must link to it: \`**Discussion**: https://github.com/org/repo/pull/123\` or
\`[#123](https://github.com/org/repo/pull/123)\`. "TBD", "link" or the template's placeholder leave the
decision untraceable.`,
    examples: {
      language: 'markdown',
      bad: `**Status**: Design Approved |
**Discussion**: TBD`,
      good: `**Status**: Design Approved |
**Discussion**: https://github.com/org/repo/pull/123`,
    },
    howToFix: `Link the pull request or issue where the design was discussed.`,
    messages: {
      notALink:
        'The status is "{{status}}" but Discussion is not a link to a pull request or issue ("{{value}}"); link the design discussion PR.',
    },
  },
  document(document, { template, vocabulary, placeholders }) {
    const status = documentStatus(document, template, vocabulary);
    if (!status || status.match.kind === 'unknown') return [];
    const first = firstFileStatus(vocabulary);
    if (!first) return [];
    const order = statusOrder(status.match.status.name, vocabulary);
    if (order <= statusOrder(first.name, vocabulary)) return [];
    const discussion = firstField(document, 'discussion');
    // An empty or placeholder value (TBD, link) is metadata-placeholder's to report.
    if (
      !discussion ||
      isPlaceholder(discussion, template, vocabulary, placeholders) ||
      PR_OR_ISSUE.test(discussion.rawValue)
    )
      return [];
    return [
      {
        range: discussion.valueRange,
        messageId: 'notALink',
        data: { status: status.match.status.name, value: discussion.rawValue },
      },
    ];
  },
};
