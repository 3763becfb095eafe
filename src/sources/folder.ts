import { existsSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, posix, relative, sep } from 'node:path';
import { UsageError } from '../model/usage-error.js';
import { Git } from './git.js';
import { linkOnPath } from './safe-write.js';

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

/** Refuses to write in a folder that is a symbolic link or under one: it may lead out of the repository. */
export function refuseLinkedFolder(root: string, folder: string, command: string): void {
  const link = folder ? linkOnPath(root, folder) : null;
  if (link !== null) {
    throw new UsageError(
      `${command} does not write in "${folder}": ${link === folder ? 'it is' : `"${link}" is`} a symbolic link, which klip-lint does not write through.`,
    );
  }
}

export interface Located {
  /** The repository's top level: links to other folders of it are inside, wherever the command ran. */
  root: string;
  /** A path below the root, with forward slashes. */
  toPath(absolute: string): string;
}

/**
 * The repository an existing folder is in: git's top level, or, outside git, the working
 * directory when the folder is inside it and the folder's parent otherwise.
 */
export function locate(cwd: string, absoluteFolder: string): Located {
  const top = new Git(absoluteFolder).topLevel();
  // git answers with the real path: compare real paths, so a folder reached through a link is below it.
  const real = (path: string) => {
    try {
      return realpathSync(path);
    } catch {
      return path;
    }
  };
  const root =
    top ?? (relative(cwd, absoluteFolder).startsWith('..') ? dirname(absoluteFolder) : cwd);
  const base = real(root);
  return {
    root,
    toPath: (absolute) => {
      // The last name is kept as it is: a proposal that is a link stays that link.
      const inReal = relative(base, join(real(dirname(absolute)), basename(absolute)));
      const path = inReal.startsWith('..') ? relative(root, absolute) : inReal;
      return path.split(sep).join('/');
    },
  };
}
