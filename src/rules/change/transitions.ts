import type { StatusDefinition } from '../../model/status.js';
import type { Range } from '../../model/types.js';
import type { ChangeContext } from '../rule.js';
import { documentStatus } from '../helpers.js';

export interface StatusMove {
  file: string;
  range: Range;
  klip: number | null;
  from: StatusDefinition;
  to: StatusDefinition;
}

/** Proposals whose readable status differs between base and head. */
export function statusMoves(context: ChangeContext): StatusMove[] {
  return context.changes.flatMap((change) => {
    if (!change.base || !change.head) return [];
    const before = documentStatus(change.base, context.template, context.vocabulary);
    const after = documentStatus(change.head, context.template, context.vocabulary);
    if (!before || !after || before.match.kind === 'unknown' || after.match.kind === 'unknown')
      return [];
    if (before.match.status === after.match.status) return [];
    return [
      {
        file: change.head.file,
        range: after.field.valueRange,
        klip: change.head.number,
        from: before.match.status,
        to: after.match.status,
      },
    ];
  });
}
