import {
  canonicalNames,
  matchStatus,
  type StatusMatch,
  type Vocabulary,
} from '../../model/status.js';
import type { Problem } from '../../model/types.js';
import type { FileProblem, Rule } from '../rule.js';
import { documentStatus } from '../helpers.js';

export const statusUnknown: Rule = {
  meta: {
    id: 'status-unknown',
    description: 'The status is not in the vocabulary (with a did-you-mean)',
    severity: 'error',
    docs: `The Status field drives the process: the index, transitions and approvals are read from it. It must
name one status of the vocabulary (In Discussion, Design Approved, In Development, Merged, or an end state
such as Rejected), or one of their aliases. Free text such as "values: Merged, keys: Design Approved" cannot
be read: pick the one status that describes the proposal and say the rest in the text.`,
    examples: {
      language: 'markdown',
      bad: `**Status**: Done |
**Status**: values: Merged, keys: Design Approved |`,
      good: `**Status**: Merged |`,
    },
    howToFix: `Pick the one status of the vocabulary that describes the proposal; the message suggests the closest. Add a status your process needs (such as Parked) to \`statuses\` in the configuration.`,
    messages: {
      unknown: 'Unknown status "{{written}}"; expected one of {{statuses}}.',
      didYouMean: 'Unknown status "{{written}}"; did you mean {{suggestions}}?',
    },
  },
  document(document, { template, vocabulary }) {
    const status = documentStatus(document, template, vocabulary);
    if (!status || status.match.kind !== 'unknown') return [];
    return [
      {
        range: status.field.valueRange,
        ...unknownMessage(status.match, vocabulary, true),
      },
    ];
  },
  project({ index, vocabulary }) {
    if (!index) return [];
    const problems: FileProblem[] = [];
    // A loop, not flatMap: an index has thousands of rows, nearly all fine.
    for (const row of index.rows) {
      // The template's own row has no number and a "-" status.
      if (row.number === null || !row.status) continue;
      const match = matchStatus(row.status, vocabulary);
      if (match.kind !== 'unknown') continue;
      problems.push({
        file: index.file,
        range: row.statusRange,
        klip: row.number,
        ...unknownMessage(match, vocabulary, false),
      });
    }
    return problems;
  },
};

/** The status as written, and the statuses it may have meant (or else the ones there are). */
function unknownMessage(
  match: StatusMatch & { kind: 'unknown' },
  vocabulary: Vocabulary,
  file: boolean,
): Pick<Problem, 'messageId' | 'data'> {
  const { suggestions, written } = match;
  if (suggestions.length === 0) {
    return {
      messageId: 'unknown',
      data: { written, statuses: canonicalNames(vocabulary, file).join(', ') },
    };
  }
  const quoted = suggestions.map((name) => `"${name}"`).join(', ');
  return {
    messageId: 'didYouMean',
    data: { written, suggestions: suggestions.length === 1 ? quoted : `one of ${quoted}` },
  };
}
