import type { Config } from '../config/config.js';
import { couldRead, type PullRequestFacts } from '../model/pull-request-facts.js';
import { orderForAnnotation } from '../report/annotations.js';
import {
  approvalNeeds,
  renderComment,
  requestedBefore,
  statusChanges,
  worthSaying,
} from '../report/pr-comment.js';
import { fixOf, type FailOn, type PreExisting, type Report } from '../report/report.js';
import { planSuggestions, type SuggestionPlan } from '../report/suggestions.js';
import type { GitHubClient, Repo } from '../sources/github/client.js';
import { findComment, writeComment, type ExistingComment } from '../sources/github/comment.js';
import {
  chooseReviewers,
  repositoryWriters,
  requestReviewers,
  reviewerState,
} from '../sources/github/reviewers.js';
import { addedLines } from '../sources/github/patch.js';
import {
  changedLines,
  postSuggestions,
  suggestedBefore,
} from '../sources/github/posted-suggestions.js';

export interface TakePartOptions {
  client: GitHubClient;
  repository: Repo;
  number: number;
  /** The pull request's head commit: links and review comments point at it. */
  headSha: string;
  report: Report;
  failOn: FailOn;
  preExisting: PreExisting;
  config: Config;
  facts: PullRequestFacts | null;
  /** A file's text as the run judged it, for the lines a suggestion replaces. */
  readHead: (path: string) => Promise<string | null>;
  /** The local git diff of one file between the base and the head, when git has both. */
  localPatch?: (path: string) => string | null;
  comment: boolean;
  suggestions: boolean;
  requestReviewers: number;
  serverUrl: string;
  runUrl?: string;
  docs: string;
}

export interface TakePartResult {
  /** One notice for the log and the summary when a call failed (a read-only token); else null. */
  notice: string | null;
  /** What was done, for the log. */
  log: string[];
}

class Stop extends Error {
  constructor(
    readonly what: string,
    readonly error: unknown,
  ) {
    super(what);
  }
}

async function step<T>(what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw new Stop(what, error);
  }
}

/**
 * Takes part in the pull request: suggestions in one review, reviewers asked, one comment kept
 * current. Never changes the verdict: a failure stops the writes and becomes one notice.
 */
export async function takePart(options: TakePartOptions): Promise<TakePartResult> {
  const log: string[] = [];
  const failures: Stop[] = [];
  try {
    await run(options, log, failures);
  } catch (error) {
    if (!(error instanceof Stop)) throw error;
    failures.push(error);
  }
  const first = failures[0];
  return { notice: first ? explain(first, options.number) : null, log };
}

async function run(options: TakePartOptions, log: string[], failures: Stop[]): Promise<void> {
  // A call that fails is noted and the next goes on: a token that may comment but not review still comments.
  const attempt = async <T>(what: string, call: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await call();
    } catch (error) {
      failures.push(new Stop(what, error));
      return undefined;
    }
  };
  const { client, repository, number, report, config } = options;
  const findings = orderForAnnotation([
    ...report.findings,
    ...(options.preExisting === 'fail' ? report.preExisting : []),
  ]);
  const existing: ExistingComment | null = options.comment
    ? await step('read the comments', () => findComment(client, repository, number))
    : null;

  const fixable = findings.filter((finding) => fixOf(finding));
  let plan: SuggestionPlan = {
    suggestions: [],
    asText: fixable.map((finding) => ({
      finding,
      description: fixOf(finding)?.description ?? '',
      reason: 'outside' as const,
    })),
    alreadySuggested: 0,
  };
  const notes: string[] = [];
  let suggested = 0;
  if (options.suggestions && fixable.length > 0) {
    const { localPatch } = options;
    // Without the API's patches (or for a file it gives none for), the local git diff says.
    const listed = localPatch
      ? await changedLines(client, repository, number).catch(() => new Map())
      : await attempt('read the changed files', () => changedLines(client, repository, number));
    const known =
      listed &&
      (await attempt('read the review comments', () =>
        suggestedBefore(client, repository, number),
      ));
    if (listed && known) {
      const paths = new Set(
        fixable.flatMap((finding) =>
          (fixOf(finding)?.edits ?? []).map((edit) => edit.file ?? finding.file),
        ),
      );
      const added = new Map<string, Map<number, string>>();
      const texts = new Map<string, string | null>();
      for (const path of paths) {
        const lines = listed.get(path) ?? (localPatch ? addedLines(localPatch(path)) : null);
        if (lines && lines.size > 0) added.set(path, lines);
        texts.set(path, added.has(path) ? await options.readHead(path) : null);
      }
      plan = planSuggestions({ findings, fixOf, texts, added, known });
    }
    if (plan.suggestions.length > 0) {
      try {
        await postSuggestions(client, repository, number, options.headSha, plan.suggestions);
        suggested = plan.suggestions.length;
        log.push(`Suggested ${suggested} fix(es) in one review on #${number}.`);
      } catch (error) {
        // 422: GitHub placed a line outside the diff. Either way the fixes stay as text.
        if ((error as { status?: number }).status === 422)
          notes.push(
            `GitHub did not take the suggested changes (HTTP 422: ${message(error)}); the fixes are listed here instead.`,
          );
        else failures.push(new Stop('post a review', error));
        plan.asText.unshift(
          ...plan.suggestions
            .filter(
              (suggestion, i, all) => all.findIndex((s) => s.finding === suggestion.finding) === i,
            )
            .map((suggestion) => ({
              finding: suggestion.finding,
              description: fixOf(suggestion.finding)?.description ?? '',
              reason: 'rejected' as const,
            })),
        );
      }
    }
  }

  const approvals =
    options.facts && couldRead(options.facts, 'approvals-required')
      ? approvalNeeds(report, options.facts, config.approvals, {
          countStale: config.rules['approvals-required']?.options?.countStale === true,
          reviewers: config.reviewers ?? null,
        })
      : [];

  let requested = requestedBefore(existing?.body);
  if (options.requestReviewers > 0 && approvals.length > 0) {
    const state = await attempt('read the reviewers', () =>
      reviewerState(client, repository, number),
    );
    const pool =
      state &&
      (await attempt('read the repository writers', () =>
        reviewerPool(client, repository, config.reviewers),
      ));
    if (state && pool) {
      // Without a comment to remember by, those of the pool already asked count as asked by klip-lint.
      const asked = options.comment
        ? requested
        : state.pending.filter((user) => pool.includes(user));
      const chosen = chooseReviewers(pool, state, options.requestReviewers, asked);
      const done =
        chosen.length === 0 ||
        (await attempt('request reviewers', () =>
          requestReviewers(client, repository, number, chosen).then(() => true),
        ));
      if (done && chosen.length > 0)
        log.push(`Asked ${chosen.join(', ')} for a review of #${number}.`);
      requested = [
        ...requested.filter((user) => state.pending.includes(user)),
        ...(done ? chosen : []),
      ];
    }
  }

  if (!options.comment) return;
  const input = {
    report,
    failOn: options.failOn,
    findings,
    blobUrl: `${options.serverUrl}/${repository.owner}/${repository.repo}/blob/${options.headSha}`,
    runUrl: options.runUrl,
    docs: options.docs,
    statusChanges: statusChanges(report, config.vocabulary),
    approvals,
    textFixes: plan.asText,
    suggested: suggested + plan.alreadySuggested,
    requested,
    notes,
  };
  if (!existing && !worthSaying(input)) {
    log.push(`Nothing to say on #${number}: no comment.`);
    return;
  }
  const body = renderComment(input);
  const done = await step('write its comment', () =>
    writeComment(client, repository, number, existing, body),
  );
  log.push(`The klip-lint comment on #${number}: ${done}.`);
}

/** The configured reviewers who can write (all of them when the writers cannot be read), else the writers. */
async function reviewerPool(
  client: GitHubClient,
  repository: Repo,
  reviewers: string[] | undefined,
): Promise<string[]> {
  if (!reviewers) return repositoryWriters(client, repository);
  try {
    const writers = new Set(
      (await repositoryWriters(client, repository)).map((user) => user.toLowerCase()),
    );
    return reviewers.filter((user) => writers.has(user.toLowerCase()));
  } catch {
    return reviewers;
  }
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function explain(stop: Stop, number: number): string {
  const status = (stop.error as { status?: number }).status;
  const reason = `${status ? `HTTP ${status}: ` : ''}${message(stop.error)}`;
  if (status === 401 || status === 403 || status === 404) {
    return `klip-lint could not ${stop.what} on pull request #${number} (${reason}); the verdict is unchanged. To let it comment, suggest fixes and ask reviewers, grant the job "permissions: pull-requests: write"; a fork's pull_request token is always read-only: use the pull_request_target workflow in the README.`;
  }
  return `klip-lint could not ${stop.what} on pull request #${number} (${reason}), so the pull request was not fully updated this run; the verdict is unchanged.`;
}
