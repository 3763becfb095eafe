import type { Config } from '../config/config.js';
import { applyOverrides, loadConfig } from '../config/find.js';
import type { Overrides } from '../config/load.js';
import { touchesProposals } from '../core/compare.js';
import type { Plan } from '../model/change-plan.js';
import { layoutOf } from '../model/layout.js';
import { skippedWarning, type PullRequestFacts } from '../model/pull-request-facts.js';
import type { PreExisting, Report } from '../report/report.js';
import { RULES } from '../rules/index.js';
import { obtainChange } from '../sources/change-set.js';
import { normalizeFolder } from '../sources/folder.js';
import { ApiError, describeApiFailure } from '../sources/github/api-client.js';
import { createClient, type Repo } from '../sources/github/client.js';
import { fetchPullRequestFacts } from '../sources/pull-request.js';
import { judgeChange, type Side } from './judge-change.js';

export interface GitHubAccess {
  token: string;
  repository: Repo | null;
  /** How many other open pull requests number-collision reads, at most. */
  maxPulls: number;
}

export interface PlannedChangeOptions {
  configPath: string | undefined;
  overrides: Overrides;
  preExisting: PreExisting;
  github: GitHubAccess;
  /** Says a check that could not run, and why: never a silent pass. */
  warn(message: string): void;
}

export interface JudgedChange {
  report: Report;
  /** The base's configuration, with the inputs over it: what judged the change. */
  config: Config;
  base: Side;
  head: Side;
  /** Whether the change touches a proposal, the template or the index. */
  touches: boolean;
  pullRequest: PullRequestFacts | null;
  /** The API refused or did not answer (rate limit, timeout): it is not asked again this run. */
  apiDown: boolean;
}

/**
 * Judges what an event planned to compare: the change from git (or the REST API), the base's
 * configuration, the pull request's facts when the change touches a proposal.
 */
export async function judgePlannedChange(
  root: string,
  plan: Extract<Plan, { kind: 'compare' }>,
  options: PlannedChangeOptions,
): Promise<JudgedChange> {
  const change = await obtainChange(root, plan, options.github);
  // Read at the base: a change cannot weaken the checks that judge it.
  const config = applyOverrides(
    await loadConfig(change.base.snapshot, options.configPath),
    options.overrides,
  );
  const folder = normalizeFolder(config.path);
  // A change that touches no proposal needs no API call, and so no warning about one.
  const touches = touchesProposals(change.changes, layoutOf(config, folder));
  let apiDown = false;
  const pullRequest =
    plan.pullRequest === undefined || !touches
      ? null
      : await readPullRequest(
          plan.pullRequest,
          folder,
          config,
          options.github,
          (message, error) => {
            options.warn(message);
            apiDown ||=
              error instanceof ApiError &&
              ['rate-limit', 'timeout', 'unreachable', 'origin'].includes(error.kind);
          },
        );
  const report = await judgeChange({
    ...change,
    config: { ...config, path: folder },
    preExisting: options.preExisting,
    pullRequest,
  });
  return {
    report,
    config: { ...config, path: folder },
    base: change.base,
    head: change.head,
    touches,
    pullRequest,
    apiDown,
  };
}

/**
 * Reads the pull request's reviews, permissions and the other open pull requests. Without a token
 * or the permissions, the checks that need them are skipped with a warning naming what is missing.
 */
async function readPullRequest(
  number: number,
  folder: string,
  config: Config,
  github: GitHubAccess,
  warn: (message: string, error?: unknown) => void,
): Promise<PullRequestFacts | null> {
  // The rules that need the GitHub API, as the registry says, and that are on.
  const wanted = RULES.filter(
    (rule) => rule.meta.needs?.includes('github') && config.rules[rule.meta.id]?.severity !== 'off',
  ).map((rule) => rule.meta.id);
  if (wanted.length === 0) return null;
  const { token, repository, maxPulls } = github;
  if (!token || !repository) {
    warn(
      `klip-lint has no GitHub token, so ${wanted.join(', ')} were skipped: pass "token: \${{ github.token }}" and give the job "permissions: pull-requests: read".`,
    );
    return null;
  }
  try {
    const facts = await fetchPullRequestFacts(createClient(token), repository, number, {
      folder,
      maxPulls,
    });
    // A rule that is off was not going to run: its facts missing is no news.
    for (const entry of facts.skipped) {
      const rules = entry.rules.filter((id) => wanted.includes(id));
      if (rules.length > 0) warn(skippedWarning({ ...entry, rules }));
    }
    return facts;
  } catch (error) {
    warn(
      `klip-lint could not read pull request #${number} through the GitHub API, so ${wanted.join(', ')} were skipped: ${describeApiFailure(error, 'pull-requests: read')}`,
      error,
    );
    return null;
  }
}
