import type { Config } from '../config/config.js';
import { compare, touchesProposals, type CompareResult } from '../core/compare.js';
import { countApprovals } from '../rules/github/approvals.js';
import { documentStatus, fileNameNumber } from '../rules/helpers.js';
import { baseName } from '../parse/document.js';
import { parseIndex } from '../parse/index-readme.js';
import { couldRead, type PullRequestFacts } from '../model/pull-request-facts.js';
import { FILE_UNREADABLE } from '../rules/engine-notes.js';
import { noteMessage } from '../core/engine.js';
import {
  buildChangeReport,
  emptyChangeReport,
  type PreExisting,
  type Report,
} from '../report/report.js';
import { tooLarge } from '../model/limits.js';
import { Git } from '../sources/git.js';
import { touchedPaths, type FileChange } from '../model/file-change.js';
import { loadConfig } from '../config/find.js';
import { UsageError } from '../model/usage-error.js';
import { checkFolder, locate } from '../sources/folder.js';
import { isRevision } from '../sources/revision.js';
import {
  GitSnapshot,
  readChange,
  readInput,
  WorkTreeSnapshot,
  type Snapshot,
} from '../sources/snapshot.js';
import { layoutOf, samePath, type Layout } from '../model/layout.js';
import { VERSION } from '../model/version.js';
import { noteFindings } from './file-notes.js';

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
  pullRequest?: PullRequestFacts | null;
}

/**
 * Judges a change: the base's template and index are trusted, the head's changed proposals are
 * linted fully and the rest of the folder only for numbers and statuses.
 */
export async function judgeChange(options: ChangeOptions): Promise<Report> {
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
  const needed = await neededProposals(options, layout);
  const baseRead = await readInput(options.base.snapshot, layout, { needed });
  const headOptions = { template: baseRead.input.template, needed };
  // Between two commits, git's diff lists every path the change touched: the rest is the base's.
  const bothCommits =
    options.base.snapshot instanceof GitSnapshot && options.head.snapshot instanceof GitSnapshot;
  const reread = bothCommits
    ? await readChange(baseRead, options.head.snapshot, layout, touchedPaths(changes), headOptions)
    : null;
  const headRead = reread ?? (await readInput(options.head.snapshot, layout, headOptions));
  // An index left as it was, and not read at the base, was not read at the head either.
  const headNotes = reread
    ? [...reread.notes, ...baseRead.notes.filter((note) => samePath(note.file, layout.index))]
    : headRead.notes;
  const result = compare({
    base: { ...baseRead.input, ...settings },
    head: { ...headRead.input, ...settings },
    changes,
    layout,
    pullRequest: options.pullRequest,
    approvals: config.approvals,
    folderReplaced: await folderReplaced(
      options.base.snapshot,
      options.head.snapshot,
      layout.folder,
    ),
  });
  if (couldRead(options.pullRequest ?? null, 'approvals-required')) {
    notes.push(...approvalNotes(result, options.pullRequest as PullRequestFacts, config));
  }
  const changed = new Set(changes.map((change) => change.path));
  // The index is read for every change: when it could not be, every change is told.
  const extra = noteFindings(
    headNotes.filter((note) => changed.has(note.file) || samePath(note.file, layout.index)),
    config,
  ).map((finding) =>
    // A changed proposal that cannot be read cannot be judged: that must not pass the gate.
    finding.ruleId === FILE_UNREADABLE && !samePath(finding.file, layout.index)
      ? {
          ...finding,
          severity: 'error' as const,
          ...noteMessage(FILE_UNREADABLE, {
            messageId: 'changeUnjudged',
            data: { note: finding.message },
          }),
        }
      : finding,
  );
  return buildChangeReport(result, { ...common, extra });
}

/** The proposals folder, or a folder above it, when the change made it a link or a submodule. */
async function folderReplaced(base: Snapshot, head: Snapshot, folder: string) {
  const parts = folder ? folder.split('/') : [];
  for (let end = 1; end <= parts.length; end++) {
    const path = parts.slice(0, end).join('/');
    if ((await base.folderKind(path)) !== 'folder') return null;
    const kind = await head.folderKind(path);
    if (kind === 'symlink' || kind === 'submodule') return { folder: path, kind };
    if (kind !== 'folder') return null;
  }
  return null;
}

/**
 * The proposals a change's findings can depend on: the changed ones, those whose index row the
 * change edits, and those whose number is not in their file name. The rest of the folder is known
 * by file name only, so that judging one changed KLIP costs the same in a folder of 50 or 5,000.
 */
async function neededProposals(
  options: ChangeOptions,
  layout: Layout,
): Promise<(path: string) => boolean> {
  const changed = new Set(touchedPaths(options.changes));
  // An index the change leaves alone has no edited rows: it need not be read twice here.
  const indexEdited = options.changes.some((change) =>
    [change.path, change.previousPath].some((path) => path && samePath(path, layout.index)),
  );
  const rows = async (snapshot: Snapshot) => {
    const text = await snapshot.readText(layout.index);
    // An index over the size limit is not parsed (the read says so).
    const index = text === null || tooLarge(text) ? null : parseIndex({ path: layout.index, text });
    return new Map(
      (index?.rows ?? []).map((row) => [row.number, `${row.text}|${row.href}|${row.status}`]),
    );
  };
  const [before, after] = indexEdited
    ? await Promise.all([rows(options.base.snapshot), rows(options.head.snapshot)])
    : [new Map(), new Map()];
  const edited = new Set(
    [...before.keys(), ...after.keys()].filter(
      (number) => before.get(number) !== after.get(number),
    ),
  );
  return (path) => {
    const number = fileNameNumber(baseName(path));
    return changed.has(path) || number === null || edited.has(number);
  };
}

/** Who approved, for each proposal whose new status needs approvals: the summary lists them. */
function approvalNotes(result: CompareResult, facts: PullRequestFacts, config: Config): string[] {
  const { template, vocabulary } = result.head;
  const countStale = config.rules['approvals-required']?.options?.countStale === true;
  return result.klips.flatMap((klip) => {
    if (!klip.head) return [];
    const status = documentStatus(klip.head, template, vocabulary);
    if (!status || status.match.kind === 'unknown') return [];
    const before = klip.base ? documentStatus(klip.base, template, vocabulary) : null;
    if (before?.match.kind !== 'unknown' && before?.match.status === status.match.status) return [];
    const required = config.approvals[status.match.status.name] ?? 0;
    if (required === 0) return [];
    const files = [klip.head.file, ...(klip.base ? [klip.base.file] : [])];
    const { counted } = countApprovals(facts, files, countStale);
    return [
      `KLIP ${klip.head.number ?? '?'} at ${status.match.status.name}: approved by ${names(counted) || 'nobody yet'} (${counted.length} of ${required} needed from people with write access).`,
    ];
  });
}

/** Ten names at most: a thousand proposals approved by sixty writers must fit in a summary. */
function names(list: string[]): string {
  const shown = list.slice(0, 10).join(', ');
  return list.length > 10 ? `${shown} and ${list.length - 10} more` : shown;
}

/**
 * Judges the work tree of the repository a folder is in against the merge base of a ref and
 * HEAD: what a pull request from this branch would be told.
 */
export async function judgeWorkTree(
  absoluteFolder: string,
  ref: string,
  preExisting: PreExisting,
  configPath: string | undefined,
): Promise<{ root: string; report: Report }> {
  const probe = new Git(absoluteFolder);
  if (!probe.isRepository())
    throw new UsageError(`--base needs a git repository; ${absoluteFolder} is not in one.`);
  if (!isRevision(ref)) {
    throw new UsageError(
      `--base: ${JSON.stringify(ref.slice(0, 100))} is not a branch, tag or commit id (git's ref-name rules, with ~N or ^N after it).`,
    );
  }
  const { root, toPath } = locate(absoluteFolder, absoluteFolder);
  const git = new Git(root);
  const target = git.resolve(ref);
  if (!target) throw new UsageError(`--base: "${ref}" names no commit here.`);
  // Unrelated histories or a shallow clone: compare with the ref itself.
  const base = git.mergeBase(target, 'HEAD') ?? target;
  const folder = checkFolder(root, toPath(absoluteFolder) || '.');
  const config = await loadConfig(new WorkTreeSnapshot(root), configPath);
  const tracked = git.diff(base, null, '');
  const untracked = git.untracked('').map((path) => ({ status: 'added' as const, path }));
  const report = await judgeChange({
    config: { ...config, path: folder },
    base: { id: base, snapshot: new GitSnapshot(git, base) },
    head: { id: 'work tree', snapshot: new WorkTreeSnapshot(root) },
    changes: [...tracked, ...untracked],
    notes: [],
    preExisting,
  });
  return { root, report };
}
