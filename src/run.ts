import { existsSync, statSync } from 'node:fs';
import { isAbsolute, join, posix } from 'node:path';
import { lint } from './engine.js';
import { buildReport, type Report } from './report/report.js';
import { readFolder, type Skipped } from './sources/work-tree.js';
import type { Finding } from './types.js';
import { VERSION } from './version.js';

export const FILE_UNREADABLE = 'file-unreadable';

export class UsageError extends Error {}

/** A repository-relative folder, refusing paths that leave the repository. */
export function checkFolder(root: string, path: string): string {
  const normalized = posix.normalize(path.replace(/\\/g, '/')).replace(/\/$/, '');
  const folder = normalized === '.' ? '' : normalized;
  if (isAbsolute(path) || folder === '..' || folder.startsWith('../')) {
    throw new UsageError(`The path "${path}" is outside the repository; give a folder inside it.`);
  }
  const absolute = join(root, folder);
  if (!existsSync(absolute) || !statSync(absolute).isDirectory()) {
    throw new UsageError(`There is no proposals folder at "${folder || '.'}".`);
  }
  return folder;
}

/** Reads a proposals folder from the work tree and lints it: what both front doors share. */
export async function lintFolder(
  root: string,
  folder: string,
  targets?: ReadonlySet<string>,
): Promise<Report> {
  const { input, skipped } = await readFolder(root, folder, targets);
  const result = lint(input);
  return buildReport(result, { folder, version: VERSION, extra: skipped.map(skippedFinding) });
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
