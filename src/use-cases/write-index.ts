import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../config/config.js';
import { planIndex, type LoweredStatus } from '../catalogue/index-writer.js';
import { UsageError } from '../model/usage-error.js';
import { linkOnPath, writeFileSafely } from '../sources/safe-write.js';
import { readFolder } from './list-proposals.js';

export interface IndexPlan {
  /** The index's path in the repository. */
  path: string;
  /** Its text now, null when there is none. */
  before: string | null;
  /** What `klip-lint index` writes. */
  after: string;
  /** Rows the files move back in the process order: the file may be the stale side. */
  lowered: LoweredStatus[];
}

/** The index as the proposals say it should be. */
export async function planIndexUpdate(root: string, config: Config): Promise<IndexPlan> {
  const folder = await readFolder(root, config);
  const path = folder.layout.index;
  const absolute = join(root, path);
  const link = linkOnPath(root, path);
  if (link !== null)
    throw new UsageError(
      `${link} is a symbolic link; klip-lint does not read or write the index through links.`,
    );
  let before: string | null = null;
  if (existsSync(absolute)) {
    const bytes = readFileSync(absolute);
    before = bytes.toString('utf8');
    // Not valid UTF-8: writing it back would change bytes nobody meant to touch.
    if (!Buffer.from(before, 'utf8').equals(bytes))
      throw new UsageError(`${path} is not valid UTF-8; klip-lint leaves it alone.`);
  }
  const { text: after, lowered } = planIndex({
    path,
    text: before,
    documents: folder.documents,
    template: folder.template,
    vocabulary: folder.vocabulary,
    exists: folder.exists,
  });
  return { path, before, after, lowered };
}

/** Writes the planned index in place, never through a link. */
export function writeIndex(root: string, plan: IndexPlan): void {
  writeFileSafely([root], join(root, plan.path), plan.after, { what: 'the index' });
}
