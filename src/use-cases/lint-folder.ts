import type { Config } from '../config/config.js';
import { lint } from '../core/engine.js';
import { buildReport, type Report } from '../report/report.js';
import { MAX_FILE_BYTES } from '../model/limits.js';
import { parseInParallel } from '../sources/parallel.js';
import { readInput, WorkTreeSnapshot } from '../sources/snapshot.js';
import { layoutOf, proposalMatcher } from '../model/layout.js';
import { VERSION } from '../model/version.js';
import { noteFindings } from './file-notes.js';

/**
 * Reads a proposals folder from the work tree and lints all of it (or the targets). With
 * `workerEntry` (the running bundle), a large folder is parsed on every core.
 */
export async function lintFolder(
  root: string,
  config: Config,
  targets?: ReadonlySet<string>,
  workerEntry?: URL,
): Promise<Report> {
  const layout = layoutOf(config);
  const snapshot = new WorkTreeSnapshot(root);
  // A large folder is read and parsed by workers; this thread then reads only the index and template.
  // A folder that is a link or a submodule is not entered (readInput reports it).
  const entered = !layout.folder || (await snapshot.folderKind(layout.folder)) === 'folder';
  const isProposal = proposalMatcher(layout);
  const proposals = (entered ? await snapshot.list(layout.folder) : []).filter(
    (entry) =>
      entry.kind === 'file' && isProposal(entry.path) && (entry.size ?? 0) <= MAX_FILE_BYTES,
  );
  const template = await snapshot.readText(layout.template);
  const parallel =
    workerEntry && !targets
      ? await parseInParallel(
          workerEntry,
          root,
          proposals.map((entry) => ({ path: entry.path, size: entry.size ?? 0 })),
          template === null ? null : { path: layout.template, text: template },
        )
      : null;
  const { input, notes } = await readInput(snapshot, layout, {
    targets,
    ...(parallel ? { needed: () => false } : {}),
  });
  if (parallel) notes.push(...parallel.notes);
  const parsed = parallel
    ? new Map(parallel.documents.map((document) => [document.file, document]))
    : null;
  const result = lint({
    ...input,
    // Files the workers could not read (binary ones) are not proposals, as in this thread.
    proposals: parsed
      ? input.proposals.filter((source) => parsed.has(source.path))
      : input.proposals,
    vocabulary: config.vocabulary,
    settings: config,
    parsed: parsed ?? undefined,
    targetRowsOnly: true,
  });
  const extra = notes.filter((note) => !targets || targets.has(note.file));
  const extraFindings = noteFindings(extra, config);
  return buildReport(result, { folder: layout.folder, version: VERSION, extra: extraFindings });
}
