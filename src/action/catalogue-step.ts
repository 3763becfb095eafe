import { closeSync, mkdirSync, mkdtempSync, openSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as core from '@actions/core';
import { buildCatalogue, type Catalogue } from '../catalogue/catalogue.js';
import { inFlight, renderOverview, type OverviewOptions } from '../catalogue/overview.js';
import { findStale, type LastChange } from '../catalogue/stale.js';
import type { Config } from '../config/config.js';
import { UsageError } from '../model/usage-error.js';
import { readFolder } from '../use-cases/list-proposals.js';
import { createClient, parseRepository } from '../sources/github/client.js';
import { lastChangesFromApi, lastChangesFromGit } from '../sources/last-change.js';
import type { Plan } from '../model/change-plan.js';

export interface CatalogueStep {
  /** The summary's opening, on whole-folder runs. */
  overview?: string;
  /** Whether this run shows the whole folder (schedule, workflow_dispatch, push to the default branch). */
  whole: boolean;
}

/** Whether a run shows the whole folder: it checked every proposal, or it is a push to the default branch. */
export function isWholeFolderRun(
  plan: Plan,
  eventName: string,
  payload: { ref?: string; repository?: { default_branch?: string } },
): boolean {
  if (plan.kind === 'full') return true;
  const branch = payload.repository?.default_branch;
  return eventName === 'push' && Boolean(branch) && payload.ref === `refs/heads/${branch}`;
}

/** The stale-days input, else the configuration's; null when off. */
export function staleDays(config: Config): number | null {
  const input = core.getInput('stale-days').trim();
  if (input === '') return config.staleDays || null;
  if (!/^\d+$/.test(input))
    throw new UsageError(`Input "stale-days" must be a whole number of days; got "${input}".`);
  return Number(input) || null;
}

/**
 * On whole-folder runs: the catalogue (a JSON file, output `catalogue`), the proposals that went
 * quiet (output `stale`) and the summary's picture of the process. It never fails the run.
 */
export async function catalogueStep(
  root: string,
  config: Config,
  whole: boolean,
  env: NodeJS.ProcessEnv,
): Promise<CatalogueStep> {
  const days = staleDays(config);
  if (!whole) return { whole };
  let catalogue: Catalogue;
  let folder;
  try {
    folder = await readFolder(root, config);
    catalogue = buildCatalogue({
      folder: folder.layout.folder,
      documents: folder.documents,
      index: folder.index,
      template: folder.template,
      vocabulary: folder.vocabulary,
    });
    const file = writeFresh(env.RUNNER_TEMP || tmpdir(), `${JSON.stringify(catalogue, null, 2)}\n`);
    core.setOutput('catalogue', file);
  } catch (error) {
    core.warning(`klip-lint could not build the catalogue: ${reason(error)}`);
    return { whole };
  }
  let stale: OverviewOptions['stale'];
  if (days !== null) {
    stale = await staleList(root, catalogue, folder.vocabulary, days, env);
    core.setOutput('stale', JSON.stringify(stale.entries ?? []));
  }
  const blobUrl =
    env.GITHUB_SERVER_URL && env.GITHUB_REPOSITORY && env.GITHUB_SHA
      ? `${env.GITHUB_SERVER_URL}/${env.GITHUB_REPOSITORY}/blob/${env.GITHUB_SHA}`
      : undefined;
  return {
    whole,
    overview: renderOverview(catalogue, { vocabulary: folder.vocabulary, stale, blobUrl }),
  };
}

async function staleList(
  root: string,
  catalogue: Catalogue,
  vocabulary: Config['vocabulary'],
  days: number,
  env: NodeJS.ProcessEnv,
): Promise<NonNullable<OverviewOptions['stale']>> {
  // In discussion or approved, not yet in development or merged: the steps where a proposal waits.
  const open = vocabulary.statuses
    .filter((status) => !status.indexOnly && !status.end)
    .map((status) => status.name);
  const named = open.filter((name) => name === 'In Discussion' || name === 'Design Approved');
  const waiting = new Set(named.length > 0 ? named : open.slice(0, 2));
  const flying = inFlight(catalogue, vocabulary);
  const entries = flying.filter((entry) => entry.status !== null && waiting.has(entry.status));
  // Every proposal in flight: the summary's table says since when each has been where it is.
  const files = flying.map((entry) => entry.file);
  const now = new Date();
  let changes: Map<string, LastChange> | null = null;
  let why: string | undefined;
  try {
    changes = lastChangesFromGit(root, files);
    if (!changes) {
      const token = core.getInput('token');
      const repository = parseRepository(env.GITHUB_REPOSITORY);
      if (!token || !repository) {
        why =
          'the checkout has no history (fetch-depth: 0 gives it) and there is no token to ask the API';
      } else {
        const fromApi = await lastChangesFromApi(
          createClient(token),
          repository,
          files,
          env.GITHUB_SHA,
        );
        changes = fromApi.changes;
        if (fromApi.skipped > 0) why = `${fromApi.skipped} proposals were not looked up`;
      }
    }
  } catch (error) {
    changes = null;
    why = `the history could not be read (${reason(error)})`;
  }
  const found = changes ? findStale(entries, changes, days, now) : null;
  if (why) core.warning(`klip-lint stale list: ${why}.`);
  return found === null
    ? { days, entries: null, reason: why }
    : { days, entries: found, changes: changes ?? undefined };
}

/** A new file in a new folder of its own: never an existing file, never through a link. */
function writeFresh(base: string, text: string): string {
  mkdirSync(base, { recursive: true });
  const folder = mkdtempSync(join(base, 'klip-lint-catalogue-'));
  const path = join(folder, 'catalogue.json');
  const fd = openSync(path, 'wx', 0o644);
  try {
    writeSync(fd, text);
  } finally {
    closeSync(fd);
  }
  return path;
}

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
