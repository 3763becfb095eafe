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
    const text = await snapshot.readText(path);
    if (text !== null) return parseConfig(text, path);
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
