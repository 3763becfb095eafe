import * as core from '@actions/core';
import type { Config } from '../config/config.js';
import { takePart } from '../use-cases/take-part.js';
import type { PullRequestFacts } from '../model/pull-request-facts.js';
import type { FailOn, PreExisting, Report } from '../report/report.js';
import { UsageError } from '../model/usage-error.js';
import type { Side } from '../use-cases/judge-change.js';
import { createClient, parseRepository } from '../sources/github/client.js';
import { GitSnapshot } from '../sources/snapshot.js';

/** What the action knows of the pull request once the change is judged. */
export interface PullRequestContext {
  number: number;
  config: Config;
  facts: PullRequestFacts | null;
  base: Side;
  head: Side;
}

export interface TakePartInputs {
  comment: boolean;
  suggestions: boolean;
  requestReviewers: number;
}

const EVENTS = ['pull_request', 'pull_request_target', 'pull_request_review'];

/** The inputs comment, suggestions and request-reviewers, checked before any work. */
export function takePartInputs(input: (name: string) => string): TakePartInputs {
  const onOff = (name: string) => {
    const value = input(name) || 'auto';
    if (value !== 'auto' && value !== 'off')
      throw new UsageError(`Input "${name}" must be one of auto, off; got "${value}".`);
    return value === 'auto';
  };
  const raw = input('request-reviewers') || '0';
  const requestReviewers = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || !Number.isSafeInteger(requestReviewers)) {
    throw new UsageError(`Input "request-reviewers" must be a whole number; got "${raw}".`);
  }
  return {
    comment: onOff('comment'),
    suggestions: onOff('suggestions'),
    requestReviewers: Math.min(requestReviewers, 15),
  };
}

interface RunFacts {
  report: Report;
  failOn: FailOn;
  preExisting: PreExisting;
  eventName: string;
  payload: unknown;
  env: NodeJS.ProcessEnv;
  docs: string;
  inputs: TakePartInputs;
}

/**
 * Comments, suggests and asks reviewers on a pull request event; returns the one notice to show
 * in the summary when it could not (already printed to the log), else null.
 */
export async function takePartIn(
  context: PullRequestContext,
  facts: RunFacts,
): Promise<string | null> {
  const { inputs, env } = facts;
  if (!EVENTS.includes(facts.eventName)) return null;
  if (!inputs.comment && !inputs.suggestions && inputs.requestReviewers === 0) return null;
  const token = core.getInput('token');
  const repository = parseRepository(env.GITHUB_REPOSITORY);
  const headSha = (facts.payload as { pull_request?: { head?: { sha?: unknown } } }).pull_request
    ?.head?.sha;
  if (!token || !repository || typeof headSha !== 'string') {
    core.info('klip-lint did not comment on the pull request: it has no token or repository.');
    return null;
  }
  const server = (env.GITHUB_SERVER_URL || 'https://github.com').replace(/\/+$/, '');
  const result = await takePart({
    client: createClient(token),
    repository,
    number: context.number,
    headSha,
    report: facts.report,
    failOn: facts.failOn,
    preExisting: facts.preExisting,
    config: context.config,
    facts: context.facts,
    readHead: (path) => context.head.snapshot.readText(path),
    localPatch: localPatch(context),
    comment: inputs.comment,
    suggestions: inputs.suggestions,
    requestReviewers: inputs.requestReviewers,
    serverUrl: server,
    runUrl: env.GITHUB_RUN_ID
      ? `${server}/${repository.owner}/${repository.repo}/actions/runs/${env.GITHUB_RUN_ID}`
      : undefined,
    docs: facts.docs,
  }).catch((error: unknown) => ({
    // A mistake of klip-lint's here must not change the verdict.
    notice: `klip-lint could not update pull request #${context.number} (${error instanceof Error ? error.message : String(error)}); the verdict is unchanged. Please report it as a klip-lint bug.`,
    log: [] as string[],
  }));
  for (const line of result.log) core.info(line);
  if (result.notice) core.notice(result.notice, { title: 'klip-lint: pull request not updated' });
  return result.notice;
}

/** `git diff` of one file between the two commits judged, when both are in the local repository. */
function localPatch(context: PullRequestContext): ((path: string) => string | null) | undefined {
  const base = context.base.snapshot;
  const head = context.head.snapshot;
  if (!(base instanceof GitSnapshot) || !(head instanceof GitSnapshot)) return undefined;
  return (path) => {
    try {
      // Not trimmed: an added line may end in spaces. No shell: the path is one argument.
      return head.git
        .run([
          '--literal-pathspecs',
          'diff',
          '--no-color',
          '--no-ext-diff',
          '--no-renames',
          '-U0',
          base.commit,
          head.commit,
          '--',
          path,
        ])
        .toString('utf8');
    } catch {
      return null;
    }
  };
}
