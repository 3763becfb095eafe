import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as core from '@actions/core';
import { orderForAnnotation, toAnnotation, unannotated } from '../report/annotations.js';
import { docsBase } from '../report/docs.js';
import { toSarif } from '../report/sarif.js';
import { RULES } from '../rules/index.js';
import { failureMessage, type FailOn, type PreExisting, type Report } from '../report/report.js';
import { renderSummary } from '../report/summary.js';
import { judgeChange } from '../use-cases/judge-change.js';
import { lintFolder } from '../use-cases/lint-folder.js';
import { UsageError } from '../model/usage-error.js';
import { checkFolder, normalizeFolder } from '../sources/folder.js';
import { ChangeSetError, obtainChange } from '../sources/change-set.js';
import { createClient, parseRepository } from '../sources/github/client.js';
import { repositoryRoot } from '../sources/git.js';
import { ApiError, describeApiFailure } from '../sources/github/api-client.js';
import { touchesProposals } from '../core/compare.js';
import { fetchPullRequestFacts, fillCommitFiles } from '../sources/pull-request.js';
import { skippedWarning, type PullRequestFacts } from '../model/pull-request-facts.js';
import type { Config } from '../config/config.js';
import { WorkTreeSnapshot } from '../sources/snapshot.js';
import { layoutOf } from '../model/layout.js';
import { writeFileSafely } from '../sources/safe-write.js';
import { applyOverrides, loadConfig } from '../config/find.js';
import { ConfigError } from '../config/load.js';
import { EventError, parseEvent, planFor } from './event.js';
import { takePartIn, takePartInputs, type PullRequestContext } from './take-part-inputs.js';
import { catalogueStep, isWholeFolderRun } from './catalogue-step.js';

const FAIL_ON: readonly FailOn[] = ['error', 'warning', 'notice', 'never'];
const PRE_EXISTING: readonly PreExisting[] = ['report', 'annotate', 'fail'];

function choice<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
  const value = core.getInput(name) || fallback;
  if (!allowed.includes(value as T)) {
    throw new UsageError(`Input "${name}" must be one of ${allowed.join(', ')}; got "${value}".`);
  }
  return value as T;
}

/** The action: reads inputs and the runner's environment, lints, and reports through the runner. */
export async function runAction(
  env: NodeJS.ProcessEnv = process.env,
  workerEntry?: URL,
): Promise<void> {
  try {
    const failOn = choice('fail-on', FAIL_ON, 'error');
    const preExisting = choice('pre-existing', PRE_EXISTING, 'report');
    // git finds the repository's root, whatever folder GITHUB_WORKSPACE names.
    const root = repositoryRoot(env.GITHUB_WORKSPACE || process.cwd());
    const overrides = {
      path: core.getInput('path'),
      rules: core.getInput('rules'),
      ignore: core.getInput('ignore'),
    };
    const configPath = core.getInput('config') || undefined;
    const eventName = env.GITHUB_EVENT_NAME ?? '';
    const payload = readPayload(env.GITHUB_EVENT_PATH);
    const plan = planFor(eventName, payload, {
      sha: env.GITHUB_SHA,
      ref: env.GITHUB_REF,
      baseRef: core.getInput('base-ref'),
      file: env.GITHUB_EVENT_PATH,
    });

    const partInputs = takePartInputs(core.getInput);
    let report: Report;
    let context: PullRequestContext | null = null;
    let runConfig: Config;
    const notes: string[] = [];
    let blobSha = env.GITHUB_SHA;
    if (plan.kind === 'full') {
      const config = applyOverrides(
        await loadConfig(new WorkTreeSnapshot(root), configPath),
        overrides,
      );
      runConfig = { ...config, path: checkFolder(root, config.path) };
      report = await lintFolder(root, runConfig, undefined, workerEntry);
      if (plan.note) notes.push(plan.note);
    } else {
      const change = await obtainChange(root, plan, {
        token: core.getInput('token'),
        repository: parseRepository(env.GITHUB_REPOSITORY),
      });
      // Read at the base: a change cannot weaken the checks that judge it.
      const config = applyOverrides(await loadConfig(change.base.snapshot, configPath), overrides);
      const folder = normalizeFolder(config.path);
      runConfig = { ...config, path: folder };
      blobSha = change.head.id;
      // A change that touches no proposal needs no API call, and so no warning about one.
      const touches = touchesProposals(change.changes, layoutOf(config, folder));
      let apiDown = false;
      const pullRequest =
        plan.pullRequest === undefined || !touches
          ? null
          : await pullRequestFacts(plan.pullRequest, folder, config, env, (warning, error) => {
              core.warning(warning, { title: 'klip-lint: GitHub checks skipped' });
              // A used-up rate limit or an API that does not answer is not asked again.
              apiDown ||=
                error instanceof ApiError &&
                ['rate-limit', 'timeout', 'unreachable', 'origin'].includes(error.kind);
            });
      report = await judgeChange({
        ...change,
        config: { ...config, path: folder },
        preExisting,
        pullRequest,
      });
      if (plan.pullRequest !== undefined && touches && !apiDown)
        context = {
          number: plan.pullRequest,
          config,
          facts: pullRequest,
          base: change.base,
          head: change.head,
        };
    }

    // GitHub shows ten annotations of each kind per step: the most important go first.
    const annotated = orderForAnnotation([
      ...report.findings,
      ...(preExisting === 'report' ? [] : report.preExisting),
    ]);
    const docs = docsBase(env);
    for (const finding of annotated) {
      const { level, message, properties } = toAnnotation(finding, docs);
      if (level === 'error') core.error(message, properties);
      else if (level === 'warning') core.warning(message, properties);
      else core.notice(message, properties);
    }
    const unshown = unannotated(annotated);
    if (unshown) notes.push(unshown);

    // Written fresh, only inside the workspace or the runner's temp folder, never through a link.
    const outputBases = [root, ...(env.RUNNER_TEMP ? [env.RUNNER_TEMP] : [])];
    const sarifFile = core.getInput('sarif-file');
    if (sarifFile) {
      const target = resolve(root, sarifFile);
      writeFileSafely(
        outputBases,
        target,
        `${JSON.stringify(toSarif(report, RULES, docs), null, 2)}\n`,
        { what: 'input "sarif-file"', createFolders: true },
      );
      core.setOutput('sarif', target);
    }

    const reportFile = resolve(
      root,
      core.getInput('report-file') || join(env.RUNNER_TEMP || root, 'klip-lint', 'report.json'),
    );
    writeFileSafely(outputBases, reportFile, `${JSON.stringify(report, null, 2)}\n`, {
      what: 'input "report-file"',
      createFolders: true,
    });

    core.setOutput('errors', report.counts.error);
    core.setOutput('warnings', report.counts.warning);
    core.setOutput('notices', report.counts.notice);
    core.setOutput('report', reportFile);
    core.setOutput('changed-klips', JSON.stringify(report.changes));
    core.setOutput(
      'status-changes',
      JSON.stringify(
        report.changes
          .filter(
            (change) =>
              change.statusBefore !== change.statusAfter &&
              change.statusBefore &&
              change.statusAfter,
          )
          .map(({ klip, file, statusBefore, statusAfter }) => ({
            klip,
            file,
            from: statusBefore,
            to: statusAfter,
          })),
      ),
    );

    if (context) {
      const notice = await takePartIn(context, {
        report,
        failOn,
        preExisting,
        eventName,
        payload,
        env,
        docs,
        inputs: partInputs,
      });
      if (notice) notes.push(notice);
    }

    const blobUrl =
      env.GITHUB_SERVER_URL && env.GITHUB_REPOSITORY && blobSha
        ? `${env.GITHUB_SERVER_URL}/${env.GITHUB_REPOSITORY}/blob/${blobSha}`
        : undefined;
    // Where every proposal stands, on runs that show the whole folder.
    const overview = await catalogueStep(
      root,
      runConfig,
      isWholeFolderRun(plan, eventName, payload),
      env,
    );
    if (env.GITHUB_STEP_SUMMARY) {
      await core.summary
        .addRaw(
          renderSummary(report, {
            failOn,
            blobUrl,
            notes,
            docs,
            overview: overview.overview,
            compact: overview.whole,
          }),
        )
        .write();
    }

    const failure = failureMessage(report, failOn);
    if (failure) core.setFailed(failure);
  } catch (error) {
    if (error instanceof ConfigError) {
      const where = error.file.startsWith('input ')
        ? {}
        : { file: error.file, startLine: error.line, startColumn: error.column };
      core.error(`${error.file.startsWith('input ') ? `${error.file}: ` : ''}${error.reason}`, {
        title: 'klip-lint configuration',
        ...where,
      });
      core.setFailed(`klip-lint could not use its configuration: ${error.message}`);
      return;
    }
    if (
      error instanceof UsageError ||
      error instanceof ChangeSetError ||
      error instanceof EventError
    ) {
      core.setFailed(error.message);
      return;
    }
    const message = error instanceof Error ? error.message : String(error);
    core.setFailed(
      `klip-lint stopped on an internal error: ${message}. Please report it as a klip-lint bug.`,
    );
    if (error instanceof Error && error.stack) core.debug(error.stack);
  }
}

/**
 * Reads the pull request's reviews, permissions and the other open pull requests. Without a token
 * or the permissions, the checks that need them are skipped with a warning naming what is missing.
 */
async function pullRequestFacts(
  number: number,
  folder: string,
  config: Config,
  env: NodeJS.ProcessEnv,
  warn: (message: string, error?: unknown) => void,
): Promise<PullRequestFacts | null> {
  // The rules that need the GitHub API, as the registry says, and that are on.
  const wanted = RULES.filter(
    (rule) => rule.meta.needs?.includes('github') && config.rules[rule.meta.id]?.severity !== 'off',
  ).map((rule) => rule.meta.id);
  if (wanted.length === 0) return null;
  const token = core.getInput('token');
  const repository = parseRepository(env.GITHUB_REPOSITORY);
  if (!token || !repository) {
    warn(
      `klip-lint has no GitHub token, so ${wanted.join(', ')} were skipped: pass "token: \${{ github.token }}" and give the job "permissions: pull-requests: read".`,
    );
    return null;
  }
  const maxPulls = Number(core.getInput('max-pulls') || '100');
  if (!Number.isInteger(maxPulls) || maxPulls < 0) {
    throw new UsageError(
      `Input "max-pulls" must be a whole number; got "${core.getInput('max-pulls')}".`,
    );
  }
  const client = createClient(token);
  try {
    const facts = await fetchPullRequestFacts(client, repository, number, { folder, maxPulls });
    // Which files the commits after the earliest approval changed: stale approvals do not count.
    const approved = facts.reviews
      .filter((review) => review.state === 'APPROVED')
      .map((review) => facts.commits.findIndex((commit) => commit.sha === review.commitId));
    if (approved.length > 0)
      await fillCommitFiles(client, repository, facts, Math.max(0, Math.min(...approved) + 1));
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

function readPayload(path: string | undefined): Record<string, unknown> {
  if (!path) return {};
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new EventError(
      `Could not read the event file ${path} (GITHUB_EVENT_PATH): ${error instanceof Error ? error.message : String(error)}. Run klip-lint as a step of a GitHub Actions job, or point GITHUB_EVENT_PATH at the event's JSON.`,
    );
  }
  return parseEvent(text, path);
}
