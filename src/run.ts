import { existsSync, statSync } from 'node:fs';
import { isAbsolute, join, posix } from 'node:path';
import { compare, touchesProposals } from './compare.js';
import { lint } from './engine.js';
import {
  buildChangeReport,
  buildReport,
  emptyChangeReport,
  type PreExisting,
  type Report,
} from './report/report.js';
import type { FileChange } from './sources/git.js';
import type { Config } from './config/config.js';
import {
  layoutOf,
  readInput,
  WorkTreeSnapshot,
  type Skipped,
  type Snapshot,
} from './sources/snapshot.js';
import type { Finding } from './types.js';
import { VERSION } from './version.js';

export const FILE_UNREADABLE = 'file-unreadable';

export class UsageError extends Error {}

/** A repository-relative folder, refusing paths that leave the repository. */
export function normalizeFolder(path: string): string {
  const normalized = posix.normalize(path.replace(/\\/g, '/')).replace(/\/$/, '');
  const folder = normalized === '.' ? '' : normalized;
  if (isAbsolute(path) || folder === '..' || folder.startsWith('../')) {
    throw new UsageError(`The path "${path}" is outside the repository; give a folder inside it.`);
  }
  return folder;
}

/** The same, for a folder that must exist in the work tree. */
export function checkFolder(root: string, path: string): string {
  const folder = normalizeFolder(path);
  const absolute = join(root, folder);
  if (!existsSync(absolute) || !statSync(absolute).isDirectory()) {
    throw new UsageError(`There is no proposals folder at "${folder || '.'}".`);
  }
  return folder;
}

/** Reads a proposals folder from the work tree and lints all of it (or the targets). */
export async function lintFolder(
  root: string,
  config: Config,
  targets?: ReadonlySet<string>,
): Promise<Report> {
  const layout = layoutOf(config);
  const { input, skipped } = await readInput(new WorkTreeSnapshot(root), layout, { targets });
  const result = lint({ ...input, vocabulary: config.vocabulary, settings: config });
  const extra = skipped.filter((entry) => !targets || targets.has(entry.file)).map(skippedFinding);
  return buildReport(result, { folder: layout.folder, version: VERSION, extra });
}

export interface Side {
  /** A commit id, or "work tree". */
  id: string;
  snapshot: Snapshot;
}

export interface ChangeOptions {
  /** Read at the base: a change cannot weaken the checks that judge it. */
  config: Config;
  base: Side;
  head: Side;
  changes: FileChange[];
  notes: string[];
  preExisting: PreExisting;
}

/**
 * Judges a change: the base's template and index are trusted, the head's changed proposals are
 * linted fully and the rest of the folder only for numbers and statuses.
 */
export async function lintChange(options: ChangeOptions): Promise<Report> {
  const { config, changes } = options;
  const layout = layoutOf(config);
  const notes = [...options.notes];
  if (config.source && changes.some((change) => change.path === config.source)) {
    notes.push(
      `This change edits ${config.source}; this run uses the base's configuration, and the new one applies after merge.`,
    );
  }
  const common = {
    folder: layout.folder,
    version: VERSION,
    base: options.base.id,
    head: options.head.id,
    notes,
    preExisting: options.preExisting,
  };
  if (!touchesProposals(changes, layout)) {
    return emptyChangeReport({ ...common, template: layout.template });
  }
  const settings = { vocabulary: config.vocabulary, settings: config };
  const baseRead = await readInput(options.base.snapshot, layout);
  const headRead = await readInput(options.head.snapshot, layout, {
    template: baseRead.input.template,
  });
  const result = compare({
    base: { ...baseRead.input, ...settings },
    head: { ...headRead.input, ...settings },
    changes,
    layout,
  });
  const changed = new Set(changes.map((change) => change.path));
  const extra = headRead.skipped.filter((entry) => changed.has(entry.file)).map(skippedFinding);
  return buildChangeReport(result, { ...common, extra });
}

function skippedFinding(skipped: Skipped): Finding {
  return {
    ruleId: FILE_UNREADABLE,
    severity: 'warning',
    file: skipped.file,
    line: 1,
    column: 1,
    endLine: 1,
    endColumn: 1,
    message: `The file was not checked: ${skipped.reason}.`,
    klip: null,
  };
}
