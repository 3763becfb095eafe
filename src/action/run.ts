import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import * as core from '@actions/core';
import { toAnnotation } from '../report/annotations.js';
import { fails, formatCounts, type FailOn } from '../report/report.js';
import { renderSummary } from '../report/summary.js';
import { checkFolder, lintFolder, UsageError } from '../run.js';

const FAIL_ON: readonly FailOn[] = ['error', 'warning', 'notice', 'never'];
const NO_BASE_EVENTS = new Set(['workflow_dispatch', 'schedule']);

/** The action: reads inputs and the runner's environment, lints, and reports through the runner. */
export async function runAction(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  try {
    const failOn = core.getInput('fail-on') || 'error';
    if (!FAIL_ON.includes(failOn as FailOn)) {
      throw new UsageError(
        `Input "fail-on" must be one of ${FAIL_ON.join(', ')}; got "${failOn}".`,
      );
    }
    const root = env.GITHUB_WORKSPACE || process.cwd();
    const folder = checkFolder(root, core.getInput('path') || 'design-proposals');
    const report = await lintFolder(root, folder);

    for (const finding of report.findings) {
      const { level, message, properties } = toAnnotation(finding);
      if (level === 'error') core.error(message, properties);
      else if (level === 'warning') core.warning(message, properties);
      else core.notice(message, properties);
    }

    const reportFile = resolve(
      root,
      core.getInput('report-file') || join(env.RUNNER_TEMP || root, 'klip-lint', 'report.json'),
    );
    mkdirSync(dirname(reportFile), { recursive: true });
    writeFileSync(reportFile, `${JSON.stringify(report, null, 2)}\n`);

    core.setOutput('errors', report.counts.error);
    core.setOutput('warnings', report.counts.warning);
    core.setOutput('notices', report.counts.notice);
    core.setOutput('report', reportFile);

    const event = env.GITHUB_EVENT_NAME ?? '';
    const notes =
      NO_BASE_EVENTS.has(event) || !event
        ? []
        : [
            `Event "${event}": every proposal in the folder was checked, not only the ones this change touches.`,
          ];
    const blobUrl =
      env.GITHUB_SERVER_URL && env.GITHUB_REPOSITORY && env.GITHUB_SHA
        ? `${env.GITHUB_SERVER_URL}/${env.GITHUB_REPOSITORY}/blob/${env.GITHUB_SHA}`
        : undefined;
    if (env.GITHUB_STEP_SUMMARY) {
      await core.summary
        .addRaw(renderSummary(report, { failOn: failOn as FailOn, blobUrl, notes }))
        .write();
    }

    if (fails(report.counts, failOn as FailOn)) {
      core.setFailed(`klip-lint found ${formatCounts(report.counts)} (fail-on: ${failOn}).`);
    }
  } catch (error) {
    if (error instanceof UsageError) {
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
