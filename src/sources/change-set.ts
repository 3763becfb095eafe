import type { Plan, Side } from '../action/event.js';
import { GitError, type FileChange, type Git } from './git.js';

export interface ResolvedChange {
  base: string;
  head: string;
  changes: FileChange[];
  notes: string[];
}

/** The workflow cannot give klip-lint what it needs; the message says what to change. */
export class ChangeSetError extends Error {}

const CHECKOUT_ADVICE =
  'klip-lint fetches the commits it needs from origin with the credentials actions/checkout leaves: keep its default persist-credentials: true, or check out with fetch-depth: 0.';

/** Fetches what the comparison needs (at depth 1) and lists what changed in the folder. */
export function resolveChange(
  git: Git,
  plan: Extract<Plan, { kind: 'compare' }>,
  folder: string,
): ResolvedChange {
  const notes = plan.note ? [plan.note] : [];
  let head: string | null = null;
  const headErrors: string[] = [];
  for (const side of plan.head) {
    head = obtain(git, side, headErrors);
    if (head) break;
  }
  if (!head) {
    throw new ChangeSetError(
      `klip-lint could not get the commit to check (${plan.head.map(describe).join(', or ')}): ${headErrors.join('; ')}. ${CHECKOUT_ADVICE}`,
    );
  }

  const baseErrors: string[] = [];
  let base = obtain(git, plan.base, baseErrors);
  if (!base && plan.fallbackBase) {
    base = obtain(git, plan.fallbackBase, baseErrors);
    if (base)
      notes.push(
        `${capitalize(describe(plan.base))} is no longer available (a force push?); compared with ${describe(plan.fallbackBase)} instead.`,
      );
  }
  if (!base) {
    throw new ChangeSetError(
      `klip-lint could not get the base to compare with (${describe(plan.base)}): ${baseErrors.join('; ')}. ${CHECKOUT_ADVICE}`,
    );
  }

  // A merge commit's first parent is the exact base of what it merges.
  const firstParent = parentsOf(git, head)[0];
  if (
    firstParent &&
    firstParent !== base &&
    plan.pullRequest !== undefined &&
    parentsOf(git, head).length > 1
  ) {
    const errors: string[] = [];
    const exact = obtain(git, { sha: firstParent }, errors);
    if (exact) base = exact;
  }

  return { base, head, changes: git.diff(base, head, folder), notes };
}

function obtain(git: Git, side: Side, errors: string[]): string | null {
  if (side.sha) {
    if (git.hasCommit(side.sha)) return side.sha;
    try {
      git.fetch(side.sha);
    } catch (error) {
      errors.push(reason(error));
      return null;
    }
    return git.hasCommit(side.sha) ? side.sha : null;
  }
  if (side.ref) {
    try {
      git.fetch(side.ref);
      return git.resolve('FETCH_HEAD');
    } catch (error) {
      errors.push(reason(error));
      const branch = side.ref.replace(/^refs\/heads\//, '');
      return side.ref.startsWith('refs/heads/')
        ? git.resolve(`refs/remotes/origin/${branch}`)
        : null;
    }
  }
  return null;
}

/** Parent ids as the commit object records them, even in a shallow clone. */
function parentsOf(git: Git, commit: string): string[] {
  try {
    return git
      .text(['cat-file', '-p', commit])
      .split('\n')
      .filter((line) => line.startsWith('parent '))
      .map((line) => line.slice('parent '.length));
  } catch {
    return [];
  }
}

function describe(side: Side): string {
  const name = side.label ?? side.ref ?? 'a commit';
  return side.sha ? `${name} ${side.sha.slice(0, 12)}` : name;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function reason(error: unknown): string {
  if (error instanceof GitError) return error.message;
  return error instanceof Error ? error.message : String(error);
}
