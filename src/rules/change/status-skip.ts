import { classifyTransition } from '../../model/status.js';
import type { Rule } from '../rule.js';
import { statusMoves } from './transitions.js';

export const statusSkip: Rule = {
  meta: {
    id: 'status-skip',
    description: 'Against the base: the status moved forward past a step',
    severity: 'warning',
    docs: `Each status is a step reviewers rely on: Design Approved means the design was approved before it was
built. A move from In Discussion straight to Merged skips that record. It happens in clean-ups, so it is a
warning: make sure the skipped steps really happened, and say so in the PR.`,
    needs: ['base'],
    examples: {
      language: 'diff',
      bad: `-**Status**: In Discussion |
+**Status**: Merged |`,
      good: `-**Status**: In Discussion |
+**Status**: Design Approved |`,
    },
    howToFix: `Move one step at a time, or say in the PR why the steps in between happened elsewhere. Allow the move with \`statuses.transitions\` if your process has it.`,
    messages: {
      skip: 'The status moved from "{{from}}" to "{{to}}", skipping {{skipped}}.',
    },
  },
  change(context) {
    return statusMoves(context).flatMap(({ file, range, klip, from, to }) => {
      const transition = classifyTransition(from, to, context.vocabulary);
      if (transition.kind !== 'skip') return [];
      const skipped = transition.skipped.map((name) => `"${name}"`).join(' and ');
      return [
        {
          file,
          range,
          klip,
          messageId: 'skip',
          data: { from: from.name, to: to.name, skipped },
        },
      ];
    });
  },
};
