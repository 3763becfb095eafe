import { classifyTransition } from '../../model/status.js';
import type { Rule } from '../rule.js';
import { statusMoves } from './transitions.js';

export const statusTransition: Rule = {
  meta: {
    id: 'status-transition',
    description: 'Against the base: the status moved backwards or out of an end state',
    severity: 'error',
    docs: `A proposal's status only moves forward: In Discussion, Design Approved, In Development, Merged.
Moving it back (Merged to In Discussion) or out of an end state (Merged, Rejected, Withdrawn,
Superseded) rewrites a decision that was made; write a new proposal that supersedes it instead.`,
    needs: ['base'],
    examples: {
      language: 'diff',
      bad: `-**Status**: Merged |
+**Status**: In Discussion |`,
      good: `-**Status**: In Discussion |
+**Status**: Design Approved |`,
    },
    howToFix: `Keep the status; to revisit a decision, write a new proposal that supersedes the old one. Allow a move your process needs with \`statuses.transitions\`.`,
    messages: {
      backward:
        'The status moved backwards, from "{{from}}" to "{{to}}"; statuses only move forward.',
      fromEnd:
        'The status moved from "{{from}}" to "{{to}}", out of an end state; "{{from}}" is final: write a new proposal instead.',
    },
  },
  change(context) {
    return statusMoves(context).flatMap(({ file, range, klip, from, to }) => {
      const kind = classifyTransition(from, to, context.vocabulary).kind;
      if (kind !== 'backward' && kind !== 'from-end') return [];
      return [
        {
          file,
          range,
          klip,
          messageId: kind === 'from-end' ? 'fromEnd' : 'backward',
          data: { from: from.name, to: to.name },
        },
      ];
    });
  },
};
