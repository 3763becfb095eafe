import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../config/config.js';
import { applyFixes } from '../core/apply-fixes.js';
import { lint } from '../core/engine.js';
import { refuseLinkedFolder } from '../sources/folder.js';
import { below, isPlainFile, writeFileSafely } from '../sources/safe-write.js';
import { readInput, WorkTreeSnapshot } from '../sources/snapshot.js';
import { layoutOf } from '../model/layout.js';
import type { Finding, Fix } from '../model/types.js';
import { UsageError } from '../model/usage-error.js';

export interface Applied {
  file: string;
  line: number;
  ruleId: string;
  description: string;
}

/**
 * Rewrites what is mechanical, in place, pass after pass until nothing more can be fixed, so that
 * a second run changes nothing. Files that are not valid UTF-8 are left alone.
 */
export async function fixFolder(
  root: string,
  config: Config,
  targets?: ReadonlySet<string>,
  /** Whether the targets' own index rows only are fixed (false: the whole index, as for `new`). */
  targetRowsOnly = true,
): Promise<Applied[]> {
  const layout = layoutOf(config);
  refuseLinkedFolder(root, layout.folder, '--fix');
  const applied: Applied[] = [];
  for (let pass = 0; pass < 10; pass++) {
    const { input } = await readInput(new WorkTreeSnapshot(root), layout, { targets });
    const { findings } = lint({
      ...input,
      vocabulary: config.vocabulary,
      settings: config,
      targetRowsOnly,
    });
    const fixable = findings.filter((finding) => finding.fix);
    // Each file gets the edits of every fix that touches it, in finding order.
    const byFile = new Map<string, { finding: Finding; edits: Fix['edits'] }[]>();
    for (const finding of fixable) {
      for (const edit of finding.fix?.edits ?? []) {
        const file = edit.file ?? finding.file;
        const list = byFile.get(file) ?? [];
        const entry = list.find((item) => item.finding === finding);
        if (entry) entry.edits.push(edit);
        else list.push({ finding, edits: [edit] });
        byFile.set(file, list);
      }
    }
    const skipped = new Set<Finding>();
    const writes: [string, string][] = [];
    for (const [file, entries] of byFile) {
      const absolute = join(root, file);
      // Nothing is read or written through a link, or outside the repository.
      if (below(root, absolute) === null || !isPlainFile(root, below(root, absolute) as string)) {
        throw new UsageError(
          `--fix does not write ${file}: it is outside the repository, a symbolic link, or in a folder that is one.`,
        );
      }
      const bytes = readFileSync(absolute);
      const text = bytes.toString('utf8');
      // Not valid UTF-8: writing it back would change bytes no fix meant to touch.
      if (!Buffer.from(text, 'utf8').equals(bytes)) {
        entries.forEach((entry) => skipped.add(entry.finding));
        continue;
      }
      const result = applyFixes(
        text,
        entries.map((entry) => entry.edits),
      );
      result.taken.forEach((taken, i) => {
        if (!taken) skipped.add((entries[i] as { finding: Finding }).finding);
      });
      writes.push([absolute, result.text]);
    }
    const done = fixable.filter((finding) => !skipped.has(finding));
    if (done.length === 0) break;
    // Each file whole or not at all: a new file beside it, renamed into place.
    for (const [absolute, text] of writes)
      writeFileSafely([root], absolute, text, { what: 'the fixed file' });
    applied.push(
      ...done.map((finding) => ({
        file: finding.file,
        line: finding.line,
        ruleId: finding.ruleId,
        description: finding.fix?.description ?? '',
      })),
    );
  }
  return applied;
}
