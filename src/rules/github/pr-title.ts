import type { FileProblem, Rule } from '../rule.js';
import { fileAnchor } from '../helpers.js';

const DESIGN = /^docs: klip-(\d+): \S/;
const INTENT = /^docs: intent for klip-(\d+): \S/;

export const prTitle: Rule = {
  meta: {
    id: 'pr-title',
    description: 'The PR title does not follow the intent/design convention',
    severity: 'warning',
    docs: `The index README names pull requests by their step: \`docs: intent for klip-<n>: <title>\` reserves a
number (it only touches the index), and \`docs: klip-<n>: <title>\` adds the proposal. The number is the
KLIP the PR changes, so that searches and release notes find every step of a proposal. Other PRs (status
updates, fixes) are not checked.`,
    needs: ['base', 'github'],
    examples: {
      language: 'markdown',
      bad: `Add window joins KLIP`,
      good: `docs: klip-64: Window joins
docs: intent for klip-64: Window joins`,
    },
    howToFix: `Rename the pull request as the message says.`,
    messages: {
      design:
        'A PR that adds a proposal is titled "docs: klip-<n>: <title>"; title it "{{expected}}" (it is "{{title}}").',
      designNumber:
        'The PR title names klip-{{named}}, but the PR adds KLIP {{numbers}}; title it "{{expected}}".',
      intent:
        'A PR that reserves a number is titled "docs: intent for klip-<n>: <title>"; title it "{{expected}}" (it is "{{title}}").',
      intentNumber:
        'The PR title names klip-{{named}}, but the PR reserves KLIP {{numbers}}; title it "{{expected}}".',
    },
  },
  change({ changes, pullRequest, baseIndex, headIndex }): FileProblem[] {
    if (!pullRequest) return [];
    const title = pullRequest.title.trim();
    const added = changes.filter((change) => change.status === 'added' && change.head);
    if (added.length > 0) {
      const first = added[0]?.head;
      if (!first) return [];
      const numbers = added
        .map((change) => (change.head ?? first).number)
        .filter((n): n is number => n !== null);
      const match = DESIGN.exec(title);
      if (match && numbers.includes(Number(match[1]))) return [];
      const expected = `docs: klip-${numbers[0] ?? '<n>'}: ${first.title?.name || '<title>'}`;
      return [
        {
          file: first.file,
          range: first.title?.range ?? fileAnchor(first),
          klip: numbers[0] ?? null,
          ...(match
            ? {
                messageId: 'designNumber',
                data: { named: match[1] ?? '', numbers: numbers.join(', '), expected },
              }
            : { messageId: 'design', data: { expected, title } }),
        },
      ];
    }
    if (changes.length > 0 || !headIndex) return [];
    // An intent: only the index changes, adding rows.
    const before = new Set(baseIndex?.rows.map((row) => row.number) ?? []);
    const rows = headIndex.rows.filter((row) => row.number !== null && !before.has(row.number));
    const row = rows[0];
    if (!row) return [];
    const match = INTENT.exec(title);
    if (match && rows.some((entry) => entry.number === Number(match[1]))) return [];
    const name = row.text.replace(/^.*?KLIP[\s_-]*\d+\s*[:-]?\s*/i, '') || '<title>';
    const expected = `docs: intent for klip-${row.number}: ${name}`;
    return [
      {
        file: headIndex.file,
        range: row.range,
        klip: row.number,
        ...(match
          ? {
              messageId: 'intentNumber',
              data: {
                named: match[1] ?? '',
                numbers: rows.map((entry) => entry.number).join(', '),
                expected,
              },
            }
          : { messageId: 'intent', data: { expected, title } }),
      },
    ];
  },
};
