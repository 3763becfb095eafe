import type { Plan, EventSide } from '../model/change-plan.js';
import { Git, GitError } from './git.js';
import { touchedPaths, type FileChange } from '../model/file-change.js';
import {
  compareChanges,
  createClient,
  pullRequestChanges,
  resolveRef,
  RestSnapshot,
  type GitHubClient,
  type Repo,
} from './github/client.js';
import { isObjectId } from './revision.js';
import { GitSnapshot, type Snapshot } from './snapshot.js';
import { describeApiFailure } from './github/api-client.js';

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

/** Fetches what the comparison needs (at depth 1, deeper for a merge base) and lists what changed. */
export function resolveChange(git: Git, plan: Extract<Plan, { kind: 'compare' }>): ResolvedChange {
  const notes = plan.note ? [plan.note] : [];
  // What the checkout already has, asked of git once: usually both ends are there.
  const ids = [...plan.head, plan.base, ...(plan.fallbackBase ? [plan.fallbackBase] : [])]
    .map((side) => side.sha)
    .filter((sha): sha is string => Boolean(sha && isObjectId(sha)));
  const known = new Map(git.commits([...new Set(ids)]));
  let head: string | null = null;
  let exactBase: string | null = null;
  const headErrors: string[] = [];
  for (const side of plan.head) {
    const commit = obtain(git, side, headErrors, known);
    if (!commit) continue;
    if (side.mergeOf === undefined) {
      head = commit;
      break;
    }
    // A merge commit's first parent is the exact base of what it merges, if it merges this head:
    // a merge ref left from an older head would judge something else.
    const parents = known.get(commit) ?? parentsOf(git, commit, known);
    const [first, second] = parents ?? [];
    if (first && second?.toLowerCase() === side.mergeOf.toLowerCase()) {
      head = commit;
      // Else the base below, from its merge base with this commit.
      exactBase = obtain(git, { sha: first }, [], known);
      break;
    } else {
      headErrors.push(`${describe(side)} does not merge the head ${side.mergeOf.slice(0, 12)}`);
    }
  }
  if (!head) {
    throw new ChangeSetError(
      `klip-lint could not get the commit to check (${plan.head.map(describe).join(', or ')}): ${headErrors.join('; ')}. ${CHECKOUT_ADVICE}`,
    );
  }
  if (exactBase) return { base: exactBase, head, changes: git.diff(exactBase, head, ''), notes };
  if (plan.head.some((side) => side.mergeOf !== undefined) && headErrors.length > 0) {
    notes.push(
      `The pull request's merge commit could not be used (a merge conflict?): the head was compared with where it left the base.`,
    );
  }

  const baseErrors: string[] = [];
  let baseSide = plan.base;
  let base = obtain(git, baseSide, baseErrors, known);
  if (!base && plan.fallbackBase) {
    base = obtain(git, plan.fallbackBase, baseErrors, known);
    if (base) {
      notes.push(
        `${capitalize(describe(plan.base))} is no longer available (a force push?); compared with ${describe(plan.fallbackBase)} instead.`,
      );
      baseSide = plan.fallbackBase;
    }
  }
  if (!base) {
    throw new ChangeSetError(
      `klip-lint could not get the base to compare with (${describe(plan.base)}): ${baseErrors.join('; ')}. ${CHECKOUT_ADVICE}`,
    );
  }
  if (baseSide.mergeBase && base !== head) {
    // Where the head left the base branch: what the branch gained since is not this change's.
    const found = mergeBase(git, base, head);
    if (found) base = found;
    else
      notes.push(
        `${capitalize(describe(baseSide))} and the commit checked have no common history here; compared with ${describe(baseSide)} itself.`,
      );
  }
  return { base, head, changes: git.diff(base, head, ''), notes };
}

function parentsOf(git: Git, commit: string, known: Map<string, string[] | null>): string[] | null {
  const parents = git.commits([commit]).get(commit) ?? null;
  known.set(commit, parents);
  return parents;
}

/** How deep each fetch reaches for a merge base in a shallow checkout: a few tries, then all. */
const DEPTHS = [64, 512, 4096, 0x7fffffff];

/**
 * The merge base of two commits that are here, deepening a shallow checkout a bounded number of
 * times (the last one fetches their whole history). Null when they have no common history.
 */
export function mergeBase(git: Git, a: string, b: string): string | null {
  let found = git.mergeBase(a, b);
  for (const depth of DEPTHS) {
    if (found || !git.isShallow()) break;
    try {
      git.fetchAt(depth, [a, b]);
    } catch {
      break;
    }
    found = git.mergeBase(a, b);
  }
  return found;
}

function obtain(
  git: Git,
  side: EventSide,
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

function describe(side: EventSide): string {
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
  const sha = async (side: EventSide) =>
    side.sha ?? (await resolveRef(client, repository, side.ref ?? 'HEAD'));
  const headSide = plan.head.find((side) => side.sha) ?? plan.head[0];
  if (!headSide) throw new Error('the event names no commit to check');
  const head = await sha(headSide);
  let base = await sha(plan.base);
  // A merge commit descends from the base's tip; any other head is compared from where it left it.
  if (plan.base.mergeBase && headSide.mergeOf === undefined) {
    const { data } = await client.rest.repos.compareCommitsWithBasehead({
      ...repository,
      basehead: `${base}...${head}`,
    });
    const found = data.merge_base_commit?.sha;
    if (typeof found !== 'string' || !isObjectId(found))
      throw new Error('the compare API gave no merge base');
    base = found;
  }
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
