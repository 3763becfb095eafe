import type { Plan, Side } from '../action/event.js';
import { Git, GitError, touchedPaths, type FileChange } from './git.js';
import {
  compareChanges,
  createClient,
  pullRequestChanges,
  resolveRef,
  RestSnapshot,
  type GitHubClient,
  type Repo,
} from './github.js';
import { GitSnapshot, type Snapshot } from './snapshot.js';
import { describeApiFailure } from './api-client.js';

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
export function resolveChange(git: Git, plan: Extract<Plan, { kind: 'compare' }>): ResolvedChange {
  const notes = plan.note ? [plan.note] : [];
  // What the checkout already has, asked of git once: usually both ends are there.
  const ids = [...plan.head, plan.base, ...(plan.fallbackBase ? [plan.fallbackBase] : [])]
    .map((side) => side.sha)
    .filter((sha): sha is string => Boolean(sha && /^[0-9a-f]{40,64}$/i.test(sha)));
  const known = git.commits([...new Set(ids)]);
  let head: string | null = null;
  const headErrors: string[] = [];
  for (const side of plan.head) {
    head = obtain(git, side, headErrors, known);
    if (head) break;
  }
  if (!head) {
    throw new ChangeSetError(
      `klip-lint could not get the commit to check (${plan.head.map(describe).join(', or ')}): ${headErrors.join('; ')}. ${CHECKOUT_ADVICE}`,
    );
  }

  const baseErrors: string[] = [];
  let base = obtain(git, plan.base, baseErrors, known);
  if (!base && plan.fallbackBase) {
    base = obtain(git, plan.fallbackBase, baseErrors, known);
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
  const parents = known.get(head) ?? git.commits([head]).get(head) ?? [];
  const firstParent = parents[0];
  if (firstParent && firstParent !== base && plan.pullRequest !== undefined && parents.length > 1) {
    const errors: string[] = [];
    const exact = obtain(git, { sha: firstParent }, errors, known);
    if (exact) base = exact;
  }

  return { base, head, changes: git.diff(base, head, ''), notes };
}

function obtain(
  git: Git,
  side: Side,
  errors: string[],
  known: ReadonlyMap<string, string[] | null>,
): string | null {
  if (side.sha) {
    if (known.has(side.sha) ? known.get(side.sha) : git.hasCommit(side.sha)) return side.sha;
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

export interface ObtainedChange {
  base: { id: string; snapshot: Snapshot };
  head: { id: string; snapshot: Snapshot };
  changes: FileChange[];
  notes: string[];
}

/**
 * Gets both ends of a change: from git, fetching at depth 1 what the checkout left out, else
 * through the REST API with the token. One clear error when neither works.
 */
export async function obtainChange(
  root: string,
  plan: Extract<Plan, { kind: 'compare' }>,
  api: { token: string; repository: Repo | null },
): Promise<ObtainedChange> {
  const git = new Git(root);
  let gitError: ChangeSetError;
  if (git.isRepository()) {
    try {
      const change = resolveChange(git, plan);
      const base = new GitSnapshot(git, change.base);
      const paths = touchedPaths(change.changes);
      return {
        base: { id: change.base, snapshot: base },
        head: {
          id: change.head,
          snapshot: new GitSnapshot(git, change.head, { snapshot: base, paths }),
        },
        changes: change.changes,
        notes: change.notes,
      };
    } catch (error) {
      if (!(error instanceof ChangeSetError)) throw error;
      gitError = error;
    }
  } else {
    gitError = new ChangeSetError(
      `${root} is not a git repository, so klip-lint cannot read the change with git: run actions/checkout before klip-lint.`,
    );
  }
  if (!api.token || !api.repository) throw gitError;
  try {
    return await restChange(git, plan, createClient(api.token), api.repository, gitError);
  } catch (error) {
    throw new ChangeSetError(
      `${gitError.message} Reading the change through the REST API failed too: ${describeApiFailure(error, 'contents: read')}`,
    );
  }
}

async function restChange(
  git: Git,
  plan: Extract<Plan, { kind: 'compare' }>,
  client: GitHubClient,
  repository: Repo,
  gitError: ChangeSetError,
): Promise<ObtainedChange> {
  const sha = async (side: Side) =>
    side.sha ?? (await resolveRef(client, repository, side.ref ?? 'HEAD'));
  const base = await sha(plan.base);
  const headSide = plan.head.find((side) => side.sha) ?? plan.head[0];
  if (!headSide) throw new Error('the event names no commit to check');
  const head = await sha(headSide);
  const changes =
    plan.pullRequest !== undefined
      ? await pullRequestChanges(client, repository, plan.pullRequest)
      : await compareChanges(client, repository, base, head);
  const headSnapshot =
    git.isRepository() && git.hasCommit(head)
      ? new GitSnapshot(git, head)
      : await RestSnapshot.load(client, repository, head);
  return {
    base: { id: base, snapshot: await RestSnapshot.load(client, repository, base) },
    head: { id: head, snapshot: headSnapshot },
    changes,
    notes: [
      `git could not provide the change (${gitError.message.split(':')[0]}); it was read through the REST API instead.`,
    ],
  };
}
