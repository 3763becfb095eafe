import {
  closeSync,
  constants,
  lstatSync,
  mkdirSync,
  openSync,
  renameSync,
  unlinkSync,
} from 'node:fs';
import { writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { UsageError } from '../model/usage-error.js';

/**
 * Writes and reads that a pull request's files cannot redirect: a path is taken only when every
 * part of it below a trusted base (the repository, the runner's temp folder) is a real folder,
 * never a symbolic link, so nothing is written or read outside through a link at any depth.
 */

/** The path below `base`, or null when `absolute` is not inside it. */
export function below(base: string, absolute: string): string | null {
  const rel = relative(resolve(base), resolve(absolute));
  if (rel === '') return '';
  if (isAbsolute(rel) || rel === '..' || rel.startsWith(`..${sep}`)) return null;
  return rel;
}

/**
 * The first part of `rel` (a path below `base`) that is a symbolic link, as a path below
 * `base`; null when there is none. Parts that do not exist end the walk: nothing is there to follow.
 * A path that climbs out of `base` is itself the answer: it is not followed either.
 */
export function linkOnPath(base: string, rel: string): string | null {
  if (below(base, join(base, rel)) === null) return rel;
  const parts = rel.split(/[\\/]+/).filter((part) => part !== '' && part !== '.');
  let current = '';
  for (const part of parts) {
    current = current ? join(current, part) : part;
    try {
      if (lstatSync(join(base, current)).isSymbolicLink()) return current;
    } catch {
      return null;
    }
  }
  return null;
}

/** Whether a path below `base` can be read without following a link: a regular file, no link on the way. */
export function isPlainFile(base: string, rel: string): boolean {
  if (linkOnPath(base, rel) !== null) return false;
  try {
    return lstatSync(join(base, rel)).isFile();
  } catch {
    return false;
  }
}

export interface WriteOptions {
  /** What the file is, for messages: "the report file", "the index". */
  what: string;
  /** Create missing folders (one at a time, each a real folder). */
  createFolders?: boolean;
  /** Refuse a file that is already there (a new proposal), instead of replacing it. */
  exclusive?: boolean;
}

/**
 * Writes `text` to `absolute`, which must be inside one of `bases`: the folders on the way must
 * be real folders (not links), and the file is written to a new temporary file beside it and
 * renamed into place, so that a link at the file's path is replaced, never followed, and a reader
 * never sees half a file. With `exclusive`, the file is created fresh and must not exist.
 */
export function writeFileSafely(
  bases: readonly string[],
  absolute: string,
  text: string,
  options: WriteOptions,
): void {
  const { what } = options;
  const target = resolve(absolute);
  const base = bases.find((candidate) => below(candidate, target) !== null);
  if (base === undefined) {
    throw new UsageError(
      `${capitalize(what)} ${absolute} is outside ${bases.length > 1 ? 'the workspace and the runner temp folder' : 'the repository'}; klip-lint writes only inside ${bases.length > 1 ? 'them' : 'it'}.`,
    );
  }
  const rel = below(base, target) as string;
  if (rel === '') throw new UsageError(`${capitalize(what)} ${absolute} is a folder, not a file.`);
  ensureFolders(base, dirname(rel), what, absolute, options.createFolders === true);
  const flags = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW;
  let existing: ReturnType<typeof lstatSync> | null = null;
  try {
    existing = lstatSync(target);
  } catch {
    existing = null;
  }
  if (existing?.isDirectory())
    throw new UsageError(`${capitalize(what)} ${absolute} is a folder, not a file.`);
  if (options.exclusive) {
    if (existing) throw new UsageError(`${absolute} already exists.`);
    writeAll(openSync(target, flags, 0o666), text);
    return;
  }
  // Keep the mode of a file replaced; a link's own mode means nothing.
  const mode = existing?.isFile() ? existing.mode & 0o777 : 0o666;
  const temporary = join(
    dirname(target),
    `.${target.slice(dirname(target).length + 1)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`,
  );
  writeAll(openSync(temporary, flags, mode), text);
  try {
    renameSync(temporary, target);
  } catch (error) {
    try {
      unlinkSync(temporary);
    } catch {
      // Already gone.
    }
    throw error;
  }
}

function writeAll(fd: number, text: string): void {
  try {
    const bytes = Buffer.from(text, 'utf8');
    for (let written = 0; written < bytes.length;) {
      written += writeSync(fd, bytes, written, bytes.length - written);
    }
  } finally {
    closeSync(fd);
  }
}

/** Every folder of `relFolder` below `base` is a real folder; missing ones are made when allowed. */
function ensureFolders(
  base: string,
  relFolder: string,
  what: string,
  shown: string,
  create: boolean,
): void {
  const parts = relFolder.split(/[\\/]+/).filter((part) => part !== '' && part !== '.');
  let current = base;
  for (const part of parts) {
    current = join(current, part);
    let stat: ReturnType<typeof lstatSync> | null = null;
    try {
      stat = lstatSync(current);
    } catch {
      stat = null;
    }
    if (!stat) {
      if (!create) throw new UsageError(`${capitalize(what)} ${shown}: ${current} does not exist.`);
      mkdirSync(current);
      continue;
    }
    if (stat.isSymbolicLink()) {
      throw new UsageError(
        `${capitalize(what)} ${shown} is not written: ${current} is a symbolic link, which klip-lint does not write through.`,
      );
    }
    if (!stat.isDirectory())
      throw new UsageError(`${capitalize(what)} ${shown}: ${current} is not a folder.`);
  }
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
