import { couldRead } from '../../model/pull-request-facts.js';
import type { Rule } from '../rule.js';
import { fileAnchor } from '../helpers.js';

export const numberCollision: Rule = {
  meta: {
    id: 'number-collision',
    description: 'Against the base: another open PR claims the same number',
    severity: 'error',
    docs: `An intent PR reserves a number so that two people never hold the same one. When another open pull
request adds a proposal file or an index row with the number this PR claims, one of them must take
another number: the one merged first keeps it. The check reads the repository's open pull requests
through the GitHub API, as many as the \`max-pulls\` input allows.`,
    needs: ['base', 'github'],
    examples: {
      language: 'markdown',
      bad: `This PR adds klip-64-window-joins.md while open PR #120 adds klip-64-udf-metrics.md.`,
      good: `This PR takes the next free number, 65, after an intent PR reserves it.`,
    },
    howToFix: `Agree with the other PR's author which proposal keeps the number, and reserve a new one for the other with an intent PR.`,
    messages: {
      claimed:
        'KLIP {{number}} is also claimed by open pull request {{pulls}}; two people must never hold one number: agree which keeps it, and reserve another for the other.',
    },
  },
  change({ changes, pullRequest, baseIndex, headIndex }) {
    if (!couldRead(pullRequest, 'number-collision') || pullRequest.otherPulls.length === 0)
      return [];
    const claims: { number: number; file: string; range: import('../../model/types.js').Range }[] =
      [];
    for (const change of changes) {
      if (change.status !== 'added' || !change.head) continue;
      const number = change.head.number;
      if (number !== null) {
        claims.push({
          number,
          file: change.head.file,
          range: change.head.title?.numberRange ?? fileAnchor(change.head),
        });
      }
    }
    const before = new Set(baseIndex?.rows.map((row) => row.number) ?? []);
    for (const row of headIndex?.rows ?? []) {
      if (
        row.number === null ||
        before.has(row.number) ||
        claims.some((claim) => claim.number === row.number)
      )
        continue;
      claims.push({ number: row.number, file: headIndex?.file ?? '', range: row.range });
    }
    return claims.flatMap((claim) => {
      const others = pullRequest.otherPulls.filter((pull) => pull.numbers.includes(claim.number));
      if (others.length === 0) return [];
      const names = others.map((pull) => `#${pull.number} ("${pull.title}")`).join(', ');
      return [
        {
          file: claim.file,
          range: claim.range,
          klip: claim.number,
          messageId: 'claimed',
          data: { number: claim.number, pulls: names },
        },
      ];
    });
  },
};
