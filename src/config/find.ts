import { isAbsolute, posix, relative, sep, win32 } from 'node:path';
import type { Snapshot } from '../sources/snapshot.js';
import { DEFAULT_CONFIG, type Config } from './config.js';
import {
  CONFIG_PATHS,
  ConfigError,
  parseConfig,
  validateOverrides,
  type Overrides,
} from './load.js';

/** Reads the configuration file of a snapshot: the given path, else the first of the usual ones. */
export async function loadConfig(snapshot: Snapshot, explicit?: string): Promise<Config> {
  for (const path of explicit ? [explicit] : CONFIG_PATHS) {
    const found = await resolveLinks(snapshot, path);
    const text = await snapshot.readText(found.path);
    if (text !== null) {
      if (text.length > MAX_CONFIG_CHARS)
        throw new ConfigError(
          found.path,
          1,
          1,
          `the configuration file is ${Math.round(text.length / 1024)} KiB; klip-lint reads one of at most ${MAX_CONFIG_CHARS / 1024} KiB.`,
        );
      return parseConfig(text, found.path);
    }
    const kind = await snapshot.folderKind(found.path);
    if (kind === 'folder' || kind === 'submodule')
      throw new ConfigError(
        path,
        1,
        1,
        `is a ${kind === 'folder' ? 'folder' : 'submodule'}, not a configuration file; remove it or put the configuration file in its place.`,
      );
    if (found.via)
      throw new ConfigError(
        path,
        1,
        1,
        `is a symbolic link to ${found.via}, which is no file at ${snapshot.label}; point the link at the configuration file, or replace the link with the file.`,
      );
    if (explicit)
      throw new ConfigError(
        path,
        1,
        1,
        `the configuration file does not exist at ${snapshot.label}.`,
      );
  }
  return DEFAULT_CONFIG;
}

const MAX_LINKS = 16;
/** A configuration is a page or two; a megabyte of YAML is not one. */
const MAX_CONFIG_CHARS = 256 * 1024;

/**
 * The path a configuration path names once its symbolic links (of the file or of a folder on the
 * way) are followed. A link is followed while it stays inside the repository; one that leaves it
 * is an error, never a silent default.
 */
async function resolveLinks(
  snapshot: Snapshot,
  path: string,
): Promise<{ path: string; via?: string }> {
  // A path given to leave the repository (`--config ../shared.yml`) is the user's own choice.
  if (!snapshot.readLink || isAbsolute(path) || posix.normalize(path).startsWith('../'))
    return { path };
  const root = (snapshot as { root?: string }).root;
  const pending = path.split('/');
  const resolved: string[] = [];
  let via: string | undefined;
  for (let links = 0; pending.length > 0;) {
    const segment = pending.shift() as string;
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (resolved.length === 0) return outside(path, via ?? path);
      resolved.pop();
      continue;
    }
    const candidate = [...resolved, segment].join('/');
    let link = await snapshot.readLink(candidate);
    if (link === null) {
      resolved.push(segment);
      continue;
    }
    if (++links > MAX_LINKS)
      throw new ConfigError(
        path,
        1,
        1,
        `goes through more than ${MAX_LINKS} symbolic links; replace the link with the file.`,
      );
    via = link;
    if (posix.isAbsolute(link) || win32.isAbsolute(link)) {
      // Only a work tree has a place on disk an absolute link can point inside.
      const inside = root ? relative(root, link) : '..';
      if (!inside || inside.startsWith('..') || isAbsolute(inside)) return outside(path, link);
      link = inside.split(sep).join('/');
      resolved.length = 0;
    }
    pending.unshift(...link.split('/'));
  }
  return { path: resolved.join('/'), ...(via ? { via } : {}) };
}

function outside(path: string, link: string): never {
  throw new ConfigError(
    path,
    1,
    1,
    `is a symbolic link to ${link}, outside the repository; klip-lint reads its configuration only from inside the repository: replace the link with the file.`,
  );
}

/** Inputs win over the file, the file over the defaults. */
export function applyOverrides(config: Config, overrides: Overrides): Config {
  const valid = validateOverrides(overrides);
  const rules = { ...config.rules };
  for (const [id, setting] of Object.entries(valid.rules ?? {}))
    rules[id] = { ...rules[id], ...setting };
  return {
    ...config,
    path: valid.path ?? config.path,
    rules,
    ignore: {
      files: [...config.ignore.files, ...(valid.ignore?.files ?? [])],
      numbers: [...config.ignore.numbers, ...(valid.ignore?.numbers ?? [])],
    },
  };
}
