/** One side of a comparison: a commit id, or a ref to fetch (with a fallback when it is gone). */
export interface Side {
  sha?: string;
  ref?: string;
  /** Said in the summary, e.g. "the default branch main". */
  label?: string;
}

export type Plan =
  | { kind: 'full'; note?: string }
  | {
      kind: 'compare';
      base: Side;
      /** Tried in order: e.g. the PR's merge commit, then its head. */
      head: Side[];
      /** Used when the base cannot be had: e.g. the default branch after a force push. */
      fallbackBase?: Side;
      note?: string;
      pullRequest?: number;
    };

const ZERO = /^0+$/;

interface Payload {
  before?: string;
  after?: string;
  repository?: { default_branch?: string };
  pull_request?: {
    number?: number;
    base?: { sha?: string; ref?: string };
    head?: { sha?: string };
  };
  merge_group?: { base_sha?: string; head_sha?: string };
}

/** Decides what to compare from the event, its payload and the inputs: no I/O. */
export function planFor(
  eventName: string,
  payload: Payload,
  options: { sha?: string; baseRef?: string },
): Plan {
  const defaultBranch = payload.repository?.default_branch;
  const defaultSide: Side | undefined = defaultBranch
    ? { ref: `refs/heads/${defaultBranch}`, label: `the default branch ${defaultBranch}` }
    : undefined;
  switch (eventName) {
    case 'pull_request':
    case 'pull_request_review':
    case 'pull_request_target': {
      const pr = payload.pull_request;
      if (!pr?.base?.sha || !pr.head?.sha)
        return {
          kind: 'full',
          note: 'The event payload has no pull request base and head; every proposal was checked.',
        };
      const merge: Side = {
        ref: `refs/pull/${pr.number}/merge`,
        label: `the merge commit of #${pr.number}`,
      };
      // pull_request checks out the merge commit (GITHUB_SHA); pull_request_target checks out the base.
      const head: Side[] =
        eventName !== 'pull_request_target' && options.sha
          ? [
              { sha: options.sha, label: 'the merge commit' },
              { sha: pr.head.sha, label: 'the head' },
            ]
          : [merge, { sha: pr.head.sha, label: 'the head' }];
      return {
        kind: 'compare',
        base: { sha: pr.base.sha, label: 'the base' },
        head,
        pullRequest: pr.number,
      };
    }
    case 'push': {
      const after = payload.after && !ZERO.test(payload.after) ? payload.after : options.sha;
      if (!after)
        return {
          kind: 'full',
          note: 'The push has no commit to check; every proposal was checked.',
        };
      if (payload.after && ZERO.test(payload.after)) {
        return {
          kind: 'full',
          note: 'The push deleted a branch; nothing to compare, every proposal was checked.',
        };
      }
      const head = [{ sha: after, label: 'the pushed commit' }];
      if (!payload.before || ZERO.test(payload.before)) {
        if (!defaultSide)
          return {
            kind: 'full',
            note: 'A new branch with no known default branch; every proposal was checked.',
          };
        return {
          kind: 'compare',
          base: defaultSide,
          head,
          note: `A new branch: compared with ${defaultSide.label}.`,
        };
      }
      return {
        kind: 'compare',
        base: { sha: payload.before, label: 'the commit before the push' },
        head,
        fallbackBase: defaultSide,
      };
    }
    case 'merge_group': {
      const group = payload.merge_group;
      if (!group?.base_sha || !group.head_sha)
        return {
          kind: 'full',
          note: 'The merge group payload has no base and head; every proposal was checked.',
        };
      return {
        kind: 'compare',
        base: { sha: group.base_sha, label: 'the merge group base' },
        head: [{ sha: group.head_sha, label: 'the merge group head' }],
      };
    }
    case 'workflow_dispatch':
    case 'schedule':
    case '':
      if (options.baseRef) {
        return {
          kind: 'compare',
          base: refSide(options.baseRef),
          head: options.sha ? [{ sha: options.sha, label: 'the checked-out commit' }] : [],
        };
      }
      return { kind: 'full' };
    default:
      if (options.baseRef && options.sha) {
        return {
          kind: 'compare',
          base: refSide(options.baseRef),
          head: [{ sha: options.sha, label: 'the checked-out commit' }],
        };
      }
      return {
        kind: 'full',
        note: `The event "${eventName}" has no base to compare with; every proposal was checked.`,
      };
  }
}

/** A base-ref input: a full ref, a branch name or a commit id. */
function refSide(ref: string): Side {
  if (/^[0-9a-f]{40}$/i.test(ref)) return { sha: ref, label: ref.slice(0, 12) };
  const full = ref.startsWith('refs/') ? ref : `refs/heads/${ref}`;
  return { ref: full, label: ref };
}
