import { isBranchName, isObjectId, refNameProblem } from '../sources/revision.js';
import type { EventSide, Plan } from '../model/change-plan.js';

/** The event file or a value from the environment or the inputs is unusable; the message says which and why. */
export class EventError extends Error {}

const ZERO = /^0+$/;

type Json = Record<string, unknown>;

/** Reads the event file's text: a JSON object, or an EventError naming the file. */
export function parseEvent(text: string, file: string): Json {
  let payload: unknown;
  try {
    // A byte-order mark is not JSON, but says nothing wrong about the payload.
    payload = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new EventError(`The event file ${file} is not JSON (${reason}). ${advice(file)}`);
  }
  if (!isObject(payload)) {
    throw new EventError(
      `The event file ${file} holds ${describe(payload)}, not a JSON object. ${advice(file)}`,
    );
  }
  return payload;
}

function advice(file: string): string {
  return `GitHub Actions writes this file (GITHUB_EVENT_PATH) for each run: when a step or a test writes ${file} itself, it must hold the event's fields as GitHub sends them (https://docs.github.com/webhooks/webhook-events-and-payloads).`;
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A value for a message: strings quoted and cut short, other kinds named. */
function describe(value: unknown): string {
  if (typeof value === 'string') {
    const shown = value.length > 80 ? `${value.slice(0, 80)}…` : value;
    return JSON.stringify(shown);
  }
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'number') return `a number (${value})`;
  return `a ${typeof value} (${String(value)})`;
}

/** Reads typed fields of the payload; a field of the wrong kind is an EventError naming it. */
class Fields {
  constructor(
    private readonly payload: Json,
    private readonly file: string,
    private readonly eventName: string,
  ) {}

  /** The value at a dotted path; undefined when it or an object on the way is missing. */
  private value(path: string): unknown {
    let value: unknown = this.payload;
    const parts = path.split('.');
    for (const [at, part] of parts.entries()) {
      if (value === undefined || value === null) return undefined;
      if (!isObject(value)) {
        throw this.error(parts.slice(0, at).join('.'), value, 'is not an object');
      }
      value = value[part];
    }
    return value === null ? undefined : value;
  }

  error(path: string, value: unknown, problem: string): EventError {
    return new EventError(
      `${path} in the event file ${this.file} ${problem}: ${describe(value)}. ${advice(this.file)}`,
    );
  }

  missing(path: string): EventError {
    return new EventError(
      `${path} is missing from the event file ${this.file}, which a ${this.eventName} event has. ${advice(this.file)}`,
    );
  }

  /** A commit id; `zero` allows git's all-zero id (a push that created or deleted a branch). */
  objectId(path: string, required: true, zero?: boolean): string;
  objectId(path: string, required: false, zero?: boolean): string | undefined;
  objectId(path: string, required: boolean, zero = false): string | undefined {
    const value = this.value(path);
    if (value === undefined) {
      if (required) throw this.missing(path);
      return undefined;
    }
    if (typeof value !== 'string' || !isObjectId(value) || (!zero && ZERO.test(value))) {
      throw this.error(path, value, 'is not a commit id (40 or 64 hex digits)');
    }
    return value.toLowerCase();
  }

  /** A full ref name (refs/heads/main), by git's rules. */
  ref(path: string): string | undefined {
    const value = this.value(path);
    if (value === undefined) return undefined;
    if (typeof value !== 'string' || refNameProblem(value) !== null) {
      throw this.error(path, value, "is not a ref name by git's rules");
    }
    return value;
  }

  branch(path: string): string | undefined {
    const value = this.value(path);
    if (value === undefined) return undefined;
    if (typeof value !== 'string' || !isBranchName(value)) {
      throw this.error(path, value, "is not a branch name by git's rules");
    }
    return value;
  }

  number(path: string): number {
    const value = this.value(path);
    if (value === undefined) throw this.missing(path);
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) {
      throw this.error(path, value, 'is not a pull request number (a positive whole number)');
    }
    return value;
  }
}

/** GITHUB_REF, when set: the runner's ref, a full ref name. */
function environmentRef(ref: string | undefined): void {
  if (ref && refNameProblem(ref) !== null) {
    throw new EventError(
      `GITHUB_REF is not a ref name by git's rules: ${describe(ref)}. The runner sets it to the ref of the run (refs/heads/main, refs/pull/7/merge); a workflow that sets it must give a full ref.`,
    );
  }
}

/** GITHUB_SHA, when it names a commit at all. */
function environmentSha(sha: string | undefined): string | undefined {
  if (!sha) return undefined;
  if (!isObjectId(sha) || ZERO.test(sha)) {
    throw new EventError(
      `GITHUB_SHA is not a commit id (40 or 64 hex digits): ${describe(sha)}. The runner sets it to the commit of the run; a workflow that sets it must give a full commit id.`,
    );
  }
  return sha.toLowerCase();
}

/**
 * Decides what to compare from the event, its payload and the inputs: no I/O. Every value that
 * will reach git is checked here for what it must be, and a bad one is an EventError naming it.
 */
export function planFor(
  eventName: string,
  payload: unknown,
  options: { sha?: string; ref?: string; baseRef?: string; file?: string },
): Plan {
  const file = options.file || '(none: GITHUB_EVENT_PATH is not set)';
  if (!isObject(payload)) {
    throw new EventError(
      `The event file ${file} holds ${describe(payload)}, not a JSON object. ${advice(file)}`,
    );
  }
  const fields = new Fields(payload, file, eventName || 'this');
  const sha = environmentSha(options.sha);
  environmentRef(options.ref);
  const baseRef = options.baseRef ? baseRefSide(options.baseRef) : undefined;
  const defaultBranch = fields.branch('repository.default_branch');
  const defaultSide: EventSide | undefined = defaultBranch
    ? {
        ref: `refs/heads/${defaultBranch}`,
        label: `the default branch ${defaultBranch}`,
        mergeBase: true,
      }
    : undefined;
  switch (eventName) {
    case 'pull_request':
    case 'pull_request_review':
    case 'pull_request_target': {
      const number = fields.number('pull_request.number');
      const base = fields.objectId('pull_request.base.sha', true);
      const head = fields.objectId('pull_request.head.sha', true);
      const baseBranch = fields.branch('pull_request.base.ref');
      fields.branch('pull_request.head.ref');
      const merge: EventSide = {
        ref: `refs/pull/${number}/merge`,
        label: `the merge commit of #${number}`,
        mergeOf: head,
      };
      // pull_request checks out the merge commit (GITHUB_SHA); pull_request_target checks out the base.
      const headSides: EventSide[] =
        eventName !== 'pull_request_target' && sha
          ? [
              { sha, label: 'the merge commit', mergeOf: head },
              { sha: head, label: 'the head' },
            ]
          : [merge, { sha: head, label: 'the head' }];
      return {
        kind: 'compare',
        base: { sha: base, label: 'the base', mergeBase: true },
        head: headSides,
        ...(baseBranch
          ? {
              fallbackBase: {
                ref: `refs/heads/${baseBranch}`,
                label: `the base branch ${baseBranch}`,
                mergeBase: true,
              },
            }
          : {}),
        pullRequest: number,
      };
    }
    case 'push': {
      fields.ref('ref');
      const before = fields.objectId('before', true, true);
      const after = fields.objectId('after', false, true) ?? sha;
      if (!after) throw fields.missing('after');
      if (ZERO.test(after)) {
        return {
          kind: 'full',
          note: 'The push deleted a branch; nothing to compare, every proposal was checked.',
        };
      }
      const head = [{ sha: after, label: 'the pushed commit' }];
      if (ZERO.test(before)) {
        // A new branch is compared from where it left the default branch: without it, nothing.
        if (!defaultSide) throw fields.missing('repository.default_branch');
        return {
          kind: 'compare',
          base: defaultSide,
          head,
          note: `A new branch: compared with ${defaultSide.label}.`,
        };
      }
      return {
        kind: 'compare',
        base: { sha: before, label: 'the commit before the push' },
        head,
        fallbackBase: defaultSide,
      };
    }
    case 'merge_group': {
      const base = fields.objectId('merge_group.base_sha', true);
      const head = fields.objectId('merge_group.head_sha', true);
      fields.ref('merge_group.base_ref');
      fields.ref('merge_group.head_ref');
      return {
        kind: 'compare',
        base: { sha: base, label: 'the merge group base' },
        head: [{ sha: head, label: 'the merge group head' }],
      };
    }
    case 'workflow_dispatch':
    case 'schedule':
    case '':
      if (baseRef) {
        return {
          kind: 'compare',
          base: baseRef,
          head: sha ? [{ sha, label: 'the checked-out commit' }] : [],
        };
      }
      return { kind: 'full' };
    default:
      if (baseRef && sha) {
        return {
          kind: 'compare',
          base: baseRef,
          head: [{ sha, label: 'the checked-out commit' }],
        };
      }
      return {
        kind: 'full',
        note: `The event "${eventName}" has no base to compare with; every proposal was checked.`,
      };
  }
}

/** The base-ref input: a full ref, a branch name or a commit id, compared from the merge base. */
function baseRefSide(ref: string): EventSide {
  if (isObjectId(ref)) return { sha: ref.toLowerCase(), label: ref.slice(0, 12), mergeBase: true };
  const full = ref.startsWith('refs/') ? ref : `refs/heads/${ref}`;
  if (ref === 'HEAD' || ref.startsWith('-') || refNameProblem(full) !== null) {
    throw new EventError(
      `Input "base-ref" is not a branch name, a full ref or a commit id: ${describe(ref)}. Give a branch (main), a ref (refs/heads/main) or a full commit id.`,
    );
  }
  return { ref: full, label: ref, mergeBase: true };
}
