import type { Rule } from '../rule.js';
import { documentStatus, firstField } from '../helpers.js';

const VERSION = /\d+(\.\d+)*/;

export const releaseTarget: Rule = {
  meta: {
    id: 'release-target',
    description: 'Merged, but Release Target names no version',
    severity: 'notice',
    docs: `When a proposal is Merged its feature shipped, or will in a known release. Record the version in
Release Target (\`0.24.0; 7.2.0\`), so readers know where to find it. "TBD" and "?" are fine while the
proposal is being discussed, not once it is merged.`,
    examples: {
      language: 'markdown',
      bad: `**Release Target**: TBD |
**Status**: Merged |`,
      good: `**Release Target**: 0.24.0; 7.2.0 |
**Status**: Merged |`,
    },
    howToFix: `Write the release the feature shipped in.`,
    messages: {
      noVersion:
        'The status is Merged but Release Target names no version{{written}}; write the release it shipped in, e.g. "0.24.0".',
    },
  },
  document(document, { template, vocabulary }) {
    const status = documentStatus(document, template, vocabulary);
    if (!status || status.match.kind === 'unknown' || status.match.status.name !== 'Merged')
      return [];
    const target = firstField(document, 'release target');
    if (!target || VERSION.test(target.value)) return [];
    return [
      {
        range: target.valueRange,
        messageId: 'noVersion',
        // What it says instead, when it says anything.
        data: { written: target.rawValue ? ` ("${target.rawValue}")` : '' },
      },
    ];
  },
};
