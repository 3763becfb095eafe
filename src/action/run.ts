import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as core from '@actions/core';
import { orderForAnnotation, toAnnotation, unannotated } from '../report/annotations.js';
import { docsBase } from '../report/docs.js';
import { toSarif } from '../report/sarif.js';
import { RULES } from '../rules/index.js';
import { failureMessage, type FailOn, type PreExisting, type Report } from '../report/report.js';
import { renderSummary } from '../report/summary.js';
import { judgePlannedChange } from '../use-cases/judge-pull-request.js';
import { lintFolder } from '../use-cases/lint-folder.js';
import { UsageError } from '../model/usage-error.js';
import { checkFolder } from '../sources/folder.js';
import { ChangeSetError } from '../sources/change-set.js';
import { parseRepository } from '../sources/github/client.js';
import { repositoryRoot } from '../sources/git.js';
import type { Config } from '../config/config.js';
import { WorkTreeSnapshot } from '../sources/snapshot.js';
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
      const maxPulls = Number(core.getInput('max-pulls') || '100');
      if (!Number.isInteger(maxPulls) || maxPulls < 0) {
        throw new UsageError(
          `Input "max-pulls" must be a whole number; got "${core.getInput('max-pulls')}".`,
        );
      }
      const judged = await judgePlannedChange(root, plan, {
        configPath,
        overrides,
        preExisting,
        github: {
          token: core.getInput('token'),
          repository: parseRepository(env.GITHUB_REPOSITORY),
          maxPulls,
        },
        warn: (warning) => core.warning(warning, { title: 'klip-lint: GitHub checks skipped' }),
      });
      report = judged.report;
      runConfig = judged.config;
      blobSha = judged.head.id;
      if (plan.pullRequest !== undefined && judged.touches && !judged.apiDown)
        context = {
          number: plan.pullRequest,
          config: judged.config,
          facts: judged.pullRequest,
          base: judged.base,
          head: judged.head,
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
